#include <algorithm>
#include <gtest/gtest.h>
#include <string_view>
#include <utility>
#include <vector>
#include <vouch/util/compact_vector.hpp>

using vouch::util::CompactVector;

namespace {

std::vector<int> items(const CompactVector<int>& v) {
    return {v.begin(), v.end()};
}

} // namespace

TEST(CompactVector, IsOnePointerAndAllocatesNothingUntilUsed) {
    static_assert(sizeof(CompactVector<std::string_view>) == sizeof(void*));
    CompactVector<std::size_t> empty;
    EXPECT_TRUE(empty.empty());
    EXPECT_EQ(empty.size(), 0u);
    EXPECT_EQ(empty.data(), nullptr);
    EXPECT_EQ(empty.begin(), empty.end());
    empty.clear();
    EXPECT_EQ(empty.erase(empty.begin(), empty.end()), empty.end());
}

TEST(CompactVector, GrowsKeepingItsElementsInOrder) {
    CompactVector<int> v;
    for (int i = 0; i < 1000; ++i) {
        v.push_back(i);
        ASSERT_EQ(v.size(), static_cast<std::size_t>(i + 1));
        ASSERT_EQ(v.back(), i);
    }
    EXPECT_GE(v.capacity(), 1000u);
    for (int i = 0; i < 1000; ++i) {
        ASSERT_EQ(v[static_cast<std::size_t>(i)], i);
    }
    EXPECT_EQ(v.front(), 0);
}

TEST(CompactVector, InsertsAnywhereEvenAnElementOfItsOwn) {
    CompactVector<int> v{2, 4};
    v.insert(v.begin(), 1);
    v.insert(v.begin() + 2, 3);
    v.insert(v.end(), 5);
    EXPECT_EQ(items(v), (std::vector<int>{1, 2, 3, 4, 5}));
    // The element inserted is read before the vector moves or grows under it.
    for (int round = 0; round < 20; ++round) {
        v.insert(v.begin(), v.back());
    }
    EXPECT_EQ(v.size(), 25u);
    EXPECT_EQ(v.front(), 5);
    EXPECT_EQ(v[19], 5);
    EXPECT_EQ(v[20], 1);
}

TEST(CompactVector, EraseResizeAndClear) {
    CompactVector<int> v{5, 1, 5, 2, 5};
    v.erase(std::remove(v.begin(), v.end(), 5), v.end());
    EXPECT_EQ(items(v), (std::vector<int>{1, 2}));
    v.resize(4);
    EXPECT_EQ(items(v), (std::vector<int>{1, 2, 0, 0}));
    const auto capacity = v.capacity();
    v.clear();
    EXPECT_TRUE(v.empty());
    EXPECT_EQ(v.capacity(), capacity);
}

TEST(CompactVector, CopiesAreDeepAndMovesTakeTheBlock) {
    CompactVector<std::string_view> a{"x", "y"};
    CompactVector<std::string_view> b = a;
    b.push_back("z");
    EXPECT_EQ(a, (std::vector<std::string_view>{"x", "y"}));
    EXPECT_EQ(b, (std::vector<std::string_view>{"x", "y", "z"}));
    EXPECT_FALSE(a == b);

    const auto* block = b.data();
    CompactVector<std::string_view> c = std::move(b);
    EXPECT_EQ(c.data(), block);
    EXPECT_TRUE(b.empty()); // NOLINT(bugprone-use-after-move): a moved-from one is empty
    a = c;
    EXPECT_EQ(a, c);
    a = std::vector<std::string_view>{"only"};
    EXPECT_EQ(a, (std::vector<std::string_view>{"only"}));
    c = std::move(a);
    EXPECT_EQ(c, (std::vector<std::string_view>{"only"}));
    const auto& same = c;
    c = same; // assigning itself keeps the elements
    EXPECT_EQ(c.size(), 1u);
}
