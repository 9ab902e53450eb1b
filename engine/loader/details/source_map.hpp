#pragma once
/// @file source_map.hpp
/// @brief JSON pointers of one parsed definition -> file, line:column (internal).

#include <cstddef>
#include <string>
#include <string_view>

#include "model/definition.hpp"
#include "value/json.hpp"

namespace cohort::loader::details {

/// @brief Locates values, member keys and characters inside strings of one document.
class SourceMap {
 public:
  SourceMap(std::string file, std::string_view text, const LocatedJson& doc);

  const std::string& file() const { return file_; }
  /// @brief Where the value at `pointer` starts (or its nearest located ancestor).
  model::Location at(const std::string& pointer) const;
  /// @brief Where the key of the member at `pointer` starts (its opening quote).
  model::Location at_key(const std::string& pointer) const;
  /// @brief Where the key is whose value starts at `value_offset` (for duplicate keys).
  model::Location key_before(const std::string& pointer, std::size_t value_offset) const;
  /// @brief Offset of the value at `pointer` in the text (document order of members).
  std::size_t offset(const std::string& pointer) const { return doc_.offset_of(pointer); }
  /// @brief Where byte `offset` of the decoded string at `pointer` was written.
  model::Location inside_string(const std::string& pointer, std::size_t offset) const;

 private:
  model::Location make(const std::string& pointer, std::size_t offset) const;

  std::string file_;
  std::string_view text_;
  const LocatedJson& doc_;
  LineIndex lines_;
};

}  // namespace cohort::loader::details
