#pragma once
// One inspection finding and its severity. A finding never carries the secret it is about: the
// excerpt holds only its first characters (see docs/inspect.md).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vouch::inspect {

enum class Severity { low, moderate, high, critical };

std::string_view severity_name(Severity severity);

struct Finding {
    std::string rule;
    Severity severity = Severity::high;
    std::string file;       // relative, '/'-separated
    std::size_t line = 1;   // 1-based; file-level findings point at 1:1
    std::size_t column = 1; // 1-based, in bytes
    std::string excerpt;    // redacted: first characters only, then "..."
    std::string detail;     // what was found and why it matters (never the secret)
    // Set when an unexpired policy exception covers the finding: it is still reported but no
    // longer counts against the threshold.
    std::optional<std::string> suppressed_by; // "reason (owner, until DATE)"
};

// The first `keep` characters of `secret` followed by "..." (the whole value is never kept).
std::string redact(std::string_view secret, std::size_t keep);

} // namespace vouch::inspect
