#include "jsonc.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <initializer_list>
#include <stdexcept>
#include <vouch/digest/sha256.hpp>
#include <vouch/inspect/config.hpp>
#include <vouch/policy/policy.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/file.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::policy {

namespace {

#include "default_policy.inc"

using jsonc::Value;
using Kind = Value::Kind;

class Reader {
  public:
    Reader(std::string_view text, const std::string& file) : m_text(text), m_file(file) {}

    tl::unexpected<Error> error(std::size_t offset, std::string message) const {
        Error e = make_error(Errc::parse, std::move(message), m_file);
        const auto pos = util::position_of(m_text, offset);
        e.line = pos.line;
        e.column = pos.column;
        return tl::unexpected(std::move(e));
    }

    Status expect(const Value& v, Kind kind, std::string_view where) const {
        if (v.kind != kind) {
            Value wanted;
            wanted.kind = kind;
            return error(v.offset, std::string(where) + " must be " +
                                       std::string(wanted.kind_name()) + ", not " +
                                       std::string(v.kind_name()));
        }
        return {};
    }

    // Every key of `object` must be one of `allowed`.
    Status keys(const Value& object, std::string_view where,
                std::initializer_list<std::string_view> allowed) const {
        for (std::size_t i = 0; i < object.members.size(); ++i) {
            const auto& key = object.members[i].first;
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string names;
                for (auto name : allowed) {
                    names += (names.empty() ? "" : ", ") + std::string(name);
                }
                return error(object.key_offsets[i], "unknown key \"" + key + "\" in " +
                                                        std::string(where) + " (expected " + names +
                                                        ")");
            }
        }
        return {};
    }

    Result<std::string> string(const Value& v, std::string_view where) const {
        VOUCH_TRY(expect(v, Kind::string, where));
        return v.string;
    }

    Result<std::vector<std::string>> strings(const Value& v, std::string_view where) const {
        VOUCH_TRY(expect(v, Kind::array, where));
        std::vector<std::string> out;
        for (const auto& item : v.items) {
            VOUCH_TRY(expect(item, Kind::string, std::string(where) + " entries"));
            if (item.string.empty()) {
                return error(item.offset, std::string(where) + " entries must not be empty");
            }
            out.push_back(item.string);
        }
        return out;
    }

    Result<bool> boolean(const Value& v, std::string_view where) const {
        VOUCH_TRY(expect(v, Kind::boolean, where));
        return v.boolean;
    }

    Result<Action> action(const Value& v, std::string_view where) const {
        VOUCH_TRY(expect(v, Kind::string, where));
        if (v.string == "allow") {
            return Action::allow;
        }
        if (v.string == "review") {
            return Action::review;
        }
        if (v.string == "deny") {
            return Action::deny;
        }
        return error(v.offset, std::string(where) + " must be \"allow\", \"review\" or \"deny\"");
    }

    Result<Mode> mode(const Value& v, std::string_view where) const {
        VOUCH_TRY(expect(v, Kind::string, where));
        if (v.string == "off") {
            return Mode::off;
        }
        if (v.string == "warn") {
            return Mode::warn;
        }
        if (v.string == "error") {
            return Mode::error;
        }
        return error(v.offset, std::string(where) + " must be \"off\", \"warn\" or \"error\"");
    }

    Status licenses(const Value& v, std::string_view where, LicenseRules& out) const {
        VOUCH_TRY(expect(v, Kind::object, where));
        VOUCH_TRY(keys(v, where, {"allow", "review", "deny", "categories", "review-fails"}));
        const std::string w(where);
        if (auto* x = v.find("allow")) {
            VOUCH_TRY_ASSIGN(out.allow, strings(*x, w + ".allow"));
        }
        if (auto* x = v.find("review")) {
            VOUCH_TRY_ASSIGN(out.review, strings(*x, w + ".review"));
        }
        if (auto* x = v.find("deny")) {
            VOUCH_TRY_ASSIGN(out.deny, strings(*x, w + ".deny"));
        }
        if (auto* x = v.find("review-fails")) {
            VOUCH_TRY_ASSIGN(out.review_fails, boolean(*x, w + ".review-fails"));
        }
        if (auto* x = v.find("categories")) {
            VOUCH_TRY(expect(*x, Kind::object, w + ".categories"));
            for (std::size_t i = 0; i < x->members.size(); ++i) {
                const auto& [name, value] = x->members[i];
                const auto category = parse_category(name);
                if (!category) {
                    return error(x->key_offsets[i],
                                 "unknown licence category \"" + name +
                                     "\" (expected permissive, weak-copyleft, strong-copyleft, "
                                     "network-copyleft, proprietary, unknown)");
                }
                VOUCH_TRY_ASSIGN(out.categories[static_cast<std::size_t>(*category)],
                                 action(value, w + ".categories." + name));
            }
        }
        return {};
    }

    // A lint rule: a mode string, or an object {mode, ...parameters}.
    Result<const Value*> rule(const Value& v, std::string_view where, Mode& mode_out,
                              std::initializer_list<std::string_view> parameters) const {
        if (v.kind == Kind::string) {
            VOUCH_TRY_ASSIGN(mode_out, mode(v, where));
            return nullptr;
        }
        if (v.kind != Kind::object) {
            return error(v.offset,
                         std::string(where) + " must be \"off\"/\"warn\"/\"error\" or an object");
        }
        std::vector<std::string_view> allowed{"mode"};
        allowed.insert(allowed.end(), parameters.begin(), parameters.end());
        for (std::size_t i = 0; i < v.members.size(); ++i) {
            const auto& key = v.members[i].first;
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string names;
                for (auto name : allowed) {
                    names += (names.empty() ? "" : ", ") + std::string(name);
                }
                return error(v.key_offsets[i], "unknown key \"" + key + "\" in " +
                                                   std::string(where) + " (expected " + names +
                                                   ")");
            }
        }
        if (auto* m = v.find("mode")) {
            VOUCH_TRY_ASSIGN(mode_out, mode(*m, std::string(where) + ".mode"));
        }
        return &v;
    }

    Status lint(const Value& v, LintRules& out) const {
        VOUCH_TRY(expect(v, Kind::object, "lint"));
        VOUCH_TRY(keys(v, "lint",
                       {"allowed-hosts", "https-only", "integrity-present", "integrity-sha512",
                        "name-mismatch", "git-pinned", "sources", "install-scripts", "in-sync",
                        "typosquat"}));
        if (auto* x = v.find("allowed-hosts")) {
            VOUCH_TRY_ASSIGN(auto* o,
                             rule(*x, "lint.allowed-hosts", out.allowed_hosts.mode, {"hosts"}));
            if (o != nullptr) {
                if (auto* h = o->find("hosts")) {
                    VOUCH_TRY_ASSIGN(out.allowed_hosts.hosts,
                                     strings(*h, "lint.allowed-hosts.hosts"));
                }
            }
        }
        const std::pair<const char*, Mode*> simple[] = {
            {"https-only", &out.https_only},
            {"integrity-present", &out.integrity_present},
            {"integrity-sha512", &out.integrity_sha512},
            {"name-mismatch", &out.name_mismatch},
            {"git-pinned", &out.git_pinned},
            {"in-sync", &out.in_sync},
        };
        for (const auto& [name, target] : simple) {
            if (auto* x = v.find(name)) {
                VOUCH_TRY(rule(*x, std::string("lint.") + name, *target, {}));
            }
        }
        if (auto* x = v.find("sources")) {
            VOUCH_TRY_ASSIGN(auto* o, rule(*x, "lint.sources", out.sources.mode, {"allow"}));
            if (o != nullptr) {
                if (auto* a = o->find("allow")) {
                    VOUCH_TRY_ASSIGN(out.sources.allow, strings(*a, "lint.sources.allow"));
                    for (std::size_t i = 0; i < out.sources.allow.size(); ++i) {
                        const auto& s = out.sources.allow[i];
                        if (s != "git" && s != "remote-tarball" && s != "local-tarball" &&
                            s != "directory") {
                            return error(a->items[i].offset,
                                         "lint.sources.allow entries must be git, "
                                         "remote-tarball, local-tarball or directory");
                        }
                    }
                }
            }
        }
        if (auto* x = v.find("install-scripts")) {
            VOUCH_TRY_ASSIGN(auto* o,
                             rule(*x, "lint.install-scripts", out.install_scripts.mode, {"allow"}));
            if (o != nullptr) {
                if (auto* a = o->find("allow")) {
                    VOUCH_TRY_ASSIGN(out.install_scripts.allow,
                                     strings(*a, "lint.install-scripts.allow"));
                }
            }
        }
        if (auto* x = v.find("typosquat")) {
            VOUCH_TRY_ASSIGN(
                auto* o, rule(*x, "lint.typosquat", out.typosquat.mode, {"max-distance", "allow"}));
            if (o != nullptr) {
                if (auto* d = o->find("max-distance")) {
                    VOUCH_TRY(expect(*d, Kind::number, "lint.typosquat.max-distance"));
                    if (d->number != std::floor(d->number) || d->number < 1 || d->number > 3) {
                        return error(d->offset,
                                     "lint.typosquat.max-distance must be a whole number 1..3");
                    }
                    out.typosquat.max_distance = static_cast<int>(d->number);
                }
                if (auto* a = o->find("allow")) {
                    VOUCH_TRY_ASSIGN(out.typosquat.allow, strings(*a, "lint.typosquat.allow"));
                }
            }
        }
        return {};
    }

    Status scan(const Value& v, ScanRules& out) const {
        VOUCH_TRY(expect(v, Kind::object, "scan"));
        VOUCH_TRY(keys(v, "scan", {"fail-on", "max-db-age", "strict-db-age", "ignore", "vex"}));
        if (auto* x = v.find("fail-on")) {
            VOUCH_TRY_ASSIGN(auto level, string(*x, "scan.fail-on"));
            std::string lower = level;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (lower == "medium") {
                lower = "moderate";
            }
            if (lower != "any" && lower != "low" && lower != "moderate" && lower != "high" &&
                lower != "critical" && lower != "none") {
                return error(x->offset, "scan.fail-on must be any, low, moderate, high, "
                                        "critical or none");
            }
            out.fail_on = lower;
        }
        if (auto* x = v.find("max-db-age")) {
            VOUCH_TRY(expect(*x, Kind::number, "scan.max-db-age"));
            if (x->number < 0) {
                return error(x->offset, "scan.max-db-age must not be negative");
            }
            out.max_db_age = x->number;
        }
        if (auto* x = v.find("strict-db-age")) {
            VOUCH_TRY_ASSIGN(out.strict_db_age, boolean(*x, "scan.strict-db-age"));
        }
        if (auto* x = v.find("ignore")) {
            VOUCH_TRY_ASSIGN(out.ignore, strings(*x, "scan.ignore"));
        }
        if (auto* x = v.find("vex")) {
            VOUCH_TRY_ASSIGN(out.vex, strings(*x, "scan.vex"));
        }
        return {};
    }

    // The "promote" section (docs/gate.md): what `vouch gate` requires of the attestation.
    Status promote(const Value& v, PromoteRules& out) const {
        VOUCH_TRY(expect(v, Kind::object, "promote"));
        VOUCH_TRY(keys(
            v, "promote",
            {"require-sbom", "require-verdict", "require-gate", "max-age", "require-inspection"}));
        if (auto* x = v.find("require-sbom")) {
            VOUCH_TRY_ASSIGN(out.require_sbom, boolean(*x, "promote.require-sbom"));
        }
        if (auto* x = v.find("require-inspection")) {
            VOUCH_TRY_ASSIGN(out.require_inspection, boolean(*x, "promote.require-inspection"));
        }
        if (auto* x = v.find("require-verdict")) {
            VOUCH_TRY_ASSIGN(auto verdict, string(*x, "promote.require-verdict"));
            if (verdict != "pass") {
                return error(x->offset, "promote.require-verdict must be \"pass\" (leave it out "
                                        "to require no verdict)");
            }
            out.require_verdict = verdict;
        }
        if (auto* x = v.find("require-gate")) {
            VOUCH_TRY_ASSIGN(auto level, string(*x, "promote.require-gate"));
            std::transform(level.begin(), level.end(), level.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (level == "medium") {
                level = "moderate";
            }
            if (level != "any" && level != "low" && level != "moderate" && level != "high" &&
                level != "critical" && level != "none") {
                return error(x->offset, "promote.require-gate must be any, low, moderate, high, "
                                        "critical or none");
            }
            out.require_gate = level;
        }
        if (auto* x = v.find("max-age")) {
            VOUCH_TRY_ASSIGN(auto text, string(*x, "promote.max-age"));
            auto age = verify::parse_duration(text);
            if (!age) {
                return error(x->offset, "promote.max-age must be a duration like 30m, 24h, 7d, "
                                        "2w or 45s");
            }
            out.max_age = *age;
            out.max_age_text = text;
        }
        return {};
    }

    // The "inspect" section (docs/inspect.md): vouch inspect's rules, allowances, threshold and
    // per-file exceptions.
    Status inspect_section(const Value& v, inspect::Config& out) const {
        VOUCH_TRY(expect(v, Kind::object, "inspect"));
        VOUCH_TRY(
            keys(v, "inspect", {"on-sign", "threshold", "strict", "rules", "allow", "exceptions"}));
        if (auto* x = v.find("on-sign")) {
            VOUCH_TRY_ASSIGN(out.on_sign, boolean(*x, "inspect.on-sign"));
        }
        if (auto* x = v.find("strict")) {
            VOUCH_TRY_ASSIGN(out.strict, boolean(*x, "inspect.strict"));
        }
        if (auto* x = v.find("threshold")) {
            VOUCH_TRY_ASSIGN(auto text, string(*x, "inspect.threshold"));
            auto threshold = inspect::parse_threshold(text);
            if (!threshold) {
                return error(x->offset, "inspect.threshold must be any, low, moderate, high, "
                                        "critical or none");
            }
            out.threshold = *threshold;
        }
        if (auto* x = v.find("rules")) {
            VOUCH_TRY(expect(*x, Kind::object, "inspect.rules"));
            const auto& ids = inspect::all_rule_ids();
            for (std::size_t i = 0; i < x->members.size(); ++i) {
                const auto& [id, on] = x->members[i];
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                    return error(x->key_offsets[i], "unknown inspect rule \"" + id +
                                                        "\" (docs/inspect.md lists the rule ids)");
                }
                VOUCH_TRY_ASSIGN(const bool enabled, boolean(on, "inspect.rules." + id));
                if (!enabled) {
                    out.disabled.insert(id);
                }
            }
        }
        if (auto* x = v.find("allow")) {
            VOUCH_TRY(expect(*x, Kind::array, "inspect.allow"));
            for (const auto& item : x->items) {
                VOUCH_TRY_ASSIGN(auto name, string(item, "inspect.allow entries"));
                if (name == "unsafe-inline") {
                    out.allow_unsafe_inline = true;
                } else if (name == "unsafe-eval") {
                    out.allow_unsafe_eval = true;
                } else if (name == "source-maps") {
                    out.allow_source_maps = true;
                } else if (name == "cors-wildcard") {
                    out.allow_cors_wildcard = true;
                } else {
                    return error(item.offset, "unknown inspect allowance \"" + name +
                                                  "\" (expected unsafe-inline, unsafe-eval, "
                                                  "source-maps, cors-wildcard)");
                }
            }
        }
        if (auto* x = v.find("exceptions")) {
            VOUCH_TRY(expect(*x, Kind::array, "inspect.exceptions"));
            for (const auto& item : x->items) {
                VOUCH_TRY(expect(item, Kind::object, "an inspect exception"));
                VOUCH_TRY(keys(item, "an inspect exception",
                               {"rule", "path", "reason", "owner", "expires"}));
                inspect::Exception e;
                for (auto [key, field] :
                     {std::pair{"rule", &e.rule}, std::pair{"path", &e.path},
                      std::pair{"reason", &e.reason}, std::pair{"owner", &e.owner},
                      std::pair{"expires", &e.expires}}) {
                    const Value* f = item.find(key);
                    if (f == nullptr) {
                        return error(item.offset, std::string("an inspect exception needs \"") +
                                                      key +
                                                      "\" (rule, path, reason, owner, "
                                                      "expires)");
                    }
                    VOUCH_TRY_ASSIGN(*field, string(*f, std::string("inspect.exceptions.") + key));
                    if (field->empty()) {
                        return error(f->offset, std::string("inspect exception ") + key +
                                                    " must not be empty");
                    }
                }
                const auto& ids = inspect::all_rule_ids();
                if (std::find(ids.begin(), ids.end(), e.rule) == ids.end()) {
                    return error(item.find("rule")->offset,
                                 "unknown inspect rule \"" + e.rule + "\"");
                }
                const auto when = util::parse_rfc3339(e.expires);
                if (!when) {
                    return error(item.find("expires")->offset,
                                 "inspect exception expires must be a date YYYY-MM-DD or an "
                                 "RFC 3339 date-time");
                }
                // A plain date means "through the end of that day" (UTC).
                e.expires_at = e.expires.size() == 10 ? *when + std::chrono::days(1) : *when;
                out.exceptions.push_back(std::move(e));
            }
        }
        return {};
    }

    static bool is_date(std::string_view s) {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
            return false;
        }
        for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (s[i] < '0' || s[i] > '9') {
                return false;
            }
        }
        return util::parse_rfc3339(s).has_value();
    }

    Status exceptions(const Value& v, std::vector<Exception>& out) const {
        VOUCH_TRY(expect(v, Kind::array, "exceptions"));
        for (const auto& item : v.items) {
            VOUCH_TRY(expect(item, Kind::object, "exceptions entries"));
            VOUCH_TRY(keys(item, "an exception",
                           {"package", "version", "check", "rule", "reason", "owner", "expires"}));
            Exception e;
            e.line = util::position_of(m_text, item.offset).line;
            for (const char* required : {"package", "check", "reason", "owner", "expires"}) {
                const Value* field = item.find(required);
                if (field == nullptr) {
                    return error(item.offset, std::string("exception without \"") + required +
                                                  "\" (package, check, reason, owner and "
                                                  "expires are required)");
                }
                VOUCH_TRY_ASSIGN(auto text, string(*field, std::string("exception.") + required));
                if (text.empty()) {
                    return error(field->offset,
                                 std::string("exception.") + required + " must not be empty");
                }
            }
            e.package = item.find("package")->string;
            e.check = item.find("check")->string;
            e.reason = item.find("reason")->string;
            e.owner = item.find("owner")->string;
            e.expires = item.find("expires")->string;
            if (auto* x = item.find("version")) {
                VOUCH_TRY_ASSIGN(e.version, string(*x, "exception.version"));
            }
            if (auto* x = item.find("rule")) {
                VOUCH_TRY_ASSIGN(e.rule, string(*x, "exception.rule"));
            }
            if (e.check != "licenses" && e.check != "lint") {
                return error(item.find("check")->offset,
                             "exception.check must be \"licenses\" or \"lint\" (advisories are "
                             "suppressed with scan.ignore files)");
            }
            if (!is_date(e.expires)) {
                return error(item.find("expires")->offset,
                             "exception.expires must be a date YYYY-MM-DD");
            }
            out.push_back(std::move(e));
        }
        return {};
    }

    Result<Policy> policy() const {
        VOUCH_TRY_ASSIGN(Value root, jsonc::parse(m_text, m_file));
        VOUCH_TRY(expect(root, Kind::object, "a policy"));
        VOUCH_TRY(keys(root, "the policy",
                       {"$schema", "version", "description", "licenses", "dev", "lint", "scan",
                        "exceptions", "inspect", "promote"}));
        const Value* version = root.find("version");
        if (version == nullptr) {
            return error(root.offset, "the policy has no \"version\" (expected 1)");
        }
        if (version->kind != Kind::number || version->number != 1) {
            Error e = error(version->offset, "unsupported policy version (expected 1)").value();
            if (version->kind == Kind::number) {
                e.code = Errc::unsupported;
            }
            return tl::unexpected(std::move(e));
        }
        Policy out;
        out.path = m_file;
        out.sha256 = digest::sha256_hex(m_text);
        // Without a licences section nothing is allowed: a policy states what it accepts.
        out.licenses.categories.fill(Action::deny);
        if (auto* x = root.find("description")) {
            VOUCH_TRY_ASSIGN(out.description, string(*x, "description"));
        }
        if (auto* x = root.find("$schema")) {
            VOUCH_TRY(string(*x, "$schema"));
        }
        if (auto* x = root.find("licenses")) {
            VOUCH_TRY(licenses(*x, "licenses", out.licenses));
        }
        // Dev-only packages follow the main rules unless the policy says otherwise.
        out.dev = out.licenses;
        if (auto* x = root.find("dev")) {
            VOUCH_TRY(licenses(*x, "dev", out.dev));
        }
        out.lint.allowed_hosts.hosts = {"registry.npmjs.org"};
        if (auto* x = root.find("lint")) {
            VOUCH_TRY(lint(*x, out.lint));
        }
        if (auto* x = root.find("scan")) {
            VOUCH_TRY(scan(*x, out.scan));
        }
        if (auto* x = root.find("exceptions")) {
            VOUCH_TRY(exceptions(*x, out.exceptions));
        }
        if (auto* x = root.find("inspect")) {
            VOUCH_TRY(inspect_section(*x, out.inspect));
        }
        if (auto* x = root.find("promote")) {
            VOUCH_TRY(promote(*x, out.promote));
        }
        return out;
    }

  private:
    std::string_view m_text;
    const std::string& m_file;
};

} // namespace

std::string_view to_string(Action action) {
    switch (action) {
    case Action::allow:
        return "allow";
    case Action::review:
        return "review";
    case Action::deny:
        return "deny";
    }
    return "deny";
}

std::string_view to_string(Mode mode) {
    switch (mode) {
    case Mode::off:
        return "off";
    case Mode::warn:
        return "warn";
    case Mode::error:
        return "error";
    }
    return "error";
}

Result<Policy> parse(std::string_view text, const std::string& file) {
    return Reader(text, file).policy();
}

Result<Policy> load(const std::string& path) {
    VOUCH_TRY_ASSIGN(auto text, util::read_file(path, std::uintmax_t{1} << 20));
    return parse(text, path);
}

std::string_view builtin_default_text() {
    return k_default_policy;
}

const Policy& builtin_default() {
    static const Policy policy = [] {
        auto parsed = parse(k_default_policy, "builtin:default");
        if (!parsed) {
            // policies/default.json is checked by the tests; reaching this is a build defect.
            throw std::logic_error("built-in policy does not parse: " + parsed.error().describe());
        }
        return std::move(*parsed);
    }();
    return policy;
}

const Exception* find_exception(const Policy& policy, std::string_view package,
                                std::string_view version, std::string_view check,
                                std::string_view rule, std::string_view today,
                                std::vector<const Exception*>* expired) {
    const Exception* found = nullptr;
    for (const auto& e : policy.exceptions) {
        if (e.package != package || e.check != check ||
            (!e.version.empty() && e.version != version) || (!e.rule.empty() && e.rule != rule)) {
            continue;
        }
        // Valid through the day it names.
        if (e.expires < today) {
            if (expired != nullptr &&
                std::find(expired->begin(), expired->end(), &e) == expired->end()) {
                expired->push_back(&e);
            }
            continue;
        }
        if (found == nullptr) {
            found = &e;
        }
    }
    return found;
}

} // namespace vouch::policy
