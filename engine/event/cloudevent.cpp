#include "event/cloudevent.hpp"

#include <fstream>

#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort {
namespace {

bool required_string(const Value& v, std::string_view name, std::string& out, std::string& error) {
  const Value* a = v.find(name);
  if (!a) {
    error = "missing required attribute '" + std::string(name) + "'";
    return false;
  }
  if (!a->is_string() || a->as_string().empty()) {
    error = "attribute '" + std::string(name) + "' must be a non-empty string, found " +
            (a->is_string() ? std::string("an empty string") : std::string(a->kind_name()));
    return false;
  }
  out = a->as_string();
  return true;
}

}  // namespace

bool parse_cloudevent(std::string_view json, Event& out, std::string& error) {
  Value v;
  JsonError jerr;
  if (!parse_json(json, v, jerr)) {
    error = "invalid JSON at column " + std::to_string(jerr.where.column) + ": " + jerr.message;
    return false;
  }
  if (!v.is_object()) {
    error = "an event must be a JSON object, found " + std::string(v.kind_name());
    return false;
  }
  std::string specversion;
  if (!required_string(v, "specversion", specversion, error)) return false;
  if (specversion != "1.0") {
    error = "specversion '" + specversion + "' is not supported; use \"1.0\"";
    return false;
  }
  if (!required_string(v, "id", out.id, error) || !required_string(v, "source", out.source, error) ||
      !required_string(v, "type", out.type, error))
    return false;
  if (!required_string(v, "subject", out.subject, error)) {
    error += " (the subject is the correlation key: the applicant or programme id)";
    return false;
  }
  out.has_time = false;
  if (const Value* t = v.find("time"); t && !t->is_null()) {
    auto ts = t->is_string() ? parse_iso_datetime(t->as_string()) : std::nullopt;
    if (!ts) {
      error = "attribute 'time' must be an RFC 3339 date-time such as 2025-03-01T09:00:00Z";
      return false;
    }
    out.time = *ts;
    out.has_time = true;
  }
  if (const Value* d = v.find("data")) {
    out.data = *d;
  } else {
    out.data = Value::object();
  }
  out.type_id = event_type_id(out.type);
  return true;
}

std::string to_cloudevent_json(const Event& e) {
  Members m{{"specversion", Value("1.0")}, {"id", Value(e.id)},       {"source", Value(e.source)},
            {"type", Value(e.type)},       {"subject", Value(e.subject)}};
  if (e.has_time) m.emplace_back("time", Value(format_iso_datetime(e.time)));
  if (!e.data.is_null()) m.emplace_back("data", e.data);
  return to_json(Value::object(std::move(m)));
}

bool read_event_lines(const std::string& path, const std::function<void(EventLine&)>& visit,
                      std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open the events file";
    return false;
  }
  std::string text;
  EventLine line;
  while (std::getline(in, text)) {
    ++line.line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (line.line == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    line.event = Event{};
    line.error.clear();
    line.ok = parse_cloudevent(text, line.event, line.error);
    visit(line);
  }
  if (in.bad()) {
    error = path + ": read error after line " + std::to_string(line.line);
    return false;
  }
  return true;
}

}  // namespace cohort
