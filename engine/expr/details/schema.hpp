#pragma once
/// @file schema.hpp
/// @brief Reading static types out of the JSON Schema (draft-04 subset) of a root.

#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.hpp"
#include "value/value.hpp"

namespace cohort::expr::detail {

/// @brief A static type plus, for objects and lists, the schema that says what is inside.
///        Lives only while compiling: `schema` points into the TypeEnv.
struct TypeInfo {
  Type type = Type::Any;
  const Value* schema = nullptr;
  /// @brief How the value was reached ("data.address"), for messages; "" when computed.
  std::string path;
  /// @brief Declared as a date or date-time string: read as a Timestamp.
  bool stored_as_string_time = false;
};

/// @brief The type a schema describes. A missing or empty schema is Any.
TypeInfo type_of_schema(const Value* schema, std::string path);

/// @brief Outcome of looking up a member in an object schema.
enum class FieldLookup {
  Declared,    ///< in `properties`; `schema` is its schema
  Open,        ///< not declared, but the object admits others (`additionalProperties`)
  Undeclared,  ///< not declared and `properties` is closed: a compile error
};

/// @brief Looks `name` up in an object schema; sets `field` to the member's schema (or nullptr).
FieldLookup find_field(const Value& object_schema, std::string_view name, const Value*& field);
/// @brief The declared member names of an object schema, sorted.
std::vector<std::string> field_names(const Value& object_schema);
/// @brief The element schema of a list schema, or nullptr.
const Value* items_schema(const Value* list_schema);

/// @brief Levenshtein distance, to suggest the name that was probably meant.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace cohort::expr::detail
