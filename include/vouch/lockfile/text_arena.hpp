#pragma once
// Storage for the text a lockfile model refers to. Package fields are std::string_view; the
// bytes live here: the lockfile text itself (adopted, so most fields point straight into it) and
// a few large blocks for the text made while parsing (unescaped strings, joined locations; no
// allocation per string, nothing to free one by one). Nothing here ever moves, so views stay
// valid for the arena's lifetime; the Lockfile and the Sbom share it through a shared_ptr.
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vouch::lockfile {

class TextArena {
  public:
    TextArena() = default;
    TextArena(const TextArena&) = delete;
    TextArena& operator=(const TextArena&) = delete;

    // Makes room for about `bytes` more without another block (a hint; never required).
    void reserve(std::size_t bytes);
    // A stable copy of `text` (the empty string costs nothing).
    std::string_view keep(std::string_view text);
    // A stable copy of several pieces joined together.
    std::string_view join(std::initializer_list<std::string_view> pieces);
    // Takes `text` over (a heap buffer is moved in, not copied, and never reallocated): views
    // into the returned string, and its capacity beyond size(), stay valid for the arena's
    // lifetime.
    const std::string& adopt(std::string text);
    // Keeps `other` (and the views into it) alive as long as this arena: text made on another
    // thread, in an arena of its own.
    void hold(std::shared_ptr<TextArena> other);

  private:
    char* allocate(std::size_t size);

    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::unique_ptr<std::string>> m_adopted; // a string never moves once in here
    std::vector<std::shared_ptr<TextArena>> m_held;
    char* m_next = nullptr;
    std::size_t m_left = 0;
};

} // namespace vouch::lockfile
