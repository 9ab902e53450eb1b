#include "programme/generator.hpp"

#include <spdlog/spdlog.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <unordered_map>

#include "loader/loader.hpp"
#include "run/programme_session.hpp"
#include "event/cloudevent.hpp"
#include "programme/details/mrz.hpp"
#include "programme/details/population.hpp"
#include "runtime/engine.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::programme {
namespace {

using details::OfferAnswer;
using details::Random;
using details::SimApplicant;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// The clock moves at most this far between two looks at what the engine did, and every
// answer comes later than this after its cause: so no answer is ever due before the
// clock, and feeding the output to `cohort run` replays exactly what happened here.
constexpr std::int64_t kStep = kHour;
constexpr std::int64_t kMinReaction = kStep + kMinute;

Timestamp at(std::int64_t ms) { return Timestamp{ms}; }

std::optional<Timestamp> date_of(const Value& programme, const char* name) {
  const Value& v = programme["dates"][name];
  if (v.is_string()) return parse_iso_datetime(v.as_string());
  if (v.is_time()) return v.as_time();
  return std::nullopt;
}

std::optional<Timestamp> time_of(const Value& v) {
  if (v.is_time()) return v.as_time();
  if (v.is_string()) return parse_iso_datetime(v.as_string());
  return std::nullopt;
}

/// A transition the engine reported, copied out of the worker thread.
struct Seen {
  std::string subject;
  std::string definition;
  std::string from;
  std::string to;
  Timestamp time;
};

/// A round's reviewers for one application, as review.assigned told it.
struct Assigned {
  std::string subject;
  std::string round;
  std::vector<std::string> reviewers;
  Timestamp time;
  std::optional<Timestamp> closes;
};

class Recorder : public runtime::Observer {
 public:
  void on_emit(std::string_view from_subject, const Event& emitted) override {
    (void)from_subject;
    if (emitted.type != "review.assigned") return;
    // Only this recipient's reviewers: the payload carries the whole round's assignment.
    Assigned a;
    a.subject = emitted.subject;
    a.round = emitted.data["round"].is_string() ? emitted.data["round"].as_string() : "";
    const Value& ids = emitted.data["reviewers"][emitted.subject];
    if (ids.is_list())
      for (const auto& id : ids.as_list())
        if (id.is_string()) a.reviewers.push_back(id.as_string());
    a.time = emitted.time;
    a.closes = time_of(emitted.data["closes"]);
    std::lock_guard lock(mutex_);
    assigned_.push_back(std::move(a));
  }
  std::vector<Assigned> take_assigned() {
    std::lock_guard lock(mutex_);
    std::vector<Assigned> out;
    out.swap(assigned_);
    return out;
  }
  void on_transition(std::string_view subject, std::string_view definition, std::string_view from,
                     std::string_view to, const Event& cause) override {
    std::lock_guard lock(mutex_);
    seen_.push_back({std::string(subject), std::string(definition), std::string(from), std::string(to), cause.time});
  }
  std::vector<Seen> take() {
    std::lock_guard lock(mutex_);
    std::vector<Seen> out;
    out.swap(seen_);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<Seen> seen_;
  std::vector<Assigned> assigned_;
};

struct Reviewer {
  std::string id;
  std::string country;
  std::string institution;
  double severity = 0;  ///< added to every score this reviewer gives: what normalisation corrects
};

struct Dates {
  Timestamp created, call_opens, call_closes, selection, offer_deadline, last_replacement, visa_deadline, arrival,
      start, end;
};

struct SessionTime {
  std::string id;
  Timestamp start;
};

/// The simulation: the engine, the applicants, and the queue of their future actions.
class Simulation {
 public:
  Simulation(const Value& programme, const GenerateOptions& options) : programme_(programme), options_(options) {}

  GeneratedProgramme run();

 private:
  bool read_dates(std::string& error);
  void read_sessions();
  void make_reviewers();

  void schedule(SimApplicant& a, std::int64_t time, std::string type, std::string source, Value data);
  void react(const Seen& s);
  void react_all();
  void advance_clock_to(Timestamp t);

  void on_draft(SimApplicant& a, std::int64_t t);
  void on_assigned(SimApplicant& a, const Assigned& assigned);
  void on_offered(SimApplicant& a, std::int64_t t);
  void on_enrolled(SimApplicant& a, std::int64_t t);
  void withdraw(SimApplicant& a, std::int64_t t, const char* reason);

  const Value& programme_;
  const GenerateOptions& options_;
  std::string pid_;
  Dates d_{};
  std::vector<SessionTime> sessions_;
  std::vector<Reviewer> reviewers_;

  std::vector<SimApplicant> applicants_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::set<std::int64_t> used_times_;
  struct Queued {
    std::int64_t time;
    std::uint64_t seq;
    Event event;
  };
  struct Later {
    bool operator()(const Queued& a, const Queued& b) const {
      return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
  };
  std::priority_queue<Queued, std::vector<Queued>, Later> queue_;
  std::uint64_t queued_ = 0;

  runtime::Engine* engine_ = nullptr;
  Recorder recorder_;
  Timestamp clock_{0};
};

bool Simulation::read_dates(std::string& error) {
  struct Field {
    const char* name;
    Timestamp* out;
  };
  const Field fields[] = {{"created", &d_.created},         {"call_opens", &d_.call_opens},
                          {"call_closes", &d_.call_closes}, {"selection", &d_.selection},
                          {"offer_deadline", &d_.offer_deadline}, {"last_replacement", &d_.last_replacement},
                          {"visa_deadline", &d_.visa_deadline},   {"arrival", &d_.arrival},
                          {"start", &d_.start},             {"end", &d_.end}};
  for (const auto& f : fields) {
    auto t = date_of(programme_, f.name);
    if (!t) {
      error = std::string("the programme has no valid dates.") + f.name;
      return false;
    }
    *f.out = *t;
  }
  if (!(d_.call_opens < d_.call_closes && d_.call_closes < d_.selection && d_.selection < d_.start &&
        d_.start < d_.end)) {
    error = "the programme's dates are out of order (call_opens < call_closes < selection < start < end)";
    return false;
  }
  return true;
}

void Simulation::read_sessions() {
  // Session times are local: the venue's offset is the one written on dates.start.
  std::string offset = "Z";
  const Value& start = programme_["dates"]["start"];
  if (start.is_string() && start.as_string().size() >= 6) {
    const std::string s = start.as_string();
    const std::string tail = s.substr(s.size() - 6);
    if ((tail[0] == '+' || tail[0] == '-') && tail[3] == ':') offset = tail;
  }
  const Value& list = programme_["sessions"];
  if (!list.is_list()) return;
  for (const auto& s : list.as_list()) {
    if (!s["id"].is_string() || !s["date"].is_string() || !s["start"].is_string()) continue;
    auto t = parse_iso_datetime(s["date"].as_string() + "T" + s["start"].as_string() + ":00" + offset);
    if (t) sessions_.push_back({s["id"].as_string(), *t});
  }
}

void Simulation::make_reviewers() {
  // The programme's own review committee (selection.reviewers); each reviewer is a little
  // harsher or more lenient than the others, which the per-reviewer normalisation evens out.
  const Value& list = programme_["selection"]["reviewers"];
  if (!list.is_list()) return;
  for (const auto& rv : list.as_list()) {
    if (!rv["id"].is_string()) continue;
    Reviewer rev{rv["id"].as_string(), rv["country"].is_string() ? rv["country"].as_string() : "",
                 rv["institution"].is_string() ? rv["institution"].as_string() : "", 0.0};
    Random r(details::stream_seed(options_.seed, pid_ + "/reviewer/" + rev.id));
    rev.severity = r.uniform(-1.2, 1.2);
    reviewers_.push_back(std::move(rev));
  }
}

void Simulation::schedule(SimApplicant& a, std::int64_t time, std::string type, std::string source, Value data) {
  // Whole seconds read better; distinct times keep the order of the file the order of
  // the simulation.
  time -= time % kSecond;
  while (used_times_.count(time)) time += kSecond;
  used_times_.insert(time);
  Event e;
  char id[96];
  std::snprintf(id, sizeof id, "%s-%03d", a.id.c_str(), ++a.next_event);
  e.id = id;
  e.source = std::move(source);
  e.type = std::move(type);
  e.subject = a.id;
  e.time = at(time);
  e.has_time = true;
  e.data = data.is_null() ? Value::object() : std::move(data);
  queue_.push({time, ++queued_, std::move(e)});
}

void Simulation::withdraw(SimApplicant& a, std::int64_t t, const char* reason) {
  schedule(a, t, "participant.withdrew", "/portal", Value::object({{"reason", Value(reason)}}));
}

void Simulation::on_draft(SimApplicant& a, std::int64_t t) {
  Random& r = a.rng;
  const std::int64_t close = d_.call_closes.ms;
  if (a.withdraw_in == "draft") {
    withdraw(a, t + kMinReaction + r.range(0, 3 * kDay), "changed my plans");
    return;
  }
  if (!a.submits) return;
  if (a.submits_late) {
    if (a.gets_extension && close - 2 * kDay > t + kMinReaction) {
      const std::int64_t until = close + 5 * kDay;
      schedule(a, close - r.range(kDay, 2 * kDay), "application.extension_granted", "/office",
               Value::object({{"until", Value(format_iso_datetime(at(until)))},
                              {"reason", Value("documents delayed by the issuing authority")}}));
      schedule(a, close + r.range(kDay, 4 * kDay), "application.submitted", "/portal",
               Value::object({{"applicant", a.profile}}));
    } else {
      schedule(a, std::max(close + r.range(kHour, 3 * kDay), t + kMinReaction), "application.submitted", "/portal",
               Value::object({{"applicant", a.profile}}));
    }
    return;
  }
  const std::int64_t latest = std::min(t + 10 * kDay, close - kHour);
  const std::int64_t when = latest > t + kMinReaction ? r.range(t + kMinReaction, latest) : t + kMinReaction;
  schedule(a, when, "application.submitted", "/portal", Value::object({{"applicant", a.profile}}));
}

void Simulation::on_assigned(SimApplicant& a, const Assigned& assigned) {
  Random& r = a.rng;
  // Some applications are never read in the first round; the shortlist round rejects them.
  if (assigned.round == "shortlist" && !a.reviewed) return;
  const std::int64_t t = std::max(assigned.time.ms, clock_.ms);
  const std::int64_t from = t + kMinReaction;
  const std::int64_t to = (assigned.closes ? assigned.closes->ms : d_.selection.ms) - 6 * kHour;
  if (to <= from) return;
  auto score_of = [&r](double q) { return std::clamp(std::round(r.normal(q, 0.8) * 2.0) / 2.0, 0.0, 10.0); };
  auto review = [&](const Reviewer& rev, bool declared) {
    const double q = a.quality + rev.severity;
    Value criteria = Value::object({{"relevance", Value(score_of(q))},
                                    {"experience", Value(score_of(q))},
                                    {"motivation", Value(score_of(q))}});
    schedule(a, r.range(from, to), "review.submitted", "/reviews",
             Value::object({{"reviewer", Value(rev.id)},
                            {"reviewer_country", Value(rev.country)},
                            {"reviewer_institution", Value(rev.institution)},
                            {"score", Value(score_of(q))},
                            {"criteria", std::move(criteria)},
                            {"conflict_declared", Value(declared)},
                            {"round", Value(assigned.round)}}));
  };
  for (const auto& id : assigned.reviewers) {
    auto it = std::find_if(reviewers_.begin(), reviewers_.end(), [&](const Reviewer& x) { return x.id == id; });
    if (it == reviewers_.end()) continue;
    // A reviewer may still find a conflict the office did not know of, and declare it.
    review(*it, r.chance(0.03));
  }
  // Now and then a committee member reviews an application not assigned to them (a
  // compatriot, say): the participant sets it aside.
  if (r.chance(0.08)) {
    std::vector<const Reviewer*> others;
    for (const auto& rev : reviewers_)
      if (std::find(assigned.reviewers.begin(), assigned.reviewers.end(), rev.id) == assigned.reviewers.end())
        others.push_back(&rev);
    if (!others.empty()) review(*others[static_cast<std::size_t>(r.range(0, static_cast<std::int64_t>(others.size()) - 1))], false);
  }
}

void Simulation::on_offered(SimApplicant& a, std::int64_t t) {
  Random& r = a.rng;
  std::int64_t expires = t + 7 * kDay;
  if (auto view = engine_->instance(a.id))
    if (auto e = time_of(view->data["offer_expires_at"])) expires = e->ms;
  const std::int64_t window = std::max<std::int64_t>(expires - t, 2 * kMinReaction);
  auto within = [&](double lo, double hi) {
    return t + kMinReaction + static_cast<std::int64_t>(r.uniform(lo, hi) * static_cast<double>(window - kMinReaction));
  };
  if (a.withdraw_in == "offered") {
    withdraw(a, within(0.1, 0.5), "family reasons");
    return;
  }
  auto passport = [&](std::int64_t expires_ms) {
    char number[32];
    std::snprintf(number, sizeof number, "%s%07lld", a.country.c_str(), static_cast<long long>(r.range(1000000, 9999999)));
    const std::string expires = format_iso_datetime(at(expires_ms)).substr(0, 10);
    // The MRZ is read from the passport itself; the number beside it is what the
    // applicant typed, and a few mistype one digit (the check reports the mismatch).
    const auto mrz = details::td3_mrz({a.country, a.family_name, a.given_name, number,
                                       a.profile["birth_date"].as_string(), a.gender, expires});
    std::string typed = number;
    if (a.passport_typo) typed.back() = typed.back() == '9' ? '0' : static_cast<char>(typed.back() + 1);
    Value out = Value::object({{"number", Value(typed)}, {"country", Value(a.country)}, {"expires", Value(expires)}});
    if (!mrz.empty()) out.set("mrz", Value(List{Value(mrz[0]), Value(mrz[1])}));
    return out;
  };
  switch (a.answer) {
    case OfferAnswer::Accept: {
      const std::int64_t when = within(0.05, 0.6);
      if (a.short_passport) {
        // First try with a passport that runs out too soon: refused; a renewed one follows.
        a.short_passport = false;
        schedule(a, when, "offer.accepted", "/portal", Value::object({{"passport", passport(d_.end.ms + 60 * kDay)}}));
        schedule(a, when + r.range(kHour, 2 * kDay), "offer.accepted", "/portal",
                 Value::object({{"passport", passport(d_.end.ms + r.range(400, 3000) * kDay)}}));
      } else {
        schedule(a, when, "offer.accepted", "/portal",
                 Value::object({{"passport", passport(d_.end.ms + r.range(400, 3000) * kDay)}}));
      }
      return;
    }
    case OfferAnswer::Decline: {
      static const std::vector<std::string> reasons = {"cannot get leave from my employer", "family reasons",
                                                       "accepted another fellowship", "health reasons"};
      schedule(a, within(0.05, 0.9), "offer.declined", "/portal", Value::object({{"reason", Value(r.pick(reasons))}}));
      return;
    }
    case OfferAnswer::Silent: return;
  }
}

void Simulation::on_enrolled(SimApplicant& a, std::int64_t t) {
  Random& r = a.rng;
  int attended = 0;
  for (const auto& s : sessions_) {
    if (a.withdraw_in == "attending" && attended == 3) {
      withdraw(a, std::max(s.start.ms - 2 * kHour, t + kMinReaction), "called back by my employer");
      return;
    }
    std::int64_t when;
    const char* status;
    if (r.chance(a.attendance)) {
      const bool late = r.chance(0.08);
      status = late ? "late" : "present";
      when = s.start.ms + (late ? r.range(6 * kMinute, 40 * kMinute) : -r.range(kMinute, 15 * kMinute));
      ++attended;
    } else if (r.chance(0.25)) {
      status = "excused";
      when = s.start.ms - r.range(kHour, 20 * kHour);
    } else {
      continue;  // absent: nobody checks in
    }
    if (when < t + kMinReaction) continue;  // registered too late to be there
    // The desk scans badges in staff mode: a QR token needs the run's own key, which a
    // simulation made ahead of the run cannot know. Excused absences are office corrections.
    static const std::vector<std::string> desk = {"desk-1", "desk-2", "desk-3"};
    if (std::string(status) == "excused")
      schedule(a, when, "attendance.corrected", "/office",
               Value::object({{"session", Value(s.id)}, {"status", Value("excused")}, {"staff", Value("office")},
                              {"reason", Value("excused by the programme office")}}));
    else
      schedule(a, when, "session.checked_in", "/checkin", Value::object({{"session", Value(s.id)}, {"staff", Value(r.pick(desk))}}));
  }
}

void Simulation::react(const Seen& s) {
  if (s.definition != "participant") return;
  auto it = by_id_.find(s.subject);
  if (it == by_id_.end()) return;
  SimApplicant& a = applicants_[it->second];
  Random& r = a.rng;
  const std::int64_t t = s.time.ms;
  const std::string& to = s.to;
  a.path.push_back(to);
  // A state re-entered for its own sake (a personal extension re-arming the deadline, a
  // visa reminder timer re-armed) is nothing an applicant reacts to.
  if (s.from == to) return;

  if (to == "draft" && s.from.empty()) on_draft(a, t);
  else if (to == "under_review" && a.withdraw_in == "under_review")
    withdraw(a, t + kMinReaction + r.range(0, 2 * kDay), "no longer available on these dates");
  else if (to == "waitlisted" && a.withdraw_in == "waitlisted")
    withdraw(a, t + kMinReaction + r.range(kDay, 10 * kDay), "found another training");
  else if (to == "offered") on_offered(a, t);
  else if (to == "accepted") {
    if (a.withdraw_in == "accepted") withdraw(a, t + kMinReaction + r.range(kDay, 6 * kDay), "employer withdrew the nomination");
    else {
      char letter[64];
      std::snprintf(letter, sizeof letter, "%s/INV/%s", pid_.c_str(), a.id.substr(a.id.size() - 5).c_str());
      schedule(a, t + kMinReaction + r.range(kDay, 5 * kDay), "visa.letter_issued", "/office",
               Value::object({{"letter_number", Value(letter)}}));
    }
  } else if (to == "letter_issued") {
    schedule(a, t + kMinReaction + r.range(kDay, 7 * kDay), "visa.applied", "/portal",
             Value::object({{"embassy", Value("Chinese embassy (" + a.country + ")")}}));
  } else if (to == "visa_applied") {
    const std::int64_t when = t + kMinReaction + r.range(4 * kDay, 18 * kDay);
    if (a.visa_refused)
      schedule(a, when, "visa.refused", "/embassy", Value::object({{"reason", Value("incomplete supporting documents")}}));
    else
      schedule(a, when, "visa.granted", "/embassy",
               Value::object({{"visa_number", Value("F" + std::to_string(r.range(10000000, 99999999)))}}));
  } else if (to == "visa_granted") {
    if (a.withdraw_in == "visa_granted") withdraw(a, t + kMinReaction + r.range(kDay, 5 * kDay), "health reasons");
    else if (!a.no_show) {
      const std::int64_t when = std::max(d_.arrival.ms + r.range(0, 20 * kHour), t + kMinReaction);
      schedule(a, when, "participant.registered", "/office", Value::object({{"desk", Value("arrival")}}));
    }
  } else if (to == "enrolled") on_enrolled(a, t);
  else if (to == "certified" && a.revoked) {
    schedule(a, t + kMinReaction + r.range(5 * kDay, 20 * kDay), "certificate.revoked", "/office",
             Value::object({{"reason", Value("the final project report was found to be plagiarised")}}));
  } else if (to == "certified" && r.chance(0.08)) {
    // The holder asks for their name in passport order: the office has it reissued.
    schedule(a, t + kMinReaction + r.range(2 * kDay, 10 * kDay), "certificate.reissue_requested", "/office",
             Value::object({{"name", Value(a.family_name + " " + a.given_name)},
                            {"reason", Value("name correction: family name first, as in the passport")}}));
  }
}

void Simulation::react_all() {
  auto seen = recorder_.take();
  // Worker threads report in any order; one subject's own reports are in order.
  std::stable_sort(seen.begin(), seen.end(), [](const Seen& x, const Seen& y) { return x.subject < y.subject; });
  for (const auto& s : seen) react(s);
  auto assigned = recorder_.take_assigned();
  std::stable_sort(assigned.begin(), assigned.end(),
                   [](const Assigned& x, const Assigned& y) { return x.subject < y.subject; });
  for (const auto& as : assigned) {
    auto it = by_id_.find(as.subject);
    if (it != by_id_.end()) on_assigned(applicants_[it->second], as);
  }
}

void Simulation::advance_clock_to(Timestamp t) {
  while (clock_ < t) {
    const Timestamp step = at(std::min(t.ms, clock_.ms + kStep));
    engine_->advance_to(step);
    clock_ = step;
    react_all();
    // An answer may now be due before `t`; the caller looks at the queue again.
    if (!queue_.empty() && queue_.top().time < t.ms) return;
  }
}

GeneratedProgramme Simulation::run() {
  GeneratedProgramme out;
  pid_ = programme_["id"].is_string() ? programme_["id"].as_string() : "";
  out.programme_id = pid_;
  if (pid_.empty()) {
    out.error = "the programme has no id";
    return out;
  }
  if (!read_dates(out.error)) return out;
  read_sessions();
  make_reviewers();

  // The workflows and plugins named by the programme file, as `cohort run` opens them,
  // but without history (the simulation only needs states) and with our observer.
  run::SessionOptions session_options;
  session_options.programme_file = options_.programme_file.string();
  for (const auto& p : options_.plugin_paths) session_options.plugin_dirs.push_back(p.string());
  // Plugins write files for people (certificates with gap-free numbers) into the data
  // directory, so a simulation must not find those of an earlier one: a fresh folder.
  std::string scratch;
  if (options_.data_dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("cohort-generate-" + pid_ + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) != nullptr) scratch = pattern;
  }
  struct RemoveScratch {
    std::string dir;
    ~RemoveScratch() {
      std::error_code ec;
      if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
  } remove_scratch{scratch};
  session_options.data_dir = options_.data_dir.empty()
                                 ? (scratch.empty() ? (std::filesystem::temp_directory_path() / ("cohort-generate-" + pid_)).string() : scratch)
                                 : options_.data_dir.string();
  session_options.threads = options_.threads;
  session_options.keep_history = false;
  session_options.observer = &recorder_;
  std::vector<std::string> errors;
  auto session = run::ProgrammeSession::open(session_options, errors);
  if (!session) {
    out.error = "the programme does not open:";
    for (const auto& e : errors) out.error += "\n  " + e;
    return out;
  }
  for (const char* op : {"rules.assign_reviewers", "rules.score", "rules.shortlist", "rules.select", "rules.replace", "eligibility.check", "visa.check_passport", "visa.check_mrz",
                         "visa.letter", "visa.reminders", "attendance.check_in", "attendance.correct",
                         "attendance.summary", "certificates.issue", "certificates.revoke", "email.send",
                         "documents.invitation_letter", "documents.certificate"}) {
    if (!session->has_operation(op)) {
      out.error = std::string("no loaded plugin offers ") + op +
                  " (load org.cohort.programme-rules, eligibility, visa, attendance, certificates, email and documents: pass their"
                  " directories as plugin paths)";
      return out;
    }
  }
  runtime::Engine& engine = session->engine();
  engine_ = &engine;

  // The programme instance, as `cohort run` creates it before the first event.
  session->create_programme_instance(d_.created);
  clock_ = d_.created;
  react_all();

  applicants_ = details::make_population(programme_, options_.applicants, options_.seed);
  for (std::size_t i = 0; i < applicants_.size(); ++i) by_id_[applicants_[i].id] = i;
  const std::int64_t span = d_.call_closes.ms - d_.call_opens.ms;
  for (auto& a : applicants_) {
    const std::int64_t when = d_.call_opens.ms + kHour + static_cast<std::int64_t>(a.rng.uniform(0, 0.95) * static_cast<double>(span));
    static const std::vector<std::string> channels = {"portal", "portal", "portal", "embassy", "partner"};
    schedule(a, when, "application.started", "/portal",
             Value::object({{"programme", Value(pid_)},
                            {"channel", Value(a.rng.pick(channels))},
                            {"nationality", Value(a.country)}}));
  }

  out.until = at(d_.end.ms + 30 * kDay);
  while (!queue_.empty() || clock_ < out.until) {
    const Timestamp next = queue_.empty() ? out.until : at(queue_.top().time);
    if (clock_ < next) {
      advance_clock_to(next);
      continue;  // the queue may have something earlier now
    }
    Queued q = queue_.top();
    queue_.pop();
    if (q.time < clock_.ms)  // cannot happen by construction (kMinReaction > kStep); say so if it does
      spdlog::warn("generate: event {} at {} is earlier than the clock; a replay may differ", q.event.id,
                   format_iso_datetime(q.event.time));
    auto result = engine.submit(q.event);
    if (result.status != runtime::SubmitStatus::Accepted)
      spdlog::warn("generate: event {} ({}) not accepted: {}", q.event.id, q.event.type, result.message);
    engine.drain();
    react_all();
    out.events.push_back(std::move(q.event));
  }

  engine.for_each_instance([&](const runtime::InstanceView& v) {
    if (v.definition == "programme") {
      out.programme_state = v.state;
      return;
    }
    ApplicantOutcome o;
    o.id = v.subject;
    auto it_path = by_id_.find(v.subject);
    o.state = v.state;
    if (it_path != by_id_.end()) o.path = applicants_[it_path->second].path;
    const Value& cc = v.data["applicant"]["nationality"];
    auto it = by_id_.find(v.subject);
    o.country = cc.is_string() ? cc.as_string() : it != by_id_.end() ? applicants_[it->second].country : "";
    ++out.participant_states[o.state];
    out.outcomes.push_back(std::move(o));
  });
  engine_ = nullptr;
  out.ok = true;
  return out;
}

}  // namespace

GeneratedProgramme generate_events(const Value& programme, const GenerateOptions& options) {
  Simulation sim(programme, options);
  return sim.run();
}

std::string cloud_event_json(const Event& e) { return to_cloudevent_json(e); }

std::string to_jsonl(const GeneratedProgramme& g) {
  std::string out;
  for (const auto& e : g.events) {
    out += cloud_event_json(e);
    out += '\n';
  }
  return out;
}

}  // namespace cohort::programme
