#pragma once
// Result<T>: the return type of every fallible core function (tl::expected, as in ccache).
#include <tl/expected.hpp>
#include <vouch/util/error.hpp>

namespace vouch {

template <class T> using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Errc code, std::string message, std::string file = {}) {
    return tl::unexpected<Error>(make_error(code, std::move(message), std::move(file)));
}
inline tl::unexpected<Error> fail(Error error) {
    return tl::unexpected<Error>(std::move(error));
}

} // namespace vouch

// Propagate an error from a Result-returning expression.
#define VOUCH_TRY(expr)                                                                            \
    do {                                                                                           \
        auto vouch_try_result_ = (expr);                                                           \
        if (!vouch_try_result_) {                                                                  \
            return ::tl::unexpected<::vouch::Error>(std::move(vouch_try_result_.error()));         \
        }                                                                                          \
    } while (false)

#define VOUCH_CONCAT_INNER(a, b) a##b
#define VOUCH_CONCAT(a, b) VOUCH_CONCAT_INNER(a, b)
// VOUCH_TRY_ASSIGN(auto x, expr): declare x from a Result's value or return its error.
#define VOUCH_TRY_ASSIGN(decl, expr)                                                               \
    VOUCH_TRY_ASSIGN_IMPL(VOUCH_CONCAT(vouch_tmp_, __LINE__), decl, expr)
#define VOUCH_TRY_ASSIGN_IMPL(tmp, decl, expr)                                                     \
    auto tmp = (expr);                                                                             \
    if (!tmp) {                                                                                    \
        return ::tl::unexpected<::vouch::Error>(std::move(tmp.error()));                           \
    }                                                                                              \
    decl = std::move(*tmp)
