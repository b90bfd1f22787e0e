#include "range_rewrite.hpp"

#include "text.hpp"

#include <cstdint>

namespace vouch::semver::detail {

namespace {

bool space_at(std::string_view s, std::size_t i) {
    return is_ascii_space(at(s, i));
}

std::string str(std::string_view s) {
    return std::string(s);
}

std::string trim(std::string_view s) {
    return std::string(js_trim(s));
}

std::string inc(std::string_view digits) {
    return increment_decimal(digits);
}

// s with its first "+build" (safe, bounded BUILD regex) removed.
std::string strip_first_build(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto end = build_end(s, i);
        if (end > i) {
            return str(s.substr(0, i)) + str(s.substr(end));
        }
    }
    return str(s);
}

// Whole-string match of XRANGEPLAIN starting at pos.
std::optional<XRangePlain> whole_xrange_plain(std::string_view s, std::size_t pos) {
    auto m = match_xrange_plain(s, pos);
    if (!m || m->end != s.size()) {
        return std::nullopt;
    }
    return m;
}

// "^1.2.3" and friends (replaceCaret); includePrerelease is always false in vouch.
std::string replace_caret(const std::string& comp) {
    if (at(comp, 0) != '^') {
        return comp;
    }
    const auto x = whole_xrange_plain(comp, 1);
    if (!x) {
        return comp;
    }
    const auto& M = x->major;
    const auto& m = x->minor;
    const auto& p = x->patch;
    const std::string pr = x->prerelease.empty() ? "" : "-" + x->prerelease;
    if (is_x(M)) {
        return "";
    }
    if (is_x(m)) {
        return ">=" + M + ".0.0 <" + inc(M) + ".0.0-0";
    }
    if (is_x(p)) {
        if (M == "0") {
            return ">=" + M + "." + m + ".0 <" + M + "." + inc(m) + ".0-0";
        }
        return ">=" + M + "." + m + ".0 <" + inc(M) + ".0.0-0";
    }
    const std::string low = ">=" + M + "." + m + "." + p + pr;
    if (M == "0") {
        if (m == "0") {
            return low + " <" + M + "." + m + "." + inc(p) + "-0";
        }
        return low + " <" + M + "." + inc(m) + ".0-0";
    }
    return low + " <" + inc(M) + ".0.0-0";
}

// "~1.2.3", "~>1.2" (replaceTilde).
std::string replace_tilde(const std::string& comp) {
    if (at(comp, 0) != '~') {
        return comp;
    }
    const auto x = whole_xrange_plain(comp, at(comp, 1) == '>' ? 2 : 1);
    if (!x) {
        return comp;
    }
    const auto& M = x->major;
    const auto& m = x->minor;
    const auto& p = x->patch;
    if (is_x(M)) {
        return "";
    }
    if (is_x(m)) {
        return ">=" + M + ".0.0 <" + inc(M) + ".0.0-0";
    }
    if (is_x(p)) {
        return ">=" + M + "." + m + ".0 <" + M + "." + inc(m) + ".0-0";
    }
    const std::string pr = x->prerelease.empty() ? "" : "-" + x->prerelease;
    return ">=" + M + "." + m + "." + p + pr + " <" + M + "." + inc(m) + ".0-0";
}

// "1.x", ">=1.2", "<=1", "*" (replaceXRange).
std::string replace_xrange(std::string_view raw) {
    const std::string comp = trim(raw);
    std::size_t i = 0;
    if (at(comp, i) == '<' || at(comp, i) == '>') {
        ++i;
    }
    if (at(comp, i) == '=') {
        ++i;
    }
    std::string gtlt = comp.substr(0, i);
    if (space_at(comp, i)) {
        ++i;
    }
    const auto x = whole_xrange_plain(comp, i);
    if (!x) {
        return comp;
    }
    std::string M = x->major, m = x->minor, p = x->patch;
    // invalidXRangeOrder: "x.1", "1.x.2" are left for the comparator parser to reject.
    if ((is_x(M) && !is_x(m)) || (is_x(m) && !p.empty() && !is_x(p))) {
        return comp;
    }
    const bool xM = is_x(M);
    const bool xm = xM || is_x(m);
    const bool xp = xm || is_x(p);
    if (gtlt == "=" && xp) {
        gtlt.clear();
    }
    if (xM) {
        return (gtlt == ">" || gtlt == "<") ? "<0.0.0-0" : "*";
    }
    if (!gtlt.empty() && xp) {
        if (xm) {
            m = "0";
        }
        p = "0";
        if (gtlt == ">") {
            gtlt = ">=";
            if (xm) {
                M = inc(M);
                m = "0";
            } else {
                m = inc(m);
            }
        } else if (gtlt == "<=") {
            gtlt = "<";
            if (xm) {
                M = inc(M);
            } else {
                m = inc(m);
            }
        }
        const std::string pr = gtlt == "<" ? "-0" : "";
        return gtlt + M + "." + m + "." + p + pr;
    }
    if (xm) {
        return ">=" + M + ".0.0 <" + inc(M) + ".0.0-0";
    }
    if (xp) {
        return ">=" + M + "." + m + ".0 <" + M + "." + inc(m) + ".0-0";
    }
    return comp;
}

// Removes the first (<|>)?=?\s?\* (replaceStars).
std::string replace_stars(std::string_view raw) {
    const std::string comp = trim(raw);
    for (std::size_t start = 0; start < comp.size(); ++start) {
        std::size_t i = start;
        if (at(comp, i) == '<' || at(comp, i) == '>') {
            ++i;
        }
        if (at(comp, i) == '=') {
            ++i;
        }
        if (space_at(comp, i)) {
            ++i;
        }
        if (at(comp, i) == '*') {
            return comp.substr(0, start) + comp.substr(i + 1);
        }
    }
    return comp;
}

template <class F> std::string map_pieces(const std::vector<std::string>& pieces, F f) {
    std::vector<std::string> out;
    out.reserve(pieces.size());
    for (const auto& piece : pieces) {
        out.push_back(f(piece));
    }
    return join(out, " ");
}

bool is_version_prefix(char c) {
    return c == 'v' || c == '=' || is_ascii_space(c);
}
bool is_version_start(char c) {
    return is_digit(c) || c == 'x' || c == 'X' || c == '*';
}

} // namespace

std::vector<std::string> split_spaces(std::string_view s) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_ascii_space(s[i])) {
            parts.push_back(str(s.substr(start, i - start)));
            while (i < s.size() && is_ascii_space(s[i])) {
                ++i;
            }
            start = i;
        } else {
            ++i;
        }
    }
    parts.push_back(str(s.substr(start)));
    return parts;
}

std::vector<std::string> split_literal(std::string_view s, std::string_view separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (auto hit = s.find(separator); hit != std::string_view::npos;
         hit = s.find(separator, start)) {
        parts.push_back(str(s.substr(start, hit - start)));
        start = hit + separator.size();
    }
    parts.push_back(str(s.substr(start)));
    return parts;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += parts[i];
    }
    return out;
}

std::string strip_builds(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto end = build_end(s, i, SIZE_MAX);
        if (end > i) {
            i = end;
        } else {
            out.push_back(s[i++]);
        }
    }
    return out;
}

std::string replace_hyphen(std::string_view s) {
    const std::size_t start = space_at(s, 0) ? 1 : 0;
    const auto from = match_xrange_plain(s, start);
    if (!from || !space_at(s, from->end) || at(s, from->end + 1) != '-' ||
        !space_at(s, from->end + 2)) {
        return str(s);
    }
    const auto to = match_xrange_plain(s, from->end + 3);
    if (!to || !(to->end == s.size() || (to->end + 1 == s.size() && space_at(s, to->end)))) {
        return str(s);
    }
    std::string low;
    if (is_x(from->major)) {
        low = "";
    } else if (is_x(from->minor)) {
        low = ">=" + from->major + ".0.0";
    } else if (is_x(from->patch)) {
        low = ">=" + from->major + "." + from->minor + ".0";
    } else {
        low = ">=" + str(s.substr(from->begin, from->end - from->begin));
    }
    std::string high;
    if (is_x(to->major)) {
        high = "";
    } else if (is_x(to->minor)) {
        high = "<" + inc(to->major) + ".0.0-0";
    } else if (is_x(to->patch)) {
        high = "<" + to->major + "." + inc(to->minor) + ".0-0";
    } else if (!to->prerelease.empty()) {
        high = "<=" + to->major + "." + to->minor + "." + to->patch + "-" + to->prerelease;
    } else {
        high = "<=" + str(s.substr(to->begin, to->end - to->begin));
    }
    return trim(low + " " + high);
}

std::string trim_comparator_whitespace(std::string_view s) {
    std::string out;
    std::size_t copy_from = 0;
    std::size_t cursor = 0;
    while (cursor < s.size()) {
        const std::size_t start = cursor;
        if (s[cursor] == '<' || s[cursor] == '>') {
            ++cursor;
        } else if (!is_version_prefix(s[cursor]) && !is_version_start(s[cursor])) {
            ++cursor;
            continue;
        }
        while (cursor < s.size() && is_version_prefix(s[cursor])) {
            ++cursor;
        }
        if (!is_version_start(at(s, cursor))) {
            continue;
        }
        // The regex (\s*)(<|>)?=?\s*(version) drops the whitespace right after the operator.
        std::size_t ws = start;
        if (space_at(s, ws)) {
            ++ws;
        }
        if (at(s, ws) == '<' || at(s, ws) == '>') {
            ++ws;
        }
        if (at(s, ws) == '=') {
            ++ws;
        }
        if (space_at(s, ws)) {
            out.append(s.substr(copy_from, ws - copy_from));
            copy_from = ws + 1;
        }
        // Resume after the whole version, as the global regex does.
        const auto full = loose_full_end(s, cursor);
        cursor = full != cursor ? full : match_xrange_plain(s, cursor)->end;
    }
    out.append(s.substr(copy_from));
    return out;
}

namespace {
std::string trim_operator(std::string_view s, char op, bool allow_gt) {
    std::string out;
    const auto tail = [&](std::size_t j) -> std::size_t {
        if (allow_gt && at(s, j) == '>' && space_at(s, j + 1)) {
            return j + 2;
        }
        return space_at(s, j) ? j + 1 : 0;
    };
    for (std::size_t i = 0; i < s.size();) {
        if (space_at(s, i) && at(s, i + 1) == op) {
            if (const auto end = tail(i + 2)) {
                out.push_back(s[i]);
                out.push_back(op);
                i = end;
                continue;
            }
        }
        if (s[i] == op) {
            if (const auto end = tail(i + 1)) {
                out.push_back(op);
                i = end;
                continue;
            }
        }
        out.push_back(s[i++]);
    }
    return out;
}
} // namespace

std::string trim_tilde(std::string_view s) {
    return trim_operator(s, '~', true);
}
std::string trim_caret(std::string_view s) {
    return trim_operator(s, '^', false);
}

std::string rewrite_comparator(std::string_view raw) {
    std::string comp = strip_first_build(raw);
    comp = map_pieces(split_spaces(trim(comp)), replace_caret);
    comp = map_pieces(split_spaces(trim(comp)), replace_tilde);
    comp = map_pieces(split_spaces(comp), replace_xrange);
    return replace_stars(comp);
}

std::string replace_gte0(std::string_view raw) {
    std::string comp = trim(raw);
    return comp == ">=0.0.0" ? std::string() : comp;
}

} // namespace vouch::semver::detail
