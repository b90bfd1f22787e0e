#include "check_output.hpp"

#include "command.hpp"

#include <iostream>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>

namespace vouch::cli {

Result<int> finish_check_output(const check::Output& out, const std::string& output_file,
                                const char* what) {
    if (output_file.empty()) {
        std::cout << out.rendered << std::flush;
    } else {
        VOUCH_TRY(util::write_output_atomic(output_file, {out.rendered}));
    }
    // Warnings quote policy values (exception package, owner) and VEX/ignore entries.
    for (const auto& warning : out.warnings) {
        warn(warning);
    }
    if (!out.pass) {
        std::cerr << "vouch: " << what << " failed: " << out.failure << '\n';
        return exit_fail;
    }
    return exit_pass;
}

} // namespace vouch::cli
