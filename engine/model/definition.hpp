#pragma once
/// @file definition.hpp
/// @brief A loaded, checked workflow definition: what the runtime executes.
///
/// Built only by the loader (loader/loader.hpp); immutable afterwards and shared
/// by every instance pinned to it. The JSON form is documented in docs/WORKFLOWS.md.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "event/event.hpp"
#include "expr/expression.hpp"
#include "value/symbol.hpp"
#include "value/value.hpp"

namespace cohort::model {

/// @brief Where something was written: file, 1-based line:column, JSON pointer.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string pointer;
};

/// @brief How often and how patiently a failed plugin call is tried again.
struct RetryPolicy {
  int attempts = 1;                 ///< total attempts, >= 1
  std::int64_t backoff_ms = 1000;   ///< wait before the 2nd attempt
  double multiplier = 2.0;          ///< each later wait is the previous one times this
};

/// @brief `{"call": OP, "with": {...}}`: a plugin operation; its result comes back as
///        the event `OP.done` (or `OP.failed` after the last attempt).
struct CallAction {
  std::string operation;
  expr::Template args;
  RetryPolicy retry;
  std::int64_t timeout_ms = 5000;
  int on_error_state = -1;  ///< state index after the last failed attempt; -1: the built-in incident
};

/// @brief `{"set": {"path.to.field": TEMPLATE, ...}}`: assigns instance data.
struct SetAction {
  struct Field {
    std::vector<std::string> path;
    expr::Template value;
  };
  std::vector<Field> fields;
};

/// @brief Who receives an emitted event.
enum class EmitTarget : std::uint8_t {
  Programme,     ///< "to": "programme" -- the programme instance of this instance's programme
  Participants,  ///< "to": "participants" -- every participant instance of the programme
  Self,          ///< "to": "self"
  Subjects,      ///< "to": "=EXPR" -- a subject string, or a list of subjects
};

/// @brief `{"emit": TYPE, "to": ..., "data": TEMPLATE}`.
struct EmitAction {
  std::string event_type;
  EventTypeId event_type_id = 0;
  EmitTarget target = EmitTarget::Programme;
  expr::Expression subjects;  ///< for EmitTarget::Subjects
  expr::Template data;        ///< empty: an empty object
};

/// @brief One step of a transition's, entry's or exit's `do` list.
struct Action {
  Location where;
  std::variant<CallAction, SetAction, EmitAction> body;
};

/// @brief `{"if": GUARD, "target": STATE, "do": [...]}`.
struct Transition {
  Location where;
  expr::Expression guard;  ///< empty: always taken
  int target = -1;         ///< state index; -1: stay, run the actions only (no exit/entry)
  std::vector<Action> actions;
};

/// @brief `{"delay": "P14D"}` (from entering the state) or `{"at": EXPR}` (a time).
struct Timer {
  Location where;
  std::optional<std::int64_t> delay_ms;
  expr::Expression at;
  Transition transition;
};

/// @brief The transitions one event type may take from one state, tried in order.
struct Handlers {
  std::string event_type;
  EventTypeId event_type_id = 0;
  std::vector<Transition> transitions;
};

/// @brief A state.
struct State {
  std::string name;
  Symbol symbol = kNoSymbol;  ///< symbol(name): histories store it instead of the text
  bool final = false;
  Location where;
  std::vector<Action> entry;
  std::vector<Action> exit;
  std::vector<Handlers> on;  ///< sorted by event_type_id
  std::vector<Timer> after;

  /// @brief The handlers for an event type, or nullptr.
  const Handlers* handlers_for(EventTypeId type) const;
};

/// @brief A whole definition.
struct Definition {
  std::string id;
  int version = 1;
  std::string hash;   ///< SHA-256 of the canonical JSON: the version identity
  std::string file;
  std::string description;
  std::string correlation;                 ///< the data field the subject names, e.g. applicant_id
  std::vector<std::string> start_events;   ///< event types that create an instance
  int initial = 0;
  std::vector<State> states;
  Value data_schema;                            ///< null when not declared
  std::map<std::string, Value> event_schemas;   ///< payload schema per consumed event type
  std::map<std::string, Value> emits;           ///< declared emitted events (type -> schema)

  /// @brief State index by name, or -1.
  int state_index(std::string_view name) const;
  /// @brief True when `type` is one of start_events.
  bool starts_on(std::string_view type) const;
  /// @brief Every event type some state handles (the `on` keys).
  std::vector<std::string> consumed_events() const;
};

}  // namespace cohort::model
