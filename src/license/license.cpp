#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <vector>
#include <vouch/license/license.hpp>

namespace vouch::license {

namespace {

#include "spdx_ids.inc"

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

int compare_ignoring_case(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int x = std::tolower(static_cast<unsigned char>(a[i]));
        const int y = std::tolower(static_cast<unsigned char>(b[i]));
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// The SPDX ids, found whatever their case by binary search over an order sorted once into
// static storage. (A hash map of lower-cased copies took about 70 KiB of heap for every SBOM.)
template <std::size_t N> class IdTable {
  public:
    explicit IdTable(const std::string_view (&ids)[N]) : m_ids(ids) {
        for (std::size_t i = 0; i < N; ++i) {
            m_order[i] = static_cast<std::uint16_t>(i);
        }
        // Stable: of two ids equal but for case, the first listed is found, as before.
        std::stable_sort(m_order.begin(), m_order.end(), [&](std::uint16_t a, std::uint16_t b) {
            return compare_ignoring_case(m_ids[a], m_ids[b]) < 0;
        });
    }
    std::optional<std::string_view> find(std::string_view id) const {
        const auto at = std::lower_bound(m_order.begin(), m_order.end(), id,
                                         [&](std::uint16_t i, std::string_view key) {
                                             return compare_ignoring_case(m_ids[i], key) < 0;
                                         });
        if (at == m_order.end() || compare_ignoring_case(m_ids[*at], id) != 0) {
            return std::nullopt;
        }
        return m_ids[*at];
    }

  private:
    static_assert(N < 65536);
    const std::string_view (&m_ids)[N];
    std::array<std::uint16_t, N> m_order{};
};

std::optional<std::string_view> find_license_id(std::string_view id) {
    static const IdTable current(k_license_ids);
    static const IdTable deprecated(k_deprecated_license_ids);
    if (auto found = current.find(id)) {
        return found;
    }
    return deprecated.find(id);
}

std::optional<std::string_view> find_exception_id(std::string_view id) {
    static const IdTable exceptions(k_exception_ids);
    return exceptions.find(id);
}

bool is_idstring(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '.';
    });
}

// LicenseRef-<idstring> or DocumentRef-<idstring>:LicenseRef-<idstring>
bool is_license_ref(std::string_view s) {
    if (s.rfind("DocumentRef-", 0) == 0) {
        const auto colon = s.find(':');
        if (colon == std::string_view::npos || !is_idstring(s.substr(12, colon - 12))) {
            return false;
        }
        s = s.substr(colon + 1);
    }
    return s.rfind("LicenseRef-", 0) == 0 && is_idstring(s.substr(11));
}

struct Token {
    std::string_view text;
    std::size_t offset = 0;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < text.size()) {
        const char c = text[i];
        if (space(c)) {
            ++i;
        } else if (c == '(' || c == ')') {
            tokens.push_back({text.substr(i, 1), i});
            ++i;
        } else {
            std::size_t j = i;
            while (j < text.size() && !space(text[j]) && text[j] != '(' && text[j] != ')') {
                ++j;
            }
            tokens.push_back({text.substr(i, j - i), i});
            i = j;
        }
    }
    return tokens;
}

// Recursive descent over Annex D: or := and ("OR" and)* ; and := with ("AND" with)* ;
// with := primary ("WITH" exception)? ; primary := "(" or ")" | id["+"] | LicenseRef.
class Parser {
  public:
    Parser(std::string_view text, std::vector<Token> tokens)
        : m_text(text), m_tokens(std::move(tokens)) {}

    Result<Expression> parse() {
        if (m_tokens.empty()) {
            return fail(Errc::parse, "empty licence expression");
        }
        VOUCH_TRY_ASSIGN(auto out, parse_or(0));
        if (m_pos != m_tokens.size()) {
            const auto& t = m_tokens[m_pos];
            if (t.text == ")") {
                return error(t, "unbalanced ')'");
            }
            if (lower(t.text) == "and" || lower(t.text) == "or" || lower(t.text) == "with") {
                return error(t, "operators are upper case: \"" + std::string(t.text) +
                                    "\" is not AND/OR/WITH");
            }
            return error(t, "expected AND, OR or WITH before \"" + std::string(t.text) + '"');
        }
        return out;
    }

  private:
    static constexpr int k_max_depth = 64;

    tl::unexpected<Error> error(const Token& at, const std::string& message) const {
        return fail(Errc::parse, "column " + std::to_string(at.offset + 1) + ": " + message);
    }
    tl::unexpected<Error> error_at_end(const std::string& message) const {
        return fail(Errc::parse, "column " + std::to_string(m_text.size() + 1) + ": " + message);
    }

    static Expression combine(Expression::Kind kind, Expression left, Expression right) {
        Expression out;
        out.kind = kind;
        for (auto* side : {&left, &right}) {
            if (side->kind == kind && !side->parenthesized) {
                for (auto& operand : side->operands) {
                    out.operands.push_back(std::move(operand));
                }
            } else {
                out.operands.push_back(std::move(*side));
            }
        }
        return out;
    }

    Result<Expression> parse_or(int depth) {
        VOUCH_TRY_ASSIGN(auto left, parse_and(depth));
        while (peek("OR")) {
            ++m_pos;
            VOUCH_TRY_ASSIGN(auto right, parse_and(depth));
            left = combine(Expression::Kind::any_of, std::move(left), std::move(right));
        }
        return left;
    }
    Result<Expression> parse_and(int depth) {
        VOUCH_TRY_ASSIGN(auto left, parse_with(depth));
        while (peek("AND")) {
            ++m_pos;
            VOUCH_TRY_ASSIGN(auto right, parse_with(depth));
            left = combine(Expression::Kind::all_of, std::move(left), std::move(right));
        }
        return left;
    }
    Result<Expression> parse_with(int depth) {
        VOUCH_TRY_ASSIGN(auto left, parse_primary(depth));
        if (peek("WITH")) {
            const Token with = m_tokens[m_pos++];
            if (left.kind != Expression::Kind::license || left.parenthesized) {
                return error(with, "WITH must follow a single licence id");
            }
            if (left.is_reference()) {
                return error(with, "WITH cannot follow a LicenseRef");
            }
            if (m_pos >= m_tokens.size()) {
                return error_at_end("expected an exception id after WITH");
            }
            const Token& name = m_tokens[m_pos++];
            const auto exception = canonical_exception_id(name.text);
            if (!exception) {
                return error(name, "unknown licence exception \"" + std::string(name.text) + '"');
            }
            left.exception = *exception;
        }
        return left;
    }
    Result<Expression> parse_primary(int depth) {
        if (depth > k_max_depth) {
            return error(m_tokens[m_pos], "parentheses nested deeper than 64");
        }
        if (m_pos >= m_tokens.size()) {
            const std::string after =
                m_pos == 0 ? std::string() : " after " + std::string(m_tokens[m_pos - 1].text);
            return error_at_end("expected a licence" + after);
        }
        const Token token = m_tokens[m_pos++];
        if (token.text == "(") {
            VOUCH_TRY_ASSIGN(auto inner, parse_or(depth + 1));
            if (!peek(")")) {
                return m_pos < m_tokens.size()
                           ? error(m_tokens[m_pos], "expected ')'")
                           : error(token, "unbalanced '(': no closing parenthesis");
            }
            ++m_pos;
            inner.parenthesized = true;
            return inner;
        }
        if (token.text == ")" || token.text == "AND" || token.text == "OR" ||
            token.text == "WITH") {
            const std::string after =
                m_pos < 2 ? std::string() : " after " + std::string(m_tokens[m_pos - 2].text);
            return error(token, "expected a licence" + after + ", found \"" +
                                    std::string(token.text) + '"');
        }
        Expression leaf;
        if (is_license_ref(token.text)) {
            leaf.id = std::string(token.text);
            return leaf;
        }
        std::string_view id = token.text;
        leaf.or_later = !id.empty() && id.back() == '+';
        if (leaf.or_later) {
            id.remove_suffix(1);
        }
        auto canonical = canonical_license_id(id);
        if (!canonical) {
            if (lower(token.text) == "and" || lower(token.text) == "or" ||
                lower(token.text) == "with") {
                return error(token, "operators are upper case: \"" + std::string(token.text) +
                                        "\" is not AND/OR/WITH");
            }
            return error(token, "unknown licence id \"" + std::string(token.text) + '"');
        }
        leaf.id = *canonical;
        leaf.deprecated = is_deprecated_id(leaf.id);
        return leaf;
    }
    bool peek(std::string_view word) const {
        return m_pos < m_tokens.size() && m_tokens[m_pos].text == word;
    }

    std::string_view m_text;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
};

void append(std::string& out, const Expression& e) {
    if (e.parenthesized) {
        out += '(';
    }
    if (e.kind == Expression::Kind::license) {
        out += e.term();
    } else {
        const char* op = e.kind == Expression::Kind::all_of ? " AND " : " OR ";
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
            if (i > 0) {
                out += op;
            }
            append(out, e.operands[i]);
        }
    }
    if (e.parenthesized) {
        out += ')';
    }
}

} // namespace

std::string_view spdx_list_version() {
    return k_spdx_list_version;
}

std::string Expression::term() const {
    std::string out = id;
    if (or_later) {
        out += '+';
    }
    if (!exception.empty()) {
        out += " WITH " + exception;
    }
    return out;
}

std::optional<std::string> canonical_license_id(std::string_view id) {
    const auto found = find_license_id(id);
    return found ? std::optional<std::string>(*found) : std::nullopt;
}

std::optional<std::string> canonical_exception_id(std::string_view id) {
    const auto found = find_exception_id(id);
    return found ? std::optional<std::string>(*found) : std::nullopt;
}

bool is_deprecated_id(std::string_view canonical_id) {
    return std::find(std::begin(k_deprecated_license_ids), std::end(k_deprecated_license_ids),
                     canonical_id) != std::end(k_deprecated_license_ids);
}

Result<Expression> parse_expression(std::string_view text) {
    if (text.size() > 4096) {
        return fail(Errc::parse, "licence expression longer than 4096 bytes");
    }
    return Parser(text, tokenize(text)).parse();
}

std::string to_string(const Expression& expression) {
    std::string out;
    append(out, expression);
    return out;
}

std::optional<std::string> normalize_expression(std::string_view expression) {
    auto parsed = parse_expression(expression);
    if (!parsed) {
        return std::nullopt;
    }
    return to_string(*parsed);
}

Classified classify(std::string_view raw) {
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) {
        raw.remove_prefix(1);
    }
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) {
        raw.remove_suffix(1);
    }
    if (raw.empty()) {
        return {};
    }
    if (auto id = canonical_license_id(raw)) {
        return {Classified::Kind::id, *id};
    }
    if (auto expression = normalize_expression(raw)) {
        return {Classified::Kind::expression, *expression};
    }
    return {Classified::Kind::name, std::string(raw)};
}

} // namespace vouch::license
