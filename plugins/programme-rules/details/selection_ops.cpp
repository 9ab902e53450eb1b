#include "details/selection_ops.hpp"

#include <algorithm>
#include <initializer_list>

#include "rules.hpp"

namespace cohort_rules::details {
namespace {

ConflictRules detection(const Json& args, Reader& r) {
  ConflictRules rules;
  if (const Json* d = r.member(args, "detect")) {
    rules.same_country = r.boolean(*d, "same_country", "detect.").value_or(true);
    rules.same_institution = r.boolean(*d, "same_institution", "detect.").value_or(true);
  }
  return rules;
}

bool listed(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

void put_round(Writer& w, const std::string& round) {
  if (!round.empty()) put(w, "round", round);
}

const Json* at(const Json* obj, std::initializer_list<const char*> path) {
  for (const char* key : path) {
    if (!obj || !obj->IsObject()) return nullptr;
    auto it = obj->FindMember(key);
    if (it == obj->MemberEnd() || it->value.IsNull()) return nullptr;
    obj = &it->value;
  }
  return obj;
}

/// The arguments, completed from `programme` (the whole programme file, as workflows pass
/// it with "programme": "=programme") for every setting the caller did not give itself.
class WithProgramme {
 public:
  explicit WithProgramme(const Json& args) {
    doc_.CopyFrom(args, doc_.GetAllocator());
    programme_ = at(&args, {"programme"});
    if (const Json* round = at(&args, {"round"}); round && round->IsString()) round_ = round->GetString();
    if (const Json* rounds = at(programme_, {"selection", "rounds"}); rounds && rounds->IsArray())
      for (const auto& r : rounds->GetArray()) {
        const Json* id = at(&r, {"id"});
        if (id && id->IsString() && round_ == id->GetString()) round_settings_ = &r;
        if (!first_sized_ && at(&r, {"size"})) first_sized_ = &r;
      }
  }

  /// Sets `key` from the programme file at `path` unless given.
  WithProgramme& fill(const char* key, std::initializer_list<const char*> path) { return fill_from(key, at(programme_, path)); }
  /// Sets `key` from this round's settings (programme.selection.rounds[id = round]).
  WithProgramme& fill_round(const char* key, const char* setting) {
    return fill_from(key, at(round_settings_, {setting}));
  }
  /// The shortlist size: this round's, else the first round that has one.
  WithProgramme& fill_size() {
    fill_round("size", "size");
    return fill_from("size", at(first_sized_, {"size"}));
  }
  const Json& args() const { return doc_; }

 private:
  WithProgramme& fill_from(const char* key, const Json* value) {
    if (!value || at(&doc_, {key})) return *this;
    doc_.RemoveMember(key);  // a null stands for "not given"
    doc_.AddMember(rapidjson::Value(key, doc_.GetAllocator()), rapidjson::Value(*value, doc_.GetAllocator()),
                   doc_.GetAllocator());
    return *this;
  }

  rapidjson::Document doc_;
  const Json* programme_ = nullptr;
  const Json* round_settings_ = nullptr;
  const Json* first_sized_ = nullptr;
  std::string round_;
};

}  // namespace

OperationOutcome do_assign_reviewers(const Json& given, Reader& r) {
  WithProgramme merged(given);
  merged.fill_round("reviews_per_application", "reviews_per_application")
      .fill("reviews_per_application", {"selection", "reviews_per_application"})
      .fill("reviewers", {"selection", "reviewers"})
      .fill("detect", {"selection", "detect_conflicts"});
  const Json& args = merged.args();
  AssignmentInput in;
  in.applications = r.applications(args, "applications");
  in.reviewers = r.reviewers(args, "reviewers");
  in.per_application = r.integer(args, "reviews_per_application", "").value_or(2);
  in.rules = detection(args, r);
  in.exclude = r.strings(args, "exclude", "");
  const std::string round = r.string(args, "round", "");
  if (in.per_application < 1) r.fail("reviews_per_application must be at least 1");
  if (r.failed()) return refuse(r.error());

  const auto result = assign_reviewers(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  put_round(w, round);
  auto put_map = [&w](const char* key, const std::map<std::string, std::vector<std::string>>& m) {
    w.Key(key);
    w.StartObject();
    for (const auto& [id, list] : m) put_list(w, id.c_str(), list);
    w.EndObject();
  };
  put_map("assignments", result.by_application);
  std::vector<std::string> assigned;
  for (const auto& [id, list] : result.by_application)
    if (!list.empty()) assigned.push_back(id);
  put_list(w, "assigned", assigned);
  put_map("by_reviewer", result.by_reviewer);
  w.Key("loads");
  w.StartObject();
  for (const auto& [id, n] : result.loads) {
    w.Key(id.c_str(), static_cast<rapidjson::SizeType>(id.size()), true);
    w.Int(n);
  }
  w.EndObject();
  w.Key("min_load");
  w.Int(result.min_load);
  w.Key("max_load");
  w.Int(result.max_load);
  w.Key("complete");
  w.Bool(result.complete);
  w.Key("shortfalls");
  w.StartArray();
  for (const auto& s : result.shortfalls) {
    w.StartObject();
    put(w, "application", s.application);
    w.Key("assigned");
    w.Int(s.assigned);
    w.Key("needed");
    w.Int(s.needed);
    put(w, "reason", s.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("conflicts_avoided");
  w.Int(result.conflicts_avoided);
  put(w, "summary", result.summary);
  w.EndObject();
  return done(sb);
}

OperationOutcome do_score(const Json& given, Reader& r) {
  WithProgramme merged(given);
  merged.fill("criteria", {"selection", "criteria"})
      .fill("normalisation", {"selection", "normalisation"})
      .fill("min_reviews_to_normalise", {"selection", "min_reviews_to_normalise"})
      .fill("reviewers", {"selection", "reviewers"})
      .fill("detect", {"selection", "detect_conflicts"});
  const Json& args = merged.args();
  ScoringInput in;
  const std::vector<std::string> exclude = r.strings(args, "exclude", "");
  // Applications may carry their own reviews (as participants collect them); flat reviews
  // name their application.
  if (const Json* apps = r.member(args, "applications"); apps && apps->IsArray()) {
    std::size_t i = 0;
    for (const auto& a : apps->GetArray()) {
      const std::string where = "applications[" + std::to_string(i++) + "].";
      const std::string id = r.string(a, "id", where);
      if (listed(exclude, id)) continue;
      if (const Json* reviews = r.member(a, "reviews")) {
        if (!reviews->IsArray()) {
          r.fail(where + "reviews must be a list of reviews");
          continue;
        }
        std::size_t j = 0;
        for (const auto& rev : reviews->GetArray())
          in.reviews.push_back(r.review(rev, where + "reviews[" + std::to_string(j++) + "].", id));
      }
    }
  }
  for (auto& a : r.applications(args, "applications"))
    if (!listed(exclude, a.id)) in.applications.push_back(std::move(a));
  if (const Json* flat = r.member(args, "reviews")) {
    if (!flat->IsArray()) return refuse("reviews must be a list of {application, reviewer, criteria, score}");
    std::size_t j = 0;
    for (const auto& rev : flat->GetArray()) {
      Review review = r.review(rev, "reviews[" + std::to_string(j++) + "].", "");
      if (!listed(exclude, review.application)) in.reviews.push_back(std::move(review));
    }
  }
  in.weights = r.weights(args, "criteria");
  if (const Json* scale = r.member(args, "scale")) {
    in.scale_min = r.number(*scale, "min", "scale.").value_or(0);
    in.scale_max = r.number(*scale, "max", "scale.").value_or(10);
    if (in.scale_max <= in.scale_min) r.fail("scale.max must be above scale.min");
  }
  const std::string normalisation = r.string(args, "normalisation", "");
  if (normalisation.empty() || normalisation == "zscore")
    in.normalisation = Normalisation::ZScore;
  else if (normalisation == "mean")
    in.normalisation = Normalisation::Mean;
  else if (normalisation == "none")
    in.normalisation = Normalisation::None;
  else
    r.fail("normalisation must be zscore, mean or none");
  in.min_reviews_to_normalise = r.integer(args, "min_reviews_to_normalise", "").value_or(3);
  in.reviewers = r.reviewers(args, "reviewers");
  in.rules = detection(args, r);
  in.assignments = r.assignments(args, "assignments");
  in.round = r.string(args, "round", "");
  if (r.failed()) return refuse(r.error());

  const auto result = score_round(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  put_round(w, in.round);
  put_candidates(w, "candidates", result.ranked);
  std::vector<std::string> ranking;
  for (const auto& c : result.ranked) ranking.push_back(c.id);
  put_list(w, "ranking", ranking);
  put_list(w, "unscored", result.unscored);
  w.Key("set_aside");
  w.StartArray();
  for (const auto& s : result.set_aside) {
    w.StartObject();
    put(w, "application", s.application);
    put(w, "reviewer", s.reviewer);
    put(w, "reason", s.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("reviewers");
  w.StartArray();
  for (const auto& st : result.reviewers) {
    w.StartObject();
    put(w, "id", st.id);
    w.Key("reviews");
    w.Int(st.reviews);
    put_number(w, "mean", st.mean);
    put_number(w, "sd", st.sd);
    w.Key("adjusted");
    w.Bool(st.adjusted);
    w.EndObject();
  }
  w.EndArray();
  w.Key("pool");
  w.StartObject();
  put_number(w, "mean", result.pool_mean);
  put_number(w, "sd", result.pool_sd);
  w.EndObject();
  put_explanations(w, result.explanations);
  w.EndObject();
  return done(sb);
}

OperationOutcome do_shortlist(const Json& given, Reader& r) {
  WithProgramme merged(given);
  merged.fill_size()
      .fill("seats", {"seats"})
      .fill("quotas", {"quotas"})
      .fill("diversity", {"selection", "diversity"});
  const Json& args = merged.args();
  ShortlistInput in;
  in.candidates = r.candidates(args, "candidates");
  auto size = r.integer(args, "size", "");
  if (!size) r.fail("size is required");
  in.size = size.value_or(0);
  in.seats = r.integer(args, "seats", "").value_or(0);
  in.quotas = r.quotas(args, "quotas");
  in.diversity = r.diversity(args, "diversity");
  in.min_score = r.number(args, "min_score", "");
  in.exclude = r.strings(args, "exclude", "");
  const std::string round = r.string(args, "round", "");
  if (r.failed()) return refuse(r.error());

  const auto result = shortlist(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  put_round(w, round);
  std::vector<std::string> ids;
  for (const auto& c : result.shortlisted) ids.push_back(c.id);
  put_list(w, "shortlisted", ids);
  put_list(w, "not_shortlisted", result.not_shortlisted);
  put_candidates(w, "candidates", result.shortlisted);
  put_explanations(w, result.explanations);
  put_infeasible(w, result.infeasible);
  put_list(w, "unmet", result.unmet);
  w.EndObject();
  return done(sb);
}

OperationOutcome do_select(const Json& given, Reader& r) {
  WithProgramme merged(given);
  merged.fill("seats", {"seats"})
      .fill("quotas", {"quotas"})
      .fill("diversity", {"selection", "diversity"})
      .fill("min_score", {"selection", "min_score"})
      .fill("waitlist_size", {"selection", "waitlist_size"});
  const Json& args = merged.args();
  SelectionInput in;
  const Json* cands = r.member(args, "candidates");
  if (cands && !cands->IsArray()) return refuse("candidates must be a list of {id, country, gender, score}");
  in.candidates = r.candidates(args, "candidates");
  auto seats = r.integer(args, "seats", "");
  if (!seats) r.fail("seats is required");
  in.seats = seats.value_or(0);
  in.quotas = r.quotas(args, "quotas");
  in.min_score = r.number(args, "min_score", "");
  in.waitlist_size = r.integer(args, "waitlist_size", "");
  in.exclude = r.strings(args, "exclude", "");
  in.diversity = r.diversity(args, "diversity");
  if (r.failed()) return refuse(r.error());

  const auto result = select(in);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  put_list(w, "offered", result.offered);
  std::vector<std::string> waitlist_ids;
  for (const auto& e : result.waitlist) waitlist_ids.push_back(e.id);
  put_list(w, "waitlist", waitlist_ids);
  put_list(w, "rejected", result.rejected);
  std::vector<std::string> shortlisted = result.offered;
  shortlisted.insert(shortlisted.end(), waitlist_ids.begin(), waitlist_ids.end());
  put_list(w, "shortlisted", shortlisted);
  w.Key("waitlist_entries");
  w.StartArray();
  for (const auto& e : result.waitlist) put_entry(w, e);
  w.EndArray();
  put_holders(w, "holders", result.holders);
  put_explanations(w, result.explanations);
  put_list(w, "unmet", result.unmet);
  put_infeasible(w, result.infeasible);
  w.Key("feasible");
  w.Bool(result.infeasible.empty());
  std::string report = std::to_string(result.offered.size()) + " of " + std::to_string(in.seats) +
                       " seats offered, " + std::to_string(result.waitlist.size()) + " waitlisted, " +
                       std::to_string(result.rejected.size()) + " rejected";
  report += result.infeasible.empty() ? "; every quota and target met" : "; could not hold: ";
  for (std::size_t i = 0; i < result.unmet.size(); ++i) report += (i ? "; " : "") + result.unmet[i];
  put(w, "report", report);
  w.EndObject();
  return done(sb);
}

OperationOutcome do_replace(const Json& given, Reader& r) {
  WithProgramme merged(given);
  merged.fill("seats", {"seats"})
      .fill("quotas", {"quotas"})
      .fill("diversity", {"selection", "diversity"})
      .fill("last_replacement", {"dates", "last_replacement"});
  const Json& args = merged.args();
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
  in.diversity = r.diversity(args, "diversity");
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
  put_list(w, "unmet", result.unmet);
  w.EndObject();
  return done(sb);
}

}  // namespace cohort_rules::details
