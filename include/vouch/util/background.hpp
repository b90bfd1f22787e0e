#pragma once
// Work for a second core, started so that it runs there at once.
//
// The CI VMs vouch is measured on (Firecracker, 2 vCPUs, `sched_vcpu_pack`) place a new thread on
// its parent's vCPU and leave the other one halted: a std::async task began 0.2 to 4 ms after
// it was started, too late for the millisecond-sized tasks vouch hands over. A Background thread
// is moved to another CPU of the process's allowed set as it is created (when there is one).
#include <future>
#include <thread>
#include <type_traits>
#include <utility>

namespace vouch::util {

namespace detail {
// Restricts `thread` to the process's allowed CPUs other than the caller's current one; does
// nothing when no other is allowed.
void place_on_another_cpu(std::thread& thread);
} // namespace detail

// A task's result, like std::async's future: the thread is joined when the handle is
// destroyed, so work that refers to the caller's locals never outlives them.
template <class R> class Background {
  public:
    Background() = default;
    // `parallel` false: the work runs in get() on the calling thread (std::launch::deferred).
    template <class F>
    Background(F&& work, bool parallel)
        : m_task(std::forward<F>(work)), m_result(m_task.get_future()) {
        if (parallel) {
            m_thread = std::thread(std::move(m_task));
            detail::place_on_another_cpu(m_thread);
        }
    }
    Background(Background&&) noexcept = default;
    Background& operator=(Background&& other) noexcept {
        join();
        m_task = std::move(other.m_task);
        m_result = std::move(other.m_result);
        m_thread = std::move(other.m_thread);
        return *this;
    }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    ~Background() { join(); }

    bool valid() const { return m_result.valid(); }
    // Waits for the result (or computes it here, when deferred); rethrows what the work threw.
    R get() {
        if (!m_thread.joinable() && m_task.valid()) {
            m_task();
        }
        join();
        return m_result.get();
    }

  private:
    void join() {
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

    std::packaged_task<R()> m_task;
    std::future<R> m_result;
    std::thread m_thread;
};

template <class F> auto in_background(F&& work, bool parallel = true) {
    return Background<std::invoke_result_t<std::decay_t<F>&>>(std::forward<F>(work), parallel);
}

} // namespace vouch::util
