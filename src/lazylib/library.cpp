#include <dlfcn.h>
#include <vouch/lazylib/lazylib.hpp>

namespace vouch::lazylib {

Library::Library(const char* soname) : soname_(soname) {}

Status Library::load() {
    std::call_once(once_, [this] {
        // RTLD_LOCAL: the library's own dependencies (OpenSSL, zlib, ...) stay out of the global
        // scope, so they never meet the static copies linked into vouch.
        handle_ = dlopen(soname_, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) {
            const char* why = dlerror();
            error_ = why != nullptr ? why : "unknown dlopen error";
        }
    });
    if (handle_ == nullptr)
        return fail(Errc::io, std::string("cannot load ") + soname_ + ": " + error_);
    return {};
}

void* Library::symbol(const char* name) {
    if (!load())
        return nullptr;
    return dlsym(handle_, name);
}

Library& curl_library() {
    static Library library("libcurl.so.4");
    return library;
}

Library& zip_library() {
    static Library library("libzip.so.4");
    return library;
}

Status require_curl() {
    auto loaded = curl_library().load();
    if (!loaded) {
        return fail(Errc::network, loaded.error().message +
                                       " (the network stack is loaded only when needed; "
                                       "install Debian's libcurl4)");
    }
    return {};
}

Status require_zip() {
    auto loaded = zip_library().load();
    if (!loaded) {
        return fail(Errc::io, loaded.error().message +
                                  " (zip archives are read by libzip, loaded only when needed; "
                                  "install Debian's libzip4)");
    }
    return {};
}

} // namespace vouch::lazylib
