#include "rules_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <optional>

#include "details/json_io.hpp"
#include "details/selection_ops.hpp"
#include "rules.hpp"

namespace cohort_rules {
namespace {

using details::Json;
using details::put;
using details::put_list;
using details::Reader;
using details::refuse;
using details::Writer;

OperationOutcome do_check_eligibility(const Json& args, Reader& r) {
  const Json* a = r.member(args, "applicant");
  const Json* e = r.member(args, "eligibility");
  if (!a || !a->IsObject()) return refuse("applicant must be an object");
  if (!e || !e->IsObject()) return refuse("eligibility must be an object");

  Applicant applicant;
  applicant.nationality = r.string(*a, "nationality", "applicant.");
  applicant.birth_date = r.string(*a, "birth_date", "applicant.");
  applicant.degree = r.string(*a, "degree", "applicant.");
  applicant.years_experience = r.number(*a, "years_experience", "applicant.");
  applicant.documents = r.strings(*a, "documents", "applicant.");
  applicant.languages = r.strings(*a, "languages", "applicant.");

  Eligibility rules;
  rules.countries = r.strings(args, "countries", "");
  if (rules.countries.empty()) rules.countries = r.strings(*e, "countries", "eligibility.");
  rules.reference_date = r.string(*e, "reference_date", "eligibility.");
  if (const Json* age = r.member(*e, "age")) {
    rules.age_min = r.integer(*age, "min", "eligibility.age.");
    rules.age_max = r.integer(*age, "max", "eligibility.age.");
  }
  rules.min_degree = r.string(*e, "min_degree", "eligibility.");
  rules.min_experience_years = r.number(*e, "min_experience_years", "eligibility.");
  rules.required_documents = r.strings(*e, "required_documents", "eligibility.");
  rules.languages_any = r.strings(*e, "languages_any", "eligibility.");
  if (r.failed()) return refuse(r.error());

  const auto result = check_eligibility(applicant, rules);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  w.Key("eligible");
  w.Bool(result.eligible);
  w.Key("failed");
  w.StartArray();
  for (const auto& f : result.failed) {
    w.StartObject();
    put(w, "rule", f.rule);
    put(w, "reason", f.reason);
    w.EndObject();
  }
  w.EndArray();
  std::vector<std::string> reasons;
  for (const auto& f : result.failed) reasons.push_back(f.reason);
  std::string summary;
  for (const auto& s : reasons) summary += (summary.empty() ? "" : "; ") + s;
  put(w, "summary", result.eligible ? std::string("all eligibility rules met") : summary);
  w.Key("age");
  if (result.age)
    w.Int(*result.age);
  else
    w.Null();
  w.EndObject();
  return {true, sb.GetString(), {}};
}

OperationOutcome do_attendance(const Json& args, Reader& r) {
  AttendanceInput in;
  if (const Json* list = r.member(args, "checkins")) {
    if (!list->IsArray()) return refuse("checkins must be a list of {session, status}");
    int i = 0;
    for (const auto& c : list->GetArray()) {
      const std::string where = "checkins[" + std::to_string(i++) + "].";
      CheckIn ci;
      ci.session = r.string(c, "session", where);
      const std::string status = r.string(c, "status", where);
      if (!status.empty()) ci.status = status;
      in.checkins.push_back(std::move(ci));
    }
  }
  const Json* sessions = r.member(args, "sessions");
  if (!sessions || !sessions->IsArray()) return refuse("sessions must be a list of {id, weight}");
  int i = 0;
  for (const auto& s : sessions->GetArray()) {
    const std::string where = "sessions[" + std::to_string(i++) + "].";
    in.sessions.push_back({r.string(s, "id", where), r.number(s, "weight", where).value_or(1.0)});
  }
  in.threshold = r.number(args, "threshold", "").value_or(0.8);
  if (const Json* weights = r.member(args, "status_weights"); weights && weights->IsObject()) {
    for (const auto& m : weights->GetObject())
      if (m.value.IsNumber()) in.status_weights[m.name.GetString()] = m.value.GetDouble();
  }
  if (r.failed()) return refuse(r.error());

  const auto result = attendance(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  w.Key("rate");
  w.Double(std::round(result.rate * 10000.0) / 10000.0);
  w.Key("attended_weight");
  w.Double(result.attended_weight);
  w.Key("total_weight");
  w.Double(result.total_weight);
  w.Key("met");
  w.Bool(result.met);
  put_list(w, "missed", result.missed);
  put_list(w, "unknown", result.unknown);
  put(w, "reason", result.reason);
  w.EndObject();
  return {true, sb.GetString(), {}};
}

OperationOutcome do_certificate_number(const Json& args, Reader& r) {
  const std::string prefix = r.string(args, "prefix", "");
  auto sequence = r.integer(args, "sequence", "");
  const int digits = r.integer(args, "digits", "").value_or(4);
  if (!sequence) r.fail("sequence is required");
  if (r.failed()) return refuse(r.error());
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  put(w, "number", certificate_number(prefix, *sequence, digits));
  w.Key("sequence");
  w.Int(*sequence);
  // Echoed so the caller can route the number without remembering whom it asked for.
  if (const std::string holder = r.string(args, "holder", ""); !holder.empty()) put(w, "holder", holder);
  w.EndObject();
  return {true, sb.GetString(), {}};
}

}  // namespace

const std::vector<std::string>& operation_names() {
  static const std::vector<std::string> names = {
      "rules.check_eligibility", "rules.assign_reviewers", "rules.score",      "rules.shortlist",
      "rules.select",            "rules.replace",          "rules.attendance", "rules.certificate_number"};
  return names;
}

OperationOutcome run_operation(std::string_view operation, std::string_view args_json) {
  rapidjson::Document doc;
  doc.Parse(args_json.data(), args_json.size());
  if (doc.HasParseError() || !doc.IsObject())
    return refuse(std::string(operation) + ": the arguments must be a JSON object");
  Reader r;
  OperationOutcome out;
  if (operation == "rules.check_eligibility")
    out = do_check_eligibility(doc, r);
  else if (operation == "rules.assign_reviewers")
    out = details::do_assign_reviewers(doc, r);
  else if (operation == "rules.score")
    out = details::do_score(doc, r);
  else if (operation == "rules.shortlist")
    out = details::do_shortlist(doc, r);
  else if (operation == "rules.select")
    out = details::do_select(doc, r);
  else if (operation == "rules.replace")
    out = details::do_replace(doc, r);
  else if (operation == "rules.attendance")
    out = do_attendance(doc, r);
  else if (operation == "rules.certificate_number")
    out = do_certificate_number(doc, r);
  else
    return refuse("unknown operation '" + std::string(operation) + "'");
  if (!out.ok) out.message = std::string(operation) + ": " + out.message;
  return out;
}

}  // namespace cohort_rules
