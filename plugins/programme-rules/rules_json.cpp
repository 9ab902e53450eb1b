#include "rules_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <optional>

#include "rules.hpp"

namespace cohort_rules {
namespace {

using Json = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Reads fields leniently (null and absent mean "not given"), remembering the first
// field of the wrong kind so the caller gets one precise message.
class Reader {
 public:
  const std::string& error() const { return error_; }
  bool failed() const { return !error_.empty(); }

  const Json* member(const Json& obj, const char* name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  std::string string(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return {};
    if (!v->IsString()) {
      fail(where + name + " must be a string");
      return {};
    }
    return {v->GetString(), v->GetStringLength()};
  }

  std::optional<double> number(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsNumber()) {
      fail(where + name + " must be a number");
      return std::nullopt;
    }
    return v->GetDouble();
  }

  std::optional<int> integer(const Json& obj, const char* name, const std::string& where) {
    auto d = number(obj, name, where);
    if (!d) return std::nullopt;
    return static_cast<int>(std::lround(*d));
  }

  std::vector<std::string> strings(const Json& obj, const char* name, const std::string& where) {
    std::vector<std::string> out;
    const Json* v = member(obj, name);
    if (!v) return out;
    if (!v->IsArray()) {
      fail(where + name + " must be a list of strings");
      return out;
    }
    for (const auto& item : v->GetArray()) {
      if (item.IsString())
        out.emplace_back(item.GetString(), item.GetStringLength());
      else if (item.IsObject() && item.HasMember("id") && item["id"].IsString())
        out.emplace_back(item["id"].GetString(), item["id"].GetStringLength());
      else
        fail(where + name + " must be a list of strings");
    }
    return out;
  }

  Quotas quotas(const Json& obj, const char* name) {
    Quotas out;
    const Json* v = member(obj, name);
    if (!v) return out;
    if (!v->IsObject()) {
      fail(std::string(name) + " must be an object {country: {min, max}}");
      return out;
    }
    for (const auto& m : v->GetObject()) {
      const std::string cc(m.name.GetString(), m.name.GetStringLength());
      Quota q;
      q.min = integer(m.value, "min", std::string(name) + "." + cc + ".").value_or(0);
      q.max = integer(m.value, "max", std::string(name) + "." + cc + ".").value_or(-1);
      out[cc] = q;
    }
    return out;
  }

  std::vector<WaitlistEntry> waitlist(const Json& obj, const char* name) {
    std::vector<WaitlistEntry> out;
    const Json* v = member(obj, name);
    if (!v) return out;
    if (!v->IsArray()) {
      fail(std::string(name) + " must be a list of {id, country, score, rank}");
      return out;
    }
    int position = 0;
    for (const auto& item : v->GetArray()) {
      ++position;
      const std::string where = std::string(name) + "[" + std::to_string(position - 1) + "].";
      WaitlistEntry w;
      w.id = string(item, "id", where);
      w.country = string(item, "country", where);
      w.score = number(item, "score", where).value_or(0);
      w.rank = integer(item, "rank", where).value_or(position);
      if (w.id.empty()) fail(where + "id is required");
      out.push_back(std::move(w));
    }
    return out;
  }

  std::vector<Holder> holders(const Json& obj, const char* name) {
    std::vector<Holder> out;
    const Json* v = member(obj, name);
    if (!v) return out;
    if (v->IsObject()) {  // counts per country: anonymous holders
      for (const auto& m : v->GetObject()) {
        if (!m.value.IsNumber()) {
          fail(std::string(name) + " counts must be numbers");
          continue;
        }
        for (long i = 0; i < std::lround(m.value.GetDouble()); ++i)
          out.push_back({"", std::string(m.name.GetString(), m.name.GetStringLength())});
      }
      return out;
    }
    if (!v->IsArray()) {
      fail(std::string(name) + " must be a list of {id, country} or an object of counts");
      return out;
    }
    for (const auto& item : v->GetArray()) {
      const std::string where = std::string(name) + "[].";
      out.push_back({string(item, "id", where), string(item, "country", where)});
    }
    return out;
  }

  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  std::string error_;
};

void put(Writer& w, const char* key, const std::string& s) {
  w.Key(key);
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

void put_strings(Writer& w, const char* key, const std::vector<std::string>& list) {
  w.Key(key);
  w.StartArray();
  for (const auto& s : list) w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
}

void put_entry(Writer& w, const WaitlistEntry& e) {
  w.StartObject();
  put(w, "id", e.id);
  put(w, "country", e.country);
  w.Key("score");
  w.Double(e.score);
  w.Key("rank");
  w.Int(e.rank);
  w.EndObject();
}

void put_holders(Writer& w, const char* key, const std::vector<Holder>& holders) {
  w.Key(key);
  w.StartArray();
  for (const auto& h : holders) {
    w.StartObject();
    put(w, "id", h.id);
    put(w, "country", h.country);
    w.EndObject();
  }
  w.EndArray();
  // The same, counted per country, for guards and reports.
  std::map<std::string, int> counts;
  for (const auto& h : holders) ++counts[h.country];
  w.Key((std::string(key) + "_by_country").c_str());
  w.StartObject();
  for (const auto& [cc, n] : counts) {
    w.Key(cc.c_str());
    w.Int(n);
  }
  w.EndObject();
}

OperationOutcome refuse(std::string message) { return {false, {}, std::move(message)}; }

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

OperationOutcome do_select(const Json& args, Reader& r) {
  SelectionInput in;
  const Json* cands = r.member(args, "candidates");
  if (cands && !cands->IsArray()) return refuse("candidates must be a list of {id, country, gender, score}");
  if (cands) {
    int i = 0;
    for (const auto& c : cands->GetArray()) {
      const std::string where = "candidates[" + std::to_string(i++) + "].";
      Candidate cand;
      cand.id = r.string(c, "id", where);
      cand.country = r.string(c, "country", where);
      cand.gender = r.string(c, "gender", where);
      auto score = r.number(c, "score", where);
      if (cand.id.empty()) r.fail(where + "id is required");
      if (!score) r.fail(where + "score is required");
      cand.score = score.value_or(0);
      in.candidates.push_back(std::move(cand));
    }
  }
  auto seats = r.integer(args, "seats", "");
  if (!seats) r.fail("seats is required");
  in.seats = seats.value_or(0);
  in.quotas = r.quotas(args, "quotas");
  in.min_score = r.number(args, "min_score", "");
  in.waitlist_size = r.integer(args, "waitlist_size", "");
  in.exclude = r.strings(args, "exclude", "");
  if (r.failed()) return refuse(r.error());

  const auto result = select(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  put_strings(w, "offered", result.offered);
  std::vector<std::string> waitlist_ids;
  for (const auto& e : result.waitlist) waitlist_ids.push_back(e.id);
  put_strings(w, "waitlist", waitlist_ids);
  put_strings(w, "rejected", result.rejected);
  std::vector<std::string> shortlisted = result.offered;
  shortlisted.insert(shortlisted.end(), waitlist_ids.begin(), waitlist_ids.end());
  put_strings(w, "shortlisted", shortlisted);
  w.Key("waitlist_entries");
  w.StartArray();
  for (const auto& e : result.waitlist) put_entry(w, e);
  w.EndArray();
  put_holders(w, "holders", result.holders);
  w.Key("explanations");
  w.StartObject();
  for (const auto& [id, why] : result.explanations) put(w, id.c_str(), why);
  w.EndObject();
  put_strings(w, "unmet", result.unmet);
  w.EndObject();
  return {true, sb.GetString(), {}};
}

OperationOutcome do_replace(const Json& args, Reader& r) {
  ReplaceInput in;
  in.waitlist = r.waitlist(args, "waitlist");
  in.holders = r.holders(args, "holders");
  in.quotas = r.quotas(args, "quotas");
  if (const Json* freed = r.member(args, "freed"); freed && freed->IsObject()) {
    in.freed_id = r.string(*freed, "id", "freed.");
    in.freed_country = r.string(*freed, "country", "freed.");
  }
  if (in.freed_id.empty()) in.freed_id = r.string(args, "freed_id", "");
  if (in.freed_country.empty()) in.freed_country = r.string(args, "freed_country", "");
  in.seats = r.integer(args, "seats", "");
  in.exclude = r.strings(args, "exclude", "");
  in.date = r.string(args, "date", "");
  in.last_replacement = r.string(args, "last_replacement", "");
  if (!in.date.empty() && !parse_instant_ms(in.date)) r.fail("date '" + in.date + "' is not an ISO 8601 date-time");
  if (!in.last_replacement.empty() && !parse_instant_ms(in.last_replacement))
    r.fail("last_replacement '" + in.last_replacement + "' is not an ISO 8601 date-time");
  if (r.failed()) return refuse(r.error());

  const auto result = replace(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  w.Key("offer");
  if (result.offer)
    w.String(result.offer->id.c_str(), static_cast<rapidjson::SizeType>(result.offer->id.size()));
  else
    w.Null();
  w.Key("offer_entry");
  if (result.offer)
    put_entry(w, *result.offer);
  else
    w.Null();
  w.Key("waitlist");
  w.StartArray();
  for (const auto& e : result.waitlist) put_entry(w, e);
  w.EndArray();
  put_holders(w, "holders", result.holders);
  put(w, "reason", result.reason);
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
  put_strings(w, "missed", result.missed);
  put_strings(w, "unknown", result.unknown);
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
  static const std::vector<std::string> names = {"rules.check_eligibility", "rules.select", "rules.replace",
                                                 "rules.attendance", "rules.certificate_number"};
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
  else if (operation == "rules.select")
    out = do_select(doc, r);
  else if (operation == "rules.replace")
    out = do_replace(doc, r);
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
