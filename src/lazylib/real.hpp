#pragma once
// Internal: the real function behind one of our curl_* / zip_* definitions, looked up once.
#include <vouch/lazylib/lazylib.hpp>

namespace vouch::lazylib::detail {

template <class Function> Function real(Library& library, const char* name) {
    return reinterpret_cast<Function>(library.symbol(name));
}

} // namespace vouch::lazylib::detail

// Inside a definition of NAME: `auto real_fn = VOUCH_REAL(LIBRARY, NAME);`, nullptr when missing.
// A function-local static, so the lookup happens once and is thread-safe.
#define VOUCH_REAL(library, name)                                                                  \
    ([] {                                                                                          \
        static const auto found =                                                                  \
            ::vouch::lazylib::detail::real<decltype(&::name)>(library, #name);                     \
        return found;                                                                              \
    }())
