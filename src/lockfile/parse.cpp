// Reads lockfileVersion 1 (nested `dependencies`) and 2/3 (`packages` map) into the model with
// simdjson's On-Demand API, straight from the lockfile text the model owns: a string without a
// backslash escape becomes a view into that text (no copy); only the few with escapes are
// unescaped into the arena.
//
// On-Demand checks only what it reads, and skips the rest unseen. So every value the model does
// not use is walked (Reader::check) and the end of the document is checked: a lockfile that is
// not valid JSON is refused as a full parse refuses it. When anything fails, simdjson's DOM
// parser re-checks the whole text (the rare error path), so a syntax error anywhere wins over a
// type error, as with a full parse.
#include "parse.hpp"

#include "json_errors.hpp"
#include "names.hpp"
#include "resolve.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <simdjson.h>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>

namespace vouch::lockfile {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// simdjson's DOM parser refuses documents nested deeper than this (the root object is level 1),
// and so does Reader::check.
constexpr int k_max_json_depth = static_cast<int>(simdjson::DEFAULT_MAX_DEPTH);

const char* type_name(simdjson::simdjson_result<od::json_type> type) {
    od::json_type t{};
    if (std::move(type).get(t) != simdjson::SUCCESS) {
        return "something else";
    }
    switch (t) {
    case od::json_type::array:
        return "an array";
    case od::json_type::object:
        return "an object";
    case od::json_type::number:
        return "a number";
    case od::json_type::string:
        return "a string";
    case od::json_type::boolean:
        return "a boolean";
    case od::json_type::null:
        return "null";
    }
    return "something else";
}

bool is_object(od::value& value) {
    od::json_type type{};
    return value.type().get(type) == simdjson::SUCCESS && type == od::json_type::object;
}

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The fields vouch reads, told apart by length first (a lockfile has ~10 per package).
enum class Key {
    other,
    version,
    name,
    link,
    dependencies,
    optional_dependencies,
    peer_dependencies,
    dev_dependencies,
    peer_dependencies_meta,
    workspaces,
    requires_, // v1
    resolved,
    integrity,
    dev,
    optional,
    dev_optional,
    peer,
    extraneous,
    in_bundle,
    has_install_script,
    has_shrinkwrap,
    license,
    deprecated,
    engines,
    os,
    cpu,
};

// `k == literal` for a key whose length is known to match: a fixed-size compare, no call.
template <std::size_t N> bool is(std::string_view k, const char (&literal)[N]) {
    return std::memcmp(k.data(), literal, N - 1) == 0;
}

Key key_of(std::string_view k) {
    switch (k.size()) {
    case 2:
        return is(k, "os") ? Key::os : Key::other;
    case 3:
        return is(k, "dev") ? Key::dev : is(k, "cpu") ? Key::cpu : Key::other;
    case 4:
        return is(k, "name")   ? Key::name
               : is(k, "link") ? Key::link
               : is(k, "peer") ? Key::peer
                               : Key::other;
    case 7:
        return is(k, "version")   ? Key::version
               : is(k, "license") ? Key::license
               : is(k, "engines") ? Key::engines
               : is(k, "bundled") ? Key::in_bundle
                                  : Key::other;
    case 8:
        return is(k, "resolved")   ? Key::resolved
               : is(k, "optional") ? Key::optional
               : is(k, "inBundle") ? Key::in_bundle
               : is(k, "requires") ? Key::requires_
                                   : Key::other;
    case 9:
        return is(k, "integrity") ? Key::integrity : Key::other;
    case 10:
        return is(k, "workspaces")   ? Key::workspaces
               : is(k, "extraneous") ? Key::extraneous
               : is(k, "deprecated") ? Key::deprecated
                                     : Key::other;
    case 11:
        return is(k, "devOptional") ? Key::dev_optional : Key::other;
    case 12:
        return is(k, "dependencies") ? Key::dependencies : Key::other;
    case 13:
        return is(k, "hasShrinkwrap") ? Key::has_shrinkwrap : Key::other;
    case 15:
        return is(k, "devDependencies") ? Key::dev_dependencies : Key::other;
    case 16:
        return is(k, "peerDependencies")   ? Key::peer_dependencies
               : is(k, "hasInstallScript") ? Key::has_install_script
                                           : Key::other;
    case 20:
        return is(k, "optionalDependencies")   ? Key::optional_dependencies
               : is(k, "peerDependenciesMeta") ? Key::peer_dependencies_meta
                                               : Key::other;
    default:
        return Key::other;
    }
}

// A JSON path for messages (`packages["node_modules/a"].dependencies.b`), spelled out only when
// an error needs it.
struct Path {
    const char* table = nullptr; // "packages" or "dependencies"; nullptr: `entry` is a top name
    std::string_view entry;
    std::optional<std::string_view> field;
    std::optional<std::string_view> item;

    static Path top(std::string_view name) { return {nullptr, name, {}, {}}; }
    Path with_field(std::string_view f) const { return {table, entry, f, {}}; }
    Path with_item(std::string_view i) const { return {table, entry, field, i}; }
    std::string str() const {
        std::string out = table == nullptr
                              ? std::string(entry)
                              : std::string(table) + "[\"" + std::string(entry) + "\"]";
        if (field) {
            out += "." + std::string(*field);
        }
        if (item) {
            out += "." + std::string(*item);
        }
        return out;
    }
};

class Reader {
  public:
    Reader(std::string_view text, const std::string& file, TextArena& arena)
        : m_text(text), m_file(file), m_arena(arena) {
        // Where the backslashes are, found in one fast pass (most lockfiles have none), so a
        // string needs no scan of its own to know it has no escape.
        for (const char* at = text.data();
             (at = static_cast<const char*>(std::memchr(at, '\\', text.data() + text.size() - at)));
             ++at) {
            m_backslashes.push_back(at);
        }
    }

    // A type error located at the entry it belongs to (`anchor` is the entry's key).
    Error type_error(std::string_view anchor, const Path& path, const char* expected,
                     const char* got) const {
        Error error =
            make_error(Errc::parse, path.str() + ": expected " + expected + ", got " + got, m_file);
        locate(error, anchor);
        return error;
    }
    Error type_error(std::string_view anchor, const Path& path, const char* expected,
                     od::value& value) const {
        return type_error(anchor, path, expected, type_name(value.type()));
    }
    Error error_at(std::string_view anchor, std::string message) const {
        Error error = make_error(Errc::parse, std::move(message), m_file);
        locate(error, anchor);
        return error;
    }
    // On-Demand refused the text (the caller's error path names the syntax error instead).
    Status json(error_code code) const {
        if (code == simdjson::SUCCESS) [[likely]] {
            return {};
        }
        return refused(code);
    }

    // The text of a string value: a view into the lockfile, or (with escapes) unescaped and kept
    // in the arena. INCORRECT_TYPE when it is not a string.
    error_code string_of(od::value& value, std::string_view& out) const {
        return string_token(value, out, true);
    }
    // A field's key, the same way (only the key of a field not yet read further).
    error_code key_of(od::field& field, std::string_view& out) const {
        const char* begin = field.key().raw();
        // Back from the value over the colon to the key's closing quote: On-Demand has checked
        // that only spaces and the colon lie between them.
        const char* end = field.value().raw_json_token().data();
        do {
            --end;
        } while (is_space(*end));
        do {
            --end;
        } while (is_space(*end));
        if (end >= begin && *end == '"' && !has_escape(begin, end)) {
            out = {begin, static_cast<std::size_t>(end - begin)};
            return simdjson::SUCCESS;
        }
        std::string_view unescaped;
        SIMDJSON_TRY(field.unescaped_key().get(unescaped));
        out = m_arena.keep(unescaped);
        return simdjson::SUCCESS;
    }
    Result<std::string_view> key(od::field& field) const {
        std::string_view out;
        VOUCH_TRY(json(key_of(field, out)));
        return out;
    }

    Result<std::string_view> string(od::value& value, std::string_view anchor,
                                    const Path& path) const {
        std::string_view s;
        if (string_of(value, s) != simdjson::SUCCESS) {
            return fail(type_error(anchor, path, "a string", value));
        }
        return s;
    }
    Result<bool> boolean(od::value& value, std::string_view anchor, const Path& path) const {
        bool b = false;
        if (value.get_bool().get(b) == simdjson::SUCCESS) {
            return b;
        }
        // npm reads these flags for truthiness; old npm wrote "true" as a string.
        std::string_view s;
        if (string_of(value, s) == simdjson::SUCCESS && (s == "true" || s == "false")) {
            return s == "true";
        }
        return fail(type_error(anchor, path, "true or false", value));
    }
    Result<SpecMap> string_map(od::value& value, std::string_view anchor, const Path& path) {
        od::object obj;
        if (value.get_object().get(obj) != simdjson::SUCCESS) {
            return fail(type_error(anchor, path, "an object", value));
        }
        m_pairs.clear();
        for (auto result : obj) {
            od::field field;
            VOUCH_TRY(json(std::move(result).get(field)));
            VOUCH_TRY_ASSIGN(const std::string_view name, key(field));
            std::string_view spec;
            if (string_of(field.value(), spec) != simdjson::SUCCESS) {
                return fail(type_error(anchor, path.with_item(name), "a string", field.value()));
            }
            m_pairs.emplace_back(name, spec);
        }
        SpecMap out;
        out.reserve(m_pairs.size());
        for (const auto& [name, spec] : m_pairs) {
            out.emplace(name, spec); // the first entry of a name wins
        }
        return out;
    }

    // Walks a value the model does not use, checking it as a full parse would: keys, string
    // escapes, numbers, literals and nesting (`depth`: the value's level, the root object's 1).
    Status check(od::value& value, int depth) const { return json(check_value(value, depth)); }

    const std::string& file() const { return m_file; }
    std::string_view text() const { return m_text; }

  private:
    error_code check_value(od::value& value, int depth) const {
        od::json_type type{};
        SIMDJSON_TRY(value.type().get(type));
        switch (type) {
        case od::json_type::object: {
            if (depth > k_max_json_depth) {
                return simdjson::DEPTH_ERROR;
            }
            od::object obj;
            SIMDJSON_TRY(value.get_object().get(obj));
            for (auto result : obj) {
                od::field field;
                SIMDJSON_TRY(std::move(result).get(field));
                if (!m_backslashes.empty()) { // else no key has an escape to check
                    std::string_view key;
                    SIMDJSON_TRY(key_of(field, key));
                }
                SIMDJSON_TRY(check_value(field.value(), depth + 1));
            }
            return simdjson::SUCCESS;
        }
        case od::json_type::array: {
            if (depth > k_max_json_depth) {
                return simdjson::DEPTH_ERROR;
            }
            od::array arr;
            SIMDJSON_TRY(value.get_array().get(arr));
            for (auto result : arr) {
                od::value item;
                SIMDJSON_TRY(std::move(result).get(item));
                SIMDJSON_TRY(check_value(item, depth + 1));
            }
            return simdjson::SUCCESS;
        }
        case od::json_type::string: {
            if (m_backslashes.empty()) { // no escape to check
                od::raw_json_string raw;
                return value.get_raw_json_string().get(raw);
            }
            std::string_view s;
            return string_token(value, s, false); // unescaped only to check the escapes
        }
        case od::json_type::number: {
            od::number n;
            return value.get_number().get(n);
        }
        case od::json_type::boolean: {
            bool b = false;
            return value.get_bool().get(b);
        }
        case od::json_type::null: {
            bool is_null = false;
            SIMDJSON_TRY(value.is_null().get(is_null));
            return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
        }
        }
        return simdjson::TAPE_ERROR;
    }

    [[gnu::noinline]] Status refused(error_code code) const {
        return fail(make_error(
            Errc::parse, std::string("cannot read the JSON: ") + simdjson::error_message(code),
            m_file));
    }

    // Whether [begin, end) of the text holds a backslash.
    bool has_escape(const char* begin, const char* end) const {
        if (m_backslashes.empty()) [[likely]] {
            return false;
        }
        const auto at = std::lower_bound(m_backslashes.begin(), m_backslashes.end(), begin);
        return at != m_backslashes.end() && *at < end;
    }

    error_code string_token(od::value& value, std::string_view& out, bool keep) const {
        const std::string_view token = value.raw_json_token(); // the token and the spaces after
        if (token.empty() || token.front() != '"') {
            return simdjson::INCORRECT_TYPE;
        }
        const char* begin = token.data() + 1;
        const char* end = token.data() + token.size();
        while (end > begin && is_space(end[-1])) {
            --end;
        }
        if (end > begin && end[-1] == '"' && !has_escape(begin, end - 1)) {
            out = {begin, static_cast<std::size_t>(end - 1 - begin)};
            // Consumed, not left for the iterator to skip: skipping a string that a colon
            // follows would take it for a key and let `"a": "b": "c"` through.
            od::raw_json_string raw;
            return value.get_raw_json_string().get(raw);
        }
        std::string_view unescaped;
        SIMDJSON_TRY(value.get_string().get(unescaped));
        out = keep ? m_arena.keep(unescaped) : unescaped;
        return simdjson::SUCCESS;
    }

    // The line of `"anchor":` in the text, so an editor can jump to the entry.
    void locate(Error& error, std::string_view anchor) const {
        if (anchor.empty()) {
            return;
        }
        const std::string needle = "\"" + std::string(anchor) + "\"";
        std::size_t pos = 0;
        while ((pos = m_text.find(needle, pos)) != std::string_view::npos) {
            std::size_t after = pos + needle.size();
            while (after < m_text.size() && is_space(m_text[after])) {
                ++after;
            }
            if (after < m_text.size() && m_text[after] == ':') {
                const auto p = util::position_of(m_text, pos);
                error.line = p.line;
                error.column = p.column;
                return;
            }
            pos += needle.size();
        }
    }

    std::string_view m_text;
    const std::string& m_file;
    TextArena& m_arena;
    std::vector<SpecMap::value_type> m_pairs; // string_map's scratch, reused
    std::vector<const char*> m_backslashes;   // in the text, in order
};

// The strings of an array (other items are checked and skipped); empty when it is not an array.
Result<std::vector<std::string_view>> string_list_or_empty(Reader& r, od::value& value, int depth) {
    std::vector<std::string_view> out;
    od::array arr;
    if (value.get_array().get(arr) != simdjson::SUCCESS) {
        VOUCH_TRY(r.check(value, depth));
        return out;
    }
    for (auto result : arr) {
        od::value item;
        VOUCH_TRY(r.json(std::move(result).get(item)));
        std::string_view s;
        if (r.string_of(item, s) == simdjson::SUCCESS) {
            out.push_back(s);
        } else {
            VOUCH_TRY(r.check(item, depth + 1));
        }
    }
    return out;
}

// `license` is a string in lockfiles, but old package.json files used {type} objects, and some
// lockfiles carry an array of them (the package is available under any one: joined with OR).
Result<std::string_view> license_text(Reader& r, od::value& value, int depth, TextArena& arena) {
    std::string_view s;
    if (r.string_of(value, s) == simdjson::SUCCESS) {
        return s;
    }
    od::object obj;
    if (value.get_object().get(obj) == simdjson::SUCCESS) {
        bool seen_type = false; // the first `type` counts, as a lookup by key finds it
        std::string_view type;
        for (auto result : obj) {
            od::field field;
            VOUCH_TRY(r.json(std::move(result).get(field)));
            VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
            if (key == "type" && !seen_type) {
                seen_type = true;
                if (r.string_of(field.value(), type) == simdjson::SUCCESS) {
                    continue;
                }
            }
            VOUCH_TRY(r.check(field.value(), depth + 1));
        }
        return type;
    }
    od::array items;
    if (value.get_array().get(items) == simdjson::SUCCESS) {
        std::string out;
        for (auto result : items) {
            od::value item;
            VOUCH_TRY(r.json(std::move(result).get(item)));
            od::json_type type{};
            VOUCH_TRY(r.json(item.type().get(type)));
            if (type == od::json_type::array) { // no nested lists
                VOUCH_TRY(r.check(item, depth + 1));
                continue;
            }
            VOUCH_TRY_ASSIGN(const std::string_view one, license_text(r, item, depth + 1, arena));
            if (!one.empty()) {
                out += (out.empty() ? "" : " OR ");
                out += one;
            }
        }
        return arena.keep(out);
    }
    VOUCH_TRY(r.check(value, depth));
    return std::string_view();
}

// Fields shared by v1 entries and v2/v3 `packages` entries; anything else is checked and
// skipped. `depth` is the value's nesting level.
Status read_common_field(Reader& r, Key kind, std::string_view key, od::value& value, Package& p,
                         TextArena& arena, std::string_view anchor, const Path& path, int depth) {
    // Each field's value goes into its member, as a string or as a flag.
    auto text = [&](std::string_view& out) -> Status {
        VOUCH_TRY_ASSIGN(out, r.string(value, anchor, path.with_field(key)));
        return {};
    };
    auto flag = [&](bool& out) -> Status {
        VOUCH_TRY_ASSIGN(out, r.boolean(value, anchor, path.with_field(key)));
        return {};
    };
    switch (kind) {
    case Key::resolved:
        return text(p.resolved);
    case Key::integrity:
        return text(p.integrity);
    case Key::dev:
        return flag(p.dev);
    case Key::optional:
        return flag(p.optional);
    case Key::dev_optional:
        return flag(p.dev_optional);
    case Key::peer:
        return flag(p.peer);
    case Key::extraneous:
        return flag(p.extraneous);
    case Key::in_bundle:
        return flag(p.in_bundle);
    case Key::has_install_script:
        return flag(p.has_install_script);
    case Key::has_shrinkwrap:
        return flag(p.has_shrinkwrap);
    case Key::license: {
        VOUCH_TRY_ASSIGN(p.license, license_text(r, value, depth, arena));
        return {};
    }
    case Key::deprecated: {
        std::string_view s;
        if (r.string_of(value, s) == simdjson::SUCCESS) {
            p.deprecated = s;
            return {};
        }
        return r.check(value, depth);
    }
    case Key::engines: {
        od::object obj;
        if (value.get_object().get(obj) != simdjson::SUCCESS) {
            return r.check(value, depth); // very old packages used an array: ignored
        }
        for (auto result : obj) {
            od::field field;
            VOUCH_TRY(r.json(std::move(result).get(field)));
            VOUCH_TRY_ASSIGN(const std::string_view name, r.key(field));
            std::string_view s;
            if (r.string_of(field.value(), s) == simdjson::SUCCESS) {
                p.engines.emplace(name, s); // the first entry of a name wins
            } else {
                VOUCH_TRY(r.check(field.value(), depth + 1));
            }
        }
        return {};
    }
    case Key::os: {
        VOUCH_TRY_ASSIGN(p.os, string_list_or_empty(r, value, depth));
        return {};
    }
    case Key::cpu: {
        VOUCH_TRY_ASSIGN(p.cpu, string_list_or_empty(r, value, depth));
        return {};
    }
    default:
        return r.check(value, depth);
    }
}

// `workspaces`: an array of globs, or (as package.json allows) {"packages": [...]}.
Status read_workspaces(Reader& r, od::value& value, Package& p, int depth) {
    od::object holder;
    if (value.get_object().get(holder) != simdjson::SUCCESS) {
        VOUCH_TRY_ASSIGN(p.workspaces, string_list_or_empty(r, value, depth));
        return {};
    }
    bool seen_packages = false; // the first `packages` counts, as a lookup by key finds it
    for (auto result : holder) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
        if (key == "packages" && !seen_packages) {
            seen_packages = true;
            VOUCH_TRY_ASSIGN(p.workspaces, string_list_or_empty(r, field.value(), depth + 1));
        } else {
            VOUCH_TRY(r.check(field.value(), depth + 1));
        }
    }
    return {};
}

// `peerDependenciesMeta`: the peers marked {"optional": true}.
Status read_peer_meta(Reader& r, od::value& value, Package& p, int depth) {
    od::object meta;
    if (value.get_object().get(meta) != simdjson::SUCCESS) {
        return r.check(value, depth);
    }
    for (auto result : meta) {
        od::field dep;
        VOUCH_TRY(r.json(std::move(result).get(dep)));
        VOUCH_TRY_ASSIGN(const std::string_view name, r.key(dep));
        od::object flags;
        if (dep.value().get_object().get(flags) != simdjson::SUCCESS) {
            VOUCH_TRY(r.check(dep.value(), depth + 1));
            continue;
        }
        bool seen_optional = false; // the first `optional` counts
        for (auto flag_result : flags) {
            od::field flag;
            VOUCH_TRY(r.json(std::move(flag_result).get(flag)));
            VOUCH_TRY_ASSIGN(const std::string_view key, r.key(flag));
            bool optional = false;
            if (key == "optional" && !seen_optional) {
                seen_optional = true;
                if (flag.value().get_bool().get(optional) == simdjson::SUCCESS) {
                    if (optional) {
                        p.peer_optional.push_back(name);
                    }
                    continue;
                }
            }
            VOUCH_TRY(r.check(flag.value(), depth + 2));
        }
    }
    return {};
}

// One `packages` entry (`value` at nesting level 3).
Status read_packages_entry(Reader& r, std::string_view location, od::value& value, TextArena& arena,
                           Package& p, bool& is_link) {
    constexpr int k_field_depth = 4;
    const Path path{"packages", location, {}, {}};
    od::object obj;
    if (value.get_object().get(obj) != simdjson::SUCCESS) {
        return fail(r.type_error(location, path, "an object", value));
    }
    p.location = location;
    is_link = false;
    for (auto result : obj) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
        od::value& v = field.value();
        const Key kind = key_of(key);
        switch (kind) {
        case Key::version: {
            VOUCH_TRY_ASSIGN(p.version, r.string(v, location, path.with_field(key)));
            break;
        }
        case Key::name: {
            VOUCH_TRY_ASSIGN(p.name, r.string(v, location, path.with_field(key)));
            break;
        }
        case Key::link: {
            VOUCH_TRY_ASSIGN(is_link, r.boolean(v, location, path.with_field(key)));
            break;
        }
        case Key::dependencies: {
            VOUCH_TRY_ASSIGN(p.dependencies, r.string_map(v, location, path.with_field(key)));
            break;
        }
        case Key::optional_dependencies: {
            VOUCH_TRY_ASSIGN(p.optional_dependencies,
                             r.string_map(v, location, path.with_field(key)));
            break;
        }
        case Key::peer_dependencies: {
            VOUCH_TRY_ASSIGN(p.peer_dependencies, r.string_map(v, location, path.with_field(key)));
            break;
        }
        case Key::dev_dependencies: {
            VOUCH_TRY_ASSIGN(p.dev_dependencies, r.string_map(v, location, path.with_field(key)));
            break;
        }
        case Key::workspaces: {
            VOUCH_TRY(read_workspaces(r, v, p, k_field_depth));
            break;
        }
        case Key::peer_dependencies_meta: {
            VOUCH_TRY(read_peer_meta(r, v, p, k_field_depth));
            break;
        }
        default:
            VOUCH_TRY(read_common_field(r, kind, key, v, p, arena, location, path, k_field_depth));
        }
    }
    return {};
}

// The `packages` map (`value` at nesting level 2, an object).
Status read_packages_map(Reader& r, od::value& value, Lockfile& lock) {
    od::object packages;
    VOUCH_TRY(r.json(value.get_object().get(packages)));
    // Room for every entry without a reallocation (npm writes several hundred bytes per entry;
    // what is never touched costs no memory).
    lock.packages.reserve(r.text().size() / 128 + 16);
    for (auto result : packages) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view location, r.key(field));
        bool is_link = false;
        // Read in place (a Package is large); taken back out when it is not a package.
        Package& p = lock.packages.emplace_back();
        VOUCH_TRY(read_packages_entry(r, location, field.value(), *lock.arena, p, is_link));
        if (is_link) {
            if (p.resolved.empty()) {
                lock.warnings.push_back("link " + std::string(location) + " has no target");
            } else {
                lock.links.push_back(
                    {p.location, lock.keep(detail::normalize_location(p.resolved))});
            }
            lock.packages.pop_back();
            continue;
        }
        if (!location.empty() && p.version.empty() && p.resolved.empty() && p.integrity.empty() &&
            p.name.empty() && p.dependencies.empty() && p.optional_dependencies.empty()) {
            lock.warnings.push_back("empty entry " + std::string(location) + " skipped");
            lock.packages.pop_back();
            continue;
        }
        if (location.empty()) {
            p.source = Source::root;
            // First, as npm writes it; else moved to the front.
            std::rotate(lock.packages.begin(), lock.packages.end() - 1, lock.packages.end());
            continue;
        }
        p.install_name = detail::install_name_of(p.location);
        if (p.install_name.empty()) {
            p.source = Source::directory;
            if (p.name.empty()) {
                p.name = lock.keep(detail::folder_name_of(location));
            }
        } else {
            if (p.name.empty()) {
                p.name = p.install_name;
            }
            p.source = detail::source_of(p.resolved);
        }
    }
    return {};
}

struct V1Tree {
    Lockfile& lock;
    std::set<std::string_view> link_targets;
};

Status read_v1_tree(Reader& r, od::object& deps, std::string_view parent_location, V1Tree& tree,
                    int level, int depth);

// The second look at a v1 entry, once the entry itself is in the model: its last `dependencies`
// object is read as the children (installed under `children_location`; or only checked when
// `children_location` is null), earlier ones are checked. On-Demand reads forward only, and the
// entry must come before its children, as npm lists them.
Status read_v1_children(Reader& r, od::object& entry, std::size_t children_at,
                        std::optional<std::string_view> children_location, V1Tree& tree, int level,
                        int depth) {
    VOUCH_TRY(r.json(entry.reset().error()));
    std::size_t ordinal = 0;
    for (auto result : entry) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
        if (ordinal == children_at && children_location) {
            od::object children;
            VOUCH_TRY(r.json(field.value().get_object().get(children)));
            VOUCH_TRY(read_v1_tree(r, children, *children_location, tree, level + 1, depth + 1));
        } else if (key_of(key) == Key::dependencies) {
            VOUCH_TRY(r.check(field.value(), depth + 1));
        } // anything else was read by the first look
        ++ordinal;
    }
    return {};
}

// npm v5/v6: a nested tree keyed by install name; versions may carry the source
// ("npm:real@1.0.0", "file:../x", git URLs, tarball URLs). `deps` is at nesting level `depth`.
Status read_v1_tree(Reader& r, od::object& deps, std::string_view parent_location, V1Tree& tree,
                    int level, int depth) {
    if (level > 256) {
        return fail(r.error_at({}, "dependencies nested more than 256 levels deep"));
    }
    Lockfile& lock = tree.lock;
    for (auto result : deps) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
        const std::string_view location = lock.arena->join(
            {parent_location, parent_location.empty() ? "" : "/", "node_modules/", key});
        // The install name is the tail of the location: no copy of its own.
        const std::string_view install_name = location.substr(location.size() - key.size());
        const Path path{"dependencies", install_name, {}, {}};
        od::object obj;
        if (field.value().get_object().get(obj) != simdjson::SUCCESS) {
            return fail(r.type_error(install_name, path, "an object", field.value()));
        }
        Package p;
        p.location = location;
        p.install_name = install_name;
        p.name = install_name;
        std::string_view version_spec;
        constexpr std::size_t k_none = static_cast<std::size_t>(-1);
        std::size_t children_at = k_none; // the last `dependencies` field, read after the entry
        std::size_t ordinal = 0;
        for (auto entry_result : obj) {
            od::field entry;
            VOUCH_TRY(r.json(std::move(entry_result).get(entry)));
            VOUCH_TRY_ASSIGN(const std::string_view entry_key, r.key(entry));
            od::value& v = entry.value();
            const Key kind = key_of(entry_key);
            if (kind == Key::version) {
                VOUCH_TRY_ASSIGN(version_spec,
                                 r.string(v, install_name, path.with_field(entry_key)));
            } else if (kind == Key::requires_) {
                VOUCH_TRY_ASSIGN(p.dependencies,
                                 r.string_map(v, install_name, path.with_field(entry_key)));
            } else if (kind == Key::dependencies) {
                if (!is_object(v)) {
                    return fail(
                        r.type_error(install_name, path.with_field(entry_key), "an object", v));
                }
                children_at = ordinal;
            } else {
                VOUCH_TRY(read_common_field(r, kind, entry_key, v, p, *lock.arena, install_name,
                                            path, depth + 2));
            }
            ++ordinal;
        }
        // Where the entry's children are installed; none when it is not read.
        std::optional<std::string_view> children_location = location;
        std::string_view spec = version_spec;
        if (spec.substr(0, 4) == "npm:") { // alias: npm:<real-name>@<version>
            const std::string_view rest = spec.substr(4);
            const auto at = rest.rfind('@');
            if (at == std::string_view::npos || at == 0) {
                return fail(r.error_at(install_name, path.with_field("version").str() +
                                                         ": malformed npm: alias"));
            }
            p.name = rest.substr(0, at);
            p.version = rest.substr(at + 1);
            p.source = detail::source_of(p.resolved);
            lock.packages.push_back(std::move(p));
        } else if (spec.substr(0, 5) == "file:" && detail::source_of(spec) == Source::directory) {
            // npm v6 symlinks file: directories; the entry's children are installed
            // inside the target, and several links may share one target.
            const std::string_view target = lock.keep(detail::normalize_location(spec.substr(5)));
            lock.links.push_back({location, target});
            if (tree.link_targets.insert(target).second) {
                p.source = Source::directory;
                Package target_pkg = std::move(p);
                target_pkg.location = target;
                target_pkg.install_name = {};
                const std::string folder = detail::folder_name_of(target);
                target_pkg.name =
                    folder.empty() || folder == ".." ? install_name : lock.keep(folder);
                lock.packages.push_back(std::move(target_pkg));
                children_location = target;
            } else {
                children_location.reset(); // the first link to the target brought its children
            }
        } else {
            if (spec.substr(0, 5) == "file:") {
                p.source = detail::source_of(spec);
                p.resolved = spec;
            } else if (detail::source_of(spec) == Source::git) {
                p.source = Source::git;
                p.resolved = spec;
            } else if (spec.substr(0, 7) == "http://" || spec.substr(0, 8) == "https://") {
                // Ancient lockfiles put the registry tarball URL where the version belongs; it
                // names the real package too (an alias installed under another name).
                p.resolved = spec;
                p.source = detail::source_of(spec);
                if (const auto tarball = detail::parse_registry_tarball(spec)) {
                    p.name = lock.keep(tarball->name);
                    p.version = lock.keep(tarball->version);
                }
            } else {
                p.version = spec;
                p.source = detail::source_of(p.resolved);
            }
            lock.packages.push_back(std::move(p));
        }
        if (children_at != k_none) {
            VOUCH_TRY(
                read_v1_children(r, obj, children_at, children_location, tree, level, depth + 1));
        }
    }
    return {};
}

// The root `dependencies` of a v1 lockfile (`value` at nesting level 2).
Status read_v1_root(Reader& r, od::value& value, Lockfile& lock) {
    od::object deps;
    if (value.get_object().get(deps) != simdjson::SUCCESS) {
        return fail(r.type_error("dependencies", Path::top("dependencies"), "an object", value));
    }
    V1Tree tree{lock, {}};
    return read_v1_tree(r, deps, "", tree, 0, 2);
}

Result<int> read_lockfile_version(const Reader& r, od::value& value) {
    int64_t version = 0;
    if (value.get_int64().get(version) != simdjson::SUCCESS) {
        return fail(
            r.type_error("lockfileVersion", Path::top("lockfileVersion"), "a number", value));
    }
    if (version < 1 || version > 3) {
        Error error =
            r.error_at("lockfileVersion", "lockfileVersion " + std::to_string(version) +
                                              " is not supported (vouch reads 1, 2 and 3)");
        error.code = Errc::unsupported;
        return fail(error);
    }
    return static_cast<int>(version);
}

// The first occurrence of a top-level field, as a lookup by key finds it.
struct TopField {
    bool present = false;
    bool is_object = false;
    bool read = false;
    const char* type = "";
};

// Reads the document: the first `lockfileVersion` says whether the first `packages` (2, 3) or
// the first `dependencies` (1, or 2 without `packages`) is the tree. npm writes lockfileVersion
// before both and `packages` before `dependencies`, so the tree is read on the way; a field
// that comes too early to know is checked, and read after a rewind.
Status read_document(Reader& r, od::document& doc, Lockfile& lock,
                     std::optional<std::string_view>& name,
                     std::optional<std::string_view>& version) {
    od::object root;
    if (doc.get_object().get(root) != simdjson::SUCCESS) {
        return fail(
            r.type_error({}, Path::top("the document"), "an object", type_name(doc.type())));
    }
    std::optional<int> lockfile_version;
    TopField packages;
    TopField dependencies;
    bool seen_name = false;
    bool seen_version = false;
    for (auto result : root) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
        od::value& value = field.value();
        if (key == "lockfileVersion" && !lockfile_version) {
            VOUCH_TRY_ASSIGN(lockfile_version, read_lockfile_version(r, value));
        } else if (key == "packages" && !packages.present) {
            packages.present = true;
            packages.type = type_name(value.type());
            packages.is_object = is_object(value);
            if (lockfile_version >= 2 && packages.is_object) {
                VOUCH_TRY(read_packages_map(r, value, lock));
                packages.read = true;
            } else {
                VOUCH_TRY(r.check(value, 2));
            }
        } else if (key == "dependencies" && !dependencies.present) {
            dependencies.present = true;
            const bool known = lockfile_version == 1 || (lockfile_version && packages.present);
            if (known && !(lockfile_version >= 2 && packages.is_object)) {
                VOUCH_TRY(read_v1_root(r, value, lock));
                dependencies.read = true;
            } else {
                VOUCH_TRY(r.check(value, 2));
            }
        } else if ((key == "name" && !seen_name) || (key == "version" && !seen_version)) {
            (key == "name" ? seen_name : seen_version) = true;
            std::string_view s;
            if (r.string_of(value, s) == simdjson::SUCCESS) {
                (key == "name" ? name : version) = s;
            } else {
                VOUCH_TRY(r.check(value, 2));
            }
        } else {
            VOUCH_TRY(r.check(value, 2));
        }
    }
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
        return r.json(simdjson::TRAILING_CONTENT);
    }
    if (!lockfile_version) {
        return fail(r.error_at({},
                               "no lockfileVersion: not an npm lockfile, or one written by "
                               "npm older than v5 (run npm install with npm >= 7 to upgrade it)"));
    }
    lock.lockfile_version = *lockfile_version;
    std::string_view tree_key;
    if (*lockfile_version >= 2 && packages.is_object) {
        tree_key = packages.read ? "" : "packages";
    } else if (dependencies.present) {
        tree_key = dependencies.read ? "" : "dependencies";
    } else if (packages.present) {
        return fail(r.type_error("packages", Path::top("packages"), "an object", packages.type));
    }
    if (tree_key.empty()) {
        return {};
    }
    doc.rewind();
    VOUCH_TRY(r.json(doc.get_object().get(root)));
    for (auto result : root) {
        od::field field;
        VOUCH_TRY(r.json(std::move(result).get(field)));
        VOUCH_TRY_ASSIGN(const std::string_view key, r.key(field));
        if (key == tree_key) {
            return tree_key == "packages" ? read_packages_map(r, field.value(), lock)
                                          : read_v1_root(r, field.value(), lock);
        }
    }
    return r.json(simdjson::TAPE_ERROR); // unreachable: the field was there a moment ago
}

// Why the text is refused when a full parse refuses it (the error path only): a merge conflict,
// or the located syntax error.
std::optional<Error> syntax_error(const std::string& padded, const std::string& file) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(padded.data(), padded.size(), false).get(doc) == simdjson::SUCCESS) {
        return std::nullopt;
    }
    const std::string_view text = padded;
    if (const auto marker = text.find("\n<<<<<<< "); marker != std::string_view::npos) {
        Error error = make_error(Errc::parse,
                                 "git merge conflict markers in the lockfile: resolve the "
                                 "conflict (npm install can) and commit the result",
                                 file);
        const auto pos = util::position_of(text, marker + 1);
        error.line = pos.line;
        error.column = pos.column;
        return error;
    }
    return detail::json_syntax_error(text, file);
}

} // namespace

const std::string& detail::adopt_padded(TextArena& arena, std::string text) {
    if (text.capacity() < text.size() + simdjson::SIMDJSON_PADDING) {
        text.reserve(text.size() + simdjson::SIMDJSON_PADDING); // the one copy
    }
    return arena.adopt(std::move(text));
}

Result<Lockfile> detail::parse_owned(std::string text, const std::string& file,
                                     std::string_view package_json) {
    auto arena = std::make_shared<TextArena>();
    const std::string& held = adopt_padded(*arena, std::move(text));
    return parse_adopted(std::move(arena), held, file, package_json);
}

Result<Lockfile> detail::parse_adopted(std::shared_ptr<TextArena> arena, const std::string& held,
                                       const std::string& file, std::string_view package_json) {
    Lockfile lock;
    lock.file = file;
    lock.arena = std::move(arena);
    lock.text = held;
    // Room for the text made while parsing: joined v1 locations, unescaped strings (the rest of
    // the model points into the text itself; decoded digests have an arena of their own).
    lock.arena->reserve(held.size() / 8 + 4096);
    Reader r(lock.text, file, *lock.arena);
    std::optional<std::string_view> name;
    std::optional<std::string_view> version;
    Status read;
    {
        od::parser parser;
        od::document doc;
        // Depth to spare beyond the deepest container Reader::check enters (On-Demand's own
        // bookkeeping, in debug builds, stops one level short of it).
        error_code started = parser.allocate(held.size(), k_max_json_depth + 8);
        if (started == simdjson::SUCCESS) {
            started = parser.iterate(held.data(), held.size(), held.capacity()).get(doc);
        }
        read = started == simdjson::SUCCESS ? read_document(r, doc, lock, name, version)
                                            : r.json(started);
    }
    if (!read) {
        if (auto syntax = syntax_error(held, file)) {
            return fail(*syntax);
        }
        return fail(read.error());
    }

    // The root: v2/v3 list it under ""; v1 (and v3 hidden lockfiles) do not.
    if (lock.packages.empty() || lock.packages.front().source != Source::root) {
        Package root_pkg;
        root_pkg.source = Source::root;
        lock.packages.insert(lock.packages.begin(), std::move(root_pkg));
    }
    Package& root_pkg = lock.packages.front();
    if (root_pkg.name.empty() && name) {
        root_pkg.name = *name;
    }
    if (root_pkg.version.empty() && version) {
        root_pkg.version = *version;
    }
    const std::size_t integrity_warnings_at = lock.warnings.size();
    auto decoding = detail::start_integrity_decoding(lock);
    // A private registry's token in a `resolved` URL must never reach an SBOM, report or
    // terminal: the model holds no credential, and the lockfile's owner hears about it once.
    for (auto& p : lock.packages) {
        if (p.resolved.find('@') == std::string_view::npos) {
            continue; // no userinfo possible: skip the copy strip_userinfo makes
        }
        if (auto stripped = util::strip_userinfo(p.resolved); stripped != p.resolved) {
            p.resolved = lock.keep(stripped);
            lock.warnings.push_back("'" + std::string(p.location) +
                                    "': its resolved URL carries credentials (removed from "
                                    "every output); use an .npmrc auth token instead");
        }
    }
    if (!package_json.empty()) {
        detail::apply_package_json(lock, package_json);
    }
    const auto origin = detail::finish_model(lock);
    detail::apply_decoded_integrity(lock, decoding.get(), origin, integrity_warnings_at);
    return lock;
}

Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file) {
    return parse_lockfile(text, file, {});
}

Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file,
                                std::string_view package_json, std::size_t /*readable*/) {
    std::string copy;
    copy.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    copy.assign(text);
    return detail::parse_owned(std::move(copy), file, package_json);
}

} // namespace vouch::lockfile
