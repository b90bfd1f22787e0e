// npm's `license` field as people really write it: SPDX mostly, plus a few old spellings that
// mean one thing ("Apache 2.0", "MIT/X11"), npm's own keywords, and deprecated SPDX ids.
#include <algorithm>
#include <cctype>
#include <regex>
#include <vouch/license/license.hpp>

namespace vouch::license {

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Whole-string spellings seen in npm metadata, read as the SPDX expression on the right.
struct Spelling {
    const char* written; // lower case
    const char* spdx;
};
constexpr Spelling k_spellings[] = {
    {"mit/x11", "MIT"},
    {"mit x11", "MIT"},
    {"x11/mit", "MIT"},
    {"mit license", "MIT"},
    {"the mit license", "MIT"},
    {"mit licence", "MIT"},
    {"isc license", "ISC"},
    {"apache 2.0", "Apache-2.0"},
    {"apache 2", "Apache-2.0"},
    {"apache-2", "Apache-2.0"},
    {"apache2", "Apache-2.0"},
    {"apache v2", "Apache-2.0"},
    {"apache license 2.0", "Apache-2.0"},
    {"apache license, version 2.0", "Apache-2.0"},
    {"apache license version 2.0", "Apache-2.0"},
    {"apache-2.0 license", "Apache-2.0"},
    {"asl 2.0", "Apache-2.0"},
    // Which BSD is not said; both common ones are permissive, so either is read.
    {"bsd", "BSD-2-Clause OR BSD-3-Clause"},
    {"bsd license", "BSD-2-Clause OR BSD-3-Clause"},
    {"new bsd", "BSD-3-Clause"},
    {"bsd-new", "BSD-3-Clause"},
    {"simplified bsd", "BSD-2-Clause"},
    {"bsd 3-clause", "BSD-3-Clause"},
    {"bsd 2-clause", "BSD-2-Clause"},
    {"bsd-3", "BSD-3-Clause"},
    {"bsd-2", "BSD-2-Clause"},
    {"wtfpl v2", "WTFPL"},
    {"cc0", "CC0-1.0"},
    {"mpl 2.0", "MPL-2.0"},
    {"lgpl", "LGPL-2.0-or-later"},
    {"gpl", "GPL-1.0-or-later"},
};

// Deprecated GNU ids have an unambiguous replacement: GPL-2.0 -> GPL-2.0-only, GPL-2.0+ ->
// GPL-2.0-or-later; "GPL-2.0-with-classpath-exception" -> GPL-2.0-only WITH the exception.
void replace_deprecated(Expression& e, std::vector<std::string>& notes) {
    if (e.kind != Expression::Kind::license) {
        for (auto& operand : e.operands) {
            replace_deprecated(operand, notes);
        }
        return;
    }
    if (!e.deprecated) {
        return;
    }
    static const std::regex gnu(R"(((A|L)?GPL|GFDL)-\d\.\d)");
    static const std::regex gnu_with(R"((GPL-\d\.\d)-with-(.+)-exception)");
    const std::string before = e.term();
    std::smatch m;
    if (std::regex_match(e.id, gnu)) {
        e.id += e.or_later ? "-or-later" : "-only";
        e.or_later = false;
        e.deprecated = false;
    } else if (std::regex_match(e.id, m, gnu_with)) {
        static const std::pair<const char*, const char*> exceptions[] = {
            {"classpath", "Classpath-exception-2.0"},
            {"autoconf", "Autoconf-exception-2.0"},
            {"bison", "Bison-exception-2.2"},
            {"font", "Font-exception-2.0"},
            {"GCC", "GCC-exception-2.0"},
        };
        for (const auto& [word, exception] : exceptions) {
            if (m[2] == word && e.exception.empty()) {
                e.id = m[1].str() + "-only";
                e.exception = exception;
                e.deprecated = false;
            }
        }
    }
    if (e.deprecated) {
        notes.push_back("deprecated SPDX id " + before);
    } else {
        notes.push_back("deprecated SPDX id " + before + " read as " + e.term());
    }
}

} // namespace

NpmLicense read_npm_license(std::string_view raw_text) {
    NpmLicense out;
    out.raw = std::string(raw_text);
    const std::string raw = trim(raw_text);
    if (raw.empty()) {
        return out;
    }
    const std::string folded = lower(raw);
    if (folded == "unlicensed") {
        out.kind = NpmLicense::Kind::unlicensed;
        return out;
    }
    if (folded.rfind("see license in ", 0) == 0 || folded.rfind("see licence in ", 0) == 0) {
        out.kind = NpmLicense::Kind::custom;
        out.notes.push_back("custom licence text in " + raw.substr(15));
        return out;
    }
    if (auto parsed = parse_expression(raw)) {
        out.kind = NpmLicense::Kind::spdx;
        out.expression = std::move(*parsed);
        const auto before = out.notes.size();
        replace_deprecated(*out.expression, out.notes);
        if (out.notes.size() > before) {
            out.kind = NpmLicense::Kind::corrected;
        }
        return out;
    }
    for (const auto& spelling : k_spellings) {
        if (folded == spelling.written) {
            out.kind = NpmLicense::Kind::corrected;
            out.expression = *parse_expression(spelling.spdx);
            out.notes.push_back("\"" + raw + "\" is not SPDX; read as " + spelling.spdx);
            return out;
        }
    }
    // Lower-case operators ("MIT or Apache-2.0") and surrounding parentheses are common slips.
    static const std::regex operators(R"(\s(and|or|with)\s)", std::regex::icase);
    {
        std::string fixed;
        std::smatch m;
        std::string rest = raw;
        while (std::regex_search(rest, m, operators)) {
            fixed += m.prefix().str() + " ";
            std::string op = m[1].str();
            std::transform(op.begin(), op.end(), op.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            fixed += op + " ";
            rest = m.suffix().str();
        }
        fixed += rest;
        if (fixed != raw) {
            if (auto parsed = parse_expression(fixed)) {
                out.kind = NpmLicense::Kind::corrected;
                out.expression = std::move(*parsed);
                out.notes.push_back("\"" + raw + "\" has lower-case operators; read as " +
                                    to_string(*out.expression));
                replace_deprecated(*out.expression, out.notes);
                return out;
            }
        }
    }
    // "MIT OR Apache2" (a legacy array joined by the lockfile reader): each part corrected.
    if (raw.find('(') == std::string::npos && raw.find(" OR ") != std::string::npos) {
        std::string rebuilt;
        std::vector<std::string> notes;
        std::size_t start = 0;
        bool ok = true;
        while (ok) {
            const auto end = raw.find(" OR ", start);
            const auto part = read_npm_license(raw.substr(start, end - start));
            ok = part.expression.has_value() && part.expression->kind != Expression::Kind::any_of;
            if (ok) {
                rebuilt += (rebuilt.empty() ? "" : " OR ") + to_string(*part.expression);
                notes.insert(notes.end(), part.notes.begin(), part.notes.end());
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 4;
        }
        if (ok) {
            if (auto parsed = parse_expression(rebuilt)) {
                out.kind = NpmLicense::Kind::corrected;
                out.expression = std::move(*parsed);
                out.notes = std::move(notes);
                return out;
            }
        }
    }
    out.kind = NpmLicense::Kind::custom;
    out.notes.push_back("not an SPDX expression: " + parse_expression(raw).error().message);
    return out;
}

} // namespace vouch::license
