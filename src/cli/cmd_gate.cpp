// `vouch gate`: may this Vercel deployment be promoted? Reads the deployment, verifies it, and
// with --promote promotes it. The token comes from VERCEL_TOKEN and is never printed.
#include "ci_actor.hpp"
#include "command.hpp"
#include "gate_flag.hpp"

#include <cstdlib>
#include <iostream>
#include <vouch/gate/gate.hpp>
#include <vouch/keys/keys.hpp>
#include <vouch/scan/run.hpp>
#include <vouch/util/text.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::string deployment;
    std::string attestation;
    std::vector<std::string> pubs;
    std::vector<std::string> artifacts;
    std::string project;
    std::string team;
    bool promote = false;
    std::string log;
    std::string format = "table";
    std::size_t threshold = 1;
    bool require_sbom = false;
    bool require_inspection = false;
    std::string require_verdict;
    std::string require_gate;
    std::string max_age;
    std::string policy; // empty = the built-in default
    bool allow_dirty = false;
    long timeout = 30;
    int retries = 3;
};

Result<vercel::ClientConfig> client_config(const Options& opts) {
    vercel::ClientConfig config;
    const char* token = std::getenv("VERCEL_TOKEN");
    if (token == nullptr || *token == '\0') {
        return fail(Errc::usage, "set VERCEL_TOKEN to a Vercel access token");
    }
    config.token = token;
    for (unsigned char c : config.token) {
        if (c < 0x21 || c == 0x7f) {
            return fail(Errc::usage, "VERCEL_TOKEN contains a space or control character");
        }
    }
    if (const char* base = std::getenv("VERCEL_API_URL"); base != nullptr && *base != '\0') {
        const std::string url = base;
        if (url.rfind("https://", 0) != 0 && url.rfind("http://127.0.0.1", 0) != 0 &&
            url.rfind("http://localhost", 0) != 0 && url.rfind("http://[::1]", 0) != 0) {
            return fail(Errc::usage, "VERCEL_API_URL must be https:// (or http:// on loopback): " +
                                         util::strip_userinfo(url));
        }
        if (util::strip_userinfo(url) != url) {
            return fail(Errc::usage, "VERCEL_API_URL must not carry credentials");
        }
        config.base_url = url;
    }
    if (!opts.team.empty()) {
        config.team_id = opts.team;
    }
    if (opts.retries < 0 || opts.retries > 10) {
        return fail(Errc::usage, "--retries must be between 0 and 10");
    }
    config.max_retries = opts.retries;
    return config;
}

Result<int> run(const Options& opts) {
    if (opts.timeout < 1) {
        return fail(Errc::usage, "--timeout must be at least 1 second");
    }
    VOUCH_TRY_ASSIGN(auto config, client_config(opts));
    gate::Request request;
    request.deployment = opts.deployment;
    if (!opts.project.empty()) {
        request.project_id = opts.project;
    }
    request.promote = opts.promote;
    if (!opts.log.empty()) {
        request.log = opts.log;
    }
    request.actor = ci_actor();
    auto& verify = request.verify;
    verify.attestation = opts.attestation;
    for (const auto& artifact : opts.artifacts) {
        verify.artifacts.emplace_back(artifact);
    }
    for (const auto& path : opts.pubs) {
        VOUCH_TRY_ASSIGN(const auto key, keys::load_public_key(path));
        verify.trusted.push_back({keys::key_id_hex(key.id), key.key});
    }
    verify.threshold = opts.threshold;
    verify.require_sbom = opts.require_sbom;
    verify.require_inspection = opts.require_inspection;
    if (!opts.require_verdict.empty()) {
        verify.require_verdict = opts.require_verdict;
    }
    if (!opts.require_gate.empty()) {
        VOUCH_TRY_ASSIGN(verify.require_gate, parse_require_gate(opts.require_gate));
    }
    if (!opts.max_age.empty()) {
        VOUCH_TRY_ASSIGN(verify.max_age, verify::parse_duration(opts.max_age));
    }
    verify.allow_dirty = opts.allow_dirty;
    // The policy's promote section; the flags above can only make it stricter.
    policy::Policy loaded;
    if (!opts.policy.empty()) {
        VOUCH_TRY_ASSIGN(loaded, policy::load(opts.policy));
    }
    const policy::Policy& rules = opts.policy.empty() ? policy::builtin_default() : loaded;
    VOUCH_TRY(gate::apply_promote_policy(rules.promote, verify));
    request.policy_path = rules.path;
    request.policy_sha256 = rules.sha256;
    VOUCH_TRY_ASSIGN(verify.now, util::now());

    vercel::CurlOptions curl;
    curl.timeout_seconds = opts.timeout;
    curl.connect_timeout_seconds = std::min(opts.timeout, 10L);
    const vercel::Client client(std::move(config), vercel::curl_transport(curl));
    VOUCH_TRY_ASSIGN(const auto outcome, gate::run(request, client));
    std::cout << (opts.format == "json" ? gate::render_json(outcome, request)
                                        : gate::render_text(outcome, request));
    if (!outcome.go()) {
        for (const auto& reason : outcome.reasons) {
            std::cerr << "vouch: no-go: " << util::escape_for_terminal(reason) << '\n';
        }
        return exit_fail;
    }
    return exit_pass;
}

const bool registered = register_command(
    "gate", "Decide whether a Vercel deployment may be promoted (and promote it with --promote)",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.footer("Environment: VERCEL_TOKEN (required, never printed), VERCEL_API_URL "
                   "(default https://api.vercel.com).\nExit: 0 go (and promoted with --promote), "
                   "1 no-go (every reason printed), 2 usage (also a requirement flag weaker than "
                   "the policy's \"promote\" section), 3 Vercel API, policy or input unreadable "
                   "(never a promotion).");
        app.add_option("--deployment", opts->deployment, "Deployment id (dpl_...) or URL")
            ->required();
        app.add_option("--attestation", opts->attestation, "DSSE envelope written by vouch sign")
            ->required();
        app.add_option("--pub", opts->pubs, "Trusted minisign public key file(s)")->required();
        app.add_option("--artifact", opts->artifacts,
                       "The prebuilt output that was deployed (e.g. .vercel/output)");
        app.add_option("--project", opts->project,
                       "Vercel project id (default: the deployment's projectId)");
        app.add_option("--team", opts->team, "Vercel team id (adds teamId= to every request)");
        app.add_flag("--promote", opts->promote, "On go, promote the deployment to production");
        app.add_option("--log", opts->log, "Append the decision to this decision log");
        app.add_option("--format", opts->format, "table|json")
            ->check(CLI::IsMember({"table", "json"}));
        app.add_option("--threshold", opts->threshold,
                       "Distinct trusted keys that must have signed (default 1)");
        app.add_option("--policy", opts->policy,
                       "Policy whose \"promote\" section sets the requirements (default: the "
                       "built-in policies/default.json); the --require-* and --max-age flags "
                       "can only make it stricter (a weaker flag is exit 2)");
        app.add_flag("--require-sbom", opts->require_sbom, "The provenance must record an SBOM");
        app.add_flag("--require-inspection", opts->require_inspection,
                     "The provenance must record a clean build-output inspection (sign "
                     "--inspect)");
        app.add_option("--require-verdict", opts->require_verdict,
                       "The recorded verdict must be this value")
            ->check(CLI::IsMember({"pass"}));
        app.add_option("--require-gate", opts->require_gate,
                       "The recorded verdict must be 'pass' under a gate at least as strict as "
                       "LEVEL (any > low > moderate > high > critical > none)");
        app.add_option("--max-age", opts->max_age, "Maximum attestation age: 30m, 24h, 7d, 2w");
        app.add_flag("--allow-dirty", opts->allow_dirty,
                     "Accept provenance signed from a dirty working tree");
        app.add_option("--timeout", opts->timeout, "Seconds per Vercel API request (default 30)")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        app.add_option("--retries", opts->retries,
                       "Retries on 429, 5xx and network errors (default 3)")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        return [opts]() -> Result<int> { return run(*opts); };
    });

} // namespace
} // namespace vouch::cli
