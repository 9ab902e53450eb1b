#pragma once
/// @file zone_cache.hpp
/// @brief IANA zones loaded once per directory and shared, so a busy plugin reads each
///        zone file once.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cohort_plugin_common/time_zone.hpp"

namespace cohort_plugin_common {

/// @brief Zones by name, loaded once from one directory. Thread-safe.
class ZoneCache {
 public:
  /// @brief `dir` empty: default_zone_dir() ($TZDIR, else /usr/share/zoneinfo).
  explicit ZoneCache(std::string dir = {});
  /// @brief The zone, loading it on first use; nullptr with `error` set (not a zone name,
  ///        unknown zone, unreadable file). Failures are not cached.
  std::shared_ptr<const TimeZone> get(const std::string& name, std::string& error);
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TimeZone>> zones_;
};

}  // namespace cohort_plugin_common
