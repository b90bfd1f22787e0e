// The lazily loaded libraries: loading on demand, a clear error when a library is missing, and the
// forwarding definitions behaving like the real functions.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <string>
#include <vouch/lazylib/lazylib.hpp>
#include <zip.h>

namespace {

using vouch::Errc;
using vouch::lazylib::Library;

TEST(Lazylib, MissingLibraryIsAClearIoErrorEveryTime) {
    Library missing("libvouch-no-such-library.so.9");
    auto first = missing.load();
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().code, Errc::io);
    EXPECT_NE(first.error().message.find("libvouch-no-such-library.so.9"), std::string::npos);
    EXPECT_EQ(first.error().message.find('\n'), std::string::npos);
    auto again = missing.load(); // the failure is remembered, not retried into a crash
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message, first.error().message);
    EXPECT_EQ(missing.symbol("curl_version"), nullptr);
}

TEST(Lazylib, CurlAndZipLoadOnDemand) {
    ASSERT_TRUE(vouch::lazylib::require_curl());
    ASSERT_TRUE(vouch::lazylib::require_zip());
    EXPECT_NE(vouch::lazylib::curl_library().symbol("curl_easy_init"), nullptr);
    EXPECT_EQ(vouch::lazylib::curl_library().symbol("vouch_no_such_symbol"), nullptr);
}

TEST(Lazylib, CurlForwardingKeepsEachOptionsArgumentType) {
    ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
    EXPECT_EQ(std::string(curl_version()).rfind("libcurl/", 0), 0u);
    CURL* curl = curl_easy_init();
    ASSERT_NE(curl, nullptr);
    // long, string, function pointer and curl_off_t options, each checked by libcurl itself.
    EXPECT_EQ(curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L), CURLE_OK);
    EXPECT_EQ(curl_easy_setopt(curl, CURLOPT_URL, "http://127.0.0.1:1/x"), CURLE_OK);
    EXPECT_EQ(curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "no-such-protocol"),
              CURLE_UNSUPPORTED_PROTOCOL);
    auto write = +[](char*, std::size_t size, std::size_t count, void*) { return size * count; };
    EXPECT_EQ(curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write), CURLE_OK);
    EXPECT_EQ(curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(10)),
              CURLE_OK);
    EXPECT_EQ(curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(-5)),
              CURLE_BAD_FUNCTION_ARGUMENT);
    char* url = nullptr;
    ASSERT_EQ(curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &url), CURLE_OK);
    ASSERT_NE(url, nullptr);
    EXPECT_EQ(std::string(url), "http://127.0.0.1:1/x");
    EXPECT_EQ(std::string(curl_easy_strerror(CURLE_COULDNT_CONNECT)), "Couldn't connect to server");
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    ASSERT_NE(headers, nullptr);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
}

TEST(Lazylib, ZipForwardingReportsLibzipErrors) {
    int code = 0;
    zip_t* archive = zip_open("/nonexistent/vouch/archive.zip", ZIP_RDONLY, &code);
    EXPECT_EQ(archive, nullptr);
    EXPECT_EQ(code, ZIP_ER_NOENT);
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    EXPECT_EQ(std::string(zip_error_strerror(&error)), "No such file");
    zip_error_fini(&error);
}

} // namespace
