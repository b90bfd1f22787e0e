#pragma once
// Which audit controls each check gives evidence for, and what an auditor still needs beyond it.
// Condensed from ../shared/reference/controls.md §2 (F2, F3, F4, F8) and §3 (compiled
// 2026-11-23 from public secondary sources; see its §4). Wording rule from its §0: vouch gives
// evidence FOR a control; it never satisfies or implements one.
#include <string_view>
#include <vector>

namespace vouch::check::detail {

struct ControlRow {
    std::string_view check;    // "Advisory scan", "Licence policy", ...
    std::string_view control;  // "ISO 27001:2013 A.12.6.1 / 2022 8.8"
    std::string_view evidence; // what this report shows
    std::string_view still_needed;
};

const std::vector<ControlRow>& control_rows();
// Controls the report must not present as covered (controls.md §3).
const std::vector<std::string_view>& not_evidenced();

} // namespace vouch::check::detail
