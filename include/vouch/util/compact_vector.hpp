#pragma once
// A vector one pointer wide, for the many short and mostly empty lists of a lockfile model.
//
// std::vector is three pointers (24 bytes) even when empty; a Package has a dozen lists, most of
// them empty for most packages, so their headers alone were 288 of its 440 bytes. CompactVector
// keeps its size and capacity in front of its elements, in the one heap block it allocates when
// the first element arrives, and is 8 bytes until then. It holds only trivially destructible
// elements (views, indices, pairs of views), which is all the model needs, and at most 2^32 - 1
// of them.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace vouch::util {

template <class T> class CompactVector {
    static_assert(std::is_trivially_destructible_v<T>, "elements are never destroyed one by one");
    static_assert(alignof(T) <= 8, "the elements follow an 8-byte header");

  public:
    using value_type = T;
    using size_type = std::size_t;
    using iterator = T*;
    using const_iterator = const T*;
    using reference = T&;
    using const_reference = const T&;

    CompactVector() = default;
    CompactVector(std::initializer_list<T> items) { assign(items.begin(), items.end()); }
    CompactVector(const std::vector<T>& items) { assign(items.begin(), items.end()); }
    CompactVector(const CompactVector& other) { assign(other.begin(), other.end()); }
    CompactVector(CompactVector&& other) noexcept : m_data(std::exchange(other.m_data, nullptr)) {}
    CompactVector& operator=(const CompactVector& other) {
        if (this != &other) {
            CompactVector copy(other);
            swap(copy);
        }
        return *this;
    }
    CompactVector& operator=(CompactVector&& other) noexcept {
        CompactVector taken(std::move(other));
        swap(taken);
        return *this;
    }
    CompactVector& operator=(const std::vector<T>& items) {
        CompactVector copy(items);
        swap(copy);
        return *this;
    }
    ~CompactVector() { release(m_data); }

    void swap(CompactVector& other) noexcept { std::swap(m_data, other.m_data); }

    size_type size() const { return m_data ? header()->size : 0; }
    size_type capacity() const { return m_data ? header()->capacity : 0; }
    bool empty() const { return size() == 0; }

    T* data() { return m_data; }
    const T* data() const { return m_data; }
    iterator begin() { return m_data; }
    iterator end() { return m_data + size(); }
    const_iterator begin() const { return m_data; }
    const_iterator end() const { return m_data + size(); }
    T& operator[](size_type i) { return m_data[i]; }
    const T& operator[](size_type i) const { return m_data[i]; }
    T& front() { return m_data[0]; }
    const T& front() const { return m_data[0]; }
    T& back() { return m_data[size() - 1]; }
    const T& back() const { return m_data[size() - 1]; }

    void reserve(size_type n) {
        if (n > capacity()) {
            grow_to(n);
        }
    }
    void clear() {
        if (m_data) {
            header()->size = 0;
        }
    }
    void push_back(const T& item) { insert(end(), item); }
    // Inserts before `at` (an iterator of this vector); returns the new element.
    iterator insert(const_iterator at, const T& item) {
        const size_type index = static_cast<size_type>(at - begin());
        const T value = item; // `item` may live in this vector
        if (size() == capacity()) {
            grow_to(std::max<size_type>(1, capacity() * 2));
        }
        T* const base = m_data;
        const size_type n = size();
        if (index < n) {
            ::new (static_cast<void*>(base + n)) T(std::move(base[n - 1]));
            std::move_backward(base + index, base + n - 1, base + n);
            base[index] = value;
        } else {
            ::new (static_cast<void*>(base + n)) T(value);
        }
        header()->size = static_cast<std::uint32_t>(n + 1);
        return base + index;
    }
    // Removes [from, to); returns the element after them.
    iterator erase(const_iterator from, const_iterator to) {
        T* const first = begin() + (from - begin());
        T* const last = begin() + (to - begin());
        T* const kept_end = std::move(last, end(), first);
        if (m_data) {
            header()->size = static_cast<std::uint32_t>(kept_end - m_data);
        }
        return first;
    }
    void resize(size_type n) {
        reserve(n);
        for (size_type i = size(); i < n; ++i) {
            ::new (static_cast<void*>(m_data + i)) T();
        }
        if (m_data) {
            header()->size = static_cast<std::uint32_t>(n);
        }
    }

    friend bool operator==(const CompactVector& a, const CompactVector& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    friend bool operator==(const CompactVector& a, const std::vector<T>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

  private:
    struct Header {
        std::uint32_t size;
        std::uint32_t capacity;
    };
    // The header is the block's first 8 bytes, the elements follow.
    static constexpr std::size_t k_offset = sizeof(Header);

    Header* header() const {
        return reinterpret_cast<Header*>(reinterpret_cast<char*>(m_data) - sizeof(Header));
    }
    static void release(T* data) {
        if (data) {
            ::operator delete(reinterpret_cast<char*>(data) - k_offset);
        }
    }
    template <class It> void assign(It first, It last) {
        const auto n = static_cast<size_type>(std::distance(first, last));
        if (n == 0) {
            return;
        }
        grow_to(n);
        std::uninitialized_copy(first, last, m_data);
        header()->size = static_cast<std::uint32_t>(n);
    }
    void grow_to(size_type n) {
        char* const block = static_cast<char*>(::operator new(k_offset + n * sizeof(T)));
        T* const data = reinterpret_cast<T*>(block + k_offset);
        const size_type kept = size();
        if (m_data) {
            std::uninitialized_move(m_data, m_data + kept, data);
        }
        release(m_data);
        m_data = data;
        *header() = Header{static_cast<std::uint32_t>(kept), static_cast<std::uint32_t>(n)};
    }

    T* m_data = nullptr;
};

} // namespace vouch::util
