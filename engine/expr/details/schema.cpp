#include "expr/details/schema.hpp"

#include <algorithm>

namespace cohort::expr::detail {
namespace {

Type simple_type(std::string_view name) {
  if (name == "integer") return Type::Int;
  if (name == "number") return Type::Number;
  if (name == "string") return Type::String;
  if (name == "boolean") return Type::Bool;
  if (name == "array") return Type::List;
  if (name == "object") return Type::Object;
  if (name == "null") return Type::Null;
  return Type::Any;
}

// `"type": ["string", "null"]` is the usual way to say "optional": every read may give
// null anyway, so the non-null member is the type. Two real alternatives are Any.
Type declared_type(const Value& type) {
  if (type.is_string()) return simple_type(type.as_string());
  if (!type.is_list()) return Type::Any;
  Type found = Type::Null;
  for (const auto& t : type.as_list()) {
    if (!t.is_string()) return Type::Any;
    Type one = simple_type(t.as_string());
    if (one == Type::Null) continue;
    if (found == Type::Null || found == one) {
      found = one;
    } else if ((found == Type::Int || found == Type::Number) && (one == Type::Int || one == Type::Number)) {
      found = Type::Number;
    } else {
      return Type::Any;
    }
  }
  return found;
}

}  // namespace

TypeInfo type_of_schema(const Value* schema, std::string path) {
  TypeInfo info;
  info.path = std::move(path);
  if (!schema || !schema->is_object()) return info;
  const Value* type = schema->find("type");
  if (type) {
    info.type = declared_type(*type);
  } else if (schema->find("properties")) {
    info.type = Type::Object;
  } else if (schema->find("items")) {
    info.type = Type::List;
  }
  if (info.type == Type::String) {
    const Value& format = (*schema)["format"];
    if (format.is_string() && (format.as_string() == "date" || format.as_string() == "date-time")) {
      info.type = Type::Time;
      info.stored_as_string_time = true;
    }
  }
  if (info.type == Type::Object || info.type == Type::List) info.schema = schema;
  return info;
}

FieldLookup find_field(const Value& object_schema, std::string_view name, const Value*& field) {
  field = nullptr;
  const Value* props = object_schema.find("properties");
  if (props && props->is_object()) {
    if (const Value* p = props->find(name)) {
      field = p;
      return FieldLookup::Declared;
    }
  }
  const Value* extra = object_schema.find("additionalProperties");
  if (extra && extra->is_object()) {
    field = extra;
    return FieldLookup::Open;
  }
  if (extra && extra->is_bool() && extra->as_bool()) return FieldLookup::Open;
  if (!props || !props->is_object()) return FieldLookup::Open;
  return FieldLookup::Undeclared;
}

std::vector<std::string> field_names(const Value& object_schema) {
  std::vector<std::string> names;
  const Value* props = object_schema.find("properties");
  if (props && props->is_object())
    for (const auto& m : props->members()) names.push_back(m.first);
  return names;
}

const Value* items_schema(const Value* list_schema) {
  if (!list_schema || !list_schema->is_object()) return nullptr;
  const Value* items = list_schema->find("items");
  return items && items->is_object() ? items : nullptr;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace cohort::expr::detail
