#pragma once
/// @file flat_hash.hpp
/// @brief Open-addressing tables for the per-partition subject index and dedupe set.
///
/// Every instance and every applied event costs an entry here, so the tables store
/// 64-bit hashes inline (no node per entry) and keep the load at or below one half.

#include <cstdint>
#include <string_view>
#include <vector>

namespace cohort::runtime::details {

/// @brief FNV-1a over one or two strings (with a separator between them).
inline std::uint64_t hash64(std::string_view a, std::string_view b = {}) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : a) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  if (!b.empty()) {
    h = (h ^ 0xFFu) * 1099511628211ULL;
    for (char c : b) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  // Final mix so that the low bits (the slot) depend on every input byte.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h | 1;  // 0 marks an empty slot
}

/// @brief The first slot of a hash in a table of `mask + 1` slots. Uses the high bits:
///        partitions are chosen by the low ones, so inside one partition those are alike.
inline std::size_t home_slot(std::uint64_t h, std::size_t mask) { return static_cast<std::size_t>(h >> 24) & mask; }

/// @brief A set of 64-bit hashes. Two different keys with one hash count as one:
///        with 64 bits that takes billions of keys to become likely.
class HashSet64 {
 public:
  /// @brief Inserts; returns false when already present.
  bool insert(std::uint64_t h) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home_slot(h, mask);; i = (i + 1) & mask) {
      if (slots_[i] == h) return false;
      if (slots_[i] == 0) {
        slots_[i] = h;
        ++size_;
        return true;
      }
    }
  }
  bool contains(std::uint64_t h) const {
    if (slots_.empty()) return false;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home_slot(h, mask);; i = (i + 1) & mask) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }
  std::size_t size() const { return size_; }
  /// @brief Visits every key, in slot order.
  template <typename F>
  void for_each(F f) const {
    for (auto h : slots_)
      if (h) f(h);
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
    size_ = 0;
    for (auto h : old)
      if (h) insert(h);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

/// @brief A map from a string key to a pointer whose object holds the key (an instance
///        and its subject): entries are (hash, pointer); `key_of(pointer)` confirms a hit.
template <typename T, std::string_view (*KeyOf)(const T*)>
class HashIndex {
 public:
  T* find(std::string_view key, std::uint64_t h) const {
    if (slots_.empty()) return nullptr;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home_slot(h, mask);; i = (i + 1) & mask) {
      const auto& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && KeyOf(s.value) == key) return s.value;
    }
  }
  /// @brief Adds a key known to be absent.
  void add(std::uint64_t h, T* value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(h, value);
    ++size_;
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    T* value = nullptr;
  };
  void place(std::uint64_t h, T* value) {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = home_slot(h, mask);
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = Slot{h, value};
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    for (const auto& s : old)
      if (s.hash) place(s.hash, s.value);
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace cohort::runtime::details
