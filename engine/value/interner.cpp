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

const std::string& StringInterner::name(std::uint32_t id) const {
  std::shared_lock lock(mutex_);
  return names_.at(id);
}

}  // namespace cohort
