#pragma once
/// @file cloudevent.hpp
/// @brief CloudEvents 1.0 (structured JSON) in and out, and JSON Lines event files.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "event/event.hpp"

namespace cohort {

/// @brief Parses one structured-mode CloudEvent. On failure returns false and says why
///        in `error` (which attribute, what was expected).
bool parse_cloudevent(std::string_view json, Event& out, std::string& error);

/// @brief One compact JSON line for an event.
std::string to_cloudevent_json(const Event& event);

/// @brief One line of an events file: an event, or why the line is not one.
struct EventLine {
  std::size_t line = 0;  ///< 1-based
  bool ok = false;
  Event event;
  std::string error;
};

/// @brief Reads a JSON Lines file of CloudEvents, calling `visit` for every non-blank line.
///        Returns false (with `error`) only when the file cannot be read at all.
bool read_event_lines(const std::string& path, const std::function<void(EventLine&)>& visit,
                      std::string& error);

}  // namespace cohort
