#pragma once
/// @file deadline.hpp
/// @brief Whether a submission at instant T is on time for a deadline written as a local
///        date-time in the venue's IANA zone, with an optional personal extension.

#include <cstdint>
#include <string>
#include <vector>

#include <cohort_plugin_common/time_zone.hpp>
#include <cohort_plugin_common/zone_cache.hpp>

namespace cohort_eligibility {

using cohort_plugin_common::TimeZone;
using cohort_plugin_common::ZoneCache;

/// @brief A submission and the deadline it is measured against. Texts are ISO 8601.
struct DeadlineQuery {
  std::string at;         ///< when it was submitted; without an offset it is read in `timezone`
  std::string deadline;   ///< local date-time in `timezone` ("2024-12-15T23:59"), or an instant with offset
  std::string timezone;   ///< IANA zone of the venue ("Asia/Shanghai")
  std::string extension;  ///< optional: a personal deadline (date-time) or a duration added to the deadline ("P3D")
  std::string opens;      ///< optional: when the call opens; earlier submissions are refused
};

/// @brief The verdict, with every instant the reason mentions.
struct DeadlineVerdict {
  bool on_time = false;
  std::string code;    ///< "on_time", "late" or "not_open"
  std::string reason;  ///< one sentence for people
  std::int64_t at_ms = 0;
  std::int64_t deadline_ms = 0;   ///< the effective deadline as named (start of its last unit)
  std::int64_t closes_at_ms = 0;  ///< the first instant that is late
  int deadline_offset = 0;        ///< the zone's UTC offset at the effective deadline
  int at_offset = 0;              ///< the zone's UTC offset at the submission
  bool extended = false;          ///< the extension moved the deadline later
  std::int64_t seconds_left = 0;  ///< on time: whole seconds before closes_at
  std::int64_t seconds_late = 0;  ///< late: whole seconds after closes_at
  std::vector<std::string> warnings;  ///< odd input that did not stop the check (DST gap, offset mismatch, ...)
};

/// @brief Checks the submission. A deadline covers the whole of its last named unit: a date
///        alone runs to the end of that local day, "23:59" (or "23:59:00") to 23:59:59.999,
///        "23:59:30" to 23:59:30.999. An extension never brings the deadline forward.
///        False with `error` set when a text cannot be read or the zone is unknown.
bool check_deadline(const DeadlineQuery& query, ZoneCache& zones, DeadlineVerdict& verdict, std::string& error);

}  // namespace cohort_eligibility
