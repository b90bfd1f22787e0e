// Header rules over config.json routes and the Next.js routes manifest; file rules.
#include <gtest/gtest.h>
#include <vouch/inspect/inspect.hpp>

using namespace vouch;
using namespace vouch::inspect;

namespace {

std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        out.push_back(f.rule);
    }
    std::sort(out.begin(), out.end());
    return out;
}

const char* k_good = R"J({"version": 3, "routes": [{"src": "^/(.*)$", "headers": {
  "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
  "Strict-Transport-Security": "max-age=31536000", "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer"}, "continue": true}, {"handle": "filesystem"}]})J";

} // namespace

TEST(Headers, GoodConfigIsClean) {
    auto routes = read_config_routes(k_good, "config.json");
    ASSERT_TRUE(routes) << routes.error().describe();
    EXPECT_TRUE(check_headers(*routes, "config.json", {}).empty());
}

TEST(Headers, MissingNamesTheRouteSet) {
    auto routes = read_config_routes(
        R"J({"version": 3, "routes": [{"src": "/admin/(.*)", "headers": {"Content-Security-Policy": "default-src 'self'"}},
           {"src": "/(.*)", "has": [{"type": "host", "value": "x"}], "headers": {"X-Frame-Options": "DENY"}}]})J",
        "config.json");
    ASSERT_TRUE(routes);
    const auto f = check_headers(*routes, "config.json", {});
    EXPECT_EQ(rules_of(f), (std::vector<std::string>{"header-csp-missing", "header-frame-ancestors",
                                                     "header-hsts", "header-nosniff",
                                                     "header-referrer-policy"}));
    for (const auto& finding : f) {
        if (finding.rule == "header-csp-missing") {
            EXPECT_NE(finding.detail.find("set only for /admin/(.*)"), std::string::npos);
        }
        if (finding.rule == "header-nosniff") {
            EXPECT_NE(finding.detail.find("missing from every route"), std::string::npos);
        }
    }
}

TEST(Headers, WeakValues) {
    auto routes = read_config_routes(
        R"J({"version": 3, "routes": [{"src": "/(.*)", "headers": {
          "Content-Security-Policy": "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'",
          "Strict-Transport-Security": "max-age=300", "X-Content-Type-Options": "sniff",
          "Referrer-Policy": "unsafe-url"}},
          {"src": "/api/(.*)", "headers": {"Access-Control-Allow-Origin": "*"}}]})J",
        "config.json");
    ASSERT_TRUE(routes);
    EXPECT_EQ(
        rules_of(check_headers(*routes, "config.json", {})),
        (std::vector<std::string>{"header-cors-wildcard", "header-csp-unsafe", "header-csp-unsafe",
                                  "header-hsts", "header-nosniff", "header-referrer-policy"}));
    Config lenient;
    lenient.allow_unsafe_eval = true;
    lenient.allow_unsafe_inline = true;
    lenient.allow_cors_wildcard = true;
    lenient.disabled = {"header-hsts"};
    EXPECT_EQ(rules_of(check_headers(*routes, "config.json", lenient)),
              (std::vector<std::string>{"header-nosniff", "header-referrer-policy"}));
}

TEST(Headers, CorsWildcardOnPagesIsFine) {
    auto routes = read_config_routes(
        R"J({"version": 3, "routes": [{"src": "/fonts/(.*)", "headers": {"Access-Control-Allow-Origin": "*"}}]})J",
        "config.json");
    ASSERT_TRUE(routes);
    for (const auto& f : check_headers(*routes, "config.json", {})) {
        EXPECT_NE(f.rule, "header-cors-wildcard");
    }
}

TEST(Headers, RoutesManifest) {
    auto routes = read_manifest_headers(
        R"J({"version": 3, "headers": [{"source": "/:path*", "regex": "^(?:/(.*))?$", "headers": [
            {"key": "Content-Security-Policy", "value": "default-src 'self'; frame-ancestors 'none'"},
            {"key": "Strict-Transport-Security", "value": "max-age=63072000"},
            {"key": "X-Content-Type-Options", "value": "nosniff"},
            {"key": "Referrer-Policy", "value": "same-origin"}]}]})J",
        "routes-manifest.json");
    ASSERT_TRUE(routes) << routes.error().describe();
    EXPECT_TRUE(check_headers(*routes, "routes-manifest.json", {}).empty());
}

TEST(Headers, MalformedInputs) {
    EXPECT_EQ(read_config_routes(R"J({"version": 2})J", "c.json").error().code, Errc::unsupported);
    EXPECT_EQ(read_config_routes(R"J({"routes": []})J", "c.json").error().code, Errc::unsupported);
    EXPECT_EQ(read_config_routes(R"J({"version": 3, "routes": {}})J", "c.json").error().code,
              Errc::parse);
    EXPECT_EQ(read_config_routes(
                  R"J({"version": 3, "routes": [{"src": "/", "headers": {"a": 1}}]})J", "c.json")
                  .error()
                  .code,
              Errc::parse);
    EXPECT_EQ(read_config_routes(R"J({"version": 3, "rou)J", "c.json").error().code, Errc::parse);
    EXPECT_EQ(read_manifest_headers(R"J({"headers": [{"source": 1}]})J", "m.json").error().code,
              Errc::parse);
    EXPECT_EQ(read_manifest_headers("[]", "m.json").error().code, Errc::parse);
}

TEST(PublicFiles, Rules) {
    Config c;
    EXPECT_EQ(rules_of(check_public_path("static/.env", "static/.env", c)),
              std::vector<std::string>{"public-env-file"});
    EXPECT_EQ(rules_of(check_public_path("static/keys/id_ed25519", "p/static/keys/id_ed25519", c)),
              std::vector<std::string>{"public-private-key-file"});
    const auto git = check_public_path("static/.git/HEAD", "p/static/.git/HEAD", c);
    ASSERT_EQ(rules_of(git), std::vector<std::string>{"public-git-dir"});
    EXPECT_EQ(git[0].file, "p/static/.git");
    const auto cache =
        check_public_path("static/node_modules/.cache/x/y", "static/node_modules/.cache/x/y", c);
    ASSERT_EQ(rules_of(cache), std::vector<std::string>{"public-cache-dir"});
    EXPECT_EQ(cache[0].file, "static/node_modules/.cache");
    EXPECT_EQ(rules_of(check_public_path("static/a.js.map", "static/a.js.map", c)),
              std::vector<std::string>{"public-source-map"});
    c.allow_source_maps = true;
    EXPECT_TRUE(check_public_path("static/a.js.map", "static/a.js.map", c).empty());
    EXPECT_TRUE(check_public_path("static/environment.js", "static/environment.js", c).empty());
}

TEST(Served, WhatBrowsersDownload) {
    EXPECT_TRUE(is_served(OutputKind::vercel_output, "static/_next/static/chunks/a.js"));
    EXPECT_TRUE(is_served(OutputKind::vercel_output, "functions/index.prerender-fallback.html"));
    EXPECT_FALSE(is_served(OutputKind::vercel_output, "functions/api.func/index.js"));
    EXPECT_FALSE(is_served(OutputKind::vercel_output, "config.json"));
    EXPECT_TRUE(is_served(OutputKind::next_dir, "static/chunks/a.js"));
    EXPECT_TRUE(is_served(OutputKind::next_dir, "server/app/index.html"));
    EXPECT_TRUE(is_served(OutputKind::next_dir, "server/app/index.rsc"));
    EXPECT_FALSE(is_served(OutputKind::next_dir, "server/app/page.js"));
}

TEST(Exceptions, ApplyAndExpire) {
    Outcome o;
    o.root = ".vercel/output";
    Finding f;
    f.rule = "public-source-map";
    f.severity = Severity::moderate;
    f.file = ".vercel/output/static/a.js.map";
    o.findings.push_back(f);
    Config c;
    Exception live{"public-source-map", "static/*.map", "error tracking",
                   "web@shop",          "2030-01-01",   *util::parse_rfc3339("2030-01-02")};
    Exception old{"public-source-map", "static/**",  "old",
                  "web@shop",          "2020-01-01", *util::parse_rfc3339("2020-01-02")};
    c.exceptions = {old, live};
    apply_exceptions(o, c, *util::parse_rfc3339("2026-11-25"));
    ASSERT_TRUE(o.findings[0].suppressed_by);
    EXPECT_EQ(*o.findings[0].suppressed_by, "error tracking (web@shop, until 2030-01-01)");
    ASSERT_EQ(o.expired.size(), 1U);
    EXPECT_EQ(o.expired[0].reason, "old");
    EXPECT_TRUE(o.passed());
    // after its expiry the exception stops applying
    Outcome later;
    later.root = ".vercel/output";
    later.findings.push_back(f);
    apply_exceptions(later, c, *util::parse_rfc3339("2030-01-03"));
    EXPECT_FALSE(later.findings[0].suppressed_by);
    EXPECT_EQ(later.expired.size(), 2U);
    EXPECT_FALSE(later.passed());
}

TEST(Headers, ErrorsAreLocated) {
    auto r = read_config_routes("{\"version\": 3, \"routes\": [\n {\"src\": \"/\",\n  \"headers\": "
                                "{\"X-A\": 1}}]}",
                                "config.json");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().describe().find("config.json:3:"), std::string::npos)
        << r.error().describe();
    auto m = read_manifest_headers("{\"headers\": [\n\n {\"source\": 1}]}", "routes-manifest.json");
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().describe().find("routes-manifest.json:3:"), std::string::npos)
        << m.error().describe();
}
