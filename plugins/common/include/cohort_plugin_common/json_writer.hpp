#pragma once
/// @file json_writer.hpp
/// @brief The small RapidJSON writing steps every plugin's results repeat: a keyed string,
///        a keyed string or null, a keyed list of strings.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

namespace cohort_plugin_common {

/// @brief The writer the plugins build their results with.
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// @brief `"key": "value"` (the length is passed, so a value may hold NUL characters).
inline void put(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

/// @brief `"key": "value"`, or `"key": null` when the value is empty.
inline void put_or_null(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  if (value.empty())
    w.Null();
  else
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

/// @brief `"key": ["a", "b"]`.
inline void put_list(JsonWriter& w, const char* key, const std::vector<std::string>& items) {
  w.Key(key);
  w.StartArray();
  for (const auto& s : items) w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
}

}  // namespace cohort_plugin_common
