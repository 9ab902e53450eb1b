#include "details/json_span.hpp"

namespace cohort_documents::details {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void skip_space(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && is_space(s[pos])) ++pos;
}

// pos at the opening quote; leaves pos after the closing quote.
bool skip_string(std::string_view s, std::size_t& pos) {
  for (++pos; pos < s.size(); ++pos) {
    if (s[pos] == '\\') {
      ++pos;
    } else if (s[pos] == '"') {
      ++pos;
      return true;
    }
  }
  return false;
}

// Skips one value (valid JSON assumed); leaves pos right after it.
bool skip_value(std::string_view s, std::size_t& pos) {
  if (pos >= s.size()) return false;
  if (s[pos] == '"') return skip_string(s, pos);
  if (s[pos] == '{' || s[pos] == '[') {
    int depth = 0;
    while (pos < s.size()) {
      const char c = s[pos];
      if (c == '"') {
        if (!skip_string(s, pos)) return false;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) {
          ++pos;
          return true;
        }
      }
      ++pos;
    }
    return false;
  }
  // A number, true, false or null: runs to the next delimiter.
  while (pos < s.size() && !is_space(s[pos]) && s[pos] != ',' && s[pos] != '}' && s[pos] != ']') ++pos;
  return true;
}

}  // namespace

bool member_text(std::string_view json, std::string_view key, std::string_view& value) {
  std::size_t pos = 0;
  skip_space(json, pos);
  if (pos >= json.size() || json[pos] != '{') return false;
  ++pos;
  bool found = false;
  while (true) {
    skip_space(json, pos);
    if (pos >= json.size() || json[pos] != '"') return false;
    const std::size_t name_start = pos + 1;
    if (!skip_string(json, pos)) return false;
    const std::string_view name = json.substr(name_start, pos - 1 - name_start);
    skip_space(json, pos);
    if (pos >= json.size() || json[pos] != ':') return false;
    ++pos;
    skip_space(json, pos);
    const std::size_t value_start = pos;
    if (!skip_value(json, pos)) return false;
    // The first of duplicate keys wins, as with RapidJSON's FindMember elsewhere in the plugin.
    if (name == key && !found) {
      value = json.substr(value_start, pos - value_start);
      found = true;
    }
    skip_space(json, pos);
    if (pos < json.size() && json[pos] == ',') {
      ++pos;
      continue;
    }
    return found;
  }
}

}  // namespace cohort_documents::details
