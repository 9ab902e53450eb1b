// The plugin inside a running programme: a participant workflow (fixtures/participant.json)
// wired as docs/plugins/attendance.md proposes, driven by events in virtual time, and the
// same log replayed after a restart without asking the plugin again.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "run/programme_session.hpp"
#include "token.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cohort;

const fs::path kFixture = fs::path(COHORT_TEST_DIR) / "attendance" / "fixtures" / "programme.json";
const fs::path kPlugins = fs::path(COHORT_BINARY_DIR) / "plugins" / "attendance";

Timestamp at(const std::string& iso) {
  auto t = parse_iso_datetime(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{0});
}

Event event(const std::string& id, const std::string& type, const std::string& subject, const std::string& time,
            const std::string& data = "{}") {
  Event e;
  e.id = id;
  e.source = "test";
  e.type = type;
  e.subject = subject;
  e.time = at(time);
  e.has_time = true;
  JsonError error;
  EXPECT_TRUE(parse_json(data, e.data, error)) << error.message;
  return e;
}

// The fixture programme configures this key (0x07 x 32), so the test can print badges.
std::string token(const std::string& session, const std::string& participant) {
  cohort_attendance::TokenSigner signer(std::vector<unsigned char>(32, 7));
  return signer.issue({"ATT-2025", session, participant});
}

std::string scan(const std::string& session, const std::string& participant) {
  return R"({"token": ")" + token(session, participant) + R"(", "session": ")" + session + R"("})";
}

std::vector<Event> week() {
  return {
      event("e1", "participant.registered", "ATT-A1", "2025-03-10T08:00:00+08:00"),
      event("e2", "participant.registered", "ATT-A2", "2025-03-10T08:01:00+08:00"),
      event("e3", "session.checked_in", "ATT-A1", "2025-03-10T08:50:00+08:00", scan("S01", "ATT-A1")),
      event("e4", "session.checked_in", "ATT-A2", "2025-03-10T08:55:00+08:00", scan("S01", "ATT-A2")),
      // A1 shows the same badge again: refused.
      event("e5", "session.checked_in", "ATT-A1", "2025-03-10T09:20:00+08:00", scan("S01", "ATT-A1")),
      // A2 forgot the badge; the desk checks A2 in by hand, late.
      event("e6", "session.checked_in", "ATT-A2", "2025-03-10T14:25:00+08:00", R"({"session": "S02", "staff": "desk-1"})"),
      // A2 had the consulate on the site-visit morning: excused by the office, reason recorded.
      event("e7", "attendance.corrected", "ATT-A2", "2025-03-10T18:00:00+08:00",
            R"({"session": "S03", "status": "excused", "staff": "office-li", "reason": "consulate appointment"})"),
      event("e8", "session.checked_in", "ATT-A2", "2025-03-11T13:40:00+08:00", scan("S04", "ATT-A2")),
      // A1 comes back only for the closing, too late to make it.
      event("e9", "session.checked_in", "ATT-A1", "2025-03-11T14:02:00+08:00", scan("S04", "ATT-A1")),
  };
}

std::string text(const Value& v) { return v.is_string() ? std::string(v.as_string()) : to_json(v); }

void expect_outcome(run::ProgrammeSession& session) {
  auto a1 = session.engine().instance("ATT-A1");
  auto a2 = session.engine().instance("ATT-A2");
  auto office = session.engine().instance("ATT-2025");
  ASSERT_TRUE(a1 && a2 && office);

  // A2: S01 present 1 + S02 late 0.5 + S03 excused 2 x 0.5 + S04 present 1 = 3.5 of 5 = 70%.
  // Below 80%: incomplete, with the reason.
  EXPECT_EQ(a2->state, "incomplete");
  EXPECT_EQ(text(a2->data["attendance"]["rate"]), "0.7");
  ASSERT_TRUE(a2->data["checkins"].is_list());
  ASSERT_EQ(a2->data["checkins"].as_list().size(), 4u);
  const Value& excused = a2->data["checkins"].as_list()[2];
  EXPECT_EQ(text(excused["by"]), "office-li");
  EXPECT_EQ(text(excused["reason"]), "consulate appointment");

  // A1: the replayed badge was refused, then the programme became unreachable.
  EXPECT_EQ(a1->state, "incomplete");
  ASSERT_TRUE(a1->data["refused"].is_list());
  ASSERT_EQ(a1->data["refused"].as_list().size(), 1u);
  EXPECT_EQ(text(a1->data["refused"].as_list()[0]["code"]), "already_checked_in");
  EXPECT_EQ(text(a1->data["attendance"]["reason"]),
            "attended 40% of the weighted sessions (2 of 5), below the threshold of 80%; missed S02, S03");

  // The office heard about each change of warning level, once. A2's excused site visit
  // (worth half) left 70% at best once it was over: that too was announced.
  std::set<std::string> warnings;
  ASSERT_TRUE(office->data["warnings"].is_list());
  for (const auto& w : office->data["warnings"].as_list()) warnings.insert(text(w));
  EXPECT_EQ(office->data["warnings"].as_list().size(), 4u);
  EXPECT_EQ(warnings, (std::set<std::string>{"ATT-A1 at_risk", "ATT-A1 cannot_reach", "ATT-A2 at_risk",
                                             "ATT-A2 cannot_reach"}));
}

TEST(AttendanceWorkflow, ChecksInWarnsAndDecidesAndReplaysTheSame) {
  spdlog::set_level(spdlog::level::warn);
  const auto data = fs::path(COHORT_BINARY_DIR) / "test-output" / "attendance" / ("workflow-" + std::to_string(getpid()));
  fs::remove_all(data);
  run::SessionOptions options;
  options.programme_file = kFixture.string();
  options.plugin_dirs = {kPlugins.string()};
  options.data_dir = data.string();
  options.threads = 2;
  options.durable = true;
  {
    std::vector<std::string> errors;
    auto session = run::ProgrammeSession::open(options, errors);
    ASSERT_TRUE(session) << (errors.empty() ? "" : errors.front());
    session->create_programme_instance(at("2025-03-01T09:00:00+08:00"));
    for (const auto& r : session->feed(week())) EXPECT_EQ(r.status, runtime::SubmitStatus::Accepted);
    session->advance_to(at("2025-03-12T09:00:00+08:00"));
    expect_outcome(*session);
  }
  // After a restart the log is replayed: the plugin's answers come from the log.
  std::vector<std::string> errors;
  auto reopened = run::ProgrammeSession::open(options, errors);
  ASSERT_TRUE(reopened) << (errors.empty() ? "" : errors.front());
  EXPECT_GT(reopened->recovery().recorded_calls, 0u);
  expect_outcome(*reopened);
}

}  // namespace
