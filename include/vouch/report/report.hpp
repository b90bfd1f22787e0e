#pragma once
// Renderings of a scan: JSON (the verdict document), a terminal table, SARIF 2.1.0.
#include <optional>
#include <string>
#include <vector>
#include <vouch/scan/run.hpp>
#include <vouch/scan/scan.hpp>
#include <vouch/scan/suppress.hpp>

namespace vouch::report {

// The report model lives with the scan pipeline (scan::run returns it); these are its names here.
using DatabaseProvenance = scan::DatabaseProvenance;
using ScanReport = scan::Report;
using Verdict = scan::Verdict;

// Fails on unsuppressed findings over the gate, or when --strict and the database is older than
// --max-db-age (scan::decide).
using scan::decide;

std::string render_json(const ScanReport& report, const Verdict& verdict);
std::string render_table(const ScanReport& report, const Verdict& verdict, bool color);
std::string render_sarif(const ScanReport& report);
// "Failed the gate (LEVEL):" and one line per failing finding (id, package@version, severity),
// escaped for a terminal; empty when none failed. The table ends with it; `vouch scan` prints it
// on stderr when the report goes elsewhere.
std::string failing_lines(const ScanReport& report, const Verdict& verdict);
// One of the above by name: "json" | "sarif" | "table" (colour only for the table).
std::string render(std::string_view format, const ScanReport& report, const Verdict& verdict,
                   bool color);

} // namespace vouch::report
