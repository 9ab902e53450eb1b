#include "cloud_event.hpp"

#include <sodium.h>

#include <cstdio>
#include <ctime>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace cohort_webhook {
namespace {

bool non_empty_string(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() && it->value.GetStringLength() > 0;
}

}  // namespace

std::string rfc3339_utc(std::int64_t unix_ms) {
  const std::time_t secs = static_cast<std::time_t>(unix_ms / 1000);
  const int millis = static_cast<int>(unix_ms % 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  if (millis)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

bool make_outgoing(std::string_view event_json, std::int64_t now_ms, Outgoing& out, std::string& error) {
  rapidjson::Document doc;
  doc.Parse(event_json.data(), event_json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    error = "the event is not a JSON object";
    return false;
  }
  if (!non_empty_string(doc, "type")) {
    error = "the event has no type";
    return false;
  }
  auto& alloc = doc.GetAllocator();
  out.type = doc["type"].GetString();

  if (auto it = doc.FindMember("specversion"); it != doc.MemberEnd()) it->value.SetString("1.0", alloc);
  else doc.AddMember("specversion", "1.0", alloc);
  if (!non_empty_string(doc, "source")) {
    doc.RemoveMember("source");
    doc.AddMember("source", "cohort", alloc);
  }
  if (!non_empty_string(doc, "id")) {
    // Events the engine makes always carry ids; should one not, the content names it, so
    // a retry of the same event still carries the same id.
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(event_json.data()), event_json.size());
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, hash, 16);
    doc.RemoveMember("id");
    doc.AddMember("id", rapidjson::Value(hex, alloc), alloc);
  }
  out.id = doc["id"].GetString();
  if (!non_empty_string(doc, "time")) {
    doc.RemoveMember("time");
    doc.AddMember("time", rapidjson::Value(rfc3339_utc(now_ms).c_str(), alloc), alloc);
  }
  if (doc.HasMember("data") && !doc.HasMember("datacontenttype") && !doc.HasMember("data_base64"))
    doc.AddMember("datacontenttype", "application/json", alloc);

  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  doc.Accept(w);
  out.body.assign(sb.GetString(), sb.GetSize());
  return true;
}

}  // namespace cohort_webhook
