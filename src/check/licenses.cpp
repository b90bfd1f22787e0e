#include <algorithm>
#include <cctype>
#include <vouch/check/licenses.hpp>

namespace vouch::check {

namespace {

using license::Category;
using license::Expression;
using license::NpmLicense;
using policy::Action;

bool equal_folded(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// A list entry names this term: the whole term ("GPL-2.0-only WITH Classpath-exception-2.0"),
// the id with its "+", or the bare id.
bool listed(const std::vector<std::string>& list, const Expression& leaf) {
    const std::string term = leaf.term();
    const std::string plus = leaf.id + (leaf.or_later ? "+" : "");
    return std::any_of(list.begin(), list.end(), [&](const std::string& entry) {
        return equal_folded(entry, term) || equal_folded(entry, plus) ||
               equal_folded(entry, leaf.id);
    });
}

int rank(Action a) {
    return a == Action::allow ? 2 : a == Action::review ? 1 : 0;
}

TermDecision by_category(Category category, const policy::LicenseRules& rules,
                         std::string_view section, std::string term) {
    TermDecision d;
    d.category = category;
    d.action = rules.categories[static_cast<std::size_t>(category)];
    d.rule = std::string(section) + ".categories." + std::string(license::to_string(category));
    d.term = std::move(term);
    return d;
}

} // namespace

TermDecision decide_expression(const Expression& e, const policy::LicenseRules& rules,
                               std::string_view section) {
    if (e.kind == Expression::Kind::license) {
        const std::string s(section);
        TermDecision d;
        d.term = e.term();
        d.category = license::category_of(e.id);
        if (listed(rules.deny, e)) {
            d.action = Action::deny;
            d.rule = s + ".deny";
        } else if (listed(rules.review, e)) {
            d.action = Action::review;
            d.rule = s + ".review";
        } else if (listed(rules.allow, e)) {
            d.action = Action::allow;
            d.rule = s + ".allow";
        } else {
            return by_category(d.category, rules, section, d.term);
        }
        return d;
    }
    // OR: the licensee may pick the best side; AND: every side applies, so the worst decides.
    const bool any = e.kind == Expression::Kind::any_of;
    TermDecision chosen = decide_expression(e.operands.front(), rules, section);
    for (std::size_t i = 1; i < e.operands.size(); ++i) {
        TermDecision next = decide_expression(e.operands[i], rules, section);
        if (any ? rank(next.action) > rank(chosen.action)
                : rank(next.action) < rank(chosen.action)) {
            chosen = std::move(next);
        }
    }
    return chosen;
}

LicenseReport evaluate_licenses(const lockfile::Lockfile& lockfile, const policy::Policy& policy,
                                std::string_view today) {
    LicenseReport out;
    std::vector<const policy::Exception*> expired;
    for (std::size_t i = 0; i < lockfile.packages.size(); ++i) {
        const auto& p = lockfile.packages[i];
        if (i == 0 || p.is_workspace || p.source == lockfile::Source::root) {
            continue;
        }
        LicenseResult r;
        r.index = i;
        r.name = p.name;
        r.version = p.version;
        r.location = p.location;
        r.dev = p.dev;
        r.raw = p.license;
        r.source = p.license.empty()             ? "none"
                   : p.license_from_node_modules ? "node_modules"
                                                 : "lockfile";
        const auto& rules = p.dev ? policy.dev : policy.licenses;
        const std::string section = p.dev ? "dev" : "licenses";
        const NpmLicense read = license::read_npm_license(p.license);
        r.kind = read.kind;
        r.notes = read.notes;
        TermDecision d;
        switch (read.kind) {
        case NpmLicense::Kind::spdx:
        case NpmLicense::Kind::corrected:
            r.license = license::to_string(*read.expression);
            d = decide_expression(*read.expression, rules, section);
            break;
        case NpmLicense::Kind::unlicensed:
            r.license = "UNLICENSED";
            d = by_category(Category::proprietary, rules, section, "UNLICENSED");
            break;
        case NpmLicense::Kind::custom:
            r.license = p.license;
            d = by_category(Category::unknown, rules, section, "custom licence text");
            break;
        case NpmLicense::Kind::none:
            d = by_category(Category::unknown, rules, section, "no licence declared");
            break;
        }
        r.category = d.category;
        r.action = d.action;
        r.rule = d.rule;
        r.detail = d.term + " (" + std::string(license::to_string(d.category)) +
                   "): " + std::string(policy::to_string(d.action));
        if (d.action != Action::allow) {
            if (const auto* e = policy::find_exception(policy, p.name, p.version, "licenses", "",
                                                       today, &expired)) {
                r.action = Action::allow;
                r.rule = "exception";
                r.detail += "; excepted until " + e->expires + " by " + e->owner + ": " + e->reason;
            }
        }
        r.fails = r.action == Action::deny || (r.action == Action::review && rules.review_fails);
        switch (r.action) {
        case Action::allow:
            ++out.allowed;
            break;
        case Action::review:
            ++out.reviewed;
            break;
        case Action::deny:
            ++out.denied;
            break;
        }
        out.failing += r.fails ? 1 : 0;
        out.packages.push_back(std::move(r));
    }
    out.expired = std::move(expired);
    return out;
}

} // namespace vouch::check
