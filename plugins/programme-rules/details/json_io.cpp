#include "details/json_io.hpp"

#include <cmath>

namespace cohort_rules::details {
namespace {

std::string text(const Json& v) { return {v.GetString(), v.GetStringLength()}; }

std::string index(const char* name, std::size_t i) { return std::string(name) + "[" + std::to_string(i) + "]."; }

}  // namespace

std::optional<int> Reader::integer(const Json& obj, const char* name, const std::string& where) {
  auto d = number(obj, name, where);
  if (!d) return std::nullopt;
  return static_cast<int>(std::lround(*d));
}

std::vector<std::string> Reader::strings(const Json& obj, const char* name, const std::string& where) {
  std::vector<std::string> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsArray()) {
    fail(where + name + " must be a list of strings");
    return out;
  }
  for (const auto& item : v->GetArray()) {
    if (item.IsString())
      out.push_back(text(item));
    else if (item.IsObject() && item.HasMember("id") && item["id"].IsString())
      out.push_back(text(item["id"]));
    else
      fail(where + name + " must be a list of strings");
  }
  return out;
}

Quotas Reader::quotas(const Json& obj, const char* name) {
  Quotas out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsObject()) {
    fail(std::string(name) + " must be an object {country: {min, max}}");
    return out;
  }
  for (const auto& m : v->GetObject()) {
    const std::string cc = text(m.name);
    Quota q;
    q.min = integer(m.value, "min", std::string(name) + "." + cc + ".").value_or(0);
    q.max = integer(m.value, "max", std::string(name) + "." + cc + ".").value_or(-1);
    out[cc] = q;
  }
  return out;
}

Diversity Reader::diversity(const Json& obj, const char* name) {
  Diversity out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsObject()) {
    fail(std::string(name) + " must be an object {gender: {shares, tolerance, hard}}");
    return out;
  }
  for (const auto& m : v->GetObject()) {
    const std::string key = text(m.name);
    if (key != "gender") {
      fail(std::string(name) + "." + key + " is not a supported target (only gender)");
      continue;
    }
    if (m.value.IsNull()) continue;
    const std::string where = std::string(name) + ".gender.";
    GenderTarget t;
    const Json* shares = member(m.value, "shares");
    if (!shares || !shares->IsObject()) {
      fail(where + "shares must be an object {gender: share 0-1}");
      continue;
    }
    for (const auto& s : shares->GetObject()) {
      if (!s.value.IsNumber() || s.value.GetDouble() < 0 || s.value.GetDouble() > 1)
        fail(where + "shares." + text(s.name) + " must be a number from 0 to 1");
      else
        t.shares[text(s.name)] = s.value.GetDouble();
    }
    t.tolerance = number(m.value, "tolerance", where).value_or(0);
    if (t.tolerance < 0 || t.tolerance > 1) fail(where + "tolerance must be a number from 0 to 1");
    t.hard = boolean(m.value, "hard", where).value_or(false);
    out.gender = std::move(t);
  }
  return out;
}

std::vector<WaitlistEntry> Reader::waitlist(const Json& obj, const char* name) {
  std::vector<WaitlistEntry> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsArray()) {
    fail(std::string(name) + " must be a list of {id, country, gender, score, rank}");
    return out;
  }
  std::size_t position = 0;
  for (const auto& item : v->GetArray()) {
    const std::string where = index(name, position++);
    WaitlistEntry w;
    w.id = string(item, "id", where);
    w.country = string(item, "country", where);
    w.gender = string(item, "gender", where);
    w.score = number(item, "score", where).value_or(0);
    w.rank = integer(item, "rank", where).value_or(static_cast<int>(position));
    if (w.id.empty()) fail(where + "id is required");
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<Holder> Reader::holders(const Json& obj, const char* name) {
  std::vector<Holder> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (v->IsObject()) {  // counts per country: anonymous holders
    for (const auto& m : v->GetObject()) {
      if (!m.value.IsNumber()) {
        fail(std::string(name) + " counts must be numbers");
        continue;
      }
      for (long i = 0; i < std::lround(m.value.GetDouble()); ++i) out.push_back({"", text(m.name)});
    }
    return out;
  }
  if (!v->IsArray()) {
    fail(std::string(name) + " must be a list of {id, country, gender} or an object of counts");
    return out;
  }
  std::size_t i = 0;
  for (const auto& item : v->GetArray()) {
    const std::string where = index(name, i++);
    out.push_back({string(item, "id", where), string(item, "country", where), string(item, "gender", where)});
  }
  return out;
}

std::vector<Candidate> Reader::candidates(const Json& obj, const char* name) {
  std::vector<Candidate> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsArray()) {
    fail(std::string(name) + " must be a list of {id, country, gender, score}");
    return out;
  }
  std::size_t i = 0;
  for (const auto& c : v->GetArray()) {
    const std::string where = index(name, i++);
    Candidate cand;
    cand.id = string(c, "id", where);
    cand.country = string(c, "country", where);
    cand.gender = string(c, "gender", where);
    auto score = number(c, "score", where);
    cand.raw = number(c, "raw", where);
    cand.reviews = integer(c, "reviews", where).value_or(0);
    if (cand.id.empty()) fail(where + "id is required");
    if (!score) fail(where + "score is required");
    cand.score = score.value_or(0);
    out.push_back(std::move(cand));
  }
  return out;
}

std::vector<ApplicationInfo> Reader::applications(const Json& obj, const char* name) {
  std::vector<ApplicationInfo> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsArray()) {
    fail(std::string(name) + " must be a list of {id, country, institution, gender}");
    return out;
  }
  std::size_t i = 0;
  for (const auto& a : v->GetArray()) {
    const std::string where = index(name, i++);
    ApplicationInfo info;
    info.id = string(a, "id", where);
    info.country = string(a, "country", where);
    info.institution = string(a, "institution", where);
    info.gender = string(a, "gender", where);
    if (info.id.empty()) fail(where + "id is required");
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<Reviewer> Reader::reviewers(const Json& obj, const char* name) {
  std::vector<Reviewer> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsArray()) {
    fail(std::string(name) + " must be a list of {id, name, country, institution, conflicts, max_load}");
    return out;
  }
  std::size_t i = 0;
  for (const auto& r : v->GetArray()) {
    const std::string where = index(name, i++);
    Reviewer rev;
    rev.id = string(r, "id", where);
    rev.name = string(r, "name", where);
    rev.country = string(r, "country", where);
    rev.institution = string(r, "institution", where);
    rev.conflicts = strings(r, "conflicts", where);
    rev.max_load = integer(r, "max_load", where);
    if (rev.id.empty()) fail(where + "id is required");
    out.push_back(std::move(rev));
  }
  return out;
}

Review Reader::review(const Json& item, const std::string& where, const std::string& application) {
  Review r;
  r.application = string(item, "application", where);
  if (r.application.empty()) r.application = application;
  r.reviewer = string(item, "reviewer", where);
  if (const Json* criteria = member(item, "criteria")) {
    if (!criteria->IsObject()) {
      fail(where + "criteria must be an object {criterion: score}");
    } else {
      for (const auto& m : criteria->GetObject()) {
        if (!m.value.IsNumber())
          fail(where + "criteria." + text(m.name) + " must be a number");
        else
          r.criteria[text(m.name)] = m.value.GetDouble();
      }
    }
  }
  r.score = number(item, "score", where);
  r.conflict_declared = boolean(item, "conflict_declared", where).value_or(false);
  r.reviewer_country = string(item, "reviewer_country", where);
  r.reviewer_institution = string(item, "reviewer_institution", where);
  r.round = string(item, "round", where);
  if (r.application.empty()) fail(where + "application is required");
  if (r.reviewer.empty()) fail(where + "reviewer is required");
  return r;
}

std::map<std::string, double> Reader::weights(const Json& obj, const char* name) {
  std::map<std::string, double> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsObject()) {
    fail(std::string(name) + " must be an object {criterion: weight}");
    return out;
  }
  for (const auto& m : v->GetObject()) {
    if (!m.value.IsNumber() || m.value.GetDouble() < 0)
      fail(std::string(name) + "." + text(m.name) + " must be a number of at least 0");
    else
      out[text(m.name)] = m.value.GetDouble();
  }
  return out;
}

std::map<std::string, std::vector<std::string>> Reader::assignments(const Json& obj, const char* name) {
  std::map<std::string, std::vector<std::string>> out;
  const Json* v = member(obj, name);
  if (!v) return out;
  if (!v->IsObject()) {
    fail(std::string(name) + " must be an object {application: [reviewer ids]}");
    return out;
  }
  for (const auto& m : v->GetObject()) out[text(m.name)] = strings(*v, m.name.GetString(), std::string(name) + ".");
  return out;
}

OperationOutcome refuse(std::string message) { return {false, {}, std::move(message)}; }

OperationOutcome done(const rapidjson::StringBuffer& sb) { return {true, sb.GetString(), {}}; }

void put_number(Writer& w, const char* key, double v) {
  w.Key(key);
  w.Double(std::round(v * 10000.0) / 10000.0);
}

void put_entry(Writer& w, const WaitlistEntry& e) {
  w.StartObject();
  put(w, "id", e.id);
  put(w, "country", e.country);
  put(w, "gender", e.gender);
  put_number(w, "score", e.score);
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
    put(w, "gender", h.gender);
    w.EndObject();
  }
  w.EndArray();
  // The same, counted per country and per gender, for guards and reports.
  std::map<std::string, int> by_country, by_gender;
  for (const auto& h : holders) {
    ++by_country[h.country];
    if (!h.gender.empty()) ++by_gender[h.gender];
  }
  for (const auto& [suffix, counts] : {std::make_pair("_by_country", &by_country), std::make_pair("_by_gender", &by_gender)}) {
    const std::string name = std::string(key) + suffix;
    w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()), true);
    w.StartObject();
    for (const auto& [k, n] : *counts) {
      w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()), true);
      w.Int(n);
    }
    w.EndObject();
  }
}

void put_candidates(Writer& w, const char* key, const std::vector<Candidate>& list) {
  w.Key(key);
  w.StartArray();
  for (const auto& c : list) {
    w.StartObject();
    put(w, "id", c.id);
    put(w, "country", c.country);
    put(w, "gender", c.gender);
    put_number(w, "score", c.score);
    if (c.raw) put_number(w, "raw", *c.raw);
    w.Key("reviews");
    w.Int(c.reviews);
    w.EndObject();
  }
  w.EndArray();
}

void put_infeasible(Writer& w, const std::vector<Infeasibility>& list) {
  w.Key("infeasible");
  w.StartArray();
  for (const auto& inf : list) {
    w.StartObject();
    put(w, "constraint", inf.constraint);
    put(w, "subject", inf.subject);
    w.Key("required");
    w.Int(inf.required);
    w.Key("achieved");
    w.Int(inf.achieved);
    put(w, "reason", inf.reason);
    w.EndObject();
  }
  w.EndArray();
}

void put_explanations(Writer& w, const std::map<std::string, std::string>& explanations) {
  w.Key("explanations");
  w.StartObject();
  for (const auto& [id, why] : explanations) {
    w.Key(id.c_str(), static_cast<rapidjson::SizeType>(id.size()), true);
    w.String(why.c_str(), static_cast<rapidjson::SizeType>(why.size()));
  }
  w.EndObject();
}

}  // namespace cohort_rules::details
