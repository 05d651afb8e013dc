// SPDX-License-Identifier: MIT
// StableVector<T>: the sequence container of the model's big lists (a tier's annotations, the
// time slots). It reads like std::vector (size, [], at, front, back, random-access iterators,
// emplace_back), but its elements live in chunks that double in size and are never reallocated:
// growing it never copies what is there, so reading a large file has no "old and new buffer
// alive at once" peak, and an element's address stays valid while elements are added. Chunk k
// holds 16·2^k elements; unused capacity at the end of the last chunk is allocated but never
// written, so the operating system gives it no memory.
#pragma once

#include <bit>
#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace rapport::eaf {

template <typename T>
class StableVector {
  template <bool Const>
  class Iter;

 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = Iter<false>;
  using const_iterator = Iter<true>;

  StableVector() noexcept = default;
  StableVector(const StableVector& other) {
    for (const T& x : other) push_back(x);
  }
  StableVector(StableVector&& other) noexcept
      : m_chunks(std::move(other.m_chunks)), m_size(std::exchange(other.m_size, 0)) {
    other.m_chunks.clear();
  }
  StableVector& operator=(const StableVector& other) {
    if (this != &other) {
      StableVector copy(other);
      swap(copy);
    }
    return *this;
  }
  StableVector& operator=(StableVector&& other) noexcept {
    if (this != &other) {
      StableVector gone(std::move(*this));
      swap(other);
    }
    return *this;
  }
  ~StableVector() { release(); }

  void swap(StableVector& other) noexcept {
    m_chunks.swap(other.m_chunks);
    std::swap(m_size, other.m_size);
  }

  size_type size() const noexcept { return m_size; }
  bool empty() const noexcept { return m_size == 0; }
  /// Elements the allocated chunks can hold (for measurements).
  size_type capacity() const noexcept { return chunk_start(m_chunks.size()); }

  T& operator[](size_type i) noexcept { return *address(i); }
  const T& operator[](size_type i) const noexcept { return *address(i); }
  T& at(size_type i) {
    check(i);
    return *address(i);
  }
  const T& at(size_type i) const {
    check(i);
    return *address(i);
  }
  T& front() noexcept { return *address(0); }
  const T& front() const noexcept { return *address(0); }
  T& back() noexcept { return *address(m_size - 1); }
  const T& back() const noexcept { return *address(m_size - 1); }

  iterator begin() noexcept { return {this, 0}; }
  iterator end() noexcept { return {this, static_cast<difference_type>(m_size)}; }
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, static_cast<difference_type>(m_size)}; }
  const_iterator cbegin() const noexcept { return begin(); }
  const_iterator cend() const noexcept { return end(); }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (m_size == capacity()) {
      const size_type n = chunk_capacity(m_chunks.size());
      m_chunks.reserve(m_chunks.size() + 1);  // so that push_back below cannot throw and leak
      m_chunks.push_back(std::allocator<T>().allocate(n));
    }
    T* slot = address(m_size);
    std::construct_at(slot, std::forward<Args>(args)...);
    ++m_size;
    return *slot;
  }
  void push_back(const T& value) { emplace_back(value); }
  void push_back(T&& value) { emplace_back(std::move(value)); }

  void clear() noexcept {
    release();
    m_chunks.clear();
    m_size = 0;
  }

 private:
  static constexpr size_type first_bits = 4;  // the first chunk holds 16 elements

  static size_type chunk_of(size_type i) noexcept {
    return static_cast<size_type>(std::bit_width((i >> first_bits) + 1)) - 1;
  }
  static size_type chunk_start(size_type k) noexcept { return ((size_type{1} << k) - 1) << first_bits; }
  static size_type chunk_capacity(size_type k) noexcept { return size_type{1} << (k + first_bits); }

  T* address(size_type i) const noexcept {
    const size_type k = chunk_of(i);
    return m_chunks[k] + (i - chunk_start(k));
  }
  void check(size_type i) const {
    if (i >= m_size) throw std::out_of_range("StableVector::at");
  }
  void release() noexcept {
    for (size_type i = 0; i < m_size; ++i) std::destroy_at(address(i));
    for (size_type k = 0; k < m_chunks.size(); ++k) std::allocator<T>().deallocate(m_chunks[k], chunk_capacity(k));
  }

  template <bool Const>
  class Iter {
    using Owner = std::conditional_t<Const, const StableVector, StableVector>;

   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const T*, T*>;
    using reference = std::conditional_t<Const, const T&, T&>;

    Iter() noexcept = default;
    Iter(Owner* owner, difference_type i) noexcept : m_owner(owner), m_i(i) {}
    operator Iter<true>() const noexcept { return {m_owner, m_i}; }  // iterator → const_iterator

    reference operator*() const noexcept { return *m_owner->address(static_cast<size_type>(m_i)); }
    pointer operator->() const noexcept { return m_owner->address(static_cast<size_type>(m_i)); }
    reference operator[](difference_type n) const noexcept { return *(*this + n); }

    Iter& operator++() noexcept {
      ++m_i;
      return *this;
    }
    Iter operator++(int) noexcept { return {m_owner, m_i++}; }
    Iter& operator--() noexcept {
      --m_i;
      return *this;
    }
    Iter operator--(int) noexcept { return {m_owner, m_i--}; }
    Iter& operator+=(difference_type n) noexcept {
      m_i += n;
      return *this;
    }
    Iter& operator-=(difference_type n) noexcept {
      m_i -= n;
      return *this;
    }
    friend Iter operator+(Iter it, difference_type n) noexcept { return it += n; }
    friend Iter operator+(difference_type n, Iter it) noexcept { return it += n; }
    friend Iter operator-(Iter it, difference_type n) noexcept { return it -= n; }
    friend difference_type operator-(const Iter& a, const Iter& b) noexcept { return a.m_i - b.m_i; }
    friend bool operator==(const Iter& a, const Iter& b) noexcept { return a.m_i == b.m_i; }
    friend std::strong_ordering operator<=>(const Iter& a, const Iter& b) noexcept { return a.m_i <=> b.m_i; }

   private:
    Owner* m_owner = nullptr;
    difference_type m_i = 0;
  };

  std::vector<T*> m_chunks;  ///< chunk k holds chunk_capacity(k) elements, the first m_size constructed
  size_type m_size = 0;
};

}  // namespace rapport::eaf
