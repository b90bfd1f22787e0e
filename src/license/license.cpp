#include <algorithm>
#include <cctype>
#include <unordered_map>
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

template <std::size_t N, std::size_t M>
std::unordered_map<std::string, std::string_view> index_of(const std::string_view (&a)[N],
                                                           const std::string_view (&b)[M]) {
    std::unordered_map<std::string, std::string_view> out;
    for (auto id : a) {
        out.emplace(lower(id), id);
    }
    for (auto id : b) {
        out.emplace(lower(id), id);
    }
    return out;
}

const std::unordered_map<std::string, std::string_view>& license_index() {
    static const auto index = index_of(k_license_ids, k_deprecated_license_ids);
    return index;
}

const std::unordered_map<std::string, std::string_view>& exception_index() {
    static const auto index = [] {
        std::unordered_map<std::string, std::string_view> out;
        for (auto id : k_exception_ids) {
            out.emplace(lower(id), id);
        }
        return out;
    }();
    return index;
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

std::vector<std::string_view> tokenize(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (c == '(' || c == ')') {
            tokens.push_back(text.substr(i, 1));
            ++i;
        } else {
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' &&
                   text[j] != '\r' && text[j] != '(' && text[j] != ')') {
                ++j;
            }
            tokens.push_back(text.substr(i, j - i));
            i = j;
        }
    }
    return tokens;
}

// Recursive descent over: or := and ("OR" and)* ; and := with ("AND" with)* ;
// with := primary ("WITH" exception)? ; primary := "(" or ")" | id["+"] | LicenseRef.
class ExpressionParser {
  public:
    explicit ExpressionParser(std::vector<std::string_view> tokens) : m_tokens(std::move(tokens)) {}

    std::optional<std::string> parse() {
        if (m_tokens.empty()) {
            return std::nullopt;
        }
        auto out = parse_or(0);
        if (!out || m_pos != m_tokens.size()) {
            return std::nullopt;
        }
        return out;
    }

  private:
    static constexpr int k_max_depth = 64;

    std::optional<std::string> parse_or(int depth) {
        auto left = parse_and(depth);
        while (left && peek("OR")) {
            ++m_pos;
            auto right = parse_and(depth);
            if (!right) {
                return std::nullopt;
            }
            *left += " OR " + *right;
        }
        return left;
    }
    std::optional<std::string> parse_and(int depth) {
        auto left = parse_with(depth);
        while (left && peek("AND")) {
            ++m_pos;
            auto right = parse_with(depth);
            if (!right) {
                return std::nullopt;
            }
            *left += " AND " + *right;
        }
        return left;
    }
    std::optional<std::string> parse_with(int depth) {
        auto left = parse_primary(depth);
        if (left && peek("WITH")) {
            ++m_pos;
            if (m_pos >= m_tokens.size()) {
                return std::nullopt;
            }
            const auto exception = canonical_exception_id(m_tokens[m_pos++]);
            if (!exception) {
                return std::nullopt;
            }
            *left += " WITH " + *exception;
        }
        return left;
    }
    std::optional<std::string> parse_primary(int depth) {
        if (m_pos >= m_tokens.size() || depth > k_max_depth) {
            return std::nullopt;
        }
        const std::string_view token = m_tokens[m_pos++];
        if (token == "(") {
            auto inner = parse_or(depth + 1);
            if (!inner || !peek(")")) {
                return std::nullopt;
            }
            ++m_pos;
            return "(" + *inner + ")";
        }
        if (is_license_ref(token)) {
            return std::string(token);
        }
        std::string_view id = token;
        const bool or_later = !id.empty() && id.back() == '+';
        if (or_later) {
            id.remove_suffix(1);
        }
        auto canonical = canonical_license_id(id);
        if (!canonical) {
            return std::nullopt;
        }
        return or_later ? *canonical + "+" : *canonical;
    }
    bool peek(std::string_view word) const {
        return m_pos < m_tokens.size() && m_tokens[m_pos] == word;
    }

    std::vector<std::string_view> m_tokens;
    std::size_t m_pos = 0;
};

} // namespace

std::optional<std::string> canonical_license_id(std::string_view id) {
    const auto& index = license_index();
    const auto it = index.find(lower(id));
    if (it == index.end()) {
        return std::nullopt;
    }
    return std::string(it->second);
}

std::optional<std::string> canonical_exception_id(std::string_view id) {
    const auto& index = exception_index();
    const auto it = index.find(lower(id));
    if (it == index.end()) {
        return std::nullopt;
    }
    return std::string(it->second);
}

std::optional<std::string> normalize_expression(std::string_view expression) {
    if (expression.size() > 4096) {
        return std::nullopt;
    }
    return ExpressionParser(tokenize(expression)).parse();
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
