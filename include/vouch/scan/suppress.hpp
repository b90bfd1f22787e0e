#pragma once
// Suppressions: the ignore file (docs/scan.md) and VEX documents (OpenVEX v0.2.0, CycloneDX 1.6).
// A suppressed finding is still reported, marked; it no longer counts against the gate.
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/scan/scan.hpp>
#include <vouch/util/clock.hpp>

namespace vouch::scan {

struct IgnoreEntry {
    std::string id;                // advisory id or any alias
    std::string package;           // optional
    std::vector<std::string> path; // optional: package names from the root (root name optional)
    std::string location;          // optional: "node_modules/a/node_modules/b" instead of path
    std::string reason;
    std::string owner;
    std::string expires;                       // as written; empty = never
    std::optional<util::TimePoint> expires_at; // the first instant it no longer applies
    std::size_t line = 0;
};

struct IgnoreFile {
    std::string file;
    std::vector<IgnoreEntry> entries;
};

// Errc::parse with FILE:LINE:COL for malformed JSON, wrong types, unknown keys, missing
// id/reason, bad dates.
Result<IgnoreFile> parse_ignore_file(std::string_view text, const std::string& file);

struct VexStatement {
    std::vector<std::string> ids;      // vulnerability name/id and aliases
    std::vector<std::string> products; // normalised purls: "pkg:npm/name" or "pkg:npm/name@1.2.3"
    std::string status;                // OpenVEX status / CycloneDX analysis.state
    std::string justification;
    std::string detail; // impact statement / analysis detail
    std::optional<util::TimePoint> timestamp;
    std::size_t order = 0; // position in the document (ties on timestamp)
};

struct VexDocument {
    std::string file;
    std::string format; // "openvex" | "cyclonedx-vex"
    std::vector<VexStatement> statements;
    std::vector<std::string> warnings; // statements ignored, with why
};

// Detects the format. Errc::parse / Errc::unsupported with FILE:LINE:COL on bad input.
Result<VexDocument> parse_vex(std::string_view text, const std::string& file);

// "pkg:npm/%40s/b@1.0.0?x=y#p" -> "pkg:npm/@s/b@1.0.0"; empty when not an npm purl.
std::string normalize_npm_purl(std::string_view purl);

struct SuppressionOutcome {
    std::vector<std::string> warnings; // expired entries, unused entries, ignored statements
    struct Expired {
        std::string id, package, owner, reason, expires, file;
        std::size_t line = 0;
        bool matched = false; // it would have suppressed a current finding
    };
    std::vector<Expired> expired;
};

// Marks findings suppressed (ignore entries first, then VEX). `root_name` lets a VEX statement
// whose product is the project itself (no subcomponents) cover all of its dependencies.
SuppressionOutcome apply_suppressions(std::vector<Finding>& findings,
                                      const std::vector<IgnoreFile>& ignores,
                                      const std::vector<VexDocument>& vex, util::TimePoint now,
                                      std::string_view root_name);

} // namespace vouch::scan
