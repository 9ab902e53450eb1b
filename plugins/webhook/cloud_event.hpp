#pragma once
/// @file cloud_event.hpp
/// @brief An engine event turned into the body of a CloudEvents HTTP request
///        (structured mode: the whole event as JSON, Content-Type application/cloudevents+json).

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort_webhook {

/// @brief The media type of a structured-mode CloudEvent.
inline constexpr std::string_view kCloudEventsContentType = "application/cloudevents+json; charset=utf-8";

/// @brief One event ready to POST.
struct Outgoing {
  std::string type;  ///< the CloudEvents type (what targets match against)
  std::string id;    ///< the CloudEvents id (receivers dedupe on source + id)
  std::string body;  ///< the CloudEvent as JSON text
};

/// @brief Builds the CloudEvent for an engine event (JSON object text). Keeps the event's
///        id, source, type, subject, time and data, so a retried delivery carries the same
///        id; adds specversion "1.0", datacontenttype for the data, and `time` (from
///        `now_ms`) when the event has none. False with a reason when the text is not an
///        event (not an object, no type).
bool make_outgoing(std::string_view event_json, std::int64_t now_ms, Outgoing& out, std::string& error);

/// @brief RFC 3339 UTC text of a Unix time in milliseconds ("2025-03-01T01:00:00Z").
std::string rfc3339_utc(std::int64_t unix_ms);

}  // namespace cohort_webhook
