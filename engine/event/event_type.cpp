#include "event/event.hpp"
#include "value/interner.hpp"

namespace cohort {
namespace {
StringInterner& event_types() {
  static StringInterner table;
  return table;
}
}  // namespace

EventTypeId event_type_id(std::string_view type) { return event_types().intern(type); }

const std::string& event_type_name(EventTypeId id) { return event_types().name(id); }

}  // namespace cohort
