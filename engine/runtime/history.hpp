#pragma once
/// @file history.hpp
/// @brief What an instance keeps of its past: every event, transition, action and result.

#include <cstdint>
#include <string>

#include "value/value.hpp"

namespace cohort::runtime {

/// @brief One line of an instance's history.
struct HistoryEntry {
  enum class Kind : std::uint8_t {
    Event,       ///< an event was applied (detail: type and id)
    Ignored,     ///< an event no transition took
    Transition,  ///< from -> to
    Call,        ///< a plugin call (detail: operation, attempt)
    CallResult,  ///< its outcome (detail: status and message)
    Emit,        ///< an event sent to another instance
    Set,         ///< instance data assigned
    Timer,       ///< a timer fired
    Incident,    ///< parked after a failure
    Migration,   ///< moved to another definition version by `cohort migrate`
  };
  Timestamp time;
  Kind kind = Kind::Event;
  std::string detail;
};

/// @brief Name of a history kind, for output ("event", "transition", ...).
const char* history_kind_name(HistoryEntry::Kind kind);

}  // namespace cohort::runtime
