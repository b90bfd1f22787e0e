// The ignore file: a small JSON document of reviewed, owned, expiring suppressions.
#include "json_locate.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <vouch/scan/suppress.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::scan {

namespace {

using detail::error_at;
using detail::JsonPath;
using nlohmann::json;

Result<std::string> string_field(std::string_view text, const std::string& file, const json& object,
                                 const char* key, const JsonPath& at, bool required) {
    auto it = object.find(key);
    JsonPath path = at;
    path.emplace_back(std::string(key));
    if (it == object.end()) {
        if (required) {
            return tl::unexpected(error_at(text, file, at, std::string("missing \"") + key + '"'));
        }
        return std::string();
    }
    if (!it->is_string()) {
        return tl::unexpected(
            error_at(text, file, path, std::string("\"") + key + "\" must be a string"));
    }
    std::string value = it->get<std::string>();
    if (required && value.empty()) {
        return tl::unexpected(
            error_at(text, file, path, std::string("\"") + key + "\" must not be empty"));
    }
    return value;
}

} // namespace

Result<IgnoreFile> parse_ignore_file(std::string_view text, const std::string& file) {
    json document;
    if (auto malformed = util::check_json_syntax(text, file, Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    // check_json_syntax() accepted the text, so this parse does not throw.
    document = json::parse(text.begin(), text.end());
    if (!document.is_object()) {
        return tl::unexpected(error_at(text, file, {}, "the ignore file must be a JSON object"));
    }
    for (auto it = document.begin(); it != document.end(); ++it) {
        const std::string& key = it.key();
        if (key != "version" && key != "ignore" && key != "$schema" && key != "comment") {
            return tl::unexpected(error_at(
                text, file, {key}, "unknown key \"" + key + "\" (expected version, ignore)"));
        }
    }
    if (auto version = document.find("version"); version != document.end()) {
        if (!version->is_number_integer() || version->get<std::int64_t>() != 1) {
            Error error = error_at(text, file, {std::string("version")},
                                   "unsupported ignore file version (this vouch reads 1)");
            error.code = Errc::unsupported;
            return tl::unexpected(error);
        }
    }
    IgnoreFile result;
    result.file = file;
    auto list = document.find("ignore");
    if (list == document.end()) {
        return tl::unexpected(error_at(text, file, {}, "missing \"ignore\" (an array of entries)"));
    }
    if (!list->is_array()) {
        return tl::unexpected(
            error_at(text, file, {std::string("ignore")}, "\"ignore\" must be an array"));
    }
    static const std::vector<std::string> known = {"id",    "package", "path",   "reason",
                                                   "owner", "expires", "comment"};
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        JsonPath at = {std::string("ignore"), i};
        if (!item.is_object()) {
            return tl::unexpected(error_at(text, file, at, "an ignore entry must be an object"));
        }
        for (auto it = item.begin(); it != item.end(); ++it) {
            if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
                JsonPath key_at = at;
                key_at.emplace_back(it.key());
                return tl::unexpected(error_at(
                    text, file, key_at,
                    "unknown key \"" + it.key() +
                        "\" (expected id, package, path, reason, owner, expires, comment)"));
            }
        }
        IgnoreEntry entry;
        entry.line = util::position_of(text, detail::locate(text, at)).line;
        VOUCH_TRY_ASSIGN(entry.id, string_field(text, file, item, "id", at, true));
        VOUCH_TRY_ASSIGN(entry.package, string_field(text, file, item, "package", at, false));
        VOUCH_TRY_ASSIGN(entry.reason, string_field(text, file, item, "reason", at, true));
        VOUCH_TRY_ASSIGN(entry.owner, string_field(text, file, item, "owner", at, false));
        VOUCH_TRY_ASSIGN(entry.expires, string_field(text, file, item, "expires", at, false));
        if (!entry.expires.empty()) {
            auto when = util::parse_rfc3339(entry.expires);
            JsonPath expires_at = at;
            expires_at.emplace_back(std::string("expires"));
            if (!when) {
                return tl::unexpected(
                    error_at(text, file, expires_at,
                             "\"expires\" must be a date (YYYY-MM-DD) or an RFC 3339 date-time"));
            }
            // A plain date means "through the end of that day" (UTC).
            bool date_only = entry.expires.size() == 10;
            entry.expires_at = date_only ? *when + std::chrono::days(1) : *when;
        }
        if (auto path = item.find("path"); path != item.end()) {
            JsonPath path_at = at;
            path_at.emplace_back(std::string("path"));
            if (path->is_string()) {
                entry.location = path->get<std::string>();
            } else if (path->is_array()) {
                for (std::size_t k = 0; k < path->size(); ++k) {
                    if (!(*path)[k].is_string()) {
                        JsonPath element = path_at;
                        element.emplace_back(k);
                        return tl::unexpected(
                            error_at(text, file, element, "path entries must be package names"));
                    }
                    entry.path.push_back((*path)[k].get<std::string>());
                }
            } else {
                return tl::unexpected(error_at(
                    text, file, path_at,
                    "\"path\" must be an array of package names or a node_modules location"));
            }
            if (entry.path.empty() && entry.location.empty()) {
                return tl::unexpected(error_at(text, file, path_at, "\"path\" must not be empty"));
            }
        }
        result.entries.push_back(std::move(entry));
    }
    return result;
}

} // namespace vouch::scan
