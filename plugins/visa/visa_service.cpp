#include "visa_service.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/json_reader.hpp>
#include <cohort_plugin_common/json_writer.hpp>

#include "icao_countries.hpp"
#include "mrz.hpp"
#include "reminders.hpp"

namespace cohort_visa {
namespace {

using Json = rapidjson::Value;
using Writer = cohort_plugin_common::JsonWriter;
using cohort_plugin_common::format_date;
using cohort_plugin_common::format_instant;
using cohort_plugin_common::JsonReader;
using cohort_plugin_common::parse_date_prefix;
using cohort_plugin_common::parse_instant_or_utc;
using cohort_plugin_common::parse_config;
using cohort_plugin_common::parse_object;
using cohort_plugin_common::put;
using cohort_plugin_common::put_list;
using cohort_plugin_common::put_or_null;

void put_date(Writer& w, const char* key, const std::optional<CivilDate>& d) {
  put_or_null(w, key, d ? format_date(*d) : std::string());
}

// A list of whole numbers of days, each at least `min`.
std::vector<int> day_list(JsonReader& r, const Json& obj, const char* name, const std::string& where, int min) {
  std::vector<int> out;
  const Json* v = JsonReader::member(obj, name);
  if (!v) return out;
  if (!v->IsArray()) {
    r.fail(where + name + " must be a list of whole numbers of days");
    return out;
  }
  for (const auto& item : v->GetArray()) {
    if (!item.IsInt() || item.GetInt() < min) {
      r.fail(where + name + " must be a list of whole numbers of days, each at least " + std::to_string(min));
      return {};
    }
    out.push_back(item.GetInt());
  }
  return out;
}

// The inviting institution in the shape of a programme file's `host`.
Institution read_institution(JsonReader& r, const Json& obj, const std::string& where) {
  Institution i;
  i.name = r.string(obj, "name", where);
  i.department = r.string(obj, "department", where);
  i.address = r.string(obj, "address", where);
  i.city = r.string(obj, "city", where);
  i.country = r.string(obj, "country", where);
  if (const Json* c = r.object(obj, "contact", where)) {
    i.contact_name = r.string(*c, "name", where + "contact.");
    i.contact_email = r.string(*c, "email", where + "contact.");
    i.contact_phone = r.string(*c, "phone", where + "contact.");
  }
  return i;
}

void write_institution(Writer& w, const Institution& i) {
  w.StartObject();
  put(w, "name", i.name);
  put(w, "department", i.department);
  put(w, "address", i.address);
  put(w, "city", i.city);
  put(w, "country", i.country);
  w.Key("contact");
  w.StartObject();
  put(w, "name", i.contact_name);
  put(w, "email", i.contact_email);
  put(w, "phone", i.contact_phone);
  w.EndObject();
  w.EndObject();
}

// The first of several names a field may go by.
std::string first_string(JsonReader& r, const Json& obj, std::initializer_list<const char*> names,
                         const std::string& where) {
  for (const char* n : names)
    if (auto s = r.string(obj, n, where); !s.empty()) return s;
  return {};
}

void write_country(Writer& w, const char* code_key, const char* iso_key, const std::string& code) {
  put(w, code_key, code);
  const auto c = icao_country(code);
  put_or_null(w, iso_key, c ? c->alpha2 : std::string());
}

}  // namespace

const std::vector<std::string>& VisaService::operations() {
  static const std::vector<std::string> kOps = {"visa.letter", "visa.check_passport", "visa.check_mrz",
                                                "visa.reminders"};
  return kOps;
}

bool VisaService::configure(std::string_view config_json, std::string& error) {
  rapidjson::Document doc;
  if (!parse_config(config_json, doc, error)) return false;
  JsonReader r;
  VisaSettings s;
  s.letter_prefix = r.string(doc, "letter_prefix", "config.");
  if (auto d = r.integer(doc, "letter_digits", "config.")) {
    if (*d < 1 || *d > 8) r.fail("config.letter_digits must be between 1 and 8");
    s.letter_digits = *d;
  }
  if (auto m = r.integer(doc, "passport_min_months", "config.")) {
    if (*m < 0 || *m > 120) r.fail("config.passport_min_months must be between 0 and 120");
    s.passport_rule.months = *m;
  }
  if (auto d = r.integer(doc, "passport_min_days", "config.")) {
    if (*d < 0 || *d > 3660) r.fail("config.passport_min_days must be between 0 and 3660");
    s.passport_rule.days = *d;
  }
  if (JsonReader::member(doc, "reminder_days")) s.reminder_days = day_list(r, doc, "reminder_days", "config.", 1);
  s.purpose = r.string(doc, "purpose", "config.");
  s.funding = r.string(doc, "funding", "config.");
  s.places = r.strings(doc, "places", "config.");
  if (const Json* inst = r.object(doc, "institution", "config.")) s.institution = read_institution(r, *inst, "config.institution.");
  if (r.failed()) {
    error = r.error();
    return false;
  }
  settings_ = std::move(s);
  return true;
}

OperationOutcome VisaService::run(std::string_view operation, std::string_view args_json) const {
  if (operation == "visa.letter") return letter(args_json);
  if (operation == "visa.check_passport") return check_passport(args_json);
  if (operation == "visa.check_mrz") return check_mrz(args_json);
  if (operation == "visa.reminders") return reminders(args_json);
  return {false, {}, "unknown operation '" + std::string(operation) + "'"};
}

OperationOutcome VisaService::letter(std::string_view args_json) const {
  rapidjson::Document doc;
  if (!parse_object(args_json, doc)) return {false, {}, "visa.letter: the arguments must be a JSON object"};
  JsonReader r;
  LetterRequest q;
  q.letter_number = r.string(doc, "letter_number", "");
  if (auto seq = r.integer(doc, "sequence", "")) q.sequence = *seq;
  q.prefix = r.string(doc, "prefix", "");
  if (q.prefix.empty()) q.prefix = settings_.letter_prefix;
  q.digits = settings_.letter_digits;
  q.applicant_id = r.string(doc, "applicant_id", "");
  q.programme_id = r.string(doc, "programme_id", "");
  q.programme_title = r.string(doc, "programme_title", "");
  const Json empty(rapidjson::kObjectType);
  const Json* p = r.object(doc, "participant", "");
  const Json& pj = p ? *p : empty;
  q.full_name = first_string(r, pj, {"full_name", "name"}, "participant.");
  q.surname = r.string(pj, "surname", "participant.");
  q.given_names = r.string(pj, "given_names", "participant.");
  q.gender = first_string(r, pj, {"gender", "sex"}, "participant.");
  q.birth_date = r.string(pj, "birth_date", "participant.");
  q.nationality = r.string(pj, "nationality", "participant.");
  const Json* pp = r.object(doc, "passport", "");
  const Json& ppj = pp ? *pp : empty;
  q.passport_number = r.string(ppj, "number", "passport.");
  q.passport_expires = r.string(ppj, "expires", "passport.");
  q.passport_issuing_country = first_string(r, ppj, {"issuing_country", "country"}, "passport.");
  q.purpose = r.string(doc, "purpose", "");
  if (q.purpose.empty()) q.purpose = settings_.purpose;
  if (q.purpose.empty() && !q.programme_title.empty())
    q.purpose = "to attend the training programme \"" + q.programme_title + "\"";
  q.arrival = r.string(doc, "arrival", "");
  q.departure = r.string(doc, "departure", "");
  q.places = r.strings(doc, "places", "");
  if (q.places.empty()) q.places = settings_.places;
  q.funding = r.string(doc, "funding", "");
  if (q.funding.empty()) q.funding = settings_.funding;
  q.issued_on = r.string(doc, "issued_on", "");
  if (const Json* inst = r.object(doc, "institution", ""))
    q.institution = read_institution(r, *inst, "institution.");
  else if (settings_.institution)
    q.institution = *settings_.institution;
  if (r.failed()) return {false, {}, "visa.letter: " + r.error()};

  const Letter l = prepare_letter(q);
  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  w.Key("valid");
  w.Bool(l.valid);
  put_list(w, "missing", l.missing);
  w.Key("errors");
  w.StartArray();
  for (const auto& e : l.errors) {
    w.StartObject();
    put(w, "field", e.field);
    put(w, "code", e.code);
    put(w, "reason", e.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("letter");
  w.StartObject();
  put_or_null(w, "number", l.number);
  put_or_null(w, "applicant_id", q.applicant_id);
  w.Key("programme");
  w.StartObject();
  put_or_null(w, "id", q.programme_id);
  put_or_null(w, "title", q.programme_title);
  w.EndObject();
  put_or_null(w, "issued_on", q.issued_on);
  w.Key("invitee");
  w.StartObject();
  put(w, "full_name", l.full_name);
  put_or_null(w, "surname", q.surname);
  put_or_null(w, "given_names", q.given_names);
  put(w, "gender", l.gender);
  put_date(w, "birth_date", l.birth_date);
  put(w, "nationality", q.nationality);
  const auto nat = q.nationality.size() == 2 ? icao_from_alpha2(q.nationality) : std::string();
  put_or_null(w, "nationality_icao", nat);
  w.Key("passport");
  w.StartObject();
  put(w, "number", q.passport_number);
  put_date(w, "expires", l.passport_expires);
  put_or_null(w, "issuing_country", q.passport_issuing_country);
  w.EndObject();
  w.EndObject();
  w.Key("visit");
  w.StartObject();
  put(w, "purpose", q.purpose);
  put_date(w, "arrival", l.arrival);
  put_date(w, "departure", l.departure);
  w.Key("days");
  if (l.days)
    w.Int(*l.days);
  else
    w.Null();
  put_list(w, "places", q.places);
  put(w, "funding", q.funding);
  w.EndObject();
  w.Key("institution");
  write_institution(w, q.institution);
  w.EndObject();
  w.EndObject();
  return {true, out.GetString(), {}};
}

OperationOutcome VisaService::check_passport(std::string_view args_json) const {
  rapidjson::Document doc;
  if (!parse_object(args_json, doc)) return {false, {}, "visa.check_passport: the arguments must be a JSON object"};
  JsonReader r;
  std::string expires = r.string(doc, "expires", "");
  if (const Json* p = r.object(doc, "passport", ""); p && expires.empty()) expires = r.string(*p, "expires", "passport.");
  const std::string departure = r.string(doc, "departure", "");
  ValidityRule rule = settings_.passport_rule;
  if (auto m = r.integer(doc, "min_months", "")) {
    rule.months = *m;
    rule.days.reset();
  }
  if (auto d = r.integer(doc, "min_days", "")) rule.days = *d;
  if ((rule.days && *rule.days < 0) || rule.months < 0) r.fail("min_months and min_days must not be negative");
  if (r.failed()) return {false, {}, "visa.check_passport: " + r.error()};

  const PassportVerdict v = cohort_visa::check_passport(expires, departure, rule);
  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  w.Key("valid");
  w.Bool(v.valid);
  put(w, "code", v.code);
  put(w, "reason", v.reason);
  put_date(w, "expires", v.expires);
  put_date(w, "departure", v.departure);
  put_date(w, "required_until", v.required_until);
  w.Key("days_spare");
  if (v.days_spare)
    w.Int64(*v.days_spare);
  else
    w.Null();
  put(w, "rule", describe(rule));
  w.EndObject();
  return {true, out.GetString(), {}};
}

OperationOutcome VisaService::check_mrz(std::string_view args_json) const {
  rapidjson::Document doc;
  if (!parse_object(args_json, doc)) return {false, {}, "visa.check_mrz: the arguments must be a JSON object"};
  JsonReader r;
  std::string text;
  const Json* mrz = JsonReader::member(doc, "mrz");
  if (!mrz) return {false, {}, "visa.check_mrz: mrz is required (two lines of 44 characters)"};
  if (mrz->IsString()) {
    text = mrz->GetString();
  } else if (mrz->IsArray()) {
    for (const auto& line : mrz->GetArray()) {
      if (!line.IsString()) return {false, {}, "visa.check_mrz: mrz must be a string or a list of two strings"};
      text += std::string(line.GetString()) + "\n";
    }
  } else {
    return {false, {}, "visa.check_mrz: mrz must be a string or a list of two strings"};
  }
  TypedPassport t;
  const bool has_typed = JsonReader::member(doc, "typed") != nullptr;
  if (const Json* tj = r.object(doc, "typed", "")) {
    t.surname = r.string(*tj, "surname", "typed.");
    t.given_names = r.string(*tj, "given_names", "typed.");
    t.full_name = first_string(r, *tj, {"full_name", "name"}, "typed.");
    t.number = first_string(r, *tj, {"number", "passport_number"}, "typed.");
    t.nationality = r.string(*tj, "nationality", "typed.");
    t.birth_date = r.string(*tj, "birth_date", "typed.");
    t.sex = first_string(r, *tj, {"sex", "gender"}, "typed.");
    t.expires = first_string(r, *tj, {"expires", "expiry"}, "typed.");
    t.issuing_country = first_string(r, *tj, {"issuing_country", "country"}, "typed.");
  }
  if (r.failed()) return {false, {}, "visa.check_mrz: " + r.error()};

  Td3 m = parse_td3(text);
  const auto mismatches = m.line1.size() == 44 && m.line2.size() == 44 ? compare(m, t) : std::vector<Mismatch>{};
  if (auto typed_birth = parse_date_prefix(t.birth_date)) resolve_centuries(m, typed_birth);

  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  w.Key("valid");
  w.Bool(m.valid());
  w.Key("matches");
  w.Bool(m.valid() && mismatches.empty());
  w.Key("problems");
  w.StartArray();
  for (const auto& p : m.problems) {
    w.StartObject();
    put(w, "field", p.field);
    put(w, "code", p.code);
    put(w, "reason", p.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("check_digits");
  w.StartArray();
  for (const auto& c : m.check_digits) {
    w.StartObject();
    put(w, "field", c.field);
    w.Key("expected");
    if (c.expected >= 0)
      w.Int(c.expected);
    else
      w.Null();
    put(w, "found", std::string(1, c.found));
    w.Key("ok");
    w.Bool(c.ok);
    w.EndObject();
  }
  w.EndArray();
  w.Key("fields");
  w.StartObject();
  put(w, "document_code", m.document_code);
  write_country(w, "issuing_state", "issuing_country", m.issuing_state);
  put(w, "surname", m.surname);
  put(w, "given_names", m.given_names);
  w.Key("name_may_be_truncated");
  w.Bool(m.name_may_be_truncated);
  put(w, "document_number", m.document_number);
  write_country(w, "nationality", "nationality_iso", m.nationality);
  const auto nat = icao_country(m.nationality);
  put_or_null(w, "nationality_name", nat ? nat->name : std::string());
  put_or_null(w, "nationality_kind", nat ? std::string(to_string(nat->kind)) : std::string());
  put_date(w, "birth_date", m.birth_date);
  put(w, "sex", m.sex);
  put_date(w, "expiry", m.expiry);
  put(w, "optional_data", m.optional_data);
  w.EndObject();
  w.Key("compared");
  w.Bool(has_typed);
  w.Key("mismatches");
  w.StartArray();
  for (const auto& x : mismatches) {
    w.StartObject();
    put(w, "field", x.field);
    put(w, "mrz", x.mrz);
    put(w, "typed", x.typed);
    put(w, "reason", x.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {true, out.GetString(), {}};
}

OperationOutcome VisaService::reminders(std::string_view args_json) const {
  rapidjson::Document doc;
  if (!parse_object(args_json, doc)) return {false, {}, "visa.reminders: the arguments must be a JSON object"};
  JsonReader r;
  std::string deadline_text = r.string(doc, "visa_deadline", "");
  if (const Json* dates = r.object(doc, "dates", ""); dates && deadline_text.empty())
    deadline_text = r.string(*dates, "visa_deadline", "dates.");
  const std::string now_text = r.string(doc, "now", "");
  std::vector<int> days = settings_.reminder_days;
  if (JsonReader::member(doc, "days_before")) days = day_list(r, doc, "days_before", "", 1);
  const std::vector<int> sent = day_list(r, doc, "sent", "", 0);
  if (r.failed()) return {false, {}, "visa.reminders: " + r.error()};
  if (deadline_text.empty()) return {false, {}, "visa.reminders: visa_deadline (or dates.visa_deadline) is required"};
  const auto deadline = parse_instant_or_utc(deadline_text);
  if (!deadline)
    return {false, {}, "visa.reminders: visa_deadline '" + deadline_text + "' is not an ISO 8601 date-time"};
  if (now_text.empty()) return {false, {}, "visa.reminders: now is required"};
  const auto now = parse_instant_or_utc(now_text);
  if (!now) return {false, {}, "visa.reminders: now '" + now_text + "' is not an ISO 8601 date-time"};

  const ReminderPlan plan = plan_reminders(*deadline, now->unix_ms, days, sent);
  const int offset = deadline->offset_seconds;
  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  put(w, "deadline", format_instant(deadline->unix_ms, offset));
  w.Key("passed");
  w.Bool(plan.passed);
  w.Key("seconds_left");
  w.Int64(plan.seconds_left);
  w.Key("reminders");
  w.StartArray();
  for (const auto& rem : plan.reminders) {
    w.StartObject();
    w.Key("days_before");
    w.Int(rem.days_before);
    put(w, "at", format_instant(rem.at_ms, offset));
    w.Key("due");
    w.Bool(rem.due);
    w.Key("sent");
    w.Bool(rem.sent);
    w.EndObject();
  }
  w.EndArray();
  w.Key("due");
  w.StartArray();
  for (const auto& rem : plan.reminders)
    if (rem.due) w.Int(rem.days_before);
  w.EndArray();
  w.Key("send");
  if (plan.send)
    w.Int(*plan.send);
  else
    w.Null();
  w.Key("next");
  if (plan.next) {
    w.StartObject();
    w.Key("days_before");
    w.Int(plan.next->days_before);
    put(w, "at", format_instant(plan.next->at_ms, offset));
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  return {true, out.GetString(), {}};
}

}  // namespace cohort_visa
