// The manifest's canonical text form: serialisation, strict parsing, comparison.
#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/file.hpp>

namespace vouch::digest {

namespace {

constexpr char k_hex_upper[] = "0123456789ABCDEF";

bool must_escape(unsigned char c) {
    return c <= 0x20 || c == '%' || c == 0x7F;
}

void append_escaped(std::string& out, std::string_view text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (must_escape(c)) {
            out += '%';
            out += k_hex_upper[c >> 4];
            out += k_hex_upper[c & 0x0F];
        } else {
            out += ch;
        }
    }
}

int upper_hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Decodes %XX escapes, accepting only the canonical form (an escape exactly where one is
// required, uppercase hex), so that one manifest has one text.
std::optional<std::string> unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int hi = upper_hex_value(text[i + 1]);
            const int lo = upper_hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            const auto decoded = static_cast<unsigned char>(hi * 16 + lo);
            if (!must_escape(decoded)) {
                return std::nullopt;
            }
            out += static_cast<char>(decoded);
            i += 2;
        } else if (must_escape(c)) {
            return std::nullopt;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<std::string_view> split_spaces(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (;;) {
        const auto space = line.find(' ', start);
        fields.push_back(
            line.substr(start, space == std::string_view::npos ? space : space - start));
        if (space == std::string_view::npos) {
            return fields;
        }
        start = space + 1;
    }
}

// Appends instead of chaining operator+ on temporaries, which trips a GCC 12 -O3 -Wrestrict
// false positive.
std::string join(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto part : parts) {
        out.append(part);
    }
    return out;
}

} // namespace

std::string invalid_path_reason(std::string_view path) {
    if (path.empty()) {
        return "empty path";
    }
    if (path.front() == '/') {
        return join({"absolute path '", path, "'"});
    }
    if (path.find('\0') != std::string_view::npos) {
        return "NUL byte in path";
    }
    std::size_t start = 0;
    for (;;) {
        const auto slash = path.find('/', start);
        const auto part =
            path.substr(start, slash == std::string_view::npos ? slash : slash - start);
        if (part.empty()) {
            return join({"empty component in '", path, "'"});
        }
        if (part == "." || part == "..") {
            return join({"'", part, "' component in '", path, "'"});
        }
        if (slash == std::string_view::npos) {
            return {};
        }
        start = slash + 1;
    }
}

std::string serialize_manifest(const Manifest& manifest) {
    std::string out(k_manifest_header);
    out += '\n';
    for (const auto& entry : manifest.entries) {
        if (entry.kind == ManifestEntry::Kind::file) {
            out += "file ";
            append_escaped(out, entry.path);
            out += ' ';
            out += std::to_string(entry.size);
            out += ' ';
            out += entry.sha256;
        } else {
            out += "link ";
            append_escaped(out, entry.path);
            out += ' ';
            append_escaped(out, entry.target);
        }
        out += '\n';
    }
    return out;
}

std::string manifest_sha256(const Manifest& manifest) {
    return sha256_hex(serialize_manifest(manifest));
}

Result<Manifest> parse_manifest(std::string_view text, const std::string& file) {
    auto error_at = [&](std::size_t offset, const std::string& what) {
        auto error = make_error(Errc::parse, "manifest: " + what, file);
        const auto pos = util::position_of(text, offset);
        error.line = pos.line;
        error.column = pos.column;
        return tl::unexpected<Error>(std::move(error));
    };
    const std::string header = std::string(k_manifest_header) + "\n";
    if (text.substr(0, header.size()) != header) {
        return error_at(0, "expected the header line '" + std::string(k_manifest_header) + "'");
    }
    Manifest manifest;
    std::size_t offset = header.size();
    while (offset < text.size()) {
        const auto newline = text.find('\n', offset);
        if (newline == std::string_view::npos) {
            return error_at(offset, "last line has no newline");
        }
        const auto fields = split_spaces(text.substr(offset, newline - offset));
        ManifestEntry entry;
        if (fields[0] == "file" && fields.size() == 4) {
            entry.kind = ManifestEntry::Kind::file;
            const auto size_text = fields[2];
            const auto [end, ec] =
                std::from_chars(size_text.data(), size_text.data() + size_text.size(), entry.size);
            if (ec != std::errc{} || end != size_text.data() + size_text.size() ||
                (size_text.size() > 1 && size_text[0] == '0')) {
                return error_at(offset, "bad size '" + std::string(size_text) + "'");
            }
            if (fields[3].size() != 64 || !is_lower_hex(fields[3])) {
                return error_at(offset, "bad sha256 (expected 64 lowercase hex digits)");
            }
            entry.sha256 = std::string(fields[3]);
        } else if (fields[0] == "link" && fields.size() == 3) {
            entry.kind = ManifestEntry::Kind::symlink;
            auto target = unescape(fields[2]);
            if (!target || target->empty()) {
                return error_at(offset, "bad link target");
            }
            entry.target = std::move(*target);
        } else {
            return error_at(offset, "expected 'file PATH SIZE SHA256' or 'link PATH TARGET'");
        }
        auto path = unescape(fields[1]);
        if (!path) {
            return error_at(offset, "bad escape in path");
        }
        if (const auto why = invalid_path_reason(*path); !why.empty()) {
            return error_at(offset, why);
        }
        entry.path = std::move(*path);
        if (!manifest.entries.empty() && !(manifest.entries.back().path < entry.path)) {
            return error_at(offset, "paths are not sorted and unique at '" + entry.path + "'");
        }
        manifest.entries.push_back(std::move(entry));
        offset = newline + 1;
    }
    return manifest;
}

ManifestDiff diff_manifests(const Manifest& expected, const Manifest& actual) {
    ManifestDiff diff;
    auto e = expected.entries.begin();
    auto a = actual.entries.begin();
    while (e != expected.entries.end() || a != actual.entries.end()) {
        if (a == actual.entries.end() || (e != expected.entries.end() && e->path < a->path)) {
            diff.removed.push_back(e->path);
            ++e;
        } else if (e == expected.entries.end() || a->path < e->path) {
            diff.added.push_back(a->path);
            ++a;
        } else {
            if (!(*e == *a)) {
                diff.changed.push_back(e->path);
            }
            ++e;
            ++a;
        }
    }
    return diff;
}

} // namespace vouch::digest
