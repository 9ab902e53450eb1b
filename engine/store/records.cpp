#include "store/records.hpp"

namespace cohort::store {

std::string_view kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::External: return "external";
    case EventKind::Emitted: return "emitted";
    case EventKind::Timer: return "timer";
    case EventKind::CallResult: return "call_result";
  }
  return "external";
}

}  // namespace cohort::store
