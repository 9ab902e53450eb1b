#include "value/interner.hpp"

#include <mutex>

namespace cohort {

std::uint32_t StringInterner::intern(std::string_view s) {
  {
    std::shared_lock lock(mutex_);
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
  }
  std::unique_lock lock(mutex_);
  auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(s);
  ids_.emplace(names_.back(), id);
  return id;
}

namespace {
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
}  // namespace

std::uint32_t StringInterner::intern_cached(std::string_view s) {
  // Keyed by interner too, so several long-lived interners can share the cache.
  thread_local std::unordered_map<const StringInterner*, std::unordered_map<std::string_view, std::uint32_t, ViewHash>>
      caches;
  auto& cache = caches[this];
  auto it = cache.find(s);
  if (it != cache.end()) return it->second;
  const std::uint32_t id = intern(s);
  cache.emplace(name(id), id);  // the key views the interner's own copy, which never moves
  return id;
}

const std::string& StringInterner::name(std::uint32_t id) const {
  std::shared_lock lock(mutex_);
  return names_.at(id);
}

}  // namespace cohort
