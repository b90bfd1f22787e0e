// The libzip functions vouch calls, forwarded to libzip.so.4 opened on first use. Add a function
// here when new code calls one that is not yet listed (the link then fails until it is).
#include "real.hpp"

#include <zip.h>

using vouch::lazylib::zip_library;

namespace {
char k_not_loaded[] = "libzip.so.4 could not be loaded";
}

extern "C" {

zip_t* zip_open(const char* path, int flags, int* error) {
    auto real = VOUCH_REAL(zip_library(), zip_open);
    if (!real) {
        if (error != nullptr)
            *error = ZIP_ER_INTERNAL;
        return nullptr;
    }
    return real(path, flags, error);
}

int zip_close(zip_t* archive) {
    auto real = VOUCH_REAL(zip_library(), zip_close);
    return real ? real(archive) : -1;
}

void zip_discard(zip_t* archive) {
    if (auto real = VOUCH_REAL(zip_library(), zip_discard))
        real(archive);
}

zip_int64_t zip_get_num_entries(zip_t* archive, zip_flags_t flags) {
    auto real = VOUCH_REAL(zip_library(), zip_get_num_entries);
    return real ? real(archive, flags) : -1;
}

const char* zip_get_name(zip_t* archive, zip_uint64_t index, zip_flags_t flags) {
    auto real = VOUCH_REAL(zip_library(), zip_get_name);
    return real ? real(archive, index, flags) : nullptr;
}

zip_file_t* zip_fopen_index(zip_t* archive, zip_uint64_t index, zip_flags_t flags) {
    auto real = VOUCH_REAL(zip_library(), zip_fopen_index);
    return real ? real(archive, index, flags) : nullptr;
}

zip_int64_t zip_fread(zip_file_t* file, void* buffer, zip_uint64_t size) {
    auto real = VOUCH_REAL(zip_library(), zip_fread);
    return real ? real(file, buffer, size) : -1;
}

int zip_fclose(zip_file_t* file) {
    auto real = VOUCH_REAL(zip_library(), zip_fclose);
    return real ? real(file) : -1;
}

const char* zip_strerror(zip_t* archive) {
    auto real = VOUCH_REAL(zip_library(), zip_strerror);
    return real ? real(archive) : k_not_loaded;
}

const char* zip_file_strerror(zip_file_t* file) {
    auto real = VOUCH_REAL(zip_library(), zip_file_strerror);
    return real ? real(file) : k_not_loaded;
}

// The zip_error_t helpers also work without the library, so an error about a failed open can
// still be put into words.
void zip_error_init_with_code(zip_error_t* error, int code) {
    if (auto real = VOUCH_REAL(zip_library(), zip_error_init_with_code)) {
        real(error, code);
        return;
    }
    error->zip_err = code;
    error->sys_err = 0;
    error->str = nullptr;
}

const char* zip_error_strerror(zip_error_t* error) {
    auto real = VOUCH_REAL(zip_library(), zip_error_strerror);
    return real ? real(error) : k_not_loaded;
}

void zip_error_fini(zip_error_t* error) {
    if (auto real = VOUCH_REAL(zip_library(), zip_error_fini))
        real(error);
}

} // extern "C"
