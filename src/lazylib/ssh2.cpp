// The libssh2 functions that Debian's static libgit2.a refers to (git over SSH), answered with
// "not available" instead of linking libssh2.a. vouch reads local repositories only and never
// contacts a git remote; linking libssh2.a pulled most of OpenSSL's libcrypto into the binary,
// whose function-pointer tables (~340 KB) the loader relocated at every start of every command
// (docs/performance.md). Only built with VOUCH_STATIC_DEPS; the prototypes come from libssh2.h,
// so a signature that drifts is a compile error.
#include <cstdlib>
#include <cstring>
#include <libssh2.h>

namespace {

constexpr char k_unavailable[] =
    "SSH transport is not available in vouch (local repositories only)";

} // namespace

extern "C" {

int libssh2_init(int /*flags*/) {
    return 0; // libgit2 calls this from git_libgit2_init(); nothing to set up
}

void libssh2_exit(void) {}

// libgit2 stops here: no session, so none of the functions below is reached in practice. They
// still answer with an error rather than pretend to work.
LIBSSH2_SESSION* libssh2_session_init_ex(LIBSSH2_ALLOC_FUNC((* /*my_alloc*/)),
                                         LIBSSH2_FREE_FUNC((* /*my_free*/)),
                                         LIBSSH2_REALLOC_FUNC((* /*my_realloc*/)),
                                         void* /*abstract*/) {
    return nullptr;
}

int libssh2_session_last_error(LIBSSH2_SESSION* /*session*/, char** errmsg, int* errmsg_len,
                               int want_buf) {
    if (errmsg != nullptr) {
        // With want_buf the caller frees the message.
        *errmsg = want_buf != 0 ? ::strdup(k_unavailable) : const_cast<char*>(k_unavailable);
    }
    if (errmsg_len != nullptr) {
        *errmsg_len = static_cast<int>(sizeof k_unavailable - 1);
    }
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}

void** libssh2_session_abstract(LIBSSH2_SESSION* /*session*/) {
    return nullptr;
}
int libssh2_session_free(LIBSSH2_SESSION* /*session*/) {
    return 0;
}
int libssh2_session_disconnect_ex(LIBSSH2_SESSION* /*session*/, int /*reason*/,
                                  const char* /*description*/, const char* /*lang*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_session_handshake(LIBSSH2_SESSION* /*session*/, libssh2_socket_t /*sock*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
const char* libssh2_session_hostkey(LIBSSH2_SESSION* /*session*/, size_t* len, int* type) {
    if (len != nullptr) {
        *len = 0;
    }
    if (type != nullptr) {
        *type = LIBSSH2_HOSTKEY_TYPE_UNKNOWN;
    }
    return nullptr;
}
int libssh2_session_method_pref(LIBSSH2_SESSION* /*session*/, int /*method_type*/,
                                const char* /*prefs*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
void libssh2_session_set_blocking(LIBSSH2_SESSION* /*session*/, int /*blocking*/) {}
const char* libssh2_hostkey_hash(LIBSSH2_SESSION* /*session*/, int /*hash_type*/) {
    return nullptr;
}

LIBSSH2_AGENT* libssh2_agent_init(LIBSSH2_SESSION* /*session*/) {
    return nullptr;
}
int libssh2_agent_connect(LIBSSH2_AGENT* /*agent*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_agent_disconnect(LIBSSH2_AGENT* /*agent*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
void libssh2_agent_free(LIBSSH2_AGENT* /*agent*/) {}
int libssh2_agent_list_identities(LIBSSH2_AGENT* /*agent*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_agent_get_identity(LIBSSH2_AGENT* /*agent*/, libssh2_agent_publickey** /*store*/,
                               libssh2_agent_publickey* /*prev*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_agent_userauth(LIBSSH2_AGENT* /*agent*/, const char* /*username*/,
                           libssh2_agent_publickey* /*identity*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}

LIBSSH2_CHANNEL* libssh2_channel_open_ex(LIBSSH2_SESSION* /*session*/, const char* /*channel_type*/,
                                         unsigned int /*channel_type_len*/,
                                         unsigned int /*window_size*/, unsigned int /*packet_size*/,
                                         const char* /*message*/, unsigned int /*message_len*/) {
    return nullptr;
}
int libssh2_channel_close(LIBSSH2_CHANNEL* /*channel*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_channel_free(LIBSSH2_CHANNEL* /*channel*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_channel_process_startup(LIBSSH2_CHANNEL* /*channel*/, const char* /*request*/,
                                    unsigned int /*request_len*/, const char* /*message*/,
                                    unsigned int /*message_len*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
ssize_t libssh2_channel_read_ex(LIBSSH2_CHANNEL* /*channel*/, int /*stream_id*/, char* /*buf*/,
                                size_t /*buflen*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
ssize_t libssh2_channel_write_ex(LIBSSH2_CHANNEL* /*channel*/, int /*stream_id*/,
                                 const char* /*buf*/, size_t /*buflen*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
void libssh2_channel_set_blocking(LIBSSH2_CHANNEL* /*channel*/, int /*blocking*/) {}

LIBSSH2_KNOWNHOSTS* libssh2_knownhost_init(LIBSSH2_SESSION* /*session*/) {
    return nullptr;
}
void libssh2_knownhost_free(LIBSSH2_KNOWNHOSTS* /*hosts*/) {}
int libssh2_knownhost_readfile(LIBSSH2_KNOWNHOSTS* /*hosts*/, const char* /*filename*/,
                               int /*type*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_knownhost_checkp(LIBSSH2_KNOWNHOSTS* /*hosts*/, const char* /*host*/, int /*port*/,
                             const char* /*key*/, size_t /*keylen*/, int /*typemask*/,
                             libssh2_knownhost** /*knownhost*/) {
    return LIBSSH2_KNOWNHOST_CHECK_FAILURE;
}

int libssh2_userauth_authenticated(LIBSSH2_SESSION* /*session*/) {
    return 0;
}
char* libssh2_userauth_list(LIBSSH2_SESSION* /*session*/, const char* /*username*/,
                            unsigned int /*username_len*/) {
    return nullptr;
}
int libssh2_userauth_keyboard_interactive_ex(
    LIBSSH2_SESSION* /*session*/, const char* /*username*/, unsigned int /*username_len*/,
    LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC((* /*response_callback*/))) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_userauth_password_ex(LIBSSH2_SESSION* /*session*/, const char* /*username*/,
                                 unsigned int /*username_len*/, const char* /*password*/,
                                 unsigned int /*password_len*/,
                                 LIBSSH2_PASSWD_CHANGEREQ_FUNC((* /*passwd_change_cb*/))) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_userauth_publickey(LIBSSH2_SESSION* /*session*/, const char* /*username*/,
                               const unsigned char* /*pubkeydata*/, size_t /*pubkeydata_len*/,
                               LIBSSH2_USERAUTH_PUBLICKEY_SIGN_FUNC((* /*sign_callback*/)),
                               void** /*abstract*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_userauth_publickey_fromfile_ex(LIBSSH2_SESSION* /*session*/, const char* /*username*/,
                                           unsigned int /*username_len*/, const char* /*publickey*/,
                                           const char* /*privatekey*/, const char* /*passphrase*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}
int libssh2_userauth_publickey_frommemory(LIBSSH2_SESSION* /*session*/, const char* /*username*/,
                                          size_t /*username_len*/,
                                          const char* /*publickeyfiledata*/,
                                          size_t /*publickeyfiledata_len*/,
                                          const char* /*privatekeyfiledata*/,
                                          size_t /*privatekeyfiledata_len*/,
                                          const char* /*passphrase*/) {
    return LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}

} // extern "C"
