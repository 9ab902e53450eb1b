#include "eligibility_service.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/json_reader.hpp>
#include <cohort_plugin_common/json_writer.hpp>

#include "deadline.hpp"

namespace cohort_eligibility {
namespace {

using Json = rapidjson::Value;
using Writer = cohort_plugin_common::JsonWriter;
using cohort_plugin_common::format_instant;
using cohort_plugin_common::JsonReader;
using cohort_plugin_common::parse_date;
using cohort_plugin_common::parse_config;
using cohort_plugin_common::parse_object;
using cohort_plugin_common::put;
using cohort_plugin_common::put_list;

DeadlineQuery read_query(JsonReader& r, const Json& obj, const std::string& where) {
  DeadlineQuery q;
  q.at = r.string(obj, "at", where);
  q.deadline = r.string(obj, "deadline", where);
  q.timezone = r.string(obj, "timezone", where);
  q.extension = r.string(obj, "extension", where);
  q.opens = r.string(obj, "opens", where);
  return q;
}

void write_deadline(Writer& w, const DeadlineQuery& q, const DeadlineVerdict& v) {
  w.StartObject();
  w.Key("on_time");
  w.Bool(v.on_time);
  put(w, "code", v.code);
  put(w, "reason", v.reason);
  put(w, "submitted_at", format_instant(v.at_ms, v.at_offset));
  put(w, "deadline", format_instant(v.deadline_ms, v.deadline_offset));
  put(w, "closes_at", format_instant(v.closes_at_ms, v.deadline_offset));
  put(w, "timezone", q.timezone);
  w.Key("extended");
  w.Bool(v.extended);
  if (v.on_time) {
    w.Key("seconds_left");
    w.Int64(v.seconds_left);
  } else if (v.code == "late") {
    w.Key("seconds_late");
    w.Int64(v.seconds_late);
  }
  put_list(w, "warnings", v.warnings);
  w.EndObject();
}

}  // namespace

EligibilityService::EligibilityService() : zones_(std::make_unique<ZoneCache>()) {}

const std::vector<std::string>& EligibilityService::operations() {
  static const std::vector<std::string> kOps = {"eligibility.check", "eligibility.deadline"};
  return kOps;
}

bool EligibilityService::configure(std::string_view config_json, std::string& error) {
  rapidjson::Document doc;
  if (!parse_config(config_json, doc, error)) return false;
  JsonReader r;
  Settings s;
  if (JsonReader::member(doc, "degree_scale")) {
    s.degree_scale = r.strings(doc, "degree_scale", "config.");
    if (!r.failed() && s.degree_scale.empty()) r.fail("config.degree_scale must list at least one degree");
  }
  for (const char* key : {"degree_aliases", "document_labels"}) {
    const Json* map = r.object(doc, key, "config.");
    if (!map) continue;
    for (const auto& m : map->GetObject()) {
      if (!m.value.IsString()) {
        r.fail(std::string("config.") + key + "." + m.name.GetString() + " must be a string");
        continue;
      }
      std::string name(m.name.GetString(), m.name.GetStringLength());
      std::string value(m.value.GetString(), m.value.GetStringLength());
      if (std::string(key) == "degree_aliases") {
        for (char& c : name)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        s.degree_aliases[name] = value;
      } else {
        s.document_labels[name] = value;
      }
    }
  }
  const std::string zoneinfo = r.string(doc, "zoneinfo", "config.");
  if (r.failed()) {
    error = r.error();
    return false;
  }
  settings_ = std::move(s);
  zones_ = std::make_unique<ZoneCache>(zoneinfo);
  return true;
}

OperationOutcome EligibilityService::run(std::string_view operation, std::string_view args_json) {
  if (operation == "eligibility.check") return run_check(args_json);
  if (operation == "eligibility.deadline") return run_deadline(args_json);
  return {false, {}, "unknown operation '" + std::string(operation) + "'"};
}

OperationOutcome EligibilityService::run_deadline(std::string_view args_json) {
  rapidjson::Document doc;
  if (!parse_object(args_json, doc)) return {false, {}, "eligibility.deadline: the arguments must be a JSON object"};
  std::string error;
  JsonReader r;
  const DeadlineQuery q = read_query(r, doc, "");
  if (r.failed()) return {false, {}, "eligibility.deadline: " + r.error()};
  DeadlineVerdict v;
  if (!check_deadline(q, *zones_, v, error)) return {false, {}, "eligibility.deadline: " + error};
  rapidjson::StringBuffer out;
  Writer w(out);
  write_deadline(w, q, v);
  return {true, out.GetString(), {}};
}

OperationOutcome EligibilityService::run_check(std::string_view args_json) {
  rapidjson::Document doc;
  if (!parse_object(args_json, doc)) return {false, {}, "eligibility.check: the arguments must be a JSON object"};
  std::string error;
  JsonReader r;
  const Json* applicant_json = r.object(doc, "applicant", "");
  if (!applicant_json && !r.failed()) r.fail("applicant is required");
  const Json empty(rapidjson::kObjectType);
  const Json& aj = applicant_json ? *applicant_json : empty;

  Applicant a;
  a.nationality = r.string(aj, "nationality", "applicant.");
  a.birth_date = r.string(aj, "birth_date", "applicant.");
  a.degree = r.string(aj, "degree", "applicant.");
  a.years_experience = r.number(aj, "years_experience", "applicant.");
  a.employer_type = r.string(aj, "employer_type", "applicant.");
  a.documents = r.strings(aj, "documents", "applicant.");
  a.languages = r.strings(aj, "languages", "applicant.");

  Rules rules;
  rules.countries = r.strings(doc, "countries", "");
  const Json* ej = r.object(doc, "eligibility", "");
  if (ej) {
    const std::string ref = r.string(*ej, "reference_date", "eligibility.");
    if (!ref.empty()) {
      rules.reference_date = parse_date(ref);
      if (!rules.reference_date) r.fail("eligibility.reference_date '" + ref + "' is not a date (YYYY-MM-DD)");
    }
    if (const Json* age = r.object(*ej, "age", "eligibility.")) {
      rules.age_min = r.integer(*age, "min", "eligibility.age.");
      rules.age_max = r.integer(*age, "max", "eligibility.age.");
    }
    rules.min_degree = r.string(*ej, "min_degree", "eligibility.");
    rules.min_experience_years = r.number(*ej, "min_experience_years", "eligibility.");
    rules.employer_types = r.strings(*ej, "employer_types", "eligibility.");
    rules.required_documents = r.strings(*ej, "required_documents", "eligibility.");
    rules.languages_any = r.strings(*ej, "languages_any", "eligibility.");
  }
  // The countries may also sit inside the eligibility section.
  if (rules.countries.empty() && ej) rules.countries = r.strings(*ej, "countries", "eligibility.");

  const Json* sj = r.object(doc, "submission", "");
  DeadlineQuery q;
  if (sj) q = read_query(r, *sj, "submission.");
  if (r.failed()) return {false, {}, "eligibility.check: " + r.error()};
  if (auto problem = validate_rules(rules, settings_); !problem.empty())
    return {false, {}, "eligibility.check: " + problem};

  Verdict verdict = check(a, rules, settings_);
  DeadlineVerdict dv;
  if (sj) {
    if (!check_deadline(q, *zones_, dv, error)) return {false, {}, "eligibility.check: submission." + error};
    if (!dv.on_time) {
      verdict.failed.push_back({"deadline", "deadline." + dv.code, dv.reason, {}});
      verdict.eligible = false;
    } else {
      verdict.passed.push_back("deadline");
    }
  }

  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  w.Key("eligible");
  w.Bool(verdict.eligible);
  w.Key("failed");
  w.StartArray();
  for (const auto& f : verdict.failed) {
    w.StartObject();
    put(w, "rule", f.rule);
    put(w, "code", f.code);
    put(w, "reason", f.reason);
    if (!f.items.empty()) put_list(w, "missing", f.items);
    w.EndObject();
  }
  w.EndArray();
  put_list(w, "passed", verdict.passed);
  put(w, "summary", summary(verdict));
  w.Key("age");
  if (verdict.age)
    w.Int(*verdict.age);
  else
    w.Null();
  if (sj) {
    w.Key("deadline");
    write_deadline(w, q, dv);
  }
  w.EndObject();
  return {true, out.GetString(), {}};
}

}  // namespace cohort_eligibility
