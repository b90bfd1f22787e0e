// Ranges: node-semver's `new Range(text)` and range.test(version), default options
// (loose = false, includePrerelease = false).
#include "range_rewrite.hpp"
#include "text.hpp"

#include <unordered_set>
#include <vouch/semver/semver.hpp>

namespace vouch::semver {

using namespace detail;
using Comparator = Range::Comparator;
using Op = Comparator::Op;

namespace {

std::string_view op_text(Op op) {
    switch (op) {
    case Op::lt:
        return "<";
    case Op::le:
        return "<=";
    case Op::gt:
        return ">";
    case Op::ge:
        return ">=";
    case Op::eq:
    case Op::any:
        break;
    }
    return "";
}

// Comparator's `value` in node-semver: "" for any, else operator + normalized version.
std::string value_of(const Comparator& c) {
    return c.op == Op::any ? std::string() : std::string(op_text(c.op)) + c.version.to_string();
}

bool is_null_set(const Comparator& c) {
    return c.op == Op::lt && c.version.major == 0 && c.version.minor == 0 && c.version.patch == 0 &&
           c.version.to_string() == "0.0.0-0";
}

// COMPARATOR: ^((?:<|>)?=?)\s?(FULLPLAIN)$|^$ followed by new SemVer(version).
std::optional<Comparator> parse_comparator(std::string_view text) {
    Comparator c;
    if (text.empty()) {
        return c; // Op::any
    }
    std::size_t i = 0;
    if (at(text, i) == '<' || at(text, i) == '>') {
        ++i;
    }
    if (at(text, i) == '=') {
        ++i;
    }
    const auto op = text.substr(0, i);
    if (is_ascii_space(at(text, i))) {
        ++i;
    }
    const auto version_text = text.substr(i);
    // FULLPLAIN admits no surrounding whitespace, which Version::parse would trim.
    if (version_text.empty() || is_ascii_space(version_text.front()) ||
        is_ascii_space(version_text.back())) {
        return std::nullopt;
    }
    auto version = Version::parse(version_text);
    if (!version) {
        return std::nullopt;
    }
    c.version = std::move(*version);
    c.op = op == "<"    ? Op::lt
           : op == "<=" ? Op::le
           : op == ">"  ? Op::gt
           : op == ">=" ? Op::ge
                        : Op::eq;
    return c;
}

// Range.prototype.parseRange for one ||-separated part.
Result<std::vector<Comparator>> parse_part(std::string_view part, std::string_view whole) {
    std::string text = strip_builds(part);
    text = replace_hyphen(text);
    text = trim_comparator_whitespace(text);
    text = trim_tilde(text);
    text = trim_caret(text);

    std::vector<std::string> rewritten;
    for (const auto& piece : split_literal(text, " ")) {
        rewritten.push_back(rewrite_comparator(piece));
    }
    // Every comparator is parsed (and may fail) before the null-set and dedupe passes.
    std::vector<Comparator> comparators;
    for (const auto& piece : split_spaces(join(rewritten, " "))) {
        auto comparator = parse_comparator(replace_gte0(piece));
        if (!comparator) {
            return fail(Errc::parse, "invalid semver range '" + std::string(whole) +
                                         "': bad comparator '" + piece + "'");
        }
        comparators.push_back(std::move(*comparator));
    }
    std::vector<Comparator> result;
    std::unordered_set<std::string> values;
    for (const auto& comparator : comparators) {
        if (is_null_set(comparator)) {
            return std::vector<Comparator>{comparator};
        }
        if (values.insert(value_of(comparator)).second) {
            result.push_back(comparator);
        }
    }
    if (result.size() > 1) {
        std::erase_if(result, [](const Comparator& c) { return c.op == Op::any; });
    }
    return result;
}

bool test_comparator(const Comparator& c, const Version& v) {
    if (c.op == Op::any) {
        return true;
    }
    const int order = compare(v, c.version);
    switch (c.op) {
    case Op::lt:
        return order < 0;
    case Op::le:
        return order <= 0;
    case Op::gt:
        return order > 0;
    case Op::ge:
        return order >= 0;
    case Op::eq:
        return order == 0;
    case Op::any:
        break;
    }
    return true;
}

bool test_set(const std::vector<Comparator>& set, const Version& v) {
    for (const auto& c : set) {
        if (!test_comparator(c, v)) {
            return false;
        }
    }
    if (!v.is_prerelease()) {
        return true;
    }
    // A prerelease only matches when the set itself names a prerelease of the same
    // [major, minor, patch]: ^1.2.3-beta.1 admits 1.2.3-beta.2 but not 1.2.4-alpha.
    for (const auto& c : set) {
        if (c.op != Op::any && c.version.is_prerelease() && c.version.major == v.major &&
            c.version.minor == v.minor && c.version.patch == v.patch) {
            return true;
        }
    }
    return false;
}

} // namespace

Result<Range> Range::parse(std::string_view text) {
    Range range;
    range.m_text = js_trim_collapse(text);
    for (const auto& part : split_literal(range.m_text, "||")) {
        VOUCH_TRY_ASSIGN(auto set, parse_part(js_trim(part), range.m_text));
        range.m_sets.push_back(std::move(set));
    }
    auto& sets = range.m_sets;
    if (sets.size() > 1) {
        // node-semver drops null sets (<0.0.0-0) unless all are null, then collapses the union
        // to a lone "any" set when one exists (which also stops prereleases from matching).
        auto first = sets.front();
        std::erase_if(sets, [](const auto& set) { return is_null_set(set.front()); });
        if (sets.empty()) {
            sets.push_back(std::move(first));
        } else if (sets.size() > 1) {
            for (const auto& set : sets) {
                if (set.size() == 1 && set.front().op == Op::any) {
                    auto any = set;
                    sets = {std::move(any)};
                    break;
                }
            }
        }
    }
    return range;
}

bool Range::satisfies(const Version& version) const {
    for (const auto& set : m_sets) {
        if (test_set(set, version)) {
            return true;
        }
    }
    return false;
}

std::string to_string(const Range& range) {
    std::string out;
    for (std::size_t i = 0; i < range.sets().size(); ++i) {
        if (i > 0) {
            out += "||";
        }
        const auto& set = range.sets()[i];
        for (std::size_t k = 0; k < set.size(); ++k) {
            if (k > 0) {
                out += ' ';
            }
            out += value_of(set[k]);
        }
    }
    return out;
}

bool satisfies(std::string_view version, std::string_view range) {
    const auto parsed_range = Range::parse(range);
    if (!parsed_range) {
        return false;
    }
    const auto parsed_version = Version::parse(version);
    return parsed_version && parsed_range->satisfies(*parsed_version);
}

} // namespace vouch::semver
