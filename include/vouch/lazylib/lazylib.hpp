#pragma once
// Shared libraries that only a few commands need (libcurl for `db update` and the Vercel client,
// libzip for zip imports) are not linked into vouch: src/lazylib defines the handful of curl_* and
// zip_* functions vouch calls, and each one opens the real library with dlopen on first use. So
// `vouch --version`, `sbom`, `scan`, `sign` and `verify` never map libcurl's TLS/Kerberos/LDAP
// stack or libzip's compressors (docs/performance.md has the measured effect).
//
// Call sites keep calling curl_* / zip_* as usual. When the library cannot be loaded those
// functions fail the way the library itself reports failure (CURLE_FAILED_INIT, a null handle,
// ZIP_ER_INTERNAL); callers that want a clear one-line error ask `require_curl()` /
// `require_zip()` first.
#include <mutex>
#include <string>
#include <vouch/util/result.hpp>

namespace vouch::lazylib {

// A shared library opened on first use, once, thread-safely (std::call_once).
class Library {
  public:
    explicit Library(const char* soname);
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
    // Opens the library (first call only); Errc::io naming the library and dlerror() if it fails.
    Status load();
    // The symbol's address, or nullptr when the library or the symbol is missing.
    void* symbol(const char* name);
    const char* soname() const { return soname_; }

  private:
    const char* soname_;
    void* handle_ = nullptr;
    std::string error_;
    std::once_flag once_;
};

Library& curl_library(); // libcurl.so.4 (Debian: libcurl4)
Library& zip_library();  // libzip.so.4 (Debian: libzip4)

// Errc::network / Errc::io with a one-line message naming the library and the package to install.
Status require_curl();
Status require_zip();

} // namespace vouch::lazylib
