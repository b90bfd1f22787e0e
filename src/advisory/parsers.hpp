#pragma once
// Internal: one parser per feed format over an already-parsed JSON root.
#include "json_access.hpp"

#include <string>
#include <vector>
#include <vouch/advisory/advisory.hpp>

namespace vouch::advisory::detail {

struct Batch {
    std::vector<Advisory> advisories;
    std::size_t withdrawn = 0;
};

// Format names as SourceInfo::format reports them.
inline constexpr const char* k_format_osv = "osv";
inline constexpr const char* k_format_npm_bulk = "npm-bulk";
inline constexpr const char* k_format_npm_quick = "npm-quick-audit";
inline constexpr const char* k_format_security_wg = "nodejs-security-wg";
inline constexpr const char* k_format_graphql = "github-graphql";

// Detects the format of `root` and appends its advisories; returns the format name.
Result<std::string> parse_any(Element root, const Fields& fields, Batch& out);

Status parse_osv(Element root, const Fields& fields, const std::string& path, Batch& out);
Status parse_npm_bulk(Object root, const Fields& fields, Batch& out);
Status parse_npm_quick_audit(Object root, const Fields& fields, Batch& out);
Status parse_security_wg(Object record, const Fields& fields, const std::string& path, Batch& out);
Status parse_github_graphql(Object root, const Fields& fields, Batch& out);

// Shared helpers.
void add_unique(std::vector<std::string>& list, std::string value);
// "https://github.com/advisories/GHSA-xxxx-xxxx-xxxx" -> "GHSA-xxxx-xxxx-xxxx" (else empty).
std::string ghsa_from_url(std::string_view url);
// "https://www.npmjs.com/advisories/755" -> "NPM-755" (else empty).
std::string npm_id_from_url(std::string_view url);
// CVSS base score -> qualitative rating (CVSS v3 bands).
Severity severity_from_score(double score);
// A CVSS vector we keep (v3.x or v4.0, as given); false for v2 and junk.
bool is_supported_cvss_vector(std::string_view vector);

} // namespace vouch::advisory::detail
