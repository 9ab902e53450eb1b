#pragma once
/// @file tzif.hpp
/// @brief Reads the TZif files of the system time zone database (RFC 8536, versions 1-4).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cohort_plugin_common::details {

/// @brief What a TZif file says: transition instants, the offset after each, and the
///        POSIX rule for instants after the last transition.
struct TzifData {
  std::vector<std::int64_t> transitions;  ///< Unix seconds, ascending
  std::vector<int> offsets_after;         ///< UTC offset (seconds) from transitions[i] on
  int initial_offset = 0;                 ///< before the first transition (time type 0)
  std::string footer;                     ///< POSIX TZ rule; empty in version 1 files
};

/// @brief Parses a whole TZif file. False with `error` set when it is not a valid one.
bool parse_tzif(std::string_view bytes, TzifData& out, std::string& error);

}  // namespace cohort_plugin_common::details
