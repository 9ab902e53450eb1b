#pragma once
/// @file json_reader.hpp
/// @brief Lenient field access on RapidJSON values: absent and null mean "not given", a value
///        of the wrong kind records one precise message naming the field.

#include <rapidjson/document.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace cohort_plugin_common {

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
