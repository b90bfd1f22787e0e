#pragma once
// The lockfile model: what npm installs, read from package-lock.json / npm-shrinkwrap.json
// (lockfileVersion 1, 2, 3) without node_modules or network.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::lockfile {

// One digest of an SRI `integrity` string, hex-encoded.
struct Digest {
    std::string algorithm; // "sha512", "sha384", "sha256" or "sha1"
    std::string hex;       // lowercase
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
    std::string location;     // lockfile key: "" for the root, "node_modules/a/node_modules/@s/b"
    std::string name;         // real package name (aliases resolved)
    std::string install_name; // folder name it is required by (differs from name for aliases)
    std::string version;
    std::string resolved;
    std::string integrity;                  // raw SRI string, possibly several space-separated
    std::vector<Digest> digests;            // decoded from `integrity`, strongest first
    std::string license;                    // raw licence text; empty = unknown
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
    std::vector<std::string> workspaces; // the root's `workspaces` globs, as written
    std::string deprecated;
    std::map<std::string, std::string> dependencies; // name -> requested spec
    std::map<std::string, std::string> optional_dependencies;
    std::map<std::string, std::string> peer_dependencies;
    std::map<std::string, std::string> dev_dependencies; // root and workspaces only
    std::vector<std::string> peer_optional;              // peerDependenciesMeta.*.optional
    std::map<std::string, std::string> engines;
    std::vector<std::string> os;
    std::vector<std::string> cpu;
    // Resolved edges: indices into Lockfile::packages, sorted, unique (links followed). The root
    // also has an edge to each workspace member it installs, as npm and cyclonedx-npm do.
    std::vector<std::size_t> depends_on;
    // The subset of depends_on that only devDependencies declare (root and workspaces), so a
    // path can be told dev or runtime. Sorted.
    std::vector<std::size_t> dev_only;
};

// `node_modules/@acme/util` -> `packages/util`: a symlink npm creates; not a package itself.
struct Link {
    std::string location;
    std::string target;
};

struct Lockfile {
    std::string file;              // path as given, for messages
    int lockfile_version = 0;      // 1, 2 or 3
    std::vector<Package> packages; // packages[0] is the root; the rest sorted by location
    std::vector<Link> links;
    std::vector<std::string> warnings; // tree problems: missing dependencies, dangling links
    std::unordered_map<std::string, std::size_t> by_location;  // package location -> index
    std::unordered_map<std::string, std::string> link_targets; // link location -> target location

    // Index of the package at `location`, following links; npos when absent.
    std::size_t find(std::string_view location) const;
    const Package& root() const { return packages.front(); }
};

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Decodes every supported algorithm of an SRI string, strongest first. Unknown algorithms are
// skipped (as SRI says); a known algorithm with a bad digest is an error message.
Result<std::vector<Digest>> decode_integrity(std::string_view integrity);

// Parses lockfile text. `file` is used in messages. Errors: Errc::parse for malformed JSON (with
// line and column) or wrong field types (with the JSON path); Errc::unsupported for an unknown
// lockfileVersion. Tree problems (missing deps) are warnings, never errors.
Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file);

// The same, with the project's package.json text (may be empty): v1 lockfiles do not record the
// root's own dependencies, so they are taken from it. A malformed package.json is a warning.
Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file,
                                std::string_view package_json);

// Finds the lockfile for a path: a lockfile itself, or a directory holding npm-shrinkwrap.json
// (preferred, as npm does) or package-lock.json. Errc::io when there is none.
Result<std::filesystem::path> locate_lockfile(const std::filesystem::path& path);

// Reads and parses the lockfile found by locate_lockfile(). When a node_modules/ tree is beside
// it, licences the lockfile lacks are read from the installed package.json files.
Result<Lockfile> load_lockfile(const std::filesystem::path& path);
// The same for a lockfile already read (`file` as found by locate_lockfile()).
Result<Lockfile> load_lockfile(const std::filesystem::path& file, std::string_view text);

// npm's --omit: which installed packages `npm ci --omit=...` leaves out.
struct Omit {
    bool dev = false;
    bool optional = false;
    bool peer = false;
};
bool is_omitted(const Package& package, const Omit& omit);

// Removes omitted packages (never the root) and the edges to them.
Lockfile apply_omit(const Lockfile& lockfile, const Omit& omit);

// The chain of packages from the root to `index` along depends_on edges (shortest, BFS);
// the first element is 0 (the root). Empty when unreachable.
std::vector<std::size_t> path_from_root(const Lockfile& lockfile, std::size_t index);

// 1-based line of the package's key in the lockfile text (for SARIF locations); 0 if not found.
std::size_t line_of_location(std::string_view text, const Lockfile& lockfile, std::size_t index);

} // namespace vouch::lockfile
