#pragma once
// Hand-built lockfiles and advisories for the scanner's unit tests.
#include <map>
#include <string>
#include <vector>
#include <vouch/advisory/advisory.hpp>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/scan/scan.hpp>

namespace vouch::scan::test {

struct LockBuilder {
    lockfile::Lockfile lock;
    explicit LockBuilder(std::string root_name = "app") {
        lockfile::Package root;
        root.name = lock.keep(root_name);
        root.version = "1.0.0";
        root.source = lockfile::Source::root;
        lock.lockfile_version = 3;
        lock.packages.push_back(root);
        lock.by_location.emplace("", 0);
    }
    // Adds a package; `from` (an index) declares it with `spec`.
    std::size_t add(const std::string& location, const std::string& name,
                    const std::string& version, std::size_t from = 0,
                    const std::string& spec = "") {
        lockfile::Package package;
        package.location = lock.keep(location);
        package.name = lock.keep(name);
        auto names = names_in_location(location);
        package.install_name = lock.keep(names.empty() ? name : names.back());
        package.version = lock.keep(version);
        lock.packages.push_back(package);
        std::size_t index = lock.packages.size() - 1;
        lock.by_location.emplace(package.location, index);
        link(from, index, spec.empty() ? "^" + version : spec);
        return index;
    }
    void link(std::size_t from, std::size_t to, const std::string& spec) {
        auto& parent = lock.packages[from];
        parent.depends_on.push_back(to);
        parent.dependencies.assign(lock.packages[to].install_name, lock.keep(spec));
    }
};

inline advisory::Advisory osv(const std::string& id, const std::string& package,
                              std::vector<advisory::Event> events) {
    advisory::Advisory a;
    a.id = id;
    a.summary = "summary of " + id;
    advisory::Affected affected;
    affected.package = package;
    affected.ranges.push_back({"ECOSYSTEM", std::move(events), ""});
    a.affected.push_back(affected);
    a.feed_severity = advisory::Severity::high;
    return a;
}

inline advisory::Advisory npm(const std::string& id, const std::string& package,
                              const std::string& range) {
    advisory::Advisory a;
    a.id = id;
    advisory::Affected affected;
    affected.package = package;
    affected.ranges.push_back({"NPM", {}, range});
    a.affected.push_back(affected);
    a.feed_severity = advisory::Severity::moderate;
    return a;
}

using K = advisory::Event::Kind;

inline AdvisoryLookup lookup_of(std::vector<advisory::Advisory> all) {
    return [all](std::string_view name) -> Result<std::vector<advisory::Advisory>> {
        std::vector<advisory::Advisory> out;
        for (const auto& a : all) {
            for (const auto& affected : a.affected) {
                if (affected.package == name) {
                    out.push_back(a);
                    break;
                }
            }
        }
        return out;
    };
}

} // namespace vouch::scan::test
