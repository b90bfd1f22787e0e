#include <pthread.h>
#include <sched.h>
#include <vouch/util/background.hpp>

namespace vouch::util::detail {

void place_on_another_cpu(std::thread& thread) {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) < 2) {
        return;
    }
    const int here = sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || !CPU_ISSET(here, &allowed)) {
        return;
    }
    CPU_CLR(here, &allowed);
    // Best effort: if it fails, the thread simply runs where the scheduler puts it.
    (void)pthread_setaffinity_np(thread.native_handle(), sizeof allowed, &allowed);
}

} // namespace vouch::util::detail
