// The GSSAPI functions that Debian's static libgit2.a refers to (SPNEGO authentication against
// HTTP git remotes, which vouch never contacts), forwarded to libgssapi_krb5.so.2 opened on first
// use. Linking the shared libgssapi_krb5 instead would map six Kerberos libraries at every start.
// Only built with VOUCH_STATIC_DEPS. Declared here by hand: the GSSAPI headers (libkrb5-dev) are
// not a build dependency; every parameter is a pointer or a 32-bit integer (RFC 2744).
#include "real.hpp"

#include <cstdint>

namespace {

using OM_uint32 = std::uint32_t;
constexpr OM_uint32 k_gss_failure = 13u << 16; // GSS_S_FAILURE

vouch::lazylib::Library& gssapi_library() {
    static vouch::lazylib::Library library("libgssapi_krb5.so.2");
    return library;
}

// gss_OID_desc for 1.2.840.113554.1.2.1.4 (GSS_C_NT_HOSTBASED_SERVICE, RFC 2744 section 4.1).
struct OidDesc {
    OM_uint32 length;
    const void* elements;
};
const OidDesc k_hostbased_service{10, "\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04"};

OM_uint32 failure(OM_uint32* minor) {
    if (minor != nullptr)
        *minor = 0;
    return k_gss_failure;
}

} // namespace

extern "C" {

const void* GSS_C_NT_HOSTBASED_SERVICE = &k_hostbased_service;

OM_uint32 gss_import_name(OM_uint32* minor, void* name, const void* type, void** out) {
    auto real = VOUCH_REAL(gssapi_library(), gss_import_name);
    return real ? real(minor, name, type, out) : failure(minor);
}

OM_uint32 gss_release_name(OM_uint32* minor, void** name) {
    auto real = VOUCH_REAL(gssapi_library(), gss_release_name);
    return real ? real(minor, name) : failure(minor);
}

OM_uint32 gss_release_buffer(OM_uint32* minor, void* buffer) {
    auto real = VOUCH_REAL(gssapi_library(), gss_release_buffer);
    return real ? real(minor, buffer) : failure(minor);
}

OM_uint32 gss_release_oid_set(OM_uint32* minor, void** set) {
    auto real = VOUCH_REAL(gssapi_library(), gss_release_oid_set);
    return real ? real(minor, set) : failure(minor);
}

OM_uint32 gss_indicate_mechs(OM_uint32* minor, void** mechs) {
    auto real = VOUCH_REAL(gssapi_library(), gss_indicate_mechs);
    return real ? real(minor, mechs) : failure(minor);
}

OM_uint32 gss_delete_sec_context(OM_uint32* minor, void** context, void* output) {
    auto real = VOUCH_REAL(gssapi_library(), gss_delete_sec_context);
    return real ? real(minor, context, output) : failure(minor);
}

OM_uint32 gss_display_status(OM_uint32* minor, OM_uint32 status, int type, const void* mech,
                             OM_uint32* message_context, void* message) {
    auto real = VOUCH_REAL(gssapi_library(), gss_display_status);
    return real ? real(minor, status, type, mech, message_context, message) : failure(minor);
}

OM_uint32 gss_init_sec_context(OM_uint32* minor, void* credential, void** context, void* target,
                               const void* mech, OM_uint32 flags, OM_uint32 lifetime,
                               void* bindings, void* input, void** actual_mech, void* output,
                               OM_uint32* returned_flags, OM_uint32* time_left) {
    auto real = VOUCH_REAL(gssapi_library(), gss_init_sec_context);
    return real ? real(minor, credential, context, target, mech, flags, lifetime, bindings, input,
                       actual_mech, output, returned_flags, time_left)
                : failure(minor);
}

} // extern "C"
