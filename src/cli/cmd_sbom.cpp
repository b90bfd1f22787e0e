// vouch sbom: lockfile -> CycloneDX 1.6 or SPDX 2.3 JSON.
#include "command.hpp"

#include <iostream>
#include <optional>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/sbom/sbom.hpp>
#include <vouch/util/file.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::string path = ".";
    std::string format = "cyclonedx";
    std::string output;
    std::vector<std::string> omit;
    bool quiet = false;
};

constexpr std::size_t k_warnings_shown = 10;

Result<int> run(const Options& opts) {
    lockfile::Omit omit;
    for (const auto& o : opts.omit) {
        omit.dev = omit.dev || o == "dev";
        omit.optional = omit.optional || o == "optional";
        omit.peer = omit.peer || o == "peer";
    }
    VOUCH_TRY_ASSIGN(const auto file, lockfile::locate_lockfile(opts.path));
    VOUCH_TRY_ASSIGN(std::string text, util::read_file(file));
    VOUCH_TRY_ASSIGN(auto lock, lockfile::load_lockfile(file, std::move(text)));
    VOUCH_TRY_ASSIGN(auto sbom, sbom::build_sbom(lock, lockfile::select_installed(lock, omit)));

    sbom::DocumentInfo info;
    VOUCH_TRY_ASSIGN(info.timestamp, util::build_time());
    info.lockfile_path = file.string();
    info.lockfile_sha256 = lock.text_sha256;
    info.lockfile_version = lock.lockfile_version;
    info.reproducible = std::getenv("SOURCE_DATE_EPOCH") != nullptr;
    std::string omitted;
    for (const auto& o : opts.omit) {
        omitted += o + ",";
    }
    // Same lockfile, options and vouch version: same serial number when reproducible.
    info.serial_uuid = info.reproducible
                           ? sbom::content_uuid(info.lockfile_sha256 + "|" + opts.format + "|" +
                                                omitted + "|" + VOUCH_VERSION)
                           : sbom::random_uuid();

    // Written as it is made: a large SBOM is never whole in memory.
    const bool to_stdout = opts.output.empty() || opts.output == "-";
    std::optional<util::OutputFile> file_out;
    if (!to_stdout) {
        VOUCH_TRY_ASSIGN(auto created, util::OutputFile::create(opts.output));
        file_out.emplace(std::move(created));
    }
    const sbom::Sink sink = [&](std::string_view piece) -> Status {
        if (file_out) {
            return file_out->write(piece);
        }
        std::cout << piece;
        return {};
    };
    if (opts.format == "spdx") {
        VOUCH_TRY(sink(sbom::write_spdx(sbom, info)));
    } else if (file_out) {
        // The second writing thread's part goes to a scratch file beside the output and is
        // appended by the kernel: peak memory no longer holds half the document.
        // Made on first use: a small SBOM is written by one thread and needs none.
        std::optional<util::ScratchFile> scratch;
        const sbom::Spool spool{
            [&](std::string_view piece) -> Status {
                if (!scratch) {
                    VOUCH_TRY_ASSIGN(auto made, file_out->scratch());
                    scratch.emplace(std::move(made));
                }
                return scratch->write(piece);
            },
            [&]() -> Status { return scratch ? file_out->append(*scratch) : Status{}; }};
        VOUCH_TRY(sbom::write_cyclonedx(sbom, info, sink, &spool));
    } else {
        VOUCH_TRY(sbom::write_cyclonedx(sbom, info, sink));
    }

    if (!opts.quiet && !sbom.warnings.empty()) {
        for (std::size_t i = 0; i < sbom.warnings.size() && i < k_warnings_shown; ++i) {
            warn(file.string() + ": " + sbom.warnings[i]);
        }
        if (sbom.warnings.size() > k_warnings_shown) {
            warn(
                std::to_string(sbom.warnings.size() - k_warnings_shown) +
                " more tree problems (the SBOM is complete; npm would report the tree as invalid)");
        }
    }
    if (file_out) {
        VOUCH_TRY(file_out->commit());
    } else {
        std::cout.flush();
    }
    release_at_exit(std::move(sbom));
    release_at_exit(std::move(lock));
    return exit_pass;
}

const bool registered = register_command(
    "sbom", "Write a CycloneDX 1.6 or SPDX 2.3 SBOM of an npm lockfile",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.add_option("path", opts->path,
                       "package-lock.json, npm-shrinkwrap.json, or a directory holding one "
                       "(shrinkwrap wins); default: current directory");
        app.add_option("--format", opts->format,
                       "cyclonedx (default) or spdx; json is the same as cyclonedx")
            ->check(CLI::IsMember({"cyclonedx", "spdx", "json"}));
        app.add_option("-o,--output", opts->output, "Write to FILE (atomically) instead of stdout");
        app.add_option(
               "--omit", opts->omit,
               "Leave out what `npm ci --omit=...` would not install (dev, optional, peer); "
               "repeatable")
            ->check(CLI::IsMember({"dev", "optional", "peer"}))
            ->delimiter(',');
        app.add_flag("-q,--quiet", opts->quiet, "Do not print tree warnings");
        return [opts]() -> Result<int> { return run(*opts); };
    });

} // namespace
} // namespace vouch::cli
