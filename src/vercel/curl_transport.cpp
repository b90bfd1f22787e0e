// The libcurl transport of the Vercel client: one request, timeouts, no redirects.
#include <cctype>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <vouch/vercel/client.hpp>

namespace vouch::vercel {
namespace {

constexpr std::size_t k_max_body = 16u << 20; // a deployment document is a few KB

struct Exchange {
    HttpResponse response;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& exchange = *static_cast<Exchange*>(user);
    const auto bytes = size * count;
    if (exchange.response.body.size() + bytes > k_max_body) {
        exchange.too_large = true;
        return 0;
    }
    exchange.response.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& exchange = *static_cast<Exchange*>(user);
    const std::string line(data, size * count);
    const std::string name = "retry-after:";
    if (line.size() > name.size()) {
        std::string head = line.substr(0, name.size());
        for (auto& c : head) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (head == name) {
            // Delta-seconds only; an HTTP-date falls back to the client's own backoff.
            long seconds = 0;
            bool digits = false;
            for (std::size_t i = name.size(); i < line.size(); ++i) {
                const auto c = static_cast<unsigned char>(line[i]);
                if (std::isdigit(c) && seconds < 100000) {
                    seconds = seconds * 10 + (c - '0');
                    digits = true;
                } else if (!std::isspace(c)) {
                    digits = false;
                    break;
                }
            }
            if (digits) {
                exchange.response.retry_after = std::chrono::seconds(seconds);
            }
        }
    }
    return size * count;
}

} // namespace

Transport curl_transport(CurlOptions options) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    return [options](const HttpRequest& request) -> Result<HttpResponse> {
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                 curl_easy_cleanup);
        if (!curl) {
            return fail(Errc::internal, "curl_easy_init failed");
        }
        Exchange exchange;
        char error_buffer[CURL_ERROR_SIZE] = {};
        const std::string auth = "Authorization: Bearer " + request.bearer_token;
        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
            curl_slist_append(nullptr, auth.c_str()), curl_slist_free_all);
        curl_slist_append(headers.get(), "Accept: application/json");
        curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
        curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, options.timeout_seconds);
        curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "vouch/" VOUCH_VERSION);
        curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &exchange);
        curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &exchange);
        if (request.method == "POST") {
            curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
            curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, "");
            curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, 0L);
        }
        const CURLcode code = curl_easy_perform(curl.get());
        if (exchange.too_large) {
            return fail(Errc::network, "the response is larger than 16 MiB");
        }
        if (code != CURLE_OK) {
            return fail(Errc::network, error_buffer[0] ? error_buffer : curl_easy_strerror(code));
        }
        curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &exchange.response.status);
        return exchange.response;
    };
}

} // namespace vouch::vercel
