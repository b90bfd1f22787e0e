#pragma once
// From the lockfile model to SBOM documents: one component per installed name@version (purl),
// carrying every install path, and the dependency graph between components.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/license/license.hpp>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/util/clock.hpp>

namespace vouch::sbom {

// pkg:npm/%40scope/name@1.2.3[?download_url=...|vcs_url=...] (purl-spec npm rules).
std::string purl_for(const lockfile::Package& package);
// "github:o/r#sha" -> "git+ssh://git@github.com/o/r.git#sha" (npm's hosted-git shorthands);
// anything else unchanged.
std::string canonical_git_url(std::string_view resolved);
// Percent-encodes everything but A-Z a-z 0-9 . - _ ~ (purl-spec).
std::string purl_encode(std::string_view text);

inline const license::Classified k_no_license{};

// A component refers to the lockfile model it was built from instead of copying it: strings
// are views into the lockfile's arena (purls and canonical git URLs are kept there too), and
// what every install of a name@version shares is read from its first install (`package`). Its
// lists are slices of pools the Sbom owns. An SBOM of a few thousand packages is built without
// an allocation per component.
struct Component {
    std::string_view bom_ref;
    std::string_view purl;
    // The first install in lockfile order: its name, version, engines, os and deprecation are
    // the component's.
    const lockfile::Package* package = nullptr;
    std::string_view name() const { return package->name; } // full npm name, "@scope/name"
    std::string_view version() const { return package->version; }
    lockfile::Source source = lockfile::Source::registry;
    // CycloneDX scope: "required", "optional" or "excluded"; none for the root. Ordered by how
    // widely an install needs the component: a component has the widest of its installs'.
    enum class Scope : std::uint8_t { none, excluded, optional, required } scope = Scope::none;
    // Where the licence came from: "unknown", "lockfile" or "node_modules".
    enum class LicenseSource : std::uint8_t {
        unknown,
        lockfile,
        node_modules
    } license_source = LicenseSource::unknown;
    bool development = false; // every install is dev-only
    bool bundled = false;
    bool extraneous = false;
    bool workspace = false;
    bool has_install_script = false;
    std::string_view resolved;
    // Every distinct digest of every install, the first install's first.
    std::span<const lockfile::Digest> hashes;
    // The first install's licence that has one, classified once per distinct text (it points
    // into Sbom::licenses).
    const license::Classified* license = &k_no_license;
    std::span<const std::string_view> paths; // install locations, sorted
    std::span<const std::size_t> depends_on; // indices into Sbom::components, sorted
};
// The names CycloneDX and vouch's properties give them; "" for Scope::none.
std::string_view scope_name(Component::Scope scope);
std::string_view license_source_name(Component::LicenseSource source);

// Move-only: the components' spans point into its pools.
struct Sbom {
    Sbom() = default;
    Sbom(Sbom&&) = default;
    Sbom& operator=(Sbom&&) = default;
    Sbom(const Sbom&) = delete;
    Sbom& operator=(const Sbom&) = delete;

    std::vector<Component> components; // [0] is the root project; the rest sorted by bom_ref
    std::vector<std::string> warnings;
    // The lockfile's text (shared with it), which the components' views point into.
    std::shared_ptr<lockfile::TextArena> arena;
    // What the components' spans point into (`hashes` views the first install's digests until
    // another install adds one).
    std::vector<std::string_view> path_pool;
    std::vector<std::size_t> edge_pool;
    std::deque<std::vector<lockfile::Digest>> merged_hashes; // when installs' digests differ
    std::deque<license::Classified> licenses;                // one per distinct licence text
};

// Groups lockfile packages into components (it has no error of its own today; the Result keeps
// callers ready for one). The Sbom refers to `lockfile`'s packages (Component::package,
// Component::hashes): keep the Lockfile alive and unchanged while the Sbom is used. The purls it
// makes are kept in the lockfile's arena (shared with the Sbom): two threads must not build from
// one Lockfile at once.
Result<Sbom> build_sbom(const lockfile::Lockfile& lockfile);
// The same for the packages `kept` selects (lockfile::select_installed: npm's --omit); edges to
// left-out packages are dropped. The result equals build_sbom(apply_selection(lockfile, kept)).
Result<Sbom> build_sbom(const lockfile::Lockfile& lockfile, const lockfile::Selection& kept);

struct DocumentInfo {
    util::TimePoint timestamp;
    std::string serial_uuid;   // 8-4-4-4-12 lowercase hex
    std::string lockfile_path; // as given
    std::string lockfile_sha256;
    int lockfile_version = 0;
    bool reproducible = false; // SOURCE_DATE_EPOCH was set
};

std::string write_cyclonedx(const Sbom& sbom, const DocumentInfo& info);
// The same document handed to `sink` piece by piece, in order (a large SBOM is written by two
// threads and never held whole); the first error `sink` returns stops the writing.
using Sink = std::function<Status(std::string_view)>;
// Where the second thread's part of a large document can go while the first part is written:
// `write` gets its pieces in order (on that thread), then `append` adds them all to the
// destination after the first part. Without one, that part is kept in memory until then.
struct Spool {
    Sink write;
    std::function<Status()> append;
};
Status write_cyclonedx(const Sbom& sbom, const DocumentInfo& info, const Sink& sink,
                       const Spool* spool = nullptr);
std::string write_spdx(const Sbom& sbom, const DocumentInfo& info);

// A UUID derived from content (same input, same UUID; RFC 9562 version 8), or a random v4.
std::string content_uuid(std::string_view seed);
std::string random_uuid();
std::string sha256_hex(std::string_view data);

} // namespace vouch::sbom
