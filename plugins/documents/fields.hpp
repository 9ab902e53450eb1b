#pragma once
/// @file fields.hpp
/// @brief The values a template's {{field}} placeholders are replaced with.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cohort_documents {

/// @brief Field name -> text, already cleaned and formatted (dates, hours) for printing.
struct Fields {
  std::map<std::string, std::string, std::less<>> values;

  /// @brief The value of `name`, empty when the arguments did not give it.
  std::string_view get(std::string_view name) const {
    auto it = values.find(name);
    return it == values.end() ? std::string_view{} : std::string_view(it->second);
  }
};

/// @brief Every field name a template may use, besides "extra.KEY".
const std::vector<std::string_view>& known_fields();

/// @brief True for a name in known_fields() or "extra.KEY" (KEY: letters, digits, '_', '-').
bool is_known_field(std::string_view name);

}  // namespace cohort_documents
