#include <algorithm>
#include <cstring>
#include <vouch/lockfile/text_arena.hpp>

namespace vouch::lockfile {

namespace {
constexpr std::size_t k_min_block = 64 * 1024;
} // namespace

void TextArena::reserve(std::size_t bytes) {
    if (bytes <= m_left) {
        return;
    }
    m_blocks.push_back(std::make_unique_for_overwrite<char[]>(bytes));
    m_next = m_blocks.back().get();
    m_left = bytes;
}

char* TextArena::allocate(std::size_t size) {
    if (size > m_left) {
        reserve(std::max(size, k_min_block));
    }
    char* out = m_next;
    m_next += size;
    m_left -= size;
    return out;
}

std::string_view TextArena::keep(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    char* out = allocate(text.size());
    std::memcpy(out, text.data(), text.size());
    return {out, text.size()};
}

std::string_view TextArena::join(std::initializer_list<std::string_view> pieces) {
    std::size_t size = 0;
    for (const auto piece : pieces) {
        size += piece.size();
    }
    if (size == 0) {
        return {};
    }
    char* const out = allocate(size);
    char* at = out;
    for (const auto piece : pieces) {
        if (!piece.empty()) {
            std::memcpy(at, piece.data(), piece.size());
            at += piece.size();
        }
    }
    return {out, size};
}

const std::string& TextArena::adopt(std::string text) {
    m_adopted.push_back(std::make_unique<std::string>(std::move(text)));
    return *m_adopted.back();
}

void TextArena::hold(std::shared_ptr<TextArena> other) {
    if (other) {
        m_held.push_back(std::move(other));
    }
}

} // namespace vouch::lockfile
