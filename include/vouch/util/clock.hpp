#pragma once
// The one clock of vouch. Tests pin it with VOUCH_NOW (RFC 3339), so expiry and age rules are
// testable; nothing else may call system_clock::now().
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vouch/util/result.hpp>

namespace vouch::util {

using TimePoint = std::chrono::sys_seconds;

// VOUCH_NOW when set (an unparsable value is a usage error), else the system clock.
Result<TimePoint> now();

// SOURCE_DATE_EPOCH when set (reproducible builds), else now().
Result<TimePoint> build_time();

// "2026-11-23T15:04:05Z" (UTC, seconds precision).
std::string format_rfc3339(TimePoint t);

// Accepts RFC 3339 date-times ("Z" or "+hh:mm" offsets, optional fraction) and plain dates
// (YYYY-MM-DD, taken as midnight UTC).
std::optional<TimePoint> parse_rfc3339(std::string_view text);

} // namespace vouch::util
