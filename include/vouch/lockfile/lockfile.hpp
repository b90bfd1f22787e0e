#pragma once
// The lockfile model: what npm installs, read from package-lock.json / npm-shrinkwrap.json
// (lockfileVersion 1, 2, 3) without node_modules or network.
//
// Every string in the model is a std::string_view into the Lockfile's TextArena (or a string
// literal), shared by every copy of the Lockfile and by the Sbom built from it: the model is
// cheap to build and to copy, and its views stay valid as long as any holder of the arena lives.
// The arena owns the lockfile text itself, and most fields point straight into it (a JSON
// string without escapes is not copied at all).
// To set a field to text of your own, keep it in the arena first: `p.name = lock.keep(text)`.
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
#include <vouch/lockfile/text_arena.hpp>
#include <vouch/util/compact_vector.hpp>
#include <vouch/util/result.hpp>

namespace vouch::lockfile {

// One digest of an SRI `integrity` string. The value stays the base64 the lockfile wrote
// (checked to decode to the algorithm's size when the model is read): a hex copy of every
// package's digest would cost more memory than the package itself.
struct Digest {
    std::string_view algorithm; // "sha512", "sha384", "sha256" or "sha1"
    std::string_view base64;    // as written, a view into the `integrity` it came from
    // The digest as lowercase hex, what SBOMs record.
    std::string hex() const;
    // The same bytes (the base64 spellings of one digest may differ in padding).
    bool same_value(const Digest& other) const;
};

// name -> value pairs (dependency specs, engines) as one flat vector sorted by name, the first
// entry of a name winning (as std::map::emplace did): one allocation per list instead of a node
// and two strings per entry.
class SpecMap {
  public:
    using value_type = std::pair<std::string_view, std::string_view>;
    using const_iterator = const value_type*;

    // Adds `name` unless present (the first entry of a name wins).
    void emplace(std::string_view name, std::string_view value) {
        const auto at = lower(name);
        if (at == m_entries.end() || at->first != name) {
            m_entries.insert(at, {name, value});
        }
    }
    // Adds `name` or replaces its value.
    void assign(std::string_view name, std::string_view value) {
        const auto at = lower(name);
        if (at != m_entries.end() && at->first == name) {
            m_entries[static_cast<std::size_t>(at - m_entries.begin())].second = value;
        } else {
            m_entries.insert(at, {name, value});
        }
    }
    void reserve(std::size_t n) { m_entries.reserve(n); }
    const_iterator find(std::string_view name) const {
        const auto at = lower(name);
        return at != m_entries.end() && at->first == name ? at : m_entries.end();
    }
    bool contains(std::string_view name) const { return find(name) != end(); }
    std::size_t count(std::string_view name) const { return contains(name) ? 1 : 0; }
    // The value of `name`; empty when absent.
    std::string_view value_of(std::string_view name) const {
        const auto it = find(name);
        return it == end() ? std::string_view() : it->second;
    }
    const_iterator begin() const { return m_entries.begin(); }
    const_iterator end() const { return m_entries.end(); }
    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }
    bool operator==(const SpecMap&) const = default;

  private:
    const_iterator lower(std::string_view name) const {
        return std::lower_bound(
            m_entries.begin(), m_entries.end(), name,
            [](const value_type& entry, std::string_view key) { return entry.first < key; });
    }
    util::CompactVector<value_type> m_entries;
};

// Where an installed package came from, decided from `resolved` / `version`.
enum class Source {
    registry,       // a registry tarball (or no `resolved`, as npm writes with
                    // omit-lockfile-registry-resolved)
    git,            // git+https://..., git+ssh://..., github:owner/repo#sha
    remote_tarball, // https://host/x.tgz that is not a registry tarball
    local_tarball,  // file:../x.tgz
    directory,      // a workspace or file: directory (the target of a link)
    root,           // the project itself
};

struct Package {
    std::string_view location; // lockfile key: "" for the root, "node_modules/a/node_modules/@s/b"
    std::string_view name;     // real package name (aliases resolved)
    std::string_view install_name; // folder name it is required by (differs from name for aliases)
    std::string_view version;
    std::string_view resolved;              // credentials stripped
    std::string_view integrity;             // raw SRI string, possibly several space-separated
    util::CompactVector<Digest> digests;    // decoded from `integrity`, strongest first
    std::string_view license;               // raw licence text; empty = unknown
    bool license_from_node_modules = false; // read from the installed package.json
    Source source = Source::registry;
    bool dev = false;
    bool optional = false;
    bool dev_optional = false;
    bool peer = false;
    bool extraneous = false;
    bool in_bundle = false;
    bool has_install_script = false;
    bool has_shrinkwrap = false;
    // A workspace member: a linked directory matched by one of the root's `workspaces` globs
    // (a plain `file:` link target is a directory, not a workspace).
    bool is_workspace = false;
    util::CompactVector<std::string_view> workspaces; // the root's `workspaces` globs, as written
    std::string_view deprecated;
    SpecMap dependencies; // name -> requested spec
    SpecMap optional_dependencies;
    SpecMap peer_dependencies;
    SpecMap dev_dependencies;                            // root and workspaces only
    util::CompactVector<std::string_view> peer_optional; // peerDependenciesMeta.*.optional
    SpecMap engines;
    util::CompactVector<std::string_view> os;
    util::CompactVector<std::string_view> cpu;
    // Resolved edges: indices into Lockfile::packages, sorted, unique (links followed). The root
    // also has an edge to each workspace member it installs, as npm and cyclonedx-npm do.
    util::CompactVector<std::size_t> depends_on;
    // The subset of depends_on that only devDependencies declare (root and workspaces), so a
    // path can be told dev or runtime. Sorted.
    util::CompactVector<std::size_t> dev_only;
};

// `node_modules/@acme/util` -> `packages/util`: a symlink npm creates; not a package itself.
struct Link {
    std::string_view location;
    std::string_view target;
};

struct Lockfile {
    std::string file;              // path as given, for messages
    int lockfile_version = 0;      // 1, 2 or 3
    std::vector<Package> packages; // packages[0] is the root; the rest sorted by location
    std::vector<Link> links;
    std::vector<std::string> warnings; // tree problems: missing dependencies, dangling links
    // Package location -> index, for a model whose packages are not in location order (one
    // built by hand or from an SBOM). Empty for the models read from a lockfile: their packages
    // are sorted by location and looked up by binary search, and a few thousand hash nodes
    // cost more memory than the SBOM of them may take.
    std::unordered_map<std::string_view, std::size_t> by_location;
    // link location -> target location
    std::unordered_map<std::string_view, std::string_view> link_targets;
    // The text every view above points into; shared by copies (it only ever grows).
    std::shared_ptr<TextArena> arena = std::make_shared<TextArena>();
    // The document the model was read from, as read (owned by the arena): what to hash or to
    // search for line numbers. Empty for a model built in code.
    std::string_view text;
    // Hex SHA-256 of `text`, made by load_lockfile on a second core while it parses (SBOM
    // metadata and verdicts name the lockfile by it). Empty when the model was built otherwise.
    std::string text_sha256;

    // Index of the package at `location`, following links; npos when absent.
    std::size_t find(std::string_view location) const;
    // Index of the package at exactly `location` (a link's location is not one); npos if none.
    std::size_t package_at(std::string_view location) const;
    const Package& root() const { return packages.front(); }
    // A copy of `text` that lives as long as the model.
    std::string_view keep(std::string_view text) { return arena->keep(text); }
};

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Decodes every supported algorithm of an SRI string, strongest first. Unknown algorithms are
// skipped (as SRI says); a known algorithm with a bad digest is an error message. The digests
// are views into `integrity`.
Result<std::vector<Digest>> decode_integrity(std::string_view integrity);

// Parses lockfile text. `file` is used in messages. Errors: Errc::parse for malformed JSON (with
// line and column) or wrong field types (with the JSON path); Errc::unsupported for an unknown
// lockfileVersion. Tree problems (missing deps) are warnings, never errors.
// The model keeps one copy of `text` (Lockfile::text); load_lockfile() takes a string over
// without that copy.
Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file);

// The same, with the project's package.json text (may be empty): v1 lockfiles do not record the
// root's own dependencies, so they are taken from it. A malformed package.json is a warning.
// `readable` is ignored (the text is always copied into the model now); it stays for callers
// written when the text could be parsed in the caller's buffer.
Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file,
                                std::string_view package_json, std::size_t readable = 0);

// Finds the lockfile for a path: a lockfile itself, or a directory holding npm-shrinkwrap.json
// (preferred, as npm does) or package-lock.json. Errc::io when there is none.
Result<std::filesystem::path> locate_lockfile(const std::filesystem::path& path);

// Reads and parses the lockfile found by locate_lockfile(). When a node_modules/ tree is beside
// it, licences the lockfile lacks are read from the installed package.json files.
Result<Lockfile> load_lockfile(const std::filesystem::path& path);
// The same for a lockfile already read (`file` as found by locate_lockfile(); `text` as
// util::read_file returned it). The model takes the text over: it is parsed in place when its
// capacity leaves the parser's read-ahead room (util::read_file's does), else copied once; read
// it afterwards as Lockfile::text.
Result<Lockfile> load_lockfile(const std::filesystem::path& file, std::string text);

// npm's --omit: which installed packages `npm ci --omit=...` leaves out.
struct Omit {
    bool dev = false;
    bool optional = false;
    bool peer = false;
    bool any() const { return dev || optional || peer; }
};
bool is_omitted(const Package& package, const Omit& omit);

// Which packages an install with `omit` keeps: kept[i] for packages[i] (the root always). A
// mask instead of a filtered copy: consumers skip the packages and the edges to them.
using Selection = std::vector<bool>;
Selection select_installed(const Lockfile& lockfile, const Omit& omit);

// A copy without the packages `kept` leaves out (never the root) and the edges to them, for
// consumers that need a whole model; prefer passing the Selection.
Lockfile apply_selection(const Lockfile& lockfile, const Selection& kept);
// apply_selection(lockfile, select_installed(lockfile, omit)).
Lockfile apply_omit(const Lockfile& lockfile, const Omit& omit);

// The chain of packages from the root to `index` along depends_on edges (shortest, BFS);
// the first element is 0 (the root). Empty when unreachable.
std::vector<std::size_t> path_from_root(const Lockfile& lockfile, std::size_t index);

// 1-based line of the package's key in the lockfile text (for SARIF locations); 0 if not found.
std::size_t line_of_location(std::string_view text, const Lockfile& lockfile, std::size_t index);

} // namespace vouch::lockfile
