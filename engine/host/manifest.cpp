#include "host/manifest.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "value/json.hpp"

namespace cohort::host {
namespace fs = std::filesystem;

namespace {

std::string kind_of(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "a boolean";
  if (v.IsNumber()) return "a number";
  if (v.IsString()) return fmt::format("\"{}\"", std::string_view(v.GetString(), v.GetStringLength()));
  if (v.IsArray()) return "an array";
  return "an object";
}

// Checks one member; fills `error` with "KEY must be ..., found ..." on failure.
bool get_string(const rapidjson::Value& obj, const char* key, bool required, std::string& out, std::string& error) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) {
    if (required) error = fmt::format("\"{}\" is required", key);
    return !required;
  }
  if (!it->value.IsString()) {
    error = fmt::format("\"{}\" must be a string, found {}", key, kind_of(it->value));
    return false;
  }
  out.assign(it->value.GetString(), it->value.GetStringLength());
  if (required && out.empty()) {
    error = fmt::format("\"{}\" must not be empty", key);
    return false;
  }
  return true;
}

bool valid_id(std::string_view id) {
  if (id.find('.') == std::string_view::npos || id.front() == '.' || id.back() == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  });
}

bool parse_abi(std::string_view abi, unsigned& major, unsigned& minor) {
  auto dot = abi.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == abi.size()) return false;
  auto digits = [](std::string_view s, unsigned& out) {
    if (s.size() > 6) return false;
    out = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + static_cast<unsigned>(c - '0');
    }
    return true;
  };
  return digits(abi.substr(0, dot), major) && digits(abi.substr(dot + 1), minor);
}

bool read_manifest_document(const rapidjson::Value& doc, Manifest& m, std::string& error) {
  if (!doc.IsObject()) {
    error = fmt::format("a manifest must be a JSON object, found {}", kind_of(doc));
    return false;
  }
  if (!get_string(doc, "id", true, m.id, error) || !get_string(doc, "name", true, m.name, error) ||
      !get_string(doc, "vendor", false, m.vendor, error) || !get_string(doc, "version", true, m.version, error) ||
      !get_string(doc, "description", false, m.description, error) || !get_string(doc, "abi", true, m.abi, error))
    return false;
  if (!valid_id(m.id)) {
    error = fmt::format("\"id\" must be reverse-DNS like \"org.example.plugin\", found \"{}\"", m.id);
    return false;
  }
  if (!parse_abi(m.abi, m.abi_major, m.abi_minor)) {
    error = fmt::format("\"abi\" must be \"MAJOR.MINOR\" like \"1.0\", found \"{}\"", m.abi);
    return false;
  }
  std::string library;
  if (!get_string(doc, "library", true, library, error)) return false;
  m.library = fs::path(library);

  auto ops = doc.FindMember("operations");
  if (ops == doc.MemberEnd()) {
    error = "\"operations\" is required (an array, possibly empty)";
    return false;
  }
  if (!ops->value.IsArray()) {
    error = fmt::format("\"operations\" must be an array, found {}", kind_of(ops->value));
    return false;
  }
  for (rapidjson::SizeType i = 0; i < ops->value.Size(); ++i) {
    const auto& op = ops->value[i];
    OperationInfo info;
    if (op.IsString()) {
      info.name.assign(op.GetString(), op.GetStringLength());
    } else if (op.IsObject()) {
      std::string sub_error;
      if (!get_string(op, "name", true, info.name, sub_error) ||
          !get_string(op, "description", false, info.description, sub_error)) {
        error = fmt::format("operations[{}]: {}", i, sub_error);
        return false;
      }
      if (auto fx = op.FindMember("effects"); fx != op.MemberEnd()) {
        if (!fx->value.IsBool()) {
          error = fmt::format("operations[{}]: \"effects\" must be true or false, found {}", i, kind_of(fx->value));
          return false;
        }
        info.effects = fx->value.GetBool();
      }
    } else {
      error = fmt::format("operations[{}] must be a name or {{\"name\",\"description\",\"effects\"}}, found {}", i, kind_of(op));
      return false;
    }
    if (info.name.empty()) {
      error = fmt::format("operations[{}] must not be empty", i);
      return false;
    }
    m.operations.push_back(std::move(info));
  }

  auto subs = doc.FindMember("subscribes");
  if (subs != doc.MemberEnd()) {
    if (!subs->value.IsArray()) {
      error = fmt::format("\"subscribes\" must be an array of event types, found {}", kind_of(subs->value));
      return false;
    }
    for (rapidjson::SizeType i = 0; i < subs->value.Size(); ++i) {
      if (!subs->value[i].IsString()) {
        error = fmt::format("subscribes[{}] must be an event type string, found {}", i, kind_of(subs->value[i]));
        return false;
      }
      m.subscribes.emplace_back(subs->value[i].GetString(), subs->value[i].GetStringLength());
    }
  }

  auto schema = doc.FindMember("config_schema");
  if (schema != doc.MemberEnd()) {
    if (!schema->value.IsObject()) {
      error = fmt::format("\"config_schema\" must be a JSON Schema object, found {}", kind_of(schema->value));
      return false;
    }
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    schema->value.Accept(w);
    m.config_schema.assign(sb.GetString(), sb.GetSize());
  }
  return true;
}

}  // namespace

bool read_manifest(const fs::path& file, Manifest& out, std::string& error) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec);
  if (ec) abs = file;
  std::ifstream in(abs, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: cannot read the plugin manifest (expected a plugin.json file)", abs.string());
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();

  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    TextPosition where = LineIndex(text).position(doc.GetErrorOffset());
    error = fmt::format("{}:{}:{}: invalid JSON: {}", abs.string(), where.line, where.column,
                        rapidjson::GetParseError_En(doc.GetParseError()));
    return false;
  }
  Manifest m;
  m.path = abs;
  std::string what;
  if (!read_manifest_document(doc, m, what)) {
    error = fmt::format("{}: {}", abs.string(), what);
    return false;
  }
  if (m.library.is_relative()) m.library = abs.parent_path() / m.library;
  m.library = m.library.lexically_normal();
  out = std::move(m);
  return true;
}

std::vector<fs::path> find_manifests(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> found;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    fs::path abs = fs::absolute(dir, ec);
    if (fs::is_regular_file(abs / "plugin.json", ec)) found.push_back(abs / "plugin.json");
    for (fs::directory_iterator it(abs, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec) && fs::is_regular_file(it->path() / "plugin.json", ec))
        found.push_back(it->path() / "plugin.json");
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

}  // namespace cohort::host
