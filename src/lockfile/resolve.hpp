#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/util/background.hpp>

namespace vouch::lockfile::detail {

// What decoding found of each package's `integrity`, by its index when decoding began.
struct DecodedIntegrity {
    enum State : std::uint8_t {
        skipped,  // none, or a git commit
        valid,    // every supported digest decodes to its size
        rejected, // one does not: the integrity is dropped
    };
    std::vector<State> state;
    std::vector<std::string> warnings; // one per rejected, in package order
};

// npm ignores an `integrity` it cannot parse (ssri), and so does vouch: the value is cleared
// and a warning names the package, so no made-up hash reaches an SBOM. Decoding runs on a
// second core (for a large lockfile) while the model is finished; it reads only views taken
// when it starts, never `lock` itself.
util::Background<DecodedIntegrity> start_integrity_decoding(const Lockfile& lock);
// Puts the digests in place (views into each valid `integrity`, which has not changed since):
// `origin` from finish_model maps the packages back to where they were when decoding began; the
// warnings go at `warnings_at`, where decoding in line would have put them.
void apply_decoded_integrity(Lockfile& lock, DecodedIntegrity decoded,
                             const std::vector<std::size_t>& origin, std::size_t warnings_at);

// Sorts packages, indexes locations and links, marks workspaces and resolves dependency edges
// the way npm resolves a require (walking up the node_modules chain). Missing dependencies
// become warnings. Returns where each package was on entry (sorting and merging duplicate
// locations move them).
std::vector<std::size_t> finish_model(Lockfile& lock);

// npm's require resolution of `name` from the package at `from`: <from>/node_modules/<name>,
// then each folder up to the root, links followed; npos when nothing is installed there. By
// walking up and looking each candidate location up (`candidate` is scratch space).
std::size_t resolve_by_walk(const Lockfile& lock, std::string_view from, std::string_view name,
                            std::string& candidate);

// The same answers from an index of installed locations by name, built once: a lockfile's edges
// cost one lookup each instead of a hashed string per folder up the tree. Names npm cannot
// install ("a/b/c") take the walk.
class Resolver {
  public:
    explicit Resolver(const Lockfile& lock);
    std::size_t resolve(std::string_view from, std::string_view name);

  private:
    struct Entry {
        std::string_view folder; // where its node_modules is: "" for the root's
        std::size_t target;      // package index (a link's target), or npos
        bool is_link;
    };
    const Lockfile& m_lock;
    // The index lives in one block of its own, given back whole when resolution is done (as a
    // node and a vector per name it left a hundred KiB of small holes in the heap, which the
    // SBOM built next could not use).
    std::pmr::monotonic_buffer_resource m_memory;
    std::pmr::unordered_map<std::string_view, std::pmr::vector<Entry>> m_by_name{&m_memory};
    std::string m_candidate;
};

// Fills the root's dependency maps from package.json where the lockfile has none (v1).
void apply_package_json(Lockfile& lock, std::string_view package_json);

} // namespace vouch::lockfile::detail
