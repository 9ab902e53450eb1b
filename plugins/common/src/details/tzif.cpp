#include "cohort_plugin_common/details/tzif.hpp"

namespace cohort_plugin_common::details {
namespace {

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::int64_t be64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return static_cast<std::int64_t>(v);
}

bool read_header(std::string_view bytes, std::size_t at, Header& h) {
  if (bytes.size() < at + 44 || bytes.substr(at, 4) != "TZif") return false;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  h.version = static_cast<char>(p[4]);
  h.isutcnt = be32(p + 20);
  h.isstdcnt = be32(p + 24);
  h.leapcnt = be32(p + 28);
  h.timecnt = be32(p + 32);
  h.typecnt = be32(p + 36);
  h.charcnt = be32(p + 40);
  return true;
}

// RFC 8536 needs at least one time type, and a transition names its type in one byte.
bool sane_counts(const Header& h) { return h.typecnt >= 1 && h.typecnt <= 256; }

// Size of a data block after its header, with `time_size` bytes per transition time.
std::size_t block_size(const Header& h, std::size_t time_size) {
  const std::size_t times = h.timecnt, types = h.typecnt, leaps = h.leapcnt;
  return times * time_size + times + types * 6 + std::size_t{h.charcnt} + leaps * (time_size + 4) +
         std::size_t{h.isstdcnt} + std::size_t{h.isutcnt};
}

}  // namespace

bool parse_tzif(std::string_view bytes, TzifData& out, std::string& error) {
  Header h;
  if (!read_header(bytes, 0, h)) {
    error = "not a TZif file";
    return false;
  }
  std::size_t at = 44;
  std::size_t time_size = 4;
  if (h.version >= '2') {
    // Version 2+ repeats the data with 64-bit times after the version 1 block: use that one.
    at += block_size(h, 4);
    if (!read_header(bytes, at, h)) {
      error = "truncated TZif file (second header)";
      return false;
    }
    at += 44;
    time_size = 8;
  }
  if (!sane_counts(h) || bytes.size() < at + block_size(h, time_size)) {
    error = "truncated TZif file";
    return false;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  const unsigned char* indices = p + std::size_t{h.timecnt} * time_size;
  const unsigned char* types = indices + h.timecnt;

  std::vector<int> type_offsets(h.typecnt);
  for (std::uint32_t i = 0; i < h.typecnt; ++i)
    type_offsets[i] = static_cast<std::int32_t>(be32(types + std::size_t{i} * 6));

  out = TzifData{};
  out.initial_offset = type_offsets[0];
  out.transitions.reserve(h.timecnt);
  out.offsets_after.reserve(h.timecnt);
  for (std::uint32_t i = 0; i < h.timecnt; ++i) {
    const std::int64_t t = time_size == 8 ? be64(p + std::size_t{i} * 8)
                                          : static_cast<std::int32_t>(be32(p + std::size_t{i} * 4));
    if (indices[i] >= h.typecnt || (!out.transitions.empty() && t <= out.transitions.back())) {
      error = "corrupt TZif file (transition " + std::to_string(i) + ")";
      return false;
    }
    out.transitions.push_back(t);
    out.offsets_after.push_back(type_offsets[indices[i]]);
  }

  if (time_size == 8) {
    const std::size_t footer_at = at + block_size(h, 8);
    if (bytes.size() > footer_at + 1 && bytes[footer_at] == '\n') {
      const auto end = bytes.find('\n', footer_at + 1);
      if (end != std::string_view::npos) out.footer = std::string(bytes.substr(footer_at + 1, end - footer_at - 1));
    }
  }
  return true;
}

}  // namespace cohort_plugin_common::details
