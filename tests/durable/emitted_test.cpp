// Events that plugins emit are part of the run: a replay of the log must apply them at the
// point where the engine took them in (while events were fed, or while a clock move fired
// timers), or instances that waited for them stay behind after a restart.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>

#include "run/programme_session.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace fs = std::filesystem;
using namespace cohort;

namespace {

const fs::path kProgramme = fs::path(COHORT_TEST_DIR) / "durable" / "fixtures" / "emitting" / "programme.json";
const fs::path kGoodPlugin = fs::path(COHORT_BINARY_DIR) / "tests" / "host" / "fixtures" / "cohort_fixture_good";

Timestamp at(const std::string& iso) { return *parse_iso_datetime(iso); }

Event created(const std::string& subject, const std::string& time) {
  Event e;
  e.type = "applicant.created";
  e.subject = subject;
  e.id = subject + "-created";
  e.source = "test/office";
  e.time = at(time);
  e.has_time = true;
  e.data = Value::object({{"applicant_id", Value(subject)}});
  return e;
}

struct Seen {
  std::string state;
  std::string data;
  std::vector<std::string> history;
};

std::map<std::string, Seen> look(run::ProgrammeSession& s) {
  std::map<std::string, Seen> out;
  for (const char* subject : {"E1", "E2", "E3", "E4"}) {
    auto v = s.engine().instance(subject, true);
    if (!v) continue;
    Seen& seen = out[subject];
    seen.state = v->state;
    seen.data = to_json(v->data);
    for (const auto& h : v->history) seen.history.push_back(format_iso_datetime(h.time) + " " + h.detail);
  }
  return out;
}

TEST(Emitted, EventsPluginsEmitAreReplayedWhereTheEngineTookThemIn) {
  spdlog::set_level(spdlog::level::warn);
  const fs::path data = fs::path(COHORT_BINARY_DIR) / "test-output" / "durable" / ("emitted-" + std::to_string(getpid()));
  fs::remove_all(data);
  run::SessionOptions options;
  options.programme_file = kProgramme.string();
  options.plugin_dirs = {kGoodPlugin.string()};
  options.data_dir = data.string();
  options.threads = 2;
  options.durable = true;
  options.use_snapshots = false;  // the log alone must carry them

  std::map<std::string, Seen> live;
  {
    std::vector<std::string> errors;
    auto session = run::ProgrammeSession::open(options, errors);
    ASSERT_TRUE(session) << (errors.empty() ? "" : errors.front());
    session->create_programme_instance(at("2025-03-01T09:00:00Z"));
    // E1 and E2 answer while events are fed; one day later their timers fire and they
    // are answered again while the clock moves; E3 and E4 come after that move.
    for (const auto& r : session->feed({created("E1", "2025-03-02T09:00:00Z"), created("E2", "2025-03-02T10:00:00Z")}))
      EXPECT_EQ(r.status, runtime::SubmitStatus::Accepted) << r.message;
    session->advance_to(at("2025-03-04T00:00:00Z"));
    for (const auto& r : session->feed({created("E3", "2025-03-05T09:00:00Z"), created("E4", "2025-03-07T09:00:00Z")}))
      EXPECT_EQ(r.status, runtime::SubmitStatus::Accepted) << r.message;
    session->advance_to(at("2025-03-10T00:00:00Z"));
    EXPECT_TRUE(session->log_failure().empty()) << session->log_failure();
    live = look(*session);
  }
  ASSERT_EQ(live.size(), 4u);
  for (const auto& [subject, seen] : live) {
    EXPECT_EQ(seen.state, "done") << subject;
    EXPECT_NE(seen.data.find("\"answers\":2"), std::string::npos) << subject << " " << seen.data;
  }

  // A restart rebuilds from the log: the plugin is not called again (its results are
  // recorded), so only the recorded emitted events can move the instances on.
  std::vector<std::string> errors;
  auto reopened = run::ProgrammeSession::open(options, errors);
  ASSERT_TRUE(reopened) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(reopened->recovery().snapshot_seq, 0);
  EXPECT_GT(reopened->recovery().recorded_calls, 0u);
  auto replayed = look(*reopened);
  ASSERT_EQ(replayed.size(), 4u);
  for (const auto& [subject, seen] : live) {
    EXPECT_EQ(replayed[subject].state, seen.state) << subject;
    EXPECT_EQ(replayed[subject].data, seen.data) << subject;
    EXPECT_EQ(replayed[subject].history, seen.history) << subject;
  }
}

}  // namespace
