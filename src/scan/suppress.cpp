// Applying ignore entries and VEX statements to findings.
#include <algorithm>
#include <cctype>
#include <set>
#include <vouch/scan/suppress.hpp>

namespace vouch::scan {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool names_vulnerability(const Finding& finding, std::string_view id) {
    if (iequals(finding.id, id)) {
        return true;
    }
    return std::any_of(finding.aliases.begin(), finding.aliases.end(),
                       [id](const std::string& alias) { return iequals(alias, id); });
}

bool entry_covers_install(const IgnoreEntry& entry, const Install& install) {
    if (!entry.location.empty()) {
        return entry.location == install.location;
    }
    if (entry.path.empty()) {
        return true;
    }
    if (entry.path == install.chain) {
        return true;
    }
    // The root's name may be left out: ["next", "postcss"].
    return install.chain.size() == entry.path.size() + 1 &&
           std::equal(entry.path.begin(), entry.path.end(), install.chain.begin() + 1);
}

// "pkg:npm/@s/b@1.0.0" -> {"@s/b", "1.0.0"}; version empty when absent.
std::pair<std::string, std::string> split_purl(const std::string& purl) {
    std::string rest = purl.substr(8);
    std::size_t at = rest.rfind('@');
    if (at == std::string::npos || at == 0) {
        return {rest, {}};
    }
    return {rest.substr(0, at), rest.substr(at + 1)};
}

bool statement_covers(const VexStatement& statement, const Finding& finding,
                      std::string_view root_name) {
    if (!std::any_of(statement.ids.begin(), statement.ids.end(),
                     [&](const std::string& id) { return names_vulnerability(finding, id); })) {
        return false;
    }
    for (const auto& product : statement.products) {
        auto [name, version] = split_purl(product);
        if (name == finding.package && (version.empty() || version == finding.version)) {
            return true;
        }
        // The project itself, without subcomponents: everything it contains.
        if (!root_name.empty() && name == root_name && name != finding.package) {
            return true;
        }
    }
    return false;
}

bool suppresses(const VexStatement& statement) {
    return statement.status == "not_affected" || statement.status == "fixed" ||
           statement.status == "false_positive" || statement.status == "resolved";
}

} // namespace

SuppressionOutcome apply_suppressions(std::vector<Finding>& findings,
                                      const std::vector<IgnoreFile>& ignores,
                                      const std::vector<VexDocument>& vex, util::TimePoint now,
                                      std::string_view root_name) {
    SuppressionOutcome outcome;
    for (const auto& ignore : ignores) {
        for (const auto& entry : ignore.entries) {
            bool expired = entry.expires_at && now >= *entry.expires_at;
            // Each part of the entry must match something, or it is reported as unused:
            // the id, then the package, then the path/location.
            bool id_matched = false;
            bool package_matched = false;
            bool path_matched = false;
            for (auto& finding : findings) {
                if (!names_vulnerability(finding, entry.id)) {
                    continue;
                }
                id_matched = true;
                if (!entry.package.empty() && entry.package != finding.package) {
                    continue;
                }
                package_matched = true;
                for (const auto& install : finding.installs) {
                    path_matched = path_matched || entry_covers_install(entry, install);
                }
                if (expired || finding.suppression) {
                    continue;
                }
                for (const auto& install : finding.installs) {
                    if (entry_covers_install(entry, install) &&
                        std::find(finding.suppressed_locations.begin(),
                                  finding.suppressed_locations.end(),
                                  install.location) == finding.suppressed_locations.end()) {
                        finding.suppressed_locations.push_back(install.location);
                    }
                }
                if (finding.suppressed_locations.size() == finding.installs.size()) {
                    finding.suppression =
                        Suppression{entry.reason, "ignore",      ignore.file, entry.line,
                                    entry.owner,  entry.expires, {}};
                }
            }
            const bool used = path_matched;
            const std::string where = ignore.file + ":" + std::to_string(entry.line);
            if (expired) {
                outcome.expired.push_back({entry.id, entry.package, entry.owner, entry.reason,
                                           entry.expires, ignore.file, entry.line, used});
                outcome.warnings.push_back(
                    where + ": ignore entry for " + entry.id +
                    (entry.owner.empty() ? "" : " (owner " + entry.owner + ")") + " expired on " +
                    entry.expires + (used ? "; the finding is reported again" : ""));
            } else if (!id_matched) {
                outcome.warnings.push_back(where + ": ignore entry for " + entry.id +
                                           " matches no finding");
            } else if (!package_matched) {
                outcome.warnings.push_back(where + ": ignore entry for " + entry.id + ": package " +
                                           entry.package + " matches no finding of it");
            } else if (!path_matched) {
                std::string part = entry.location.empty() ? "path [" : "location " + entry.location;
                if (entry.location.empty()) {
                    for (std::size_t i = 0; i < entry.path.size(); ++i) {
                        part += (i ? ", " : "") + entry.path[i];
                    }
                    part += "]";
                }
                outcome.warnings.push_back(where + ": ignore entry for " + entry.id + ": " + part +
                                           " matches no install of it (see the finding's paths)");
            }
        }
    }

    for (auto& finding : findings) {
        if (finding.suppression) {
            continue;
        }
        const VexStatement* latest = nullptr;
        const VexDocument* latest_doc = nullptr;
        for (const auto& document : vex) {
            for (const auto& statement : document.statements) {
                if (!statement_covers(statement, finding, root_name)) {
                    continue;
                }
                // The newest statement wins (OpenVEX's history model); later order breaks ties.
                if (!latest || statement.timestamp.value_or(util::TimePoint{}) >=
                                   latest->timestamp.value_or(util::TimePoint{})) {
                    latest = &statement;
                    latest_doc = &document;
                }
            }
        }
        if (latest && suppresses(*latest)) {
            std::string reason = latest->status;
            if (!latest->justification.empty()) {
                reason += " (" + latest->justification + ")";
            }
            if (!latest->detail.empty()) {
                reason += ": " + latest->detail;
            }
            finding.suppression = Suppression{reason, latest_doc->format,   latest_doc->file, 0, {},
                                              {},     latest->justification};
        }
    }
    for (const auto& document : vex) {
        outcome.warnings.insert(outcome.warnings.end(), document.warnings.begin(),
                                document.warnings.end());
    }
    return outcome;
}

} // namespace vouch::scan
