#pragma once
/// @file json_reader.hpp
/// @brief Lenient field access on RapidJSON values: absent and null mean "not given", a value
///        of the wrong kind records one precise message naming the field.

#include <rapidjson/document.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cohort_plugin_common {

/// @brief Parses `text` into `doc`; false when it is not JSON or not an object (the caller
///        words the message, naming the operation).
inline bool parse_object(std::string_view text, rapidjson::Document& doc) {
  doc.Parse(text.data(), text.size());
  return !doc.HasParseError() && doc.IsObject();
}

/// @brief Parses a plugin's configuration (host().config()): empty text is an empty object.
///        False with `error` set when it is not a JSON object.
inline bool parse_config(std::string_view text, rapidjson::Document& doc, std::string& error) {
  if (parse_object(text.empty() ? std::string_view("{}") : text, doc)) return true;
  error = "the configuration must be a JSON object";
  return false;
}

/// @brief Reads fields, remembering the first one of the wrong kind.
class JsonReader {
 public:
  using Json = rapidjson::Value;

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  static const Json* member(const Json& obj, const char* name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  const Json* object(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (v && !v->IsObject()) {
      fail(where + name + " must be an object");
      return nullptr;
    }
    return v;
  }

  std::string string(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return {};
    if (!v->IsString()) {
      fail(where + name + " must be a string");
      return {};
    }
    return {v->GetString(), v->GetStringLength()};
  }

  /// @brief Like string(), but "not given" stays apart from "given empty".
  std::optional<std::string> optional_string(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsString()) {
      fail(where + name + " must be a string");
      return std::nullopt;
    }
    return std::string(v->GetString(), v->GetStringLength());
  }

  /// @brief A string that must be given and not be empty.
  std::string required_string(const Json& obj, const char* name, const std::string& where) {
    auto s = optional_string(obj, name, where);
    if (!s && !failed()) fail(where + name + " is required");
    if (s && s->empty()) fail(where + name + " must not be empty");
    return s.value_or("");
  }

  std::optional<bool> boolean(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsBool()) {
      fail(where + name + " must be true or false");
      return std::nullopt;
    }
    return v->GetBool();
  }

  std::optional<double> number(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsNumber()) {
      fail(where + name + " must be a number");
      return std::nullopt;
    }
    return v->GetDouble();
  }

  std::optional<int> integer(const Json& obj, const char* name, const std::string& where) {
    auto d = number(obj, name, where);
    if (!d) return std::nullopt;
    if (std::floor(*d) != *d || std::fabs(*d) > 1e9) {
      fail(where + name + " must be a whole number");
      return std::nullopt;
    }
    return static_cast<int>(*d);
  }

  std::vector<std::string> strings(const Json& obj, const char* name, const std::string& where) {
    std::vector<std::string> out;
    const Json* v = member(obj, name);
    if (!v) return out;
    if (!v->IsArray()) {
      fail(where + name + " must be a list of strings");
      return out;
    }
    for (const auto& item : v->GetArray()) {
      if (item.IsString())
        out.emplace_back(item.GetString(), item.GetStringLength());
      else
        fail(where + name + " must be a list of strings");
    }
    return out;
  }

 private:
  std::string error_;
};

}  // namespace cohort_plugin_common
