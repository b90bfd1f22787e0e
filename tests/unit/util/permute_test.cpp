#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vouch/util/permute.hpp>

using vouch::util::apply_permutation;

TEST(ApplyPermutation, ItemIBecomesWhatWasAtOrderI) {
    std::vector<std::string> items{"a", "b", "c", "d", "e", "f"};
    // Cycles (0 2 4), (1 3), and 5 fixed.
    apply_permutation(items, {2, 3, 4, 1, 0, 5});
    EXPECT_EQ(items, (std::vector<std::string>{"c", "d", "e", "b", "a", "f"}));
}

TEST(ApplyPermutation, IdentityAndEmptyLeaveItemsAlone) {
    std::vector<int> items{7, 8, 9};
    apply_permutation(items, {0, 1, 2});
    EXPECT_EQ(items, (std::vector<int>{7, 8, 9}));
    std::vector<int> none;
    apply_permutation(none, {});
    EXPECT_TRUE(none.empty());
}

TEST(ApplyPermutation, MovesOnlyNeverCopies) {
    std::vector<std::unique_ptr<int>> items;
    for (int i = 0; i < 5; ++i) {
        items.push_back(std::make_unique<int>(i));
    }
    apply_permutation(items, {4, 0, 1, 2, 3}); // one cycle through everything
    for (int i = 0; i < 5; ++i) {
        ASSERT_NE(items[static_cast<std::size_t>(i)], nullptr);
        EXPECT_EQ(*items[static_cast<std::size_t>(i)], (i + 4) % 5);
    }
}
