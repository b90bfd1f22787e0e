#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <unistd.h>
#include <vouch/util/temp_registry.hpp>

namespace vouch::util {

namespace {

// A slot is claimed (free -> writing), filled, then published (writing -> active). The handler
// only reads active slots, so it never sees a half-copied path.
enum SlotState : int { free_slot = 0, writing = 1, active = 2 };

struct Slot {
    std::atomic<int> state{free_slot};
    char path[PATH_MAX] = {};
};

std::array<Slot, k_max_registered_temps> g_slots;

static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

void on_fatal_signal(int signal_number) {
    const int saved_errno = errno;
    unlink_registered_temps();
    // Die of the same signal, as if vouch had not caught it.
    std::signal(signal_number, SIG_DFL);
    errno = saved_errno;
    std::raise(signal_number);
}

} // namespace

int register_temp_path(const char* path) noexcept {
    const std::size_t length = std::strlen(path);
    if (length >= PATH_MAX) {
        return -1;
    }
    for (std::size_t i = 0; i < g_slots.size(); ++i) {
        int expected = free_slot;
        if (g_slots[i].state.compare_exchange_strong(expected, writing)) {
            std::memcpy(g_slots[i].path, path, length + 1);
            g_slots[i].state.store(active);
            return static_cast<int>(i);
        }
    }
    return -1;
}

void unregister_temp_path(int slot) noexcept {
    if (slot >= 0 && static_cast<std::size_t>(slot) < g_slots.size()) {
        g_slots[static_cast<std::size_t>(slot)].state.store(free_slot);
    }
}

std::size_t unlink_registered_temps() noexcept {
    std::size_t count = 0;
    for (auto& slot : g_slots) {
        if (slot.state.load() == active) {
            ::unlink(slot.path);
            ++count;
        }
    }
    return count;
}

void install_temp_cleanup_on_signals() noexcept {
    struct sigaction action {};
    action.sa_handler = on_fatal_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // a second signal while cleaning up kills at once
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
        // A signal ignored by whoever started vouch (nohup, a shell's background job) stays
        // ignored.
        struct sigaction previous {};
        if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) {
            continue;
        }
        ::sigaction(signal_number, &action, nullptr);
    }
}

} // namespace vouch::util
