// vouch inspect: locate the build output, walk it once, scan what browsers download, check
// public files and headers, apply the policy's exceptions.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <vouch/inspect/inspect.hpp>
#include <vouch/util/file.hpp>

namespace vouch::inspect {

namespace fs = std::filesystem;

namespace {

std::string_view basename_of(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool has_extension(std::string_view path, std::initializer_list<std::string_view> exts) {
    return std::any_of(exts.begin(), exts.end(),
                       [&](std::string_view e) { return path.ends_with(e); });
}

// Media and fonts hold no text worth scanning; skipping them keeps the scan cheap.
bool is_media(std::string_view path) {
    return has_extension(path, {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff",
                                ".woff2", ".ttf", ".otf", ".eot", ".mp4", ".webm", ".mp3", ".ogg",
                                ".wav"});
}

Finding path_finding(std::string rule, Severity severity, std::string file, std::string detail) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.file = std::move(file);
    f.detail = std::move(detail);
    return f;
}

// Streams one file through the scanner in large reads (memory does not grow with file size).
Status scan_file(const fs::path& path, FileScanner& scanner, std::uint64_t& bytes) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        return fail(Errc::io, std::string("cannot open: ") + std::strerror(errno), path.string());
    }
    // On the heap, made on first use: as a thread_local array it was part of every thread's
    // static TLS block, which glibc zeroes for each new thread (256 KiB of RSS per thread, and
    // in the main thread, whatever the command).
    constexpr std::size_t k_read_size = std::size_t{1} << 18;
    static thread_local std::unique_ptr<std::uint8_t[]> buffer;
    if (!buffer) {
        buffer = std::make_unique_for_overwrite<std::uint8_t[]>(k_read_size);
    }
    for (;;) {
        const std::size_t n = std::fread(buffer.get(), 1, k_read_size, f);
        if (n > 0) {
            scanner.feed(std::span<const std::uint8_t>(buffer.get(), n));
            bytes += n;
        }
        if (n < k_read_size) {
            const bool error = std::ferror(f) != 0;
            std::fclose(f);
            if (error) {
                return fail(Errc::io, "cannot read", path.string());
            }
            return {};
        }
    }
}

} // namespace

Result<Located> locate(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return fail(Errc::io, "not a directory", dir.string());
    }
    if (fs::is_regular_file(dir / ".vercel" / "output" / "config.json", ec)) {
        return Located{OutputKind::vercel_output, dir / ".vercel" / "output", ".vercel/output/"};
    }
    if (fs::is_regular_file(dir / "config.json", ec) &&
        (fs::is_directory(dir / "static", ec) || fs::is_directory(dir / "functions", ec))) {
        return Located{OutputKind::vercel_output, dir, ""};
    }
    if (fs::is_regular_file(dir / ".next" / "routes-manifest.json", ec)) {
        return Located{OutputKind::next_dir, dir / ".next", ".next/"};
    }
    if (fs::is_regular_file(dir / "routes-manifest.json", ec)) {
        return Located{OutputKind::next_dir, dir, ""};
    }
    return fail(Errc::unsupported,
                "not a build output vouch understands: expected a Vercel Build Output "
                "(.vercel/output with config.json) or a Next.js .next folder with "
                "routes-manifest.json",
                dir.string());
}

bool is_public_static(OutputKind, std::string_view path) {
    return path.starts_with("static/");
}

bool is_served(OutputKind kind, std::string_view path) {
    if (path.starts_with("static/")) {
        return true;
    }
    if (kind == OutputKind::vercel_output) {
        // Prerendered pages and RSC payloads served from next to their function.
        return path.starts_with("functions/") &&
               basename_of(path).find(".prerender-fallback.") != std::string_view::npos;
    }
    if (path.starts_with("server/app/")) {
        return has_extension(path, {".html", ".rsc", ".body"});
    }
    if (path.starts_with("server/pages/")) {
        return has_extension(path, {".html", ".json"});
    }
    return false;
}

std::vector<Finding> check_public_path(std::string_view path, const std::string& display,
                                       const Config& config) {
    std::vector<Finding> out;
    const std::string_view name = basename_of(path);
    // display = prefix + path; the prefix is the part of display before path.
    const std::string prefix = display.substr(0, display.size() - path.size());
    if (name.starts_with(".env")) {
        out.push_back(path_finding("public-env-file", Severity::high, display,
                                   "an environment file is served publicly"));
    }
    if (name == "id_rsa" || name == "id_dsa" || name == "id_ecdsa" || name == "id_ed25519" ||
        has_extension(name, {".key", ".p12", ".pfx", ".jks", ".keystore"})) {
        out.push_back(path_finding("public-private-key-file", Severity::critical, display,
                                   "a private key file is served publicly"));
    }
    if (const std::size_t git = ("/" + std::string(path) + "/").find("/.git/");
        git != std::string::npos) {
        out.push_back(path_finding("public-git-dir", Severity::high,
                                   prefix + std::string(path.substr(0, git + 4)),
                                   "a .git directory is served publicly (history, remotes)"));
    }
    if (const std::size_t cache = ("/" + std::string(path)).find("/node_modules/.cache/");
        cache != std::string::npos) {
        out.push_back(path_finding("public-cache-dir", Severity::moderate,
                                   prefix + std::string(path.substr(0, cache + 19)),
                                   "a node_modules/.cache directory is served publicly"));
    }
    if (path.ends_with(".map") && !config.allow_source_maps) {
        out.push_back(path_finding("public-source-map", Severity::moderate, display,
                                   "a source map is served publicly (original source code)"));
    }
    std::erase_if(out, [&](const Finding& f) { return config.disabled.contains(f.rule); });
    return out;
}

std::size_t Outcome::failing() const {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
            return !f.suppressed_by && threshold.counts(f.severity);
        }));
}

std::map<std::string, std::size_t> Outcome::rule_counts() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& f : findings) {
        if (!f.suppressed_by) {
            ++counts[f.rule];
        }
    }
    return counts;
}

void apply_exceptions(Outcome& outcome, const Config& config, util::TimePoint now) {
    outcome.threshold = config.threshold;
    const std::string prefix = outcome.root.empty() ? "" : outcome.root + "/";
    for (const auto& e : config.exceptions) {
        if (now >= e.expires_at) {
            outcome.expired.push_back(e);
            continue;
        }
        for (auto& f : outcome.findings) {
            std::string_view path = f.file;
            if (path.starts_with(prefix)) {
                path.remove_prefix(prefix.size());
            }
            if (!f.suppressed_by && f.rule == e.rule && glob_matches(e.path, path)) {
                f.suppressed_by = e.reason + " (" + e.owner + ", until " + e.expires + ")";
            }
        }
    }
    std::sort(outcome.findings.begin(), outcome.findings.end(),
              [](const Finding& a, const Finding& b) {
                  return std::tie(a.file, a.line, a.column, a.rule) <
                         std::tie(b.file, b.line, b.column, b.rule);
              });
}

std::vector<KnownValue>
public_secret_candidates(const fs::path& project,
                         const std::vector<std::pair<std::string, std::string>>& environment) {
    std::vector<KnownValue> out;
    const auto add = [&](const std::string& name, const std::string& value,
                         const std::string& source) {
        if (is_public_secret(name, value) &&
            std::none_of(out.begin(), out.end(),
                         [&](const KnownValue& k) { return k.value == value; })) {
            out.push_back(KnownValue{name, value, source});
        }
    };
    for (const auto& [name, value] : environment) {
        add(name, value, "build environment");
    }
    for (const char* file : {".env", ".env.local", ".env.production", ".env.production.local"}) {
        if (project.empty()) {
            break;
        }
        auto text = util::read_file(project / file, std::uintmax_t{1} << 20);
        if (!text) {
            continue; // absent (or unreadable: these files are optional inputs)
        }
        for (const auto& [name, value] : parse_dotenv(*text)) {
            add(name, value, file);
        }
    }
    return out;
}

TreeInspection::TreeInspection(Located where, Config config, std::vector<KnownValue> known_values)
    : m_where(std::move(where)), m_config(std::move(config)) {
    m_rules.disabled = m_config.disabled;
    m_rules.strict = m_config.strict;
    m_rules.known_values = std::move(known_values);
    m_outcome.kind = m_where.kind;
    m_outcome.root =
        m_where.prefix.empty() ? "" : m_where.prefix.substr(0, m_where.prefix.size() - 1);
}

std::unique_ptr<FileScanner> TreeInspection::open(std::string_view path) {
    const std::string display = m_where.prefix + std::string(path);
    if (is_public_static(m_where.kind, path)) {
        auto found = check_public_path(path, display, m_config);
        std::lock_guard lock(m_mutex);
        for (auto& f : found) {
            // One finding per .git or cache directory, not one per file inside it.
            if ((f.rule == "public-git-dir" || f.rule == "public-cache-dir") &&
                !m_seen_dirs.emplace(f.rule, f.file).second) {
                continue;
            }
            m_outcome.findings.push_back(std::move(f));
        }
    }
    if (!is_served(m_where.kind, path) || is_media(path)) {
        return nullptr;
    }
    auto scanner = std::make_unique<FileScanner>(m_rules);
    scanner->begin(display);
    return scanner;
}

void TreeInspection::close(std::unique_ptr<FileScanner> scanner, std::uint64_t bytes) {
    if (!scanner) {
        return;
    }
    auto found = scanner->end();
    std::lock_guard lock(m_mutex);
    for (auto& f : found) {
        m_outcome.findings.push_back(std::move(f));
    }
    ++m_outcome.files_scanned;
    m_outcome.bytes_scanned += bytes;
}

Result<Outcome> TreeInspection::finish(util::TimePoint now) {
    std::lock_guard lock(m_mutex);
    const std::string header_file =
        m_where.kind == OutputKind::vercel_output ? "config.json" : "routes-manifest.json";
    const fs::path header_path = m_where.root / header_file;
    VOUCH_TRY_ASSIGN(const std::string header_text, util::read_file(header_path));
    std::vector<HeaderRoute> routes;
    if (m_where.kind == OutputKind::vercel_output) {
        VOUCH_TRY_ASSIGN(routes, read_config_routes(header_text, header_path.string()));
    } else {
        VOUCH_TRY_ASSIGN(routes, read_manifest_headers(header_text, header_path.string()));
    }
    for (auto& f : check_headers(routes, m_where.prefix + header_file, m_config)) {
        m_outcome.findings.push_back(std::move(f));
    }
    Outcome outcome = m_outcome;
    apply_exceptions(outcome, m_config, now);
    return outcome;
}

Result<Outcome> run(const Options& options) {
    VOUCH_TRY_ASSIGN(const Located where, locate(options.dir));
    // A project folder (DIR holds the build output) may hold the dotenv files of the build.
    TreeInspection inspection(
        where, options.config,
        public_secret_candidates(where.prefix.empty() ? fs::path() : options.dir,
                                 options.environment));
    // One walk, no symlinks followed.
    std::error_code ec;
    fs::recursive_directory_iterator it(where.root, fs::directory_options::none, ec);
    if (ec) {
        return fail(Errc::io, "cannot read directory: " + ec.message(), where.root.string());
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            return fail(Errc::io, "cannot read directory: " + ec.message(), where.root.string());
        }
        const fs::directory_entry& entry = *it;
        if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) {
            continue;
        }
        const std::string rel = entry.path().lexically_relative(where.root).generic_string();
        auto scanner = inspection.open(rel);
        if (!scanner) {
            continue;
        }
        std::uint64_t bytes = 0;
        VOUCH_TRY(scan_file(entry.path(), *scanner, bytes));
        inspection.close(std::move(scanner), bytes);
    }
    return inspection.finish(options.now);
}

} // namespace vouch::inspect
