#pragma once
/// @file render.hpp
/// @brief Internal: small helpers shared by the text and JSON renderings of inspect and list.

#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "host/plugin_description.hpp"

namespace cohort::host::details {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

inline void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

inline void write_field(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  write_string(w, value);
}

inline std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

/// Writes {"id", "name", ..., "operations":[{"name","description"}], "subscribes":[...]} (+ "abi" if given).
inline void write_description(JsonWriter& w, const PluginDescription& d, std::string_view abi) {
  w.StartObject();
  write_field(w, "id", d.id);
  write_field(w, "name", d.name);
  write_field(w, "vendor", d.vendor);
  write_field(w, "version", d.version);
  write_field(w, "description", d.description);
  if (!abi.empty()) write_field(w, "abi", abi);
  w.Key("operations");
  w.StartArray();
  for (const auto& op : d.operations) {
    w.StartObject();
    write_field(w, "name", op.name);
    write_field(w, "description", op.description);
    w.Key("effects");
    w.Bool(op.effects);
    w.EndObject();
  }
  w.EndArray();
  w.Key("subscribes");
  w.StartArray();
  for (const auto& s : d.subscribes) write_string(w, s);
  w.EndArray();
  w.EndObject();
}

}  // namespace cohort::host::details
