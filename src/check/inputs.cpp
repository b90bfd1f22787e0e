#include "inputs.hpp"

#include <vouch/util/file.hpp>

namespace vouch::check::detail {

Result<Inputs> read_inputs(const Request& request) {
    Inputs out;
    // The policy first: a typo in it should fail before any slow work.
    if (request.policy_file.empty()) {
        out.policy = policy::builtin_default();
    } else {
        VOUCH_TRY_ASSIGN(out.policy, policy::load(request.policy_file));
    }
    VOUCH_TRY_ASSIGN(out.input, scan::load_input(request.path));
    if (out.input.kind == "package-lock") {
        const auto manifest = out.input.path.parent_path() / "package.json";
        std::error_code ec;
        if (std::filesystem::exists(manifest, ec)) {
            VOUCH_TRY_ASSIGN(auto text, util::read_file(manifest, std::uintmax_t{16} << 20));
            out.package_json = std::move(text);
        }
    }
    out.generated = util::format_rfc3339(request.now);
    out.today = out.generated.substr(0, 10);
    return out;
}

std::string expired_warning(const policy::Exception& e) {
    return "policy exception for " + e.package + (e.version.empty() ? "" : "@" + e.version) + " (" +
           e.check + (e.rule.empty() ? "" : "/" + e.rule) + ", line " + std::to_string(e.line) +
           ", owner " + e.owner + ") expired on " + e.expires + " and no longer applies";
}

} // namespace vouch::check::detail
