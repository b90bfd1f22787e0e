// The libcurl functions vouch calls, forwarded to libcurl.so.4 opened on first use. Add a
// function here when new code calls one that is not yet listed (the link then fails until it is).
#define CURL_DISABLE_TYPECHECK // the type-checking macros would rename our definitions
#include "real.hpp"

#include <cstdarg>
#include <curl/curl.h>

using vouch::lazylib::curl_library;

extern "C" {

CURLcode curl_global_init(long flags) {
    auto real = VOUCH_REAL(curl_library(), curl_global_init);
    return real ? real(flags) : CURLE_FAILED_INIT;
}

void curl_global_cleanup(void) {
    if (auto real = VOUCH_REAL(curl_library(), curl_global_cleanup))
        real();
}

char* curl_version(void) {
    auto real = VOUCH_REAL(curl_library(), curl_version);
    static char missing[] = "libcurl (not loaded)";
    return real ? real() : missing;
}

CURL* curl_easy_init(void) {
    auto real = VOUCH_REAL(curl_library(), curl_easy_init);
    return real ? real() : nullptr;
}

void curl_easy_cleanup(CURL* handle) {
    if (auto real = VOUCH_REAL(curl_library(), curl_easy_cleanup))
        real(handle);
}

void curl_easy_reset(CURL* handle) {
    if (auto real = VOUCH_REAL(curl_library(), curl_easy_reset))
        real(handle);
}

CURLcode curl_easy_perform(CURL* handle) {
    auto real = VOUCH_REAL(curl_library(), curl_easy_perform);
    return real ? real(handle) : CURLE_FAILED_INIT;
}

const char* curl_easy_strerror(CURLcode code) {
    auto real = VOUCH_REAL(curl_library(), curl_easy_strerror);
    return real ? real(code) : "libcurl.so.4 could not be loaded";
}

// curl_easy_setopt takes exactly one argument after the option, whose type the option number's
// range says (curl/curl.h: CURLOPTTYPE_*): long below 10000, an object or function pointer below
// 30000, curl_off_t below 40000, a struct curl_blob pointer from 40000.
// The signatures are curl's own (curl/easy.h), so the last named parameter is an enum. clang warns
// that va_start after a promotable type is undefined; CURLoption and CURLINFO have int as their
// underlying type (every value fits in int), so no promotion changes them on any ABI vouch
// builds for.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wvarargs"
#endif
CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
    auto real = VOUCH_REAL(curl_library(), curl_easy_setopt);
    if (!real)
        return CURLE_FAILED_INIT;
    std::va_list args;
    va_start(args, option);
    CURLcode result;
    if (option < CURLOPTTYPE_OBJECTPOINT) {
        long value = va_arg(args, long);
        result = real(handle, option, value);
    } else if (option < CURLOPTTYPE_OFF_T) {
        // Object pointers and function pointers (CURLOPTTYPE_FUNCTIONPOINT) alike: one pointer.
        void* value = va_arg(args, void*);
        result = real(handle, option, value);
    } else if (option < CURLOPTTYPE_BLOB) {
        curl_off_t value = va_arg(args, curl_off_t);
        result = real(handle, option, value);
    } else {
        void* value = va_arg(args, void*);
        result = real(handle, option, value);
    }
    va_end(args);
    return result;
}

// curl_easy_getinfo's one argument is always a pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
    auto real = VOUCH_REAL(curl_library(), curl_easy_getinfo);
    if (!real)
        return CURLE_FAILED_INIT;
    std::va_list args;
    va_start(args, info);
    void* destination = va_arg(args, void*);
    va_end(args);
    return real(handle, info, destination);
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

curl_slist* curl_slist_append(curl_slist* list, const char* text) {
    auto real = VOUCH_REAL(curl_library(), curl_slist_append);
    return real ? real(list, text) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
    if (auto real = VOUCH_REAL(curl_library(), curl_slist_free_all))
        real(list);
}

} // extern "C"
