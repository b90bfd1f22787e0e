// vouch db import|update|info: the offline advisory database.
#include "command.hpp"
#include "db_location.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <vouch/advisory/database.hpp>
#include <vouch/advisory/update.hpp>

namespace vouch::cli {
namespace {

namespace adv = vouch::advisory;

struct Options {
    std::vector<std::string> sources;
    std::string db;
    std::string format = "table";
    std::string url = adv::k_default_update_url;
    bool add = false;
    bool skip_invalid = false;
    long lock_timeout = 300;
};

// A malformed record fails the whole import; say how to import the rest.
template <class T> Result<T> suggest_skip_invalid(Result<T> result, const Options& opts) {
    if (!result && result.error().code == Errc::parse && !opts.skip_invalid) {
        Error error = result.error();
        error.message += " (to skip malformed records and import the rest, add --skip-invalid)";
        return tl::unexpected(std::move(error));
    }
    return result;
}

nlohmann::json info_json(const adv::Database::Info& info, long age_days) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& s : info.sources) {
        sources.push_back({{"location", s.location},
                           {"format", s.format},
                           {"records", s.records},
                           {"withdrawn", s.withdrawn},
                           {"skipped", s.skipped}});
    }
    return {{"path", info.path},
            {"imported_at", info.imported_at},
            {"age_days", age_days},
            {"advisories", info.advisories},
            {"packages", info.packages},
            {"content_sha256", info.content_sha256},
            {"sources", std::move(sources)}};
}

Result<int> print_info(const adv::Database::Info& info, const std::string& format) {
    VOUCH_TRY_ASSIGN(auto age, adv::database_age_days(info));
    if (format == "json") {
        std::cout << info_json(info, age).dump(2) << '\n';
        return exit_pass;
    }
    std::cout << "database:    " << info.path << '\n'
              << "imported at: " << info.imported_at << " (" << age << (age == 1 ? " day" : " days")
              << " ago)\n"
              << "advisories:  " << info.advisories << " affecting " << info.packages
              << " npm packages\n"
              << "sha256:      " << info.content_sha256 << '\n'
              << "sources:\n";
    for (const auto& s : info.sources) {
        std::cout << "  " << s.location << "  [" << s.format << "] " << s.records << " records";
        if (s.withdrawn)
            std::cout << ", " << s.withdrawn << " withdrawn dropped";
        if (s.skipped)
            std::cout << ", " << s.skipped << " invalid skipped";
        std::cout << '\n';
    }
    return exit_pass;
}

adv::ImportOptions import_options(const Options& opts) {
    adv::ImportOptions options;
    options.add = opts.add;
    options.skip_invalid = opts.skip_invalid;
    options.on_skipped = [](const Error& e) { warn("skipped invalid record: " + e.describe()); };
    options.lock_timeout = std::chrono::seconds(opts.lock_timeout);
    options.on_wait = [](const std::string& message) { warn(message); };
    return options;
}

void draw_progress(std::uintmax_t done, std::uintmax_t total) {
    constexpr int width = 30;
    if (total > 0) {
        int filled = static_cast<int>(width * std::min<double>(1.0, double(done) / double(total)));
        std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
                  << (done >> 10) << " / " << (total >> 10) << " KiB" << std::flush;
    } else {
        std::cerr << "\r" << (done >> 10) << " KiB" << std::flush;
    }
}

const bool registered = register_command(
    "db", "Manage the offline advisory database (import, update, info)",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.require_subcommand(1);
        auto* import = app.add_subcommand(
            "import", "Build the database from advisory sources (OSV dir/file/zip, npm bulk or "
                      "quick audit, Node.js security WG, GitHub GraphQL)");
        import->add_option("sources", opts->sources, "Advisory sources")->required();
        import->add_flag("--add", opts->add,
                         "Merge into the existing database instead of replacing it");
        import->add_flag("--skip-invalid", opts->skip_invalid,
                         "Warn about and skip malformed records instead of failing the import");
        auto* update = app.add_subcommand("update", "Download OSV's npm dump and import it");
        update->add_option("--url", opts->url, "Where to download the OSV npm all.zip from");
        update->add_flag("--skip-invalid", opts->skip_invalid,
                         "Warn about and skip malformed records instead of failing the import");
        auto* info = app.add_subcommand("info", "Show what the database holds and how old it is");
        for (auto* sub : {import, update, info}) {
            sub->add_option("--db", opts->db,
                            "Database directory (default $VOUCH_DB or "
                            "$XDG_CACHE_HOME/vouch/db)");
            if (sub != info) {
                sub->add_option("--lock-timeout", opts->lock_timeout,
                                "Seconds to wait while another import/update holds the database "
                                "(default 300)")
                    ->check(CLI::NonNegativeNumber);
            }
            sub->add_option("--format", opts->format, "table|json")
                ->check(CLI::IsMember({"table", "json"}));
        }
        return [opts, import, update]() -> Result<int> {
            VOUCH_TRY_ASSIGN(auto dir, database_dir(opts->db));
            if (import->parsed()) {
                std::vector<std::filesystem::path> sources(opts->sources.begin(),
                                                           opts->sources.end());
                VOUCH_TRY_ASSIGN(
                    auto info,
                    suggest_skip_invalid(adv::import_sources(dir, sources, import_options(*opts)),
                                         *opts));
                return print_info(info, opts->format);
            }
            if (update->parsed()) {
                adv::DownloadOptions download;
                bool tty = ::isatty(STDERR_FILENO) == 1;
                if (tty)
                    download.progress = draw_progress;
                auto info = suggest_skip_invalid(
                    adv::update_database(dir, opts->url, download, import_options(*opts)), *opts);
                if (tty)
                    std::cerr << '\n';
                if (!info)
                    return tl::unexpected(info.error());
                return print_info(*info, opts->format);
            }
            VOUCH_TRY_ASSIGN(auto database, adv::Database::open(dir));
            return print_info(database.info(), opts->format);
        };
    });

} // namespace
} // namespace vouch::cli
