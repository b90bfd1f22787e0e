#pragma once
// Internal: the streaming import (import.cpp). Sources are read one advisory at a time into a
// staging table; alias groups are planned from the ids alone; each group is then merged on its
// own. merge_aliases() (merge.cpp) is built from the same pieces, so both give the same result.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>
#include <vouch/advisory/feeds.hpp>

namespace vouch::advisory::detail {

// Hands each advisory of a source to `sink` as soon as it is parsed (in source order), instead of
// collecting them; otherwise exactly load_source(path, options). An error from the sink stops the
// load and is returned as is (never counted as a skipped record).
using AdvisorySink = std::function<Status(Advisory&&)>;
Result<SourceInfo> stream_source(const std::filesystem::path& path, const LoadOptions& options,
                                 const AdvisorySink& sink);

// What alias merging needs to know of a record before reading it whole.
struct AliasIds {
    std::string id;
    std::vector<std::string> aliases;
};
// Record indices grouped as merge_aliases() joins them; each group lists its members in input
// order.
std::vector<std::vector<std::size_t>> alias_groups(const std::vector<AliasIds>& records);
// The id the merged advisory of a group gets (preferred_id of all the members' ids).
std::string group_id(const std::vector<const AliasIds*>& members);
// Merges one group's records (in input order) into one canonical advisory.
Advisory merge_group(std::vector<Advisory> members);

// A record as the streaming import stages it, ready for either way out of the staging table.
// `raw` (to_json with sources) is what a group of several records is merged from. `canonical`
// (to_json without sources of merge_group of the record alone) and `sources` (one per line) are
// the stored form when the record turns out to be a group of its own, as most are: computing them
// while the records stream in (the inflating thread is the slower side then) leaves the import's
// last phase only copying them.
struct StagedRecord {
    std::string raw;
    std::string canonical;
    std::string sources;
    AliasIds ids;                      // the record's own ids, before any merging
    std::vector<std::string> packages; // of its affected entries, as stored
};
// `name` only labels an error (a staged form that does not read back: a bug).
Result<StagedRecord> stage_record(Advisory&& advisory, const std::string& name);

} // namespace vouch::advisory::detail
