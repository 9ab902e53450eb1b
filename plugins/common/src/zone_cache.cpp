#include "cohort_plugin_common/zone_cache.hpp"

namespace cohort_plugin_common {

ZoneCache::ZoneCache(std::string dir) : dir_(dir.empty() ? default_zone_dir() : std::move(dir)) {}

std::shared_ptr<const TimeZone> ZoneCache::get(const std::string& name, std::string& error) {
  std::lock_guard lock(mutex_);
  if (auto it = zones_.find(name); it != zones_.end()) return it->second;
  auto zone = TimeZone::load(name, dir_, error);
  if (zone) zones_.emplace(name, zone);
  return zone;
}

}  // namespace cohort_plugin_common
