#include "time_zone.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cohort_attendance {
namespace {

// Area/Location names only: nothing that could climb out of the zone directory.
bool valid_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '/' || name.back() == '/') return false;
  std::size_t part = 0;
  for (char c : name) {
    if (c == '/') {
      if (part == 0) return false;
      part = 0;
      continue;
    }
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '+';
    if (!ok) return false;
    ++part;
  }
  return name.find("..") == std::string_view::npos;
}

class Bytes {
 public:
  explicit Bytes(std::string_view b) : b_(b) {}
  bool has(std::size_t n) const { return pos_ + n <= b_.size(); }
  std::size_t pos() const { return pos_; }
  void skip(std::size_t n) { pos_ += n; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b_[pos_++]);
    return v;
  }
  std::int64_t s64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(b_[pos_++]);
    return static_cast<std::int64_t>(v);
  }
  std::int64_t s32() { return static_cast<std::int32_t>(u32()); }
  unsigned char u8() { return static_cast<unsigned char>(b_[pos_++]); }
  std::string_view rest() const { return b_.substr(pos_); }

 private:
  std::string_view b_;
  std::size_t pos_ = 0;
};

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

bool read_header(Bytes& in, Header& h) {
  if (!in.has(44)) return false;
  if (in.rest().substr(0, 4) != "TZif") return false;
  in.skip(4);
  h.version = static_cast<char>(in.u8());
  in.skip(15);
  h.isutcnt = in.u32();
  h.isstdcnt = in.u32();
  h.leapcnt = in.u32();
  h.timecnt = in.u32();
  h.typecnt = in.u32();
  h.charcnt = in.u32();
  return h.typecnt >= 1 && h.typecnt <= 256 && h.timecnt <= 100000 && h.charcnt <= 10000 && h.leapcnt <= 10000;
}

std::size_t block_size(const Header& h, std::size_t time_bytes) {
  return h.timecnt * time_bytes + h.timecnt + h.typecnt * 6 + h.charcnt + h.leapcnt * (time_bytes + 4) + h.isstdcnt +
         h.isutcnt;
}

}  // namespace

std::optional<TimeZone> TimeZone::load(std::string_view name, std::string& error, const std::string& root) {
  if (!valid_zone_name(name)) {
    error = "'" + std::string(name) + "' is not an IANA time zone name (e.g. Asia/Shanghai)";
    return std::nullopt;
  }
  std::string dir = root;
  if (dir.empty()) {
    const char* env = std::getenv("TZDIR");
    dir = env && *env ? env : "/usr/share/zoneinfo";
  }
  const std::string path = dir + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "unknown time zone '" + std::string(name) + "' (no " + path + "; is tzdata installed?)";
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto zone = from_tzif(std::string(name), bytes.str(), error);
  if (!zone) error = path + ": " + error;
  return zone;
}

std::optional<TimeZone> TimeZone::from_tzif(std::string name, std::string_view bytes, std::string& error) {
  Bytes in(bytes);
  Header h;
  if (!read_header(in, h)) {
    error = "not a TZif zone file";
    return std::nullopt;
  }
  std::size_t time_bytes = 4;
  if (h.version >= '2') {
    // Skip the 32-bit block: the 64-bit one after it covers every instant.
    if (!in.has(block_size(h, 4))) {
      error = "truncated zone file";
      return std::nullopt;
    }
    in.skip(block_size(h, 4));
    if (!read_header(in, h)) {
      error = "truncated zone file (second header)";
      return std::nullopt;
    }
    time_bytes = 8;
  }
  if (!in.has(block_size(h, time_bytes))) {
    error = "truncated zone file";
    return std::nullopt;
  }
  TimeZone zone;
  zone.name_ = std::move(name);
  std::vector<std::int64_t> times(h.timecnt);
  for (auto& t : times) t = time_bytes == 8 ? in.s64() : in.s32();
  std::vector<unsigned char> type_of(h.timecnt);
  for (auto& i : type_of) i = in.u8();
  std::vector<int> type_offsets(h.typecnt);
  for (auto& off : type_offsets) {
    off = static_cast<int>(in.s32());
    in.skip(2);  // isdst, abbreviation index: offsets are all we need
  }
  in.skip(h.charcnt + h.leapcnt * (time_bytes + 4) + h.isstdcnt + h.isutcnt);
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (type_of[i] >= h.typecnt || (i > 0 && times[i] <= times[i - 1])) {
      error = "corrupt transition table";
      return std::nullopt;
    }
    zone.transitions_.push_back(times[i]);
    zone.transition_offsets_.push_back(type_offsets[type_of[i]]);
  }
  zone.initial_offset_ = type_offsets[0];
  if (time_bytes == 8) {
    auto rest = in.rest();
    if (rest.size() >= 2 && rest.front() == '\n') {
      const auto end = rest.find('\n', 1);
      if (end != std::string_view::npos && end > 1) {
        zone.footer_ = details::PosixTz::parse(rest.substr(1, end - 1));
        if (!zone.footer_) {
          error = "unreadable TZ rule '" + std::string(rest.substr(1, end - 1)) + "'";
          return std::nullopt;
        }
      }
    }
  }
  return zone;
}

int TimeZone::offset_at(std::int64_t t) const {
  if (transitions_.empty()) return footer_ ? footer_->offset_at(t) : initial_offset_;
  if (t < transitions_.front()) return initial_offset_;
  if (t >= transitions_.back() && footer_) return footer_->offset_at(t);
  const auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  return transition_offsets_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

std::int64_t TimeZone::to_utc(std::int64_t local) const {
  // Offsets change at most once in a day around any instant that matters here, so the
  // offsets a day either side are the only candidates.
  const int before = offset_at(local - 86400);
  const int after = offset_at(local + 86400);
  const std::int64_t a = local - before, b = local - after;
  const bool a_ok = offset_at(a) == before, b_ok = offset_at(b) == after;
  if (a_ok && b_ok) return std::min(a, b);
  if (a_ok) return a;
  if (b_ok) return b;
  return a;  // skipped local time: read with the offset before the change
}

std::shared_ptr<const TimeZone> ZoneCache::get(const std::string& name, std::string& error) {
  std::lock_guard lock(mutex_);
  if (auto it = zones_.find(name); it != zones_.end()) return it->second;
  auto zone = TimeZone::load(name, error);
  if (!zone) return nullptr;
  auto shared = std::make_shared<const TimeZone>(std::move(*zone));
  zones_.emplace(name, shared);
  return shared;
}

}  // namespace cohort_attendance
