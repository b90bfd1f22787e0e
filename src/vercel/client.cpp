// Vercel REST client: status handling, bounded retries with backoff, deployment parsing.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>
#include <vouch/vercel/client.hpp>

namespace vouch::vercel {
namespace {

using nlohmann::json;

bool retryable(long status) {
    return status == 429 || (status >= 500 && status <= 599);
}

// Vercel's error bodies are {"error": {"code", "message"}}; the message helps the user, but
// it comes from the network, so it is cut short (Error::describe escapes it).
std::string server_message(const std::string& body) {
    if (util::check_json_syntax(body, "response")) {
        return {};
    }
    const auto doc = json::parse(body, nullptr, false);
    if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object()) {
        return {};
    }
    const auto& error = doc["error"];
    if (!error.contains("message") || !error["message"].is_string()) {
        return {};
    }
    auto text = error["message"].get<std::string>();
    if (text.size() > 200) {
        text = text.substr(0, 200) + "...";
    }
    return ": " + text;
}

// A reflected token must not come back out through an error message.
std::string redact(std::string text, const std::string& token) {
    if (token.empty()) {
        return text;
    }
    for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos)) {
        text.replace(pos, token.size(), "***");
    }
    return text;
}

std::string string_field(const json& object, const char* key) {
    if (!object.is_object()) {
        return {};
    }
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

} // namespace

std::string url_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string deployment_key(std::string_view id_or_url) {
    std::string_view text = id_or_url;
    for (std::string_view scheme : {"https://", "http://"}) {
        if (text.substr(0, scheme.size()) == scheme) {
            text.remove_prefix(scheme.size());
        }
    }
    if (const auto slash = text.find('/'); slash != std::string_view::npos) {
        text = text.substr(0, slash);
    }
    return std::string(text);
}

Result<Deployment> parse_deployment(std::string_view body, const std::string& source) {
    // nlohmann stops at a NUL byte as if the input ended there: refuse it outright.
    if (const auto nul = body.find('\0'); nul != std::string_view::npos) {
        const auto at = util::position_of(body, nul);
        auto error = make_error(Errc::parse, "NUL byte in the JSON document", source);
        error.line = at.line;
        error.column = at.column;
        return fail(std::move(error));
    }
    if (auto error = util::check_json_syntax(body, source)) {
        return fail(std::move(*error));
    }
    const auto doc = json::parse(body, nullptr, false);
    if (!doc.is_object()) {
        return fail(Errc::parse, "the deployment is not a JSON object", source);
    }
    Deployment d;
    d.id = string_field(doc, "id");
    d.url = string_field(doc, "url");
    d.name = string_field(doc, "name");
    d.project_id = string_field(doc, "projectId");
    d.ready_state = string_field(doc, "readyState");
    if (d.ready_state.empty()) {
        d.ready_state = string_field(doc, "status");
    }
    d.target = string_field(doc, "target");
    if (d.id.empty()) {
        return fail(Errc::parse, "the deployment has no string 'id'", source);
    }
    if (d.ready_state.empty()) {
        return fail(Errc::parse, "the deployment has no string 'readyState'", source);
    }
    json meta = json::object();
    if (doc.contains("meta") && !doc["meta"].is_null()) {
        if (!doc["meta"].is_object()) {
            return fail(Errc::parse, "the deployment's 'meta' is not an object", source);
        }
        meta = doc["meta"];
    }
    const json git = doc.contains("gitSource") ? doc["gitSource"] : json();
    const std::pair<std::string, std::string> claims[] = {
        {"gitSource.sha", string_field(git, "sha")},
        {"meta.githubCommitSha", string_field(meta, "githubCommitSha")},
        {"meta.vouchCommit", string_field(meta, "vouchCommit")}};
    for (const auto& [where, sha] : claims) {
        if (!sha.empty()) {
            d.commit_claims.emplace_back(where, sha);
        }
    }
    if (!d.commit_claims.empty()) {
        d.commit_source = d.commit_claims.front().first;
        d.commit = d.commit_claims.front().second;
    }
    if (meta.contains("vouchAttestation")) {
        if (!meta["vouchAttestation"].is_string()) {
            return fail(Errc::parse, "meta.vouchAttestation is not a string", source);
        }
        d.meta_attestation = meta["vouchAttestation"].get<std::string>();
    }
    return d;
}

Client::Client(ClientConfig config, Transport transport)
    : m_config(std::move(config)), m_transport(std::move(transport)) {
    if (!m_config.sleep) {
        m_config.sleep = [](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); };
    }
    while (!m_config.base_url.empty() && m_config.base_url.back() == '/') {
        m_config.base_url.pop_back();
    }
}

Result<HttpResponse> Client::send(const std::string& method, const std::string& path,
                                  const std::string& query, const std::string& what) const {
    std::string full_query = query;
    if (m_config.team_id) {
        full_query += (full_query.empty() ? "" : "&") + std::string("teamId=") +
                      url_encode(*m_config.team_id);
    }
    const HttpRequest request{
        method, m_config.base_url + path + (full_query.empty() ? "" : "?" + full_query),
        m_config.token};
    const std::string where = "Vercel API " + method + " " + path;
    auto backoff = m_config.initial_backoff;
    std::string last_problem;
    for (int attempt = 0;; ++attempt) {
        auto response = m_transport(request);
        if (response && !retryable(response->status)) {
            return response;
        }
        last_problem = response ? "HTTP " + std::to_string(response->status)
                                : redact(response.error().message, m_config.token);
        if (attempt >= m_config.max_retries) {
            break;
        }
        auto wait = backoff;
        if (response && response->retry_after) {
            wait = std::min<std::chrono::milliseconds>(*response->retry_after,
                                                       m_config.max_retry_wait);
        }
        m_config.sleep(wait);
        backoff *= 2;
    }
    return fail(Errc::network, where + ": " + what + " failed after " +
                                   std::to_string(m_config.max_retries + 1) +
                                   " attempt(s): " + last_problem);
}

namespace {

Error status_error(long status, const std::string& where, const std::string& body,
                   const std::string& token, const std::string& not_found) {
    std::string why;
    switch (status) {
    case 401:
        why = "401 Unauthorized: the token (VERCEL_TOKEN) was refused";
        break;
    case 403:
        why = "403 Forbidden: the token may not read or change this project (check --team)";
        break;
    case 404:
        why = "404 Not Found: " + not_found;
        break;
    default:
        why = "unexpected HTTP status " + std::to_string(status);
    }
    return make_error(Errc::network, where + ": " + redact(why + server_message(body), token));
}

} // namespace

Result<Deployment> Client::get_deployment(const std::string& id_or_url) const {
    const auto key = deployment_key(id_or_url);
    if (key.empty()) {
        return fail(Errc::usage, "--deployment is empty");
    }
    const std::string path = "/v13/deployments/" + url_encode(key);
    VOUCH_TRY_ASSIGN(const auto response,
                     send("GET", path, "withGitRepoInfo=true", "reading the deployment"));
    if (response.status != 200) {
        return fail(status_error(
            response.status, "Vercel API GET " + path, response.body, m_config.token,
            "no deployment '" + key + "' is visible to this token (check the id and --team)"));
    }
    return parse_deployment(response.body, "Vercel API GET " + path);
}

Result<Promotion> Client::promote(const std::string& project_id,
                                  const std::string& deployment_id) const {
    const std::string path =
        "/v10/projects/" + url_encode(project_id) + "/promote/" + url_encode(deployment_id);
    VOUCH_TRY_ASSIGN(const auto response, send("POST", path, "", "promoting the deployment"));
    if (response.status == 200 || response.status == 201 || response.status == 202) {
        return Promotion::promoted;
    }
    if (response.status == 409) {
        return Promotion::already_current;
    }
    return fail(status_error(response.status, "Vercel API POST " + path, response.body,
                             m_config.token,
                             "project '" + project_id + "' or deployment '" + deployment_id +
                                 "' not found (check --project and --team)"));
}

} // namespace vouch::vercel
