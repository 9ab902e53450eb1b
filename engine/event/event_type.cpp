#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "event/event.hpp"

namespace cohort {
namespace {
struct Registry {
  std::shared_mutex mutex;
  std::unordered_map<std::string, EventTypeId> ids;
  std::deque<std::string> names;  // deque: references stay valid as it grows
};
Registry& registry() {
  static Registry r;
  return r;
}
}  // namespace

EventTypeId event_type_id(std::string_view type) {
  auto& r = registry();
  std::string key(type);
  {
    std::shared_lock lock(r.mutex);
    auto it = r.ids.find(key);
    if (it != r.ids.end()) return it->second;
  }
  std::unique_lock lock(r.mutex);
  auto [it, inserted] = r.ids.emplace(key, static_cast<EventTypeId>(r.names.size()));
  if (inserted) r.names.push_back(key);
  return it->second;
}

const std::string& event_type_name(EventTypeId id) {
  auto& r = registry();
  std::shared_lock lock(r.mutex);
  return r.names.at(id);
}

}  // namespace cohort
