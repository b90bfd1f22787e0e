#pragma once
// Temporary files that exist only while an atomic write is in flight. Ctrl-C (SIGINT) or SIGTERM
// must not leave them behind: the CLI installs a handler that unlinks every registered path and
// then re-raises the signal, so the process still dies of it (exit status 128+N for the shell).
// Registration and the handler are async-signal-safe: fixed slots, atomics, no allocation.
#include <cstddef>

namespace vouch::util {

// At most this many temp files are in flight at once (one run writes a handful).
inline constexpr std::size_t k_max_registered_temps = 64;

// Records `path` (NUL-terminated, shorter than PATH_MAX) for removal on a fatal signal. Returns
// the slot to pass to unregister_temp_path, or -1 when every slot is taken or the path is too
// long (the write still works; only the signal-time cleanup is lost).
int register_temp_path(const char* path) noexcept;
// Forgets a slot once its file was renamed into place or removed; -1 is ignored.
void unregister_temp_path(int slot) noexcept;

// unlink(2)s every registered path (async-signal-safe); returns how many were registered.
std::size_t unlink_registered_temps() noexcept;

// Installs the SIGINT/SIGTERM/SIGHUP handler: unlink_registered_temps(), restore the default
// action, re-raise. A signal that was ignored when vouch started stays ignored. Called once by
// the CLI's main(); libraries never install handlers.
void install_temp_cleanup_on_signals() noexcept;

} // namespace vouch::util
