#pragma once
/// @file json.hpp
/// @brief JSON text <-> cohort::Value, with source positions for diagnostics.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "value/value.hpp"

namespace cohort {

/// @brief A 1-based line and column in a text.
struct TextPosition {
  int line = 1;
  int column = 1;
};

/// @brief Turns byte offsets into line:column (columns count UTF-8 code points).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  TextPosition position(std::size_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

/// @brief Why a JSON text did not parse.
struct JsonError {
  std::size_t offset = 0;
  TextPosition where;
  std::string message;
};

/// @brief A parsed document plus where each value starts (by JSON pointer, "" for the root).
struct LocatedJson {
  Value value;
  std::unordered_map<std::string, std::size_t> offsets;
  /// @brief Keys that appear twice in one object: (pointer of the later one, its offset).
  std::vector<std::pair<std::string, std::size_t>> duplicate_keys;
  /// @brief Offset of the value at `pointer`, or of its nearest located ancestor.
  std::size_t offset_of(std::string_view pointer) const;
};

/// @brief Parses JSON text. Returns false and fills `error` on a syntax error.
bool parse_json(std::string_view text, Value& out, JsonError& error);
/// @brief Parses JSON text and records the offset of every value by JSON pointer.
bool parse_json_located(std::string_view text, LocatedJson& out, JsonError& error);

/// @brief Compact JSON text. Timestamps are written as ISO 8601 UTC strings.
std::string to_json(const Value& v);
/// @brief Indented JSON text, for people.
std::string to_pretty_json(const Value& v);

/// @brief Escapes one JSON pointer reference token ("~" -> "~0", "/" -> "~1").
std::string json_pointer_escape(std::string_view token);

}  // namespace cohort
