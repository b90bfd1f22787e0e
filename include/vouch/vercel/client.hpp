#pragma once
// The two Vercel REST endpoints vouch needs (specs.md section 9): read a deployment, promote it.
// The HTTP transport is passed in, so the client (retries, status handling, parsing) is tested
// without a network and the token stays in one place: it is sent as a header and never appears
// in a message, a log entry or an error.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::vercel {

struct HttpRequest {
    std::string method; // "GET" | "POST"
    std::string url;    // base URL + path + query; never contains the token
    std::string bearer_token;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::optional<std::chrono::seconds> retry_after; // from a Retry-After header (delta seconds)
};

// Performs one request. A transport failure (DNS, refused, timeout, TLS) is Errc::network.
using Transport = std::function<Result<HttpResponse>(const HttpRequest&)>;

struct CurlOptions {
    long connect_timeout_seconds = 10;
    long timeout_seconds = 30; // whole request
};
// The production transport: libcurl, HTTPS (plain HTTP only to a loopback address, for tests and
// local stand-ins), no redirects, the timeouts above.
Transport curl_transport(CurlOptions options = {});

struct ClientConfig {
    std::string base_url = "https://api.vercel.com";
    std::string token;
    std::optional<std::string> team_id; // adds ?teamId=
    int max_retries = 3;                // on 429, 5xx and transport failures
    std::chrono::milliseconds initial_backoff{500};
    std::chrono::seconds max_retry_wait{60}; // Retry-After above this is capped
    // How to wait between attempts (tests pass a recorder; the CLI sleeps).
    std::function<void(std::chrono::milliseconds)> sleep;
};

struct Deployment {
    std::string id;
    std::string url;
    std::string name;
    std::string project_id;
    std::string ready_state;   // READY, BUILDING, ERROR, ...
    std::string target;        // "production", "staging" or "" (preview)
    std::string commit;        // "" when the deployment records none
    std::string commit_source; // "gitSource.sha", "meta.githubCommitSha", "meta.vouchCommit"
    std::optional<std::string> meta_attestation; // meta.vouchAttestation
    // Every commit the deployment states (source, sha), in precedence order; they must agree.
    std::vector<std::pair<std::string, std::string>> commit_claims;
};

// Parses a GET /v13/deployments response body. Malformed or wrong-typed JSON is Errc::parse
// (exit 3) naming `source` and line:col.
Result<Deployment> parse_deployment(std::string_view body, const std::string& source);

enum class Promotion { promoted, already_current };

class Client {
  public:
    Client(ClientConfig config, Transport transport);
    // GET /v13/deployments/{idOrUrl}?withGitRepoInfo=true[&teamId=]. A URL is reduced to its host.
    Result<Deployment> get_deployment(const std::string& id_or_url) const;
    // POST /v10/projects/{projectId}/promote/{deploymentId}[?teamId=]. 409 = already current.
    Result<Promotion> promote(const std::string& project_id,
                              const std::string& deployment_id) const;

  private:
    Result<HttpResponse> send(const std::string& method, const std::string& path,
                              const std::string& query, const std::string& what) const;
    ClientConfig m_config;
    Transport m_transport;
};

// "https://shop-abc.vercel.app/" -> "shop-abc.vercel.app"; an id is returned as is.
std::string deployment_key(std::string_view id_or_url);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);

} // namespace vouch::vercel
