#include "cohort_plugin_common/time_zone.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <vector>

namespace cohort_plugin_common {
namespace {

// A zone name becomes a path: only plain segments of the characters IANA names use.
bool safe_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 128 || name.front() == '/' || name.back() == '/') return false;
  std::size_t segment_start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      const std::string_view segment(name.data() + segment_start, i - segment_start);
      if (segment.empty() || segment == "." || segment == "..") return false;
      segment_start = i + 1;
      continue;
    }
    const char c = name[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '+' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string default_zone_dir() {
  const char* env = std::getenv("TZDIR");
  return env && *env ? env : "/usr/share/zoneinfo";
}

std::shared_ptr<const TimeZone> TimeZone::from_tzif(const std::string& name, std::string_view bytes,
                                                    std::string& error) {
  std::shared_ptr<TimeZone> zone(new TimeZone);
  zone->name_ = name;
  if (!details::parse_tzif(bytes, zone->data_, error)) {
    error = "time zone " + name + ": " + error;
    return nullptr;
  }
  if (!zone->data_.footer.empty()) {
    zone->rule_ = details::parse_posix_rule(zone->data_.footer);
    if (!zone->rule_) {
      error = "time zone " + name + ": unreadable rule '" + zone->data_.footer + "'";
      return nullptr;
    }
  }
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::load(const std::string& name, const std::string& dir, std::string& error) {
  if (!safe_zone_name(name)) {
    error = "'" + name + "' is not an IANA time zone name (like Asia/Shanghai)";
    return nullptr;
  }
  const std::string root = dir.empty() ? default_zone_dir() : dir;
  const std::string path = root + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const bool have_database = std::filesystem::is_directory(root, ec);
    error = "unknown time zone '" + name + "' (no " + path + (have_database ? ")" : "; is tzdata installed?)");
    return nullptr;
  }
  std::string bytes;
  constexpr std::size_t kMaxFile = 1 << 20;  // real zone files are a few kB
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (bytes.size() > kMaxFile) {
    error = "time zone file " + path + " is too large";
    return nullptr;
  }
  return from_tzif(name, bytes, error);
}

int TimeZone::offset_at(std::int64_t t) const {
  const auto& times = data_.transitions;
  if (times.empty()) return rule_ ? rule_->offset_at(t) : data_.initial_offset;
  if (t < times.front()) return data_.initial_offset;
  const auto idx = static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(), t) - times.begin()) - 1;
  if (idx + 1 == times.size() && rule_) return rule_->offset_at(t);
  return data_.offsets_after[idx];
}

ResolvedTime TimeZone::resolve(std::int64_t local) const {
  // Every offset in effect within a day and a bit of the wall-clock time read as UTC;
  // offsets never exceed 26 hours, and no zone changes offset twice within an hour.
  std::set<int> nearby;
  for (std::int64_t h = -27; h <= 27; ++h) nearby.insert(offset_at(local + h * 3600));
  std::vector<int> valid;  // ascending, like `nearby`
  for (int o : nearby)
    if (offset_at(local - o) == o) valid.push_back(o);
  ResolvedTime r;
  if (valid.empty()) {
    // Clocks jumped forward over this time: the offset before the jump is the smaller one.
    r.kind = ResolvedTime::Kind::Skipped;
    r.earlier.offset_seconds = r.later.offset_seconds = *nearby.begin();
  } else {
    // The larger the offset, the earlier the instant.
    r.kind = valid.size() > 1 ? ResolvedTime::Kind::Ambiguous : ResolvedTime::Kind::Unique;
    r.earlier.offset_seconds = valid.back();
    r.later.offset_seconds = valid.front();
  }
  r.earlier.unix_seconds = local - r.earlier.offset_seconds;
  r.later.unix_seconds = local - r.later.offset_seconds;
  return r;
}

}  // namespace cohort_plugin_common
