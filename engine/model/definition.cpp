#include "model/definition.hpp"

#include <algorithm>
#include <set>

namespace cohort::model {

const Handlers* State::handlers_for(EventTypeId type) const {
  auto it = std::lower_bound(on.begin(), on.end(), type,
                             [](const Handlers& h, EventTypeId t) { return h.event_type_id < t; });
  if (it == on.end() || it->event_type_id != type) return nullptr;
  return &*it;
}

int Definition::state_index(std::string_view name) const {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].name == name) return static_cast<int>(i);
  return -1;
}

bool Definition::starts_on(std::string_view type) const {
  return std::find(start_events.begin(), start_events.end(), type) != start_events.end();
}

std::vector<std::string> Definition::consumed_events() const {
  std::set<std::string> types(start_events.begin(), start_events.end());
  for (const auto& s : states)
    for (const auto& h : s.on) types.insert(h.event_type);
  return {types.begin(), types.end()};
}

}  // namespace cohort::model
