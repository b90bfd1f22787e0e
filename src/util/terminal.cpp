#include <cstdlib>
#include <unistd.h>
#include <vouch/util/terminal.hpp>

namespace vouch::util {

bool use_color(std::FILE* stream) {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') {
        return false;
    }
    return ::isatty(::fileno(stream)) != 0;
}

} // namespace vouch::util
