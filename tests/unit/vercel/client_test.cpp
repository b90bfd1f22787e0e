// The Vercel client over a scripted transport: retries, backoff, Retry-After, status messages,
// the token kept out of every message, and deployment parsing (commit precedence, hostile input).
#include <gtest/gtest.h>
#include <vouch/vercel/client.hpp>

using namespace vouch;
using namespace vouch::vercel;
using namespace std::chrono_literals;

namespace {

const std::string k_token = "tok_SECRET_123";
const std::string k_deployment =
    R"({"id":"dpl_1","url":"shop.vercel.app","projectId":"prj_1","readyState":"READY"})";

struct Script {
    std::vector<Result<HttpResponse>> responses;
    std::vector<HttpRequest> seen;
    std::vector<std::chrono::milliseconds> waits;
};

Client make_client(Script& script, int retries = 3, std::optional<std::string> team = {}) {
    ClientConfig config;
    config.base_url = "https://api.test/";
    config.token = k_token;
    config.team_id = team;
    config.max_retries = retries;
    config.sleep = [&script](std::chrono::milliseconds wait) { script.waits.push_back(wait); };
    return Client(config, [&script](const HttpRequest& request) -> Result<HttpResponse> {
        script.seen.push_back(request);
        const auto n = std::min(script.seen.size(), script.responses.size()) - 1;
        return script.responses[n];
    });
}

HttpResponse status(long code, std::string body = "{}") {
    return HttpResponse{code, std::move(body), std::nullopt};
}

} // namespace

TEST(VercelClient, GetsTheDeploymentWithTokenAndTeam) {
    Script script{{status(200, k_deployment)}};
    const auto client = make_client(script, 3, "team x");
    const auto d = client.get_deployment("https://shop.vercel.app/some/path");
    ASSERT_TRUE(d) << d.error().describe();
    EXPECT_EQ(d->id, "dpl_1");
    ASSERT_EQ(script.seen.size(), 1u);
    EXPECT_EQ(script.seen[0].method, "GET");
    EXPECT_EQ(
        script.seen[0].url,
        "https://api.test/v13/deployments/shop.vercel.app?withGitRepoInfo=true&teamId=team%20x");
    EXPECT_EQ(script.seen[0].bearer_token, k_token);
}

TEST(VercelClient, RetriesOn429And5xxWithBackoffAndRetryAfter) {
    HttpResponse limited = status(429);
    limited.retry_after = 7s;
    Script script{{limited, status(503), status(200, k_deployment)}};
    const auto d = make_client(script).get_deployment("dpl_1");
    ASSERT_TRUE(d) << d.error().describe();
    EXPECT_EQ(script.seen.size(), 3u);
    ASSERT_EQ(script.waits.size(), 2u);
    EXPECT_EQ(script.waits[0], 7000ms); // Retry-After honoured
    EXPECT_EQ(script.waits[1], 1000ms); // exponential backoff continues
}

TEST(VercelClient, RetryAfterIsCapped) {
    HttpResponse limited = status(429);
    limited.retry_after = std::chrono::seconds(86400);
    Script script{{limited, status(200, k_deployment)}};
    ASSERT_TRUE(make_client(script).get_deployment("dpl_1"));
    EXPECT_EQ(script.waits.at(0), 60000ms);
}

TEST(VercelClient, GivesUpAfterBoundedRetries) {
    Script script{{status(500)}};
    const auto d = make_client(script, 2).get_deployment("dpl_1");
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, Errc::network);
    EXPECT_EQ(script.seen.size(), 3u);
    EXPECT_NE(d.error().message.find("HTTP 500"), std::string::npos);
}

TEST(VercelClient, TransportFailureIsNetworkErrorAndRetried) {
    Script script{{fail(Errc::network, "Operation timed out")}};
    const auto d = make_client(script, 1).get_deployment("dpl_1");
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, Errc::network);
    EXPECT_EQ(script.seen.size(), 2u);
}

TEST(VercelClient, ClearMessagesFor401403404AndNoRetry) {
    for (const auto& [code, text] : std::vector<std::pair<long, std::string>>{
             {401, "401 Unauthorized"}, {403, "403 Forbidden"}, {404, "404 Not Found"}}) {
        Script script{{status(code)}};
        const auto d = make_client(script).get_deployment("dpl_1");
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error().code, Errc::network);
        EXPECT_NE(d.error().message.find(text), std::string::npos) << d.error().message;
        EXPECT_EQ(script.seen.size(), 1u);
    }
}

TEST(VercelClient, ReflectedTokenIsRedacted) {
    Script script{{status(401, R"({"error":{"message":"bad token tok_SECRET_123"}})"),
                   fail(Errc::network, "could not send tok_SECRET_123")}};
    const auto d = make_client(script, 0).get_deployment("dpl_1");
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().describe().find(k_token), std::string::npos);
    Script second{{fail(Errc::network, "could not send tok_SECRET_123")}};
    const auto e = make_client(second, 0).get_deployment("dpl_1");
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().describe().find(k_token), std::string::npos);
}

TEST(VercelClient, Promote409IsAlreadyCurrent) {
    Script script{{status(409)}};
    const auto p = make_client(script).promote("prj_1", "dpl_1");
    ASSERT_TRUE(p);
    EXPECT_EQ(*p, Promotion::already_current);
    EXPECT_EQ(script.seen.at(0).method, "POST");
    EXPECT_EQ(script.seen.at(0).url, "https://api.test/v10/projects/prj_1/promote/dpl_1");
    Script created{{status(201)}};
    EXPECT_EQ(*make_client(created).promote("prj_1", "dpl_1"), Promotion::promoted);
    Script bad{{status(400)}};
    EXPECT_FALSE(make_client(bad).promote("prj_1", "dpl_1"));
}

TEST(VercelDeployment, CommitPrecedence) {
    auto d = parse_deployment(
        R"({"id":"d","readyState":"READY","gitSource":{"type":"github","sha":"aaa"},
            "meta":{"githubCommitSha":"bbb","vouchCommit":"ccc","vouchAttestation":"ddd"}})",
        "t");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->commit, "aaa");
    EXPECT_EQ(d->commit_source, "gitSource.sha");
    EXPECT_EQ(d->meta_attestation, "ddd");
    ASSERT_EQ(d->commit_claims.size(), 3u);
    EXPECT_EQ(d->commit_claims[2].first, "meta.vouchCommit");
    d = parse_deployment(
        R"({"id":"d","readyState":"READY","gitSource":{"type":"github","repoId":1},
            "meta":{"githubCommitSha":"bbb","vouchCommit":"ccc"}})",
        "t");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->commit_source, "meta.githubCommitSha");
    d = parse_deployment(R"({"id":"d","readyState":"READY","meta":{"vouchCommit":"ccc"}})", "t");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->commit, "ccc");
    d = parse_deployment(R"({"id":"d","readyState":"QUEUED"})", "t");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->commit.empty());
}

TEST(VercelDeployment, MalformedTruncatedWrongTypeHostileHuge) {
    const std::vector<std::string> bad = {
        "",
        "{",
        R"({"id":"d","readyState":"REA)",
        "[]",
        R"({"id":7,"readyState":"READY"})",
        R"({"id":"d","readyState":null})",
        R"({"id":"d","readyState":"READY","meta":[]})",
        R"({"id":"d","readyState":"READY","meta":{"vouchAttestation":5}})",
        [] {
            const char text[] = "{\"id\":\"d\",\"readyState\":\"READY\"}\0{}";
            return std::string(text, sizeof text - 1);
        }(),
        R"({"id":"d","readyState":"READY","n":1e999999})",
        std::string(100000, '[') + std::string(100000, ']'),
    };
    for (const auto& text : bad) {
        const auto d = parse_deployment(text, "api");
        ASSERT_FALSE(d) << text.substr(0, 60);
        EXPECT_EQ(d.error().code, Errc::parse);
        EXPECT_EQ(d.error().describe().find('\n'), std::string::npos);
    }
    const auto located = parse_deployment("{\n  \"id\": x}", "api");
    ASSERT_FALSE(located);
    EXPECT_EQ(located.error().line, 2u);
}

TEST(VercelDeployment, KeyAndEncoding) {
    EXPECT_EQ(deployment_key("dpl_1"), "dpl_1");
    EXPECT_EQ(deployment_key("https://a.vercel.app/x?y"), "a.vercel.app");
    EXPECT_EQ(url_encode("a/b?c&d"), "a%2Fb%3Fc%26d");
}
