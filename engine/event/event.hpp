#pragma once
/// @file event.hpp
/// @brief A CloudEvents 1.0 event as the engine carries it.

#include <cstdint>
#include <string>
#include <string_view>

#include "value/value.hpp"

namespace cohort {

/// @brief Interned event type: a small number standing for a type string.
using EventTypeId = std::uint32_t;

/// @brief The id of an event type string, the same for the whole process. Thread-safe.
EventTypeId event_type_id(std::string_view type);
/// @brief The string of an interned id.
const std::string& event_type_name(EventTypeId id);

/// @brief One event. `subject` is the correlation key (applicant id, programme id).
struct Event {
  std::string id;
  std::string source;
  std::string type;
  EventTypeId type_id = 0;
  std::string subject;
  /// When it happened; has_time false means "at the engine clock's now".
  Timestamp time;
  bool has_time = false;
  Value data;
};

}  // namespace cohort
