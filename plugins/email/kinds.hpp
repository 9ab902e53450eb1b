#pragma once
/// @file kinds.hpp
/// @brief The message kinds email.send knows, and the fields each kind's templates may use.

#include <string>
#include <string_view>
#include <vector>

namespace cohort_email {

/// @brief One kind of message (a stage of the programme) and the event fields it may use.
///
/// Every kind may use the participant and programme fields (participant_fields(),
/// programme_fields()); event fields are what the stage's event carries.
struct Kind {
  std::string_view id;                       ///< "offer_made"
  std::string_view description;              ///< for people
  std::vector<std::string_view> event_fields;  ///< "event.expires_at", ...
};

/// @brief Every kind, in documentation order.
const std::vector<Kind>& kinds();

/// @brief The kind with this id, or nullptr.
const Kind* find_kind(std::string_view id);

/// @brief The participant fields every kind may use ("participant.name", ...).
const std::vector<std::string_view>& participant_fields();

/// @brief The programme fields every kind may use ("programme.title", ...).
const std::vector<std::string_view>& programme_fields();

/// @brief True when a template of `kind` may refer to `path`.
bool field_allowed(const Kind& kind, std::string_view path);

/// @brief The event fields of a kind as a readable list, for error messages.
std::string describe_fields(const Kind& kind);

/// @brief The ids of all kinds, comma-separated, for error messages.
std::string kind_ids();

}  // namespace cohort_email
