#include "event/event.hpp"
#include "value/symbol.hpp"

namespace cohort {

// Event types are symbols, so a type id can stand in the history as it is.
EventTypeId event_type_id(std::string_view type) { return symbol(type); }

const std::string& event_type_name(EventTypeId id) { return symbol_name(id); }

}  // namespace cohort
