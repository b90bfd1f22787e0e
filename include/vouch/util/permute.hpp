#pragma once
// Reordering a vector of large elements in place.
#include <cstddef>
#include <utility>
#include <vector>

namespace vouch::util {

// Reorders `items` so that items[i] becomes what was items[order[i]]; `order` must be a
// permutation of [0, items.size()). Each element is moved once along its cycle: no second vector
// of them, whose fresh pages would cost more than the moves (the models' elements are hundreds of
// bytes each).
template <class T>
void apply_permutation(std::vector<T>& items, const std::vector<std::size_t>& order) {
    std::vector<bool> placed(items.size(), false);
    for (std::size_t start = 0; start < items.size(); ++start) {
        if (placed[start] || order[start] == start) {
            continue;
        }
        T held = std::move(items[start]);
        std::size_t at = start;
        for (;;) {
            placed[at] = true;
            const std::size_t from = order[at];
            if (from == start) {
                items[at] = std::move(held);
                break;
            }
            items[at] = std::move(items[from]);
            at = from;
        }
    }
}

} // namespace vouch::util
