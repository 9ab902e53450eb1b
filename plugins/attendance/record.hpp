#pragma once
/// @file record.hpp
/// @brief One check-in as the participant's workflow records it (`data.checkins[i]`): the
///        plugin is given these back on every call instead of keeping its own copy, so a
///        replayed or retried call sees exactly what the instance saw.

#include <optional>
#include <string>

#include "schedule.hpp"

namespace cohort_attendance {

/// @brief A recorded check-in or correction.
struct Record {
  std::string session;
  Status status = Status::Present;
  std::string method;  ///< "qr", "staff", "manual"; empty for entries recorded without the plugin
  std::string at;      ///< when, as recorded (ISO 8601)
  std::string by;      ///< staff id (staff check-in, correction, or who scanned)
  std::string reason;  ///< why (corrections)
  std::optional<int> minutes_late;
  std::string previous;  ///< corrections: the status before, or empty when there was none

  /// @brief Corrections replace what came before them; everything else is an attendance scan.
  bool is_correction() const { return method == "manual"; }
};

}  // namespace cohort_attendance
