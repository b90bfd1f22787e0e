#pragma once
// What `vouch scan PATH` reads: a lockfile, a directory holding one, or a CycloneDX JSON SBOM.
#include <filesystem>
#include <string>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/util/result.hpp>

namespace vouch::scan {

struct ScanInput {
    std::filesystem::path path; // the file actually read
    std::string kind;           // "package-lock" | "cyclonedx"
    std::string_view text;      // its bytes (searched for SARIF lines), owned by lockfile
    std::string sha256;         // hex SHA-256 of text (the verdict names the input by it)
    lockfile::Lockfile lockfile;
};

Result<ScanInput> load_input(const std::filesystem::path& path);

// A CycloneDX JSON SBOM as a Lockfile: components with pkg:npm purls become packages (real
// names from the purl), `cdx:npm:package:path` properties their locations (one package per
// path), `dependencies` the edges, metadata.component the root. Other components are skipped.
Result<lockfile::Lockfile> lockfile_from_cyclonedx(std::string_view text, const std::string& file);

} // namespace vouch::scan
