#pragma once
// `--require-gate LEVEL`, read the same way by verify and gate: any case, `medium` = moderate.
#include <string>
#include <vouch/scan/run.hpp>
#include <vouch/util/result.hpp>

namespace vouch::cli {

inline Result<std::string> parse_require_gate(const std::string& text) {
    const auto gate = scan::parse_gate(text);
    if (!gate) {
        return fail(Errc::usage,
                    "--require-gate: '" + text +
                        "' is not any, low, moderate (medium), high, critical or none");
    }
    return std::string(scan::to_string(*gate));
}

} // namespace vouch::cli
