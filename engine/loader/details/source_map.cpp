#include "loader/details/source_map.hpp"

#include <algorithm>
#include <cctype>

namespace cohort::loader::details {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex4(std::string_view s, std::size_t i) {
  if (i + 4 > s.size()) return -1;
  int v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    char c = s[k];
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                        : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

std::size_t utf8_length(int cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

}  // namespace

SourceMap::SourceMap(std::string file, std::string_view text, const LocatedJson& doc)
    : file_(std::move(file)), text_(text), doc_(doc), lines_(text) {}

model::Location SourceMap::make(const std::string& pointer, std::size_t offset) const {
  auto p = lines_.position(offset);
  return model::Location{file_, p.line, p.column, pointer};
}

model::Location SourceMap::at(const std::string& pointer) const { return make(pointer, doc_.offset_of(pointer)); }

model::Location SourceMap::at_key(const std::string& pointer) const {
  auto it = doc_.offsets.find(pointer);
  if (it == doc_.offsets.end()) return at(pointer);
  return key_before(pointer, it->second);
}

model::Location SourceMap::key_before(const std::string& pointer, std::size_t value_offset) const {
  // Walk back from the value over `"key" :` to the key's opening quote.
  std::size_t i = std::min(value_offset, text_.size());
  while (i > 0 && is_space(text_[i - 1])) --i;
  if (i == 0 || text_[i - 1] != ':') return at(pointer);
  --i;
  while (i > 0 && is_space(text_[i - 1])) --i;
  if (i == 0 || text_[i - 1] != '"') return at(pointer);
  --i;  // the closing quote
  while (i > 0) {
    --i;
    if (text_[i] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return make(pointer, i);
  }
  return at(pointer);
}

model::Location SourceMap::inside_string(const std::string& pointer, std::size_t offset) const {
  auto it = doc_.offsets.find(pointer);
  if (it == doc_.offsets.end() || it->second >= text_.size() || text_[it->second] != '"') return at(pointer);
  // Map a byte of the decoded string back to the raw text, stepping over escapes.
  std::size_t raw = it->second + 1;
  std::size_t decoded = 0;
  while (decoded < offset && raw < text_.size() && text_[raw] != '"') {
    if (text_[raw] != '\\' || raw + 1 >= text_.size()) {
      ++raw;
      ++decoded;
      continue;
    }
    if (text_[raw + 1] != 'u') {
      raw += 2;
      ++decoded;
      continue;
    }
    int cp = hex4(text_, raw + 2);
    if (cp >= 0xD800 && cp < 0xDC00 && raw + 11 < text_.size() && text_[raw + 6] == '\\' &&
        text_[raw + 7] == 'u') {
      raw += 12;
      decoded += 4;
      continue;
    }
    raw += 6;
    decoded += cp < 0 ? 1 : utf8_length(cp);
  }
  return make(pointer, raw);
}

}  // namespace cohort::loader::details
