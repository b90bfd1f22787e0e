#include <atomic>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>
#include <vouch/util/background.hpp>

using vouch::util::in_background;

TEST(Background, ReturnsTheWorksResultFromAnotherThread) {
    const auto caller = std::this_thread::get_id();
    auto task = in_background([] { return std::this_thread::get_id(); });
    EXPECT_NE(task.get(), caller);
}

TEST(Background, DeferredWorkRunsInGetOnTheCallingThread) {
    std::atomic<bool> ran{false};
    auto task = in_background(
        [&ran] {
            ran = true;
            return std::this_thread::get_id();
        },
        false);
    EXPECT_FALSE(ran);
    EXPECT_EQ(task.get(), std::this_thread::get_id());
    EXPECT_TRUE(ran);
}

TEST(Background, RethrowsWhatTheWorkThrew) {
    auto task = in_background([]() -> int { throw std::runtime_error("boom"); });
    EXPECT_THROW(task.get(), std::runtime_error);
}

TEST(Background, DestroyingTheHandleWaitsForTheWork) {
    std::atomic<bool> done{false};
    {
        auto task = in_background([&done] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            done = true;
            return 0;
        });
    }
    EXPECT_TRUE(done);
}

TEST(Background, MovedIntoAnEmptyHandle) {
    vouch::util::Background<int> later;
    EXPECT_FALSE(later.valid());
    later = in_background([] { return 42; });
    EXPECT_TRUE(later.valid());
    EXPECT_EQ(later.get(), 42);
}
