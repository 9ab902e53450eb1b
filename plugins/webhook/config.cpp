#include "config.hpp"

#include <cstdlib>
#include <set>

#include <rapidjson/document.h>

namespace cohort_webhook {
namespace {

using Json = rapidjson::Value;

bool read_uint(const Json& obj, const char* key, const std::string& where, std::uint32_t& out, std::string& error) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsUint()) {
    error = where + key + " must be a non-negative integer";
    return false;
  }
  out = it->value.GetUint();
  return true;
}

bool read_string(const Json& obj, const char* key, const std::string& where, std::string& out, std::string& error) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsString()) {
    error = where + key + " must be a string";
    return false;
  }
  out.assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool read_retry(const Json& obj, const std::string& where, RetryPolicy& out, std::string& error) {
  auto it = obj.FindMember("retry");
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsObject()) {
    error = where + "retry must be an object";
    return false;
  }
  const Json& r = it->value;
  const std::string at = where + "retry.";
  if (!read_uint(r, "max_attempts", at, out.max_attempts, error) ||
      !read_uint(r, "initial_backoff_ms", at, out.initial_backoff_ms, error) ||
      !read_uint(r, "max_backoff_ms", at, out.max_backoff_ms, error))
    return false;
  if (out.max_attempts == 0) {
    error = at + "max_attempts must be at least 1";
    return false;
  }
  if (auto m = r.FindMember("multiplier"); m != r.MemberEnd()) {
    if (!m->value.IsNumber() || m->value.GetDouble() < 1.0) {
      error = at + "multiplier must be a number >= 1";
      return false;
    }
    out.multiplier = m->value.GetDouble();
  }
  return true;
}

bool valid_pattern(std::string_view p) {
  if (p == "*") return true;
  if (p.size() > 2 && p.substr(p.size() - 2) == ".*") p.remove_suffix(2);
  if (p.empty() || p.front() == '.' || p.back() == '.') return false;
  for (char c : p)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
          c == '.'))
      return false;
  return p.find("..") == std::string_view::npos;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool read_target(const Json& t, std::size_t index, const RetryPolicy& default_retry, Target& out, std::string& error) {
  const std::string where = "targets[" + std::to_string(index) + "].";
  if (!t.IsObject()) {
    error = "targets[" + std::to_string(index) + "] must be an object";
    return false;
  }
  out.name = "target-" + std::to_string(index + 1);
  out.retry = default_retry;
  std::string secret_env;
  if (!read_string(t, "name", where, out.name, error) || !read_string(t, "url", where, out.url, error) ||
      !read_string(t, "secret", where, out.secret, error) || !read_string(t, "secret_env", where, secret_env, error) ||
      !read_string(t, "ca_file", where, out.ca_file, error) ||
      !read_uint(t, "timeout_ms", where, out.timeout_ms, error) ||
      !read_uint(t, "connect_timeout_ms", where, out.connect_timeout_ms, error) ||
      !read_retry(t, where, out.retry, error))
    return false;
  if (out.name.empty()) {
    error = where + "name must not be empty";
    return false;
  }
  for (char c : out.name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
          c == '.')) {
      error = where + "name '" + out.name + "' may hold only letters, digits, '.', '_' and '-'";
      return false;
    }
  if (!starts_with_ci(out.url, "http://") && !starts_with_ci(out.url, "https://")) {
    error = where + "url must start with http:// or https://, got '" + out.url + "'";
    return false;
  }
  if (out.timeout_ms == 0 || out.connect_timeout_ms == 0) {
    error = where + "timeouts must be at least 1 ms";
    return false;
  }

  auto ev = t.FindMember("events");
  if (ev == t.MemberEnd() || !ev->value.IsArray() || ev->value.Empty()) {
    error = where + "events must be a non-empty list of event types (\"offer.accepted\", \"participant.*\", \"*\")";
    return false;
  }
  for (rapidjson::SizeType i = 0; i < ev->value.Size(); ++i) {
    const Json& p = ev->value[i];
    if (!p.IsString() || !valid_pattern(std::string_view(p.GetString(), p.GetStringLength()))) {
      error = where + "events[" + std::to_string(i) + "] must be an event type, \"prefix.*\" or \"*\"";
      return false;
    }
    out.events.emplace_back(p.GetString(), p.GetStringLength());
  }

  // The secret is what lets a receiver trust the body: never send unsigned.
  if (!secret_env.empty()) {
    if (!out.secret.empty()) {
      error = where + "give secret or secret_env, not both";
      return false;
    }
    const char* value = std::getenv(secret_env.c_str());
    if (!value || !*value) {
      error = where + "secret_env: the environment variable " + secret_env + " is not set (or empty)";
      return false;
    }
    out.secret = value;
  }
  if (out.secret.empty()) {
    error = where + "secret (or secret_env) is required: every delivery is signed with it";
    return false;
  }

  if (auto h = t.FindMember("headers"); h != t.MemberEnd()) {
    if (!h->value.IsObject()) {
      error = where + "headers must be an object of strings";
      return false;
    }
    for (auto m = h->value.MemberBegin(); m != h->value.MemberEnd(); ++m) {
      const std::string key(m->name.GetString(), m->name.GetStringLength());
      if (!m->value.IsString()) {
        error = where + "headers." + key + " must be a string";
        return false;
      }
      const std::string value(m->value.GetString(), m->value.GetStringLength());
      // A line break would let a value smuggle in headers of its own.
      if (key.empty() || key.find_first_of(":\r\n ") != std::string::npos ||
          value.find_first_of("\r\n") != std::string::npos) {
        error = where + "headers." + key + " is not a valid header name and value";
        return false;
      }
      out.headers.emplace_back(key, value);
    }
  }
  return true;
}

}  // namespace

bool parse_config(std::string_view json, Config& out, std::string& error) {
  out = Config{};
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    error = "the configuration must be a JSON object";
    return false;
  }
  std::uint32_t queue_limit = static_cast<std::uint32_t>(out.queue_limit);
  if (!read_uint(doc, "queue_limit", "", queue_limit, error) ||
      !read_uint(doc, "shutdown_grace_ms", "", out.shutdown_grace_ms, error) ||
      !read_string(doc, "dead_letter_file", "", out.dead_letter_file, error))
    return false;
  if (queue_limit == 0) {
    error = "queue_limit must be at least 1";
    return false;
  }
  out.queue_limit = queue_limit;
  // The file lives in the plugin's data directory; a path could leave it.
  if (out.dead_letter_file.empty() || out.dead_letter_file.find('/') != std::string::npos ||
      out.dead_letter_file == "." || out.dead_letter_file == "..") {
    error = "dead_letter_file must be a plain file name, got '" + out.dead_letter_file + "'";
    return false;
  }
  RetryPolicy retry;
  if (!read_retry(doc, "", retry, error)) return false;

  auto targets = doc.FindMember("targets");
  if (targets == doc.MemberEnd()) return true;
  if (!targets->value.IsArray()) {
    error = "targets must be a list";
    return false;
  }
  std::set<std::string> names;
  for (rapidjson::SizeType i = 0; i < targets->value.Size(); ++i) {
    Target t;
    if (!read_target(targets->value[i], i, retry, t, error)) return false;
    if (!names.insert(t.name).second) {
      error = "targets[" + std::to_string(i) + "].name '" + t.name + "' is used by an earlier target";
      return false;
    }
    out.targets.push_back(std::move(t));
  }
  return true;
}

bool matches(const std::vector<std::string>& patterns, std::string_view type) {
  for (const auto& p : patterns) {
    if (p == "*" || p == type) return true;
    if (p.size() > 2 && p.compare(p.size() - 2, 2, ".*") == 0) {
      const std::string_view prefix(p.data(), p.size() - 1);  // keeps the dot
      if (type.size() > prefix.size() && type.substr(0, prefix.size()) == prefix) return true;
    }
  }
  return false;
}

}  // namespace cohort_webhook
