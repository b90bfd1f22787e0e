// The streaming secret scanner: a two-byte prefix table finds candidates, hand-written matchers
// validate them (format, checksum, entropy, known public examples). See docs/inspect.md.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vouch/inspect/scanner.hpp>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace vouch::inspect {

namespace {

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_word(char c) {
    return is_alnum(c) || c == '_';
}
bool is_ident(char c) {
    return is_word(c) || c == '$';
}
bool is_b64(char c) {
    return is_alnum(c) || c == '+' || c == '/';
}
bool is_token_dash(char c) {
    return is_word(c) || c == '-';
}
char lower(char c) {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
char upper(char c) {
    return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}

bool iequals_at(std::string_view text, std::size_t at, std::string_view word) {
    if (at + word.size() > text.size()) {
        return false;
    }
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (lower(text[at + k]) != lower(word[k])) {
            return false;
        }
    }
    return true;
}

bool starts_at(std::string_view text, std::size_t at, std::string_view word) {
    return at + word.size() <= text.size() && text.compare(at, word.size(), word) == 0;
}

template <class Pred>
std::size_t run_length(std::string_view text, std::size_t at, Pred pred, std::size_t max) {
    std::size_t n = 0;
    while (at + n < text.size() && n < max && pred(text[at + n])) {
        ++n;
    }
    return n;
}

std::string to_upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), upper);
    return out;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

struct Classes {
    bool upper = false, lower = false, digit = false;
};
Classes classes_of(std::string_view text) {
    Classes c;
    for (char ch : text) {
        c.upper = c.upper || is_upper(ch);
        c.lower = c.lower || is_lower(ch);
        c.digit = c.digit || is_digit(ch);
    }
    return c;
}

// Values that are obviously placeholders in docs and templates.
bool looks_like_placeholder(std::string_view value) {
    static constexpr std::array<std::string_view, 16> words = {
        "your", "change",   "example",     "placeholder", "xxxxx", "replace", "insert", "dummy",
        "todo", "redacted", "process.env", "*****",       "${",    "{{",      "<",      ">"};
    const std::string low = to_lower(value);
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return low.find(w) != std::string::npos; });
}

// Public example keys from vendors' documentation: never findings.
bool is_documented_example(std::string_view token) {
    static constexpr std::array<std::string_view, 4> examples = {
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc", // Stripe API reference
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2", // older Stripe docs
        "rk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_26PHem9AhJZvU623DfE1x4sd"};
    return token.find("EXAMPLE") != std::string_view::npos ||
           std::find(examples.begin(), examples.end(), token) != examples.end();
}

constexpr std::string_view k_base62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Candidate table: bit (first byte << 8 | second byte) is set for every two-byte prefix a
// matcher starts with.
struct PairTable {
    std::array<std::uint64_t, 1024> bits{};
    void set(char a, char b) {
        const unsigned v = (static_cast<unsigned char>(a) << 8) | static_cast<unsigned char>(b);
        bits[v >> 6] |= std::uint64_t{1} << (v & 63);
    }
    bool test(unsigned char a, unsigned char b) const {
        const unsigned v = (unsigned{a} << 8) | b;
        return (bits[v >> 6] >> (v & 63)) & 1U;
    }
    PairTable() {
        for (const char* p : k_pairs) {
            set(p[0], p[1]);
        }
    }
    // Every two-byte prefix a matcher starts with.
    static constexpr std::array<const char*, 19> k_pairs = {
        "--", "AK", "AS", "sk", "rk", "gh", "gi", "gl", "np", "vc",
        ":/", "xo", "SE", "Se", "se", "NE", "VE", "Ve", "ve"};
};
const PairTable& pair_table() {
    static const PairTable table;
    return table;
}

// The vector prefilter of scan_until tests pairs by nibble lookups in 8 buckets (one bit each):
// position k is a candidate when some bucket holds both bytes[k] among its first bytes and
// bytes[k + 1] among its second bytes. Membership of byte c in a bucket's first bytes is
// first_low[c & 15] & first_high[c >> 4] (likewise for second bytes): a superset of the bucket's
// bytes, so no pair is ever missed. Pairs are grouped by first byte so that common text pairs
// ("re", "ne", "*/") rarely pass: every pair of the table passes, few others do.
int bucket_of(char first) {
    switch (first) {
    case 'A':
    case 'N':
        return 1;
    case 's':
        return 2;
    case 'r':
    case 'n':
        return 3;
    case 'g':
        return 4;
    case 'v':
        return 5;
    case 'x':
    case ':':
        return 6;
    case 'S':
    case 'V':
        return 7;
    default: // '-', and the first bytes of known values
        return 0;
    }
}

// tables: first_low, first_high, second_low, second_high (16 bytes each).
void add_pair(std::array<std::uint8_t, 64>& tables, char first, char second) {
    const auto a = static_cast<unsigned char>(first);
    const auto b = static_cast<unsigned char>(second);
    const auto bit = static_cast<std::uint8_t>(1U << bucket_of(first));
    tables[a & 15U] |= bit;
    tables[16 + (a >> 4)] |= bit;
    tables[32 + (b & 15U)] |= bit;
    tables[48 + (b >> 4)] |= bit;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define VOUCH_SCAN_AVX2 1
bool cpu_has_avx2() {
    static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
    return avx2;
}

__attribute__((target("avx2"))) __m256i in_set(__m256i v, const std::uint8_t* low_table,
                                               const std::uint8_t* high_table) {
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    const __m256i low =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(low_table)));
    const __m256i high =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(high_table)));
    return _mm256_and_si256(
        _mm256_shuffle_epi8(low, _mm256_and_si256(v, nibble)),
        _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)));
}

// The prefilter of scan_until, 32 positions at a time: bit k set when bytes[k], bytes[k + 1]
// may be a pair (see bucket_of; reads bytes[0..32]); a few percent of positions in text, which
// then get the exact test. `tables`: FileScanner::m_prefilter.
__attribute__((target("avx2"))) std::uint32_t candidates(const unsigned char* bytes,
                                                         const std::uint8_t* tables) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + 1));
    const __m256i buckets =
        _mm256_and_si256(in_set(a, tables, tables + 16), in_set(b, tables + 32, tables + 48));
    return ~static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256())));
}
#endif

} // namespace

const std::vector<std::string_view>& content_rule_ids() {
    static const std::vector<std::string_view> ids = {
        "private-key",           "aws-access-key",    "stripe-secret-key",
        "github-token",          "gitlab-token",      "npm-token",
        "vercel-token",          "slack-token",       "jwt-secret",
        "database-url-password", "next-public-secret"};
    return ids;
}

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::low:
        return "low";
    case Severity::moderate:
        return "moderate";
    case Severity::high:
        return "high";
    case Severity::critical:
        return "critical";
    }
    return "critical";
}

std::string redact(std::string_view secret, std::size_t keep) {
    return std::string(secret.substr(0, std::min(keep, secret.size()))) + "...";
}

std::uint32_t crc32(std::string_view data) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            }
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFU;
    for (char ch : data) {
        crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFU;
}

double shannon_entropy(std::string_view text) {
    if (text.empty()) {
        return 0.0;
    }
    std::array<std::size_t, 256> counts{};
    for (char c : text) {
        ++counts[static_cast<unsigned char>(c)];
    }
    double bits = 0.0;
    const auto n = static_cast<double>(text.size());
    for (std::size_t count : counts) {
        if (count != 0) {
            const double p = static_cast<double>(count) / n;
            bits -= p * std::log2(p);
        }
    }
    return bits;
}

std::string base62_crc32(std::string_view body) {
    std::uint64_t value = crc32(body);
    std::string out(6, '0');
    for (std::size_t k = 6; k-- > 0 && value != 0;) {
        out[k] = k_base62[value % 62];
        value /= 62;
    }
    return out;
}

bool base62_crc32_matches(std::string_view body, std::string_view checksum) {
    return checksum.size() == 6 && base62_crc32(body) == checksum;
}

// GitHub's classic tokens and npm's share one shape: a 4-character prefix at `i`, then 30 random
// characters and a 6-character base62 CRC32 of them, with no word character after. The 40-character
// token when the checksum holds.
std::optional<std::string_view> checksummed_token_at(std::string_view b, std::size_t i) {
    const std::size_t n = run_length(b, i + 4, is_alnum, 37);
    if (n != 36 || (i + 40 < b.size() && is_word(b[i + 40]))) {
        return std::nullopt;
    }
    const std::string_view token = b.substr(i, 40);
    if (!base62_crc32_matches(token.substr(4, 30), token.substr(34, 6))) {
        return std::nullopt;
    }
    return token;
}

FileScanner::FileScanner(ScanRules rules) : m_rules(std::move(rules)) {
    std::erase_if(m_rules.known_values,
                  [](const KnownValue& k) { return k.value.size() < 12 || k.value.size() > 512; });
    for (const auto& k : m_rules.known_values) {
        const unsigned v =
            (static_cast<unsigned char>(k.value[0]) << 8) | static_cast<unsigned char>(k.value[1]);
        m_known_pairs[v >> 6] |= std::uint64_t{1} << (v & 63);
    }
#if defined(VOUCH_SCAN_AVX2)
    for (const char* p : PairTable::k_pairs) {
        add_pair(m_prefilter, p[0], p[1]);
    }
    for (const auto& k : m_rules.known_values) {
        add_pair(m_prefilter, k.value[0], k.value[1]);
    }
    m_vector_scan = m_rules.vector_scan && cpu_has_avx2();
#endif
}

bool is_public_secret(std::string_view name, std::string_view value) {
    const std::string upper_name = to_upper(name);
    const auto contains = [&](std::string_view word) {
        return upper_name.find(word) != std::string::npos;
    };
    return upper_name.starts_with("NEXT_PUBLIC_") &&
           (contains("SECRET") || contains("PRIVATE") || contains("PASSWORD") ||
            contains("PASSWD") || contains("TOKEN") || contains("CREDENTIAL") ||
            contains("SERVICE_ROLE")) &&
           value.size() >= 12 && shannon_entropy(value) >= 3.0 && !looks_like_placeholder(value) &&
           !value.starts_with("pk_");
}

std::vector<std::pair<std::string, std::string>> parse_dotenv(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            line.remove_prefix(1);
        }
        if (line.starts_with("export ")) {
            line.remove_prefix(7);
        }
        const std::size_t eq = line.find('=');
        if (line.empty() || line.front() == '#' || eq == std::string_view::npos || eq == 0) {
            continue;
        }
        std::string_view name = line.substr(0, eq);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) {
            name.remove_suffix(1);
        }
        if (!std::all_of(name.begin(), name.end(), is_word)) {
            continue;
        }
        std::string_view value = line.substr(eq + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.remove_prefix(1);
        }
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == ' ' || value.back() == '\t')) {
            value.remove_suffix(1);
        }
        if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
            const std::size_t close = value.find(value.front(), 1);
            value = close == std::string_view::npos ? value.substr(1) : value.substr(1, close - 1);
        } else if (const std::size_t hash = value.find(" #"); hash != std::string_view::npos) {
            value = value.substr(0, hash);
        }
        out.emplace_back(std::string(name), std::string(value));
    }
    return out;
}

void FileScanner::begin(std::string_view path) {
    m_path = std::string(path);
    m_buf.clear();
    m_base = 0;
    m_next = 0;
    m_at_end = false;
    m_line_pos = 0;
    m_line = 1;
    m_line_start = 0;
    m_last_assignment = UINT64_MAX;
    m_findings.clear();
    m_pending.clear();
}

void FileScanner::feed(std::span<const std::uint8_t> chunk) {
    m_buf.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
    if (m_buf.size() > k_lookahead && m_buf.size() - k_lookahead > m_next) {
        scan_until(m_buf.size() - k_lookahead);
    }
    // Drop what no match can need any more (keep k_lookbehind bytes behind the next start).
    if (m_next > 2 * k_lookbehind) {
        const std::size_t cut = m_next - k_lookbehind;
        resolve_until(m_base + cut);
        m_buf.erase(0, cut);
        m_base += cut;
        m_next -= cut;
    }
}

std::vector<Finding> FileScanner::end() {
    m_at_end = true;
    scan_until(m_buf.size());
    resolve_until(m_base + m_buf.size());
    std::vector<Finding> out = std::move(m_findings);
    m_findings.clear();
    m_buf.clear();
    m_buf.shrink_to_fit();
    return out;
}

void FileScanner::scan_until(std::size_t stop) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_buf.data());
    const std::size_t size = m_buf.size();
    std::size_t i = m_next;
#if defined(VOUCH_SCAN_AVX2)
    // 32 positions at a time; the exact tests and the matchers are the byte loop's.
    if (m_vector_scan) {
        for (; i + 32 <= stop && i + 33 <= size; i += 32) {
            for (std::uint32_t mask = candidates(bytes + i, m_prefilter.data()); mask != 0;
                 mask &= mask - 1) {
                const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
                check_pairs(at, bytes[at + 1]);
            }
        }
    }
#endif
    for (; i < stop; ++i) {
        check_pairs(i, i + 1 < size ? bytes[i + 1] : 0);
    }
    m_next = stop;
}

// The exact test of one position: a rule's two-byte prefix, or a known value's first bytes.
void FileScanner::check_pairs(std::size_t i, unsigned char second) {
    const unsigned char first = static_cast<unsigned char>(m_buf[i]);
    if (pair_table().test(first, second)) {
        match_at(i);
    }
    if (!m_rules.known_values.empty()) {
        const unsigned v = (unsigned{first} << 8) | second;
        if ((m_known_pairs[v >> 6] >> (v & 63)) & 1U) {
            match_known(i);
        }
    }
}

// Counts newlines from the cursor up to `absolute` (which lies inside the window).
void FileScanner::advance_lines(std::uint64_t absolute) {
    if (absolute <= m_line_pos) {
        return;
    }
    const char* p = m_buf.data() + (m_line_pos - m_base);
    const char* stop = m_buf.data() + (absolute - m_base);
    while (p < stop) {
        const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(stop - p));
        if (nl == nullptr) {
            break;
        }
        p = static_cast<const char*>(nl) + 1;
        ++m_line;
        m_line_start = m_base + static_cast<std::uint64_t>(p - m_buf.data());
    }
    m_line_pos = absolute;
}

// Gives line and column to the pending findings before `absolute`, in order of position.
void FileScanner::resolve_until(std::uint64_t absolute) {
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const Pending& a, const Pending& b) { return a.offset < b.offset; });
    std::size_t done = 0;
    for (; done < m_pending.size() && m_pending[done].offset < absolute; ++done) {
        advance_lines(m_pending[done].offset);
        Finding& f = m_pending[done].finding;
        f.line = m_line;
        f.column = static_cast<std::size_t>(m_pending[done].offset - m_line_start) + 1;
        m_findings.push_back(std::move(f));
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(done));
    advance_lines(absolute);
}

void FileScanner::report(std::size_t i, std::string rule, Severity severity, std::string excerpt,
                         std::string detail) {
    if (!m_rules.enabled(rule)) {
        return;
    }
    if (!m_pending.empty() && m_pending.back().offset == m_base + i &&
        m_pending.back().finding.rule == rule) {
        return; // the same secret found by two matchers
    }
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.file = m_path;
    f.excerpt = std::move(excerpt);
    f.detail = std::move(detail);
    m_pending.push_back(Pending{m_base + i, std::move(f)});
}

void FileScanner::match_at(std::size_t i) {
    switch (m_buf[i]) {
    case '-':
        return match_pem(i);
    case 'A':
        return match_aws(i);
    case 's':
    case 'r':
        match_stripe(i);
        if (m_buf[i] == 's') {
            match_assignment(i);
        }
        return;
    case 'g':
        match_github(i);
        return match_gitlab(i);
    case 'n':
        return match_npm(i);
    case 'v':
        match_vercel(i);
        return match_assignment(i);
    case 'x':
        return match_slack(i);
    case ':':
        return match_url(i);
    case 'S':
    case 'N':
    case 'V':
        return match_assignment(i);
    default:
        return;
    }
}

// -----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY----- followed by a base64 body (also
// with JSON "\n" escapes, as in service-account files). Library code that only names the header
// (parsers) has no body and does not fire.
void FileScanner::match_pem(std::size_t i) {
    const std::string_view b = m_buf;
    if (!starts_at(b, i, "-----BEGIN ") || (i > 0 && b[i - 1] == '-')) {
        return;
    }
    const std::size_t label_at = i + 11;
    const std::size_t label_len = run_length(
        b, label_at, [](char c) { return is_upper(c) || is_digit(c) || c == ' '; }, 48);
    const std::string_view label = b.substr(label_at, label_len);
    if (!label.ends_with("PRIVATE KEY") || !starts_at(b, label_at + label_len, "-----")) {
        return;
    }
    std::size_t p = label_at + label_len + 5;
    std::size_t body = 0;
    // Bounded well inside k_lookahead, so the answer never depends on where a chunk ends.
    const std::size_t limit = std::min(b.size(), p + 512);
    while (p < limit && body < 64) {
        const char c = b[p];
        if (c == '\\' && p + 1 < b.size() && (b[p + 1] == 'n' || b[p + 1] == 'r')) {
            p += 2;
        } else if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
            ++p;
        } else if (is_b64(c) || c == '=') {
            ++body;
            ++p;
        } else if (body < 16) {
            // RFC 1421 headers of legacy encrypted keys ("Proc-Type: 4,ENCRYPTED",
            // "DEK-Info: ..."): a line holding a colon before the body is skipped.
            std::size_t e = p;
            bool colon = false;
            while (e < limit && b[e] != '\n' &&
                   !(b[e] == '\\' && e + 1 < b.size() && b[e + 1] == 'n')) {
                colon = colon || b[e] == ':';
                ++e;
            }
            if (!colon) {
                break;
            }
            body = 0;
            p = e;
        } else {
            break;
        }
    }
    if (body < 64) {
        return;
    }
    const std::string header(b.substr(i, label_len + 16));
    report(i, "private-key", Severity::critical, header + "...",
           "a PEM private key (" + std::string(label) + ") with its body");
}

// AKIA/ASIA + 16 [A-Z0-9]: an AWS access key id. Alone it identifies an account and is only a
// finding in strict mode; with a secret access key (40 base64 characters, mixed case and
// digits, high entropy) within 512 bytes it is a usable credential.
void FileScanner::match_aws(std::size_t i) {
    const std::string_view b = m_buf;
    if (!(starts_at(b, i, "AKIA") || starts_at(b, i, "ASIA")) || (i > 0 && is_alnum(b[i - 1]))) {
        return;
    }
    const std::size_t n = run_length(
        b, i + 4, [](char c) { return is_upper(c) || is_digit(c); }, 17);
    if (n != 16 || (i + 20 < b.size() && is_alnum(b[i + 20]))) {
        return;
    }
    const std::string_view key_id = b.substr(i, 20);
    if (is_documented_example(key_id)) {
        return;
    }
    const std::size_t lo = i > 512 ? i - 512 : 0;
    const std::size_t hi = std::min(b.size(), i + 20 + 512);
    bool secret_near = false;
    for (std::size_t j = lo; j < hi && !secret_near;) {
        if (!is_b64(b[j])) {
            ++j;
            continue;
        }
        const std::size_t len = run_length(b, j, is_b64, 41);
        const bool bounded = (j == 0 || !(is_b64(b[j - 1]) || b[j - 1] == '=')) &&
                             (j + len >= b.size() || b[j + len] != '=');
        if (len == 40 && bounded) {
            const std::string_view candidate = b.substr(j, 40);
            const Classes c = classes_of(candidate);
            secret_near = c.upper && c.lower && c.digit && shannon_entropy(candidate) >= 4.0 &&
                          !is_documented_example(candidate);
        }
        j += std::max<std::size_t>(len, 1);
        while (j < hi && is_b64(b[j])) {
            ++j;
        }
    }
    if (secret_near) {
        report(i, "aws-access-key", Severity::critical, redact(key_id, 6),
               "an AWS access key id with a secret access key next to it");
    } else if (m_rules.strict) {
        report(i, "aws-access-key", Severity::high, redact(key_id, 6),
               "an AWS access key id (strict mode: reported without a secret key nearby)");
    }
}

// sk_live_/sk_test_/rk_live_/rk_test_ + 24+ alphanumerics: Stripe secret and restricted keys.
// Publishable keys (pk_) are meant for browsers and are not matched.
void FileScanner::match_stripe(std::size_t i) {
    const std::string_view b = m_buf;
    const bool live = starts_at(b, i + 1, "k_live_");
    if (!(live || starts_at(b, i + 1, "k_test_")) || (i > 0 && is_word(b[i - 1]))) {
        return;
    }
    const std::size_t n = run_length(b, i + 8, is_alnum, 248);
    if (n < 24 || n > 247 || (i + 8 + n < b.size() && is_word(b[i + 8 + n]))) {
        return;
    }
    const std::string_view token = b.substr(i, 8 + n);
    if (is_documented_example(token) || shannon_entropy(token.substr(8)) < 3.0) {
        return;
    }
    report(i, "stripe-secret-key", live ? Severity::critical : Severity::high, redact(token, 10),
           std::string("a Stripe ") + (b[i] == 'r' ? "restricted" : "secret") + " key (" +
               (live ? "live" : "test") + " mode)");
}

// ghp_/gho_/ghu_/ghs_/ghr_ + 30 random + 6 checksum (base62 CRC32 of the random part);
// github_pat_ + 22 + "_" + 59 (no published checksum: entropy guard).
void FileScanner::match_github(std::size_t i) {
    const std::string_view b = m_buf;
    if (i > 0 && is_word(b[i - 1])) {
        return;
    }
    if (starts_at(b, i, "github_pat_")) {
        const std::size_t n = run_length(b, i + 11, is_word, 83);
        if (n != 82 || b[i + 11 + 22] != '_') {
            return;
        }
        const std::string_view token = b.substr(i, 11 + n);
        if (shannon_entropy(token.substr(11)) < 3.5) {
            return;
        }
        report(i, "github-token", Severity::critical, redact(token, 13),
               "a GitHub fine-grained personal access token");
        return;
    }
    if (!(starts_at(b, i, "gh") && i + 3 < b.size() && b[i + 3] == '_' &&
          std::string_view("pousr").find(b[i + 2]) != std::string_view::npos)) {
        return;
    }
    const auto token = checksummed_token_at(b, i);
    if (!token) {
        return;
    }
    report(i, "github-token", Severity::critical, redact(*token, 6),
           "a GitHub token (" + std::string(token->substr(0, 4)) + ", checksum valid)");
}

// glpat- + 20+ characters of [A-Za-z0-9_.-] (legacy 20, newer routable tokens longer).
void FileScanner::match_gitlab(std::size_t i) {
    const std::string_view b = m_buf;
    if (!starts_at(b, i, "glpat-") || (i > 0 && is_word(b[i - 1]))) {
        return;
    }
    const std::size_t n = run_length(
        b, i + 6, [](char c) { return is_token_dash(c) || c == '.'; }, 301);
    if (n < 20 || n > 300) {
        return;
    }
    const std::string_view token = b.substr(i, 6 + n);
    const Classes c = classes_of(token.substr(6));
    if (!c.digit || !(c.upper || c.lower) || shannon_entropy(token.substr(6)) < 3.2 ||
        looks_like_placeholder(token)) {
        return;
    }
    report(i, "gitlab-token", Severity::critical, redact(token, 8),
           "a GitLab personal access token");
}

// npm_ + 30 random + 6 checksum (base62 CRC32 of the random part), as GitHub's.
void FileScanner::match_npm(std::size_t i) {
    const std::string_view b = m_buf;
    if (!starts_at(b, i, "npm_") || (i > 0 && is_word(b[i - 1]))) {
        return;
    }
    const auto token = checksummed_token_at(b, i);
    if (!token) {
        return;
    }
    report(i, "npm-token", Severity::critical, redact(*token, 6),
           "an npm access token (checksum valid)");
}

// vcp_/vci_/vca_/vcr_/vck_ + 24+ characters of [A-Za-z0-9_-]. Vercel has not published the
// format; tokens seen carry 50 characters and a base62 CRC32, which raises confidence when valid.
void FileScanner::match_vercel(std::size_t i) {
    const std::string_view b = m_buf;
    if (!(starts_at(b, i, "vc") && i + 3 < b.size() && b[i + 3] == '_' &&
          std::string_view("pciark").find(b[i + 2]) != std::string_view::npos) ||
        (i > 0 && is_word(b[i - 1]))) {
        return;
    }
    const std::size_t n = run_length(b, i + 4, is_token_dash, 201);
    if (n < 24 || n > 200) {
        return;
    }
    const std::string_view token = b.substr(i, 4 + n);
    const std::string_view body = token.substr(4);
    const bool checksum =
        body.size() == 56 && base62_crc32_matches(body.substr(0, 50), body.substr(50));
    const Classes c = classes_of(body);
    if (!checksum && (!c.digit || !c.upper || !c.lower || shannon_entropy(body) < 3.5)) {
        return;
    }
    report(i, "vercel-token", Severity::critical, redact(token, 6),
           std::string("a Vercel token") + (checksum ? " (checksum valid)" : ""));
}

// xoxb-/xoxp-/xoxa-/xoxr-/xoxs- then numeric id segments and a random final segment.
void FileScanner::match_slack(std::size_t i) {
    const std::string_view b = m_buf;
    if (!starts_at(b, i, "xox") || i + 4 >= b.size() || b[i + 4] != '-' ||
        std::string_view("bpars").find(b[i + 3]) == std::string_view::npos ||
        (i > 0 && is_word(b[i - 1]))) {
        return;
    }
    const std::size_t n = run_length(
        b, i + 5, [](char c) { return is_alnum(c) || c == '-'; }, 256);
    const std::string_view rest = b.substr(i + 5, n);
    const std::size_t first_dash = rest.find('-');
    const std::size_t last_dash = rest.rfind('-');
    if (n < 30 || first_dash == std::string_view::npos || first_dash == 0 ||
        first_dash == last_dash) {
        return;
    }
    const std::string_view first = rest.substr(0, first_dash);
    const std::string_view last = rest.substr(last_dash + 1);
    if (!std::all_of(first.begin(), first.end(), is_digit) || last.size() < 16 ||
        shannon_entropy(last) < 3.0) {
        return;
    }
    report(i, "slack-token", Severity::high, redact(b.substr(i, 5 + n), 7),
           std::string("a Slack token (xox") + b[i + 3] + ")");
}

// scheme://user:password@host for databases and brokers; URLs without a password, and
// placeholders (PASSWORD, ${DB_PASS}, <password>, ***), do not fire.
void FileScanner::match_url(std::size_t i) {
    const std::string_view b = m_buf;
    if (!starts_at(b, i, "://")) {
        return;
    }
    std::size_t j = i;
    while (j > 0 && i - j < 12 && (is_alnum(b[j - 1]) || b[j - 1] == '+')) {
        --j;
    }
    if (j > 0 && is_word(b[j - 1])) {
        return;
    }
    static constexpr std::array<std::string_view, 9> schemes = {"postgres", "postgresql",  "mysql",
                                                                "mongodb",  "mongodb+srv", "redis",
                                                                "rediss",   "amqp",        "amqps"};
    const std::string scheme = to_lower(b.substr(j, i - j));
    if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) {
        return;
    }
    const std::size_t start = i + 3;
    const std::size_t n = run_length(
        b, start,
        [](char c) {
            return !(c == '/' || c == '?' || c == '#' || c == '@' || c == '"' || c == '\'' ||
                     c == '`' || c == '\\' || c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
                     c == '<' || c == '>');
        },
        257);
    if (n > 256 || start + n >= b.size() || b[start + n] != '@') {
        return;
    }
    const std::string_view userinfo = b.substr(start, n);
    const std::size_t colon = userinfo.find(':');
    if (colon == std::string_view::npos || colon + 1 == userinfo.size()) {
        return;
    }
    const std::string_view password = userinfo.substr(colon + 1);
    const std::string upper_password = to_upper(password);
    static constexpr std::array<std::string_view, 6> placeholders = {
        "PASSWORD", "PASS", "PASSWD", "PWD", "SECRET", "CHANGEME"};
    const bool all_caps = std::all_of(password.begin(), password.end(),
                                      [](char c) { return is_upper(c) || c == '_'; });
    if (all_caps || looks_like_placeholder(password) ||
        std::find(placeholders.begin(), placeholders.end(), upper_password) != placeholders.end() ||
        password.find('$') != std::string_view::npos ||
        password.find_first_not_of('*') == std::string_view::npos) {
        return;
    }
    report(j, "database-url-password", Severity::critical,
           redact(b.substr(j, i - j + 3 + n), i - j + 3 + 2),
           "a " + scheme + " URL with a password");
}

// NAME = "value" / NAME: "value" / "NAME": "value" / NAME=value (env files), where NAME looks
// like a secret: *_SECRET-like names (jwt-secret), NEXT_PUBLIC_* names that say secret, token,
// password, private or credential (next-public-secret), VERCEL_*TOKEN (legacy 24-character
// Vercel tokens). The value must look random (length and entropy) and not like a placeholder.
void FileScanner::match_assignment(std::size_t i) {
    const std::string_view b = m_buf;
    const bool secret = iequals_at(b, i, "secret");
    const bool next_public = starts_at(b, i, "NEXT_PUBLIC_");
    const bool vercel = iequals_at(b, i, "vercel");
    if (!secret && !next_public && !vercel) {
        return;
    }
    std::size_t start = i;
    while (start > 0 && i - start < 128 && is_ident(b[start - 1])) {
        --start;
    }
    if (m_base + start == m_last_assignment) {
        return;
    }
    std::size_t end = i;
    while (end < b.size() && end - i < 128 && is_ident(b[end])) {
        ++end;
    }
    m_last_assignment = m_base + start;
    const std::string name = to_upper(b.substr(start, end - start));
    std::size_t p = end;
    if (start > 0 && (b[start - 1] == '"' || b[start - 1] == '\'') && p < b.size() &&
        b[p] == b[start - 1]) {
        ++p; // the closing quote of a JSON key
    }
    for (std::size_t k = 0; k < 16 && p < b.size() && (b[p] == ' ' || b[p] == '\t'); ++k) {
        ++p;
    }
    if (p >= b.size() || !(b[p] == '=' || b[p] == ':')) {
        return;
    }
    const bool equals = b[p] == '=';
    if (p + 1 < b.size() && (b[p + 1] == '=' || b[p + 1] == '>')) {
        return; // comparison or arrow
    }
    ++p;
    for (std::size_t k = 0; k < 16 && p < b.size() && (b[p] == ' ' || b[p] == '\t'); ++k) {
        ++p;
    }
    if (p >= b.size()) {
        return;
    }
    std::string_view value;
    const char q = b[p];
    if (q == '"' || q == '\'' || q == '`') {
        const std::size_t n = run_length(
            b, p + 1, [q](char c) { return c != q && c != '\n' && c != '\\'; }, 513);
        if (n > 512 || p + 1 + n >= b.size() || b[p + 1 + n] != q) {
            return;
        }
        value = b.substr(p + 1, n);
        ++p;
    } else if (equals) {
        // Unquoted (env file style): the value must end the line.
        const std::size_t n = run_length(
            b, p,
            [](char c) {
                return is_word(c) || c == '+' || c == '/' || c == '=' || c == '.' || c == '~' ||
                       c == '-';
            },
            513);
        const std::size_t after = p + n;
        if (n > 512 || !(after == b.size() ? m_at_end : (b[after] == '\n' || b[after] == '\r'))) {
            return;
        }
        value = b.substr(p, n);
    } else {
        return;
    }
    if (looks_like_placeholder(value) || value.starts_with("pk_")) {
        return;
    }
    const std::string shown = std::string(b.substr(start, end - start)) + "=" + redact(value, 2);
    const auto contains = [&](std::string_view word) {
        return name.find(word) != std::string::npos;
    };
    if (name.starts_with("NEXT_PUBLIC_")) {
        if (is_public_secret(name, value)) {
            report(p, "next-public-secret", Severity::high, shown,
                   "a NEXT_PUBLIC_ variable named like a secret holds a random-looking value; "
                   "NEXT_PUBLIC_ values are inlined into what browsers download");
        }
        return;
    }
    if (contains("VERCEL") && (contains("TOKEN") || contains("_KEY"))) {
        const Classes c = classes_of(value);
        if (value.size() == 24 && std::all_of(value.begin(), value.end(), is_alnum) && c.digit &&
            c.upper && c.lower) {
            report(p, "vercel-token", Severity::critical, shown,
                   "a Vercel access token (legacy 24-character format) assigned to " +
                       std::string(b.substr(start, end - start)));
        }
        return;
    }
    const bool secret_name =
        name.ends_with("SECRET") || name.ends_with("SECRET_KEY") || name.ends_with("SECRETKEY");
    if (secret_name && value.size() >= 16 && shannon_entropy(value) >= 3.0) {
        report(p, "jwt-secret", Severity::high, shown,
               "a signing secret assigned to a *_SECRET-like name");
    }
}

// The value of a known secret-looking NEXT_PUBLIC_ variable, inlined by the bundler.
void FileScanner::match_known(std::size_t i) {
    const std::string_view b = m_buf;
    for (const auto& k : m_rules.known_values) {
        if (starts_at(b, i, k.value)) {
            report(i, "next-public-secret", Severity::high, k.name + "=" + redact(k.value, 2),
                   "the value of " + k.name + " (" + k.source +
                       ") is inlined here; NEXT_PUBLIC_ values are shipped to browsers");
            return;
        }
    }
}

} // namespace vouch::inspect
