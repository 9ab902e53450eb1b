#include "attendance_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/json_reader.hpp>
#include <cohort_plugin_common/json_writer.hpp>

#include "check_in.hpp"
#include "details/text.hpp"
#include "record.hpp"
#include "schedule.hpp"
#include "summary.hpp"

namespace cohort_attendance {
namespace {

using Json = rapidjson::Value;
using Writer = cohort_plugin_common::JsonWriter;
using cohort_plugin_common::put_or_null;

// Reads arguments, keeping the first problem so the caller gets one precise message.
// Absent and null members both mean "not given". Numbers here carry their range.
class Reader : public cohort_plugin_common::JsonReader {
 public:
  std::optional<double> number(const Json& obj, const char* name, const std::string& where, double lo, double hi) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsNumber() || !std::isfinite(v->GetDouble()) || v->GetDouble() < lo || v->GetDouble() > hi) {
      fail(where + name + " must be a number from " + details::weight(lo) + " to " + details::weight(hi));
      return std::nullopt;
    }
    return v->GetDouble();
  }

  std::optional<int> minutes(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsInt() || v->GetInt() < 0 || v->GetInt() > 1440) {
      fail(where + name + " must be a whole number of minutes from 0 to 1440");
      return std::nullopt;
    }
    return v->GetInt();
  }

  std::optional<std::int64_t> instant(const Json& obj, const char* name, const std::string& where, bool required) {
    auto text = optional_string(obj, name, where);
    if (!text) {
      if (required && !failed()) fail(where + name + " is required (an ISO 8601 date-time with offset)");
      return std::nullopt;
    }
    const auto instant = cohort_plugin_common::parse_instant(*text);
    if (!instant) {
      fail(where + name + " must be an ISO 8601 date-time with an offset (2025-03-10T09:05:00+08:00), got '" + *text +
           "'");
      return std::nullopt;
    }
    return instant->unix_ms;
  }
};

bool read_policy(Reader& r, const Json& programme, Policy& p) {
  const Json* a = Reader::member(programme, "attendance");
  if (!a) return true;
  if (!a->IsObject()) {
    r.fail("programme.attendance must be an object");
    return false;
  }
  const std::string where = "programme.attendance.";
  if (auto v = r.number(*a, "threshold", where, 0, 1)) p.threshold = *v;
  if (const Json* w = Reader::member(*a, "status_weights")) {
    if (!w->IsObject()) {
      r.fail(where + "status_weights must be an object");
      return false;
    }
    const std::string ww = where + "status_weights.";
    if (auto v = r.number(*w, "present", ww, 0, 1)) p.present = *v;
    if (auto v = r.number(*w, "late", ww, 0, 1)) p.late = *v;
    if (auto v = r.number(*w, "excused", ww, 0, 1)) p.excused = *v;
    if (auto v = r.number(*w, "absent", ww, 0, 1)) p.absent = *v;
  }
  if (auto v = r.minutes(*a, "late_after_minutes", where)) p.late_after_minutes = *v;
  if (auto v = r.minutes(*a, "opens_before_minutes", where)) p.opens_before_minutes = *v;
  if (auto v = r.optional_string(*a, "excused", where)) {
    if (*v == "credited")
      p.excused_rule = ExcusedRule::Credited;
    else if (*v == "excluded")
      p.excused_rule = ExcusedRule::Excluded;
    else
      r.fail(where + "excused must be \"credited\" or \"excluded\", got '" + *v + "'");
  }
  return !r.failed();
}

// The schedule comes from the programme file itself (`"programme": "=programme"`), so the
// plugin and the workflows can never disagree about it.
bool read_schedule(Reader& r, const Json& args, Environment& env, Schedule& out) {
  const Json* programme = Reader::member(args, "programme");
  if (!programme || !programme->IsObject()) {
    r.fail("programme is required: the programme file (\"programme\": \"=programme\")");
    return false;
  }
  const std::string id = r.required_string(*programme, "id", "programme.");
  if (r.failed()) return false;
  if (!valid_token_field(id)) {
    r.fail("programme.id '" + id + "' may hold only letters, digits, '_' and '-'");
    return false;
  }
  const std::string tz = r.required_string(*programme, "timezone", "programme.");
  if (r.failed()) return false;
  const Json* sessions = Reader::member(*programme, "sessions");
  if (!sessions || !sessions->IsArray()) {
    r.fail("programme.sessions must be a list of sessions");
    return false;
  }
  std::vector<SessionSpec> specs;
  for (rapidjson::SizeType i = 0; i < sessions->Size(); ++i) {
    const Json& s = (*sessions)[i];
    const std::string where = "programme.sessions[" + std::to_string(i) + "].";
    if (!s.IsObject()) {
      r.fail("programme.sessions[" + std::to_string(i) + "] must be an object");
      return false;
    }
    SessionSpec spec;
    spec.id = r.required_string(s, "id", where);
    spec.date = r.required_string(s, "date", where);
    spec.start = r.required_string(s, "start", where);
    spec.end = r.required_string(s, "end", where);
    spec.title = r.optional_string(s, "title", where).value_or("");
    if (auto w = r.number(s, "weight", where, 0, 1e6)) spec.weight = *w;
    if (r.failed()) return false;
    if (!valid_token_field(spec.id)) {
      r.fail(where + "id '" + spec.id + "' may hold only letters, digits, '_' and '-'");
      return false;
    }
    specs.push_back(std::move(spec));
  }
  Policy policy;
  if (!read_policy(r, *programme, policy)) return false;
  std::string error;
  auto zone = env.zones ? env.zones->get(tz, error) : nullptr;
  if (!zone) {
    r.fail("programme.timezone: " + (error.empty() ? std::string("no zone cache") : error));
    return false;
  }
  if (!make_schedule(id, zone, specs, policy, out, error)) {
    r.fail("programme." + error);
    return false;
  }
  return true;
}

std::vector<Record> read_records(Reader& r, const Json& args) {
  std::vector<Record> out;
  const Json* list = Reader::member(args, "checkins");
  if (!list) return out;
  if (!list->IsArray()) {
    r.fail("checkins must be the participant's list of recorded check-ins");
    return out;
  }
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    const Json& c = (*list)[i];
    const std::string where = "checkins[" + std::to_string(i) + "].";
    if (!c.IsObject()) {
      r.fail("checkins[" + std::to_string(i) + "] must be an object");
      return out;
    }
    Record rec;
    rec.session = r.required_string(c, "session", where);
    if (auto st = r.optional_string(c, "status", where)) {
      auto parsed = parse_status(*st);
      if (!parsed) r.fail(where + "status must be present, late, excused or absent, not '" + *st + "'");
      else rec.status = *parsed;
    }
    rec.method = r.optional_string(c, "method", where).value_or("");
    rec.at = r.optional_string(c, "at", where).value_or("");
    rec.by = r.optional_string(c, "by", where).value_or("");
    rec.reason = r.optional_string(c, "reason", where).value_or("");
    rec.previous = r.optional_string(c, "previous", where).value_or("");
    if (const Json* m = Reader::member(c, "minutes_late"); m && m->IsNumber()) rec.minutes_late = m->GetInt();
    if (r.failed()) return out;
    out.push_back(std::move(rec));
  }
  return out;
}

void write_rate(Writer& w, std::optional<double> rate) {
  if (rate)
    w.Double(details::tidy(*rate));
  else
    w.Null();
}

void write_record(Writer& w, const Record& rec) {
  w.StartObject();
  w.Key("session");
  w.String(rec.session.c_str());
  w.Key("status");
  w.String(status_name(rec.status));
  w.Key("at");
  w.String(rec.at.c_str());
  w.Key("method");
  w.String(rec.method.c_str());
  put_or_null(w, "by", rec.by);
  w.Key("minutes_late");
  if (rec.minutes_late)
    w.Int(*rec.minutes_late);
  else
    w.Null();
  put_or_null(w, "reason", rec.reason);
  put_or_null(w, "previous", rec.previous);
  w.EndObject();
}

void write_summary(Writer& w, const Schedule& schedule, const Summary& s, const std::string& participant) {
  w.StartObject();
  put_or_null(w, "participant", participant);
  w.Key("at");
  w.String(schedule.local(s.at_ms).c_str());
  w.Key("final");
  w.Bool(s.final);
  w.Key("threshold");
  w.Double(s.threshold);
  w.Key("rate");
  write_rate(w, s.overall.rate());
  w.Key("attended_weight");
  w.Double(details::tidy(s.overall.attended));
  w.Key("total_weight");
  w.Double(details::tidy(s.overall.counted));
  w.Key("met");
  w.Bool(s.met);
  w.Key("to_date");
  w.StartObject();
  w.Key("rate");
  write_rate(w, s.to_date.rate());
  w.Key("attended_weight");
  w.Double(details::tidy(s.to_date.attended));
  w.Key("counted_weight");
  w.Double(details::tidy(s.to_date.counted));
  w.Key("sessions");
  w.Int(s.sessions_ended);
  w.EndObject();
  w.Key("max_rate");
  write_rate(w, s.max_rate);
  w.Key("max_rate_after_absence");
  write_rate(w, s.max_rate_after_absence);
  w.Key("sessions_remaining");
  w.Int(s.sessions_remaining);
  w.Key("warning");
  w.String(warning_name(s.warning));
  put_or_null(w, "warning_reason", s.warning_reason);
  w.Key("outcome");
  w.String(outcome_name(s.outcome));
  w.Key("reason");
  w.String(s.reason.c_str());
  w.Key("missed");
  w.StartArray();
  for (const auto& m : s.missed) w.String(m.c_str());
  w.EndArray();
  w.Key("unknown");
  w.StartArray();
  for (const auto& u : s.unknown) w.String(u.c_str());
  w.EndArray();
  w.Key("next_review_at");
  if (s.next_review_ms)
    w.String(schedule.local(*s.next_review_ms).c_str());
  else
    w.Null();
  w.Key("sessions");
  w.StartArray();
  for (const auto& st : s.sessions) {
    w.StartObject();
    w.Key("id");
    w.String(st.id.c_str());
    w.Key("status");
    if (st.status)
      w.String(status_name(*st.status));
    else
      w.Null();
    put_or_null(w, "method", st.method);
    w.Key("weight");
    w.Double(st.weight);
    w.Key("credit");
    w.Double(details::tidy(st.credit));
    w.Key("counted");
    w.Bool(st.counted);
    w.Key("ended");
    w.Bool(st.ended);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

OperationOutcome invalid(std::string_view op, const std::string& message) {
  return {OperationOutcome::Kind::InvalidArgument, {}, std::string(op) + ": " + message};
}

OperationOutcome ok(rapidjson::StringBuffer& buffer) {
  return {OperationOutcome::Kind::Ok, std::string(buffer.GetString(), buffer.GetSize()), {}};
}

void write_session_times(Writer& w, const Schedule& schedule, const Session& s) {
  w.Key("starts_at");
  w.String(schedule.local(s.starts_ms).c_str());
  w.Key("ends_at");
  w.String(schedule.local(s.ends_ms).c_str());
  w.Key("opens_at");
  w.String(schedule.local(s.opens_ms).c_str());
  w.Key("late_after");
  w.String(schedule.local(s.late_after_ms).c_str());
}

OperationOutcome op_schedule(std::string_view op, const Json& args, Environment& env) {
  Reader r;
  Schedule schedule;
  if (!read_schedule(r, args, env, schedule)) return invalid(op, r.error());
  const Policy& p = schedule.policy;
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("programme");
  w.String(schedule.programme.c_str());
  w.Key("timezone");
  w.String(schedule.zone->name().c_str());
  w.Key("total_weight");
  w.Double(details::tidy(schedule.total_weight()));
  w.Key("policy");
  w.StartObject();
  w.Key("threshold");
  w.Double(p.threshold);
  w.Key("status_weights");
  w.StartObject();
  w.Key("present");
  w.Double(p.present);
  w.Key("late");
  w.Double(p.late);
  w.Key("excused");
  w.Double(p.excused);
  w.Key("absent");
  w.Double(p.absent);
  w.EndObject();
  w.Key("late_after_minutes");
  w.Int(p.late_after_minutes);
  w.Key("opens_before_minutes");
  w.Int(p.opens_before_minutes);
  w.Key("excused");
  w.String(p.excused_rule == ExcusedRule::Excluded ? "excluded" : "credited");
  w.EndObject();
  w.Key("sessions");
  w.StartArray();
  for (const auto& s : schedule.sessions) {
    w.StartObject();
    w.Key("id");
    w.String(s.id.c_str());
    w.Key("title");
    w.String(s.title.c_str());
    w.Key("weight");
    w.Double(s.weight);
    w.Key("date");
    w.String(s.date.c_str());
    w.Key("start");
    w.String(s.start.c_str());
    w.Key("end");
    w.String(s.end.c_str());
    write_session_times(w, schedule, s);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return ok(buffer);
}

OperationOutcome op_token(std::string_view op, const Json& args, Environment& env) {
  Reader r;
  Schedule schedule;
  if (!read_schedule(r, args, env, schedule)) return invalid(op, r.error());
  const std::string participant = r.required_string(args, "participant", "");
  const auto session = r.optional_string(args, "session", "");
  if (r.failed()) return invalid(op, r.error());
  if (!valid_token_field(participant))
    return invalid(op, "participant '" + participant + "' may hold only letters, digits, '_' and '-' (at most 64)");
  std::vector<const Session*> sessions;
  if (session) {
    const Session* s = schedule.find(*session);
    if (!s) return invalid(op, "session '" + *session + "' is not in the schedule of " + schedule.programme);
    sessions.push_back(s);
  } else {
    for (const auto& s : schedule.sessions) sessions.push_back(&s);
  }
  std::string error;
  auto signer = env.signer ? env.signer(error) : nullptr;
  if (!signer)
    return {OperationOutcome::Kind::Unavailable, {}, std::string(op) + ": " + (error.empty() ? "no token key" : error)};

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("programme");
  w.String(schedule.programme.c_str());
  w.Key("participant");
  w.String(participant.c_str());
  std::string first;
  w.Key("tokens");
  w.StartArray();
  for (const Session* s : sessions) {
    const std::string token = signer->issue({schedule.programme, s->id, participant});
    if (first.empty()) first = token;
    w.StartObject();
    w.Key("session");
    w.String(s->id.c_str());
    w.Key("title");
    w.String(s->title.c_str());
    w.Key("token");
    w.String(token.c_str());
    write_session_times(w, schedule, *s);
    w.EndObject();
  }
  w.EndArray();
  if (session) {
    w.Key("session");
    w.String(session->c_str());
    w.Key("token");
    w.String(first.c_str());
  }
  w.EndObject();
  return ok(buffer);
}

// The answer to a check-in or a correction: accepted with the record and the new summary, or why not.
OperationOutcome decision_result(const Schedule& schedule, const Decision& d, const std::string& participant,
                                 std::vector<Record> recorded, std::int64_t at_ms) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("accepted");
  w.Bool(d.accepted);
  w.Key("participant");
  w.String(participant.c_str());
  put_or_null(w, "session", d.session);
  if (d.accepted) {
    w.Key("status");
    w.String(status_name(d.record.status));
    w.Key("checkin");
    write_record(w, d.record);
    recorded.push_back(d.record);
    w.Key("summary");
    write_summary(w, schedule, summarise(schedule, recorded, at_ms, false), participant);
  } else {
    w.Key("code");
    w.String(d.code.c_str());
    w.Key("reason");
    w.String(d.reason.c_str());
  }
  w.EndObject();
  return ok(buffer);
}

OperationOutcome op_check_in(std::string_view op, const Json& args, Environment& env) {
  Reader r;
  Schedule schedule;
  if (!read_schedule(r, args, env, schedule)) return invalid(op, r.error());
  CheckInRequest req;
  req.participant = r.required_string(args, "participant", "");
  const auto at = r.instant(args, "at", "", true);
  req.token = r.optional_string(args, "token", "").value_or("");
  req.session = r.optional_string(args, "session", "").value_or("");
  req.staff = r.optional_string(args, "staff", "").value_or("");
  auto recorded = read_records(r, args);
  if (r.failed()) return invalid(op, r.error());
  req.at_ms = *at;
  std::shared_ptr<const TokenSigner> signer;
  if (!req.token.empty()) {
    std::string error;
    signer = env.signer ? env.signer(error) : nullptr;
    if (!signer)
      return {OperationOutcome::Kind::Unavailable, {}, std::string(op) + ": " + (error.empty() ? "no token key" : error)};
  }
  const Decision d = check_in(schedule, signer.get(), req, recorded);
  return decision_result(schedule, d, req.participant, std::move(recorded), req.at_ms);
}

OperationOutcome op_correct(std::string_view op, const Json& args, Environment& env) {
  Reader r;
  Schedule schedule;
  if (!read_schedule(r, args, env, schedule)) return invalid(op, r.error());
  CorrectionRequest req;
  req.participant = r.required_string(args, "participant", "");
  const auto at = r.instant(args, "at", "", true);
  req.session = r.optional_string(args, "session", "").value_or("");
  req.status = r.optional_string(args, "status", "").value_or("");
  req.staff = r.optional_string(args, "staff", "").value_or("");
  req.reason = r.optional_string(args, "reason", "").value_or("");
  auto recorded = read_records(r, args);
  if (r.failed()) return invalid(op, r.error());
  req.at_ms = *at;
  const Decision d = correct(schedule, req, recorded);
  return decision_result(schedule, d, req.participant, std::move(recorded), req.at_ms);
}

OperationOutcome op_summary(std::string_view op, const Json& args, Environment& env) {
  Reader r;
  Schedule schedule;
  if (!read_schedule(r, args, env, schedule)) return invalid(op, r.error());
  const std::string participant = r.optional_string(args, "participant", "").value_or("");
  const bool final = r.boolean(args, "final", "").value_or(false);
  auto at = r.instant(args, "at", "", !final);
  auto recorded = read_records(r, args);
  if (r.failed()) return invalid(op, r.error());
  if (!at) {
    // Final without a time: the end of the last session.
    std::int64_t last = 0;
    for (const auto& s : schedule.sessions) last = std::max(last, s.ends_ms);
    at = last;
  }
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  write_summary(w, schedule, summarise(schedule, recorded, *at, final), participant);
  return ok(buffer);
}

}  // namespace

const std::vector<std::string>& operation_names() {
  static const std::vector<std::string> names = {"attendance.schedule", "attendance.token", "attendance.check_in",
                                                 "attendance.correct", "attendance.summary"};
  return names;
}

OperationOutcome run_operation(std::string_view operation, std::string_view args_json, Environment& env) {
  rapidjson::Document args;
  args.Parse(args_json.data(), args_json.size());
  if (args.HasParseError() || !args.IsObject())
    return invalid(operation, "the arguments must be a JSON object");
  if (operation == "attendance.schedule") return op_schedule(operation, args, env);
  if (operation == "attendance.token") return op_token(operation, args, env);
  if (operation == "attendance.check_in") return op_check_in(operation, args, env);
  if (operation == "attendance.correct") return op_correct(operation, args, env);
  if (operation == "attendance.summary") return op_summary(operation, args, env);
  return invalid(operation, "unknown operation");
}

}  // namespace cohort_attendance
