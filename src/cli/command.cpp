#include "command.hpp"

#include <algorithm>
#include <iostream>
#include <vouch/util/text.hpp>

namespace vouch::cli {

namespace {
std::vector<Registered>& registry() {
    static std::vector<Registered> commands;
    return commands;
}
} // namespace

bool register_command(std::string name, std::string description, Setup setup, Listing listing) {
    registry().push_back({std::move(name), std::move(description), std::move(setup), listing});
    return true;
}

const std::vector<Registered>& registered_commands() {
    auto& commands = registry();
    std::sort(commands.begin(), commands.end(),
              [](const Registered& a, const Registered& b) { return a.name < b.name; });
    return commands;
}

// Warnings quote lockfile names, policy values, feed fields and file names: escaped here, once,
// as Error::describe() does for errors, so no caller can forget it.
void warn(const std::string& message) {
    std::cerr << "vouch: warning: " << util::escape_for_terminal(message) << '\n';
}

} // namespace vouch::cli
