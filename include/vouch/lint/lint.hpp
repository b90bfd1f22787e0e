#pragma once
// Lockfile supply-chain lint: where every package comes from and whether the lockfile can be
// trusted to install what package.json asks for. Pure: the caller passes the lockfile, the
// project's package.json text and today's date.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/policy/policy.hpp>

namespace vouch::lint {

struct Finding {
    std::string rule; // "allowed-hosts", "https-only", ... (policies/README.md)
    policy::Mode mode = policy::Mode::error;
    std::string package; // empty for findings about the project (in-sync)
    std::string version;
    std::string location;
    std::string detail;
    std::string excepted; // non-empty: an exception lets it through (its reason)
    bool counts() const { return mode == policy::Mode::error && excepted.empty(); }
};

struct Report {
    std::vector<Finding> findings; // by rule order, then location
    std::vector<const policy::Exception*> expired;
    std::size_t errors = 0, warnings = 0, excepted = 0;
    std::size_t packages = 0; // packages looked at
    bool pass() const { return errors == 0; }
};

struct Popular {
    std::string name;
    std::size_t dependents = 0;
};
// data/popular-packages.txt, compiled in.
const std::vector<Popular>& popular_packages();

// `package_json`: the project's package.json text; nullopt when there is none (then in-sync
// reports that it could not check). Errc::parse when package.json is not valid JSON.
Result<Report> run(const lockfile::Lockfile& lockfile,
                   const std::optional<std::string>& package_json, const policy::Policy& policy,
                   std::string_view today,
                   const std::vector<Popular>& popular = popular_packages());

// Parts, for tests.
std::string host_of(std::string_view url); // "" when not a URL
// Damerau-Levenshtein (optimal string alignment) distance, or max + 1 when above `max`.
int edit_distance(std::string_view a, std::string_view b, int max);
// A name's bytes counted in 32 buckets (byte & 31). Their bag distance is a lower bound of
// edit_distance (an edit moves at most one count up and one down, a transposition none), so it
// rules out most popular names with 32 subtractions instead of the distance table.
using CharCounts = std::array<std::uint16_t, 32>;
CharCounts char_counts(std::string_view name);
int bag_distance(const CharCounts& a, const CharCounts& b);

} // namespace vouch::lint
