// `cohort generate` as its users rely on it: a realistic programme's events, the same for
// the same seed, and replaying them through the engine gives the outcome the generator saw.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "host/plugin_host.hpp"
#include "loader/loader.hpp"
#include "run/programme_session.hpp"
#include "programme/generator.hpp"
#include "runtime/engine.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace fs = std::filesystem;
using namespace cohort;

namespace {

const fs::path kProgrammes = fs::path(COHORT_TEST_DIR) / ".." / "workflows" / "programmes";
const fs::path kRulesPlugin = fs::path(COHORT_BINARY_DIR) / "plugins" / "programme-rules";

/// The plugins the default workflows call.
std::vector<fs::path> plugin_dirs() {
  std::vector<fs::path> out{kRulesPlugin};
  for (const char* name : {"eligibility", "visa", "attendance", "certificates", "email", "documents"})
    out.push_back(fs::path(COHORT_BINARY_DIR) / "plugins" / name);
  return out;
}

Value read_programme(const std::string& name) {
  std::ifstream in(kProgrammes / name);
  std::stringstream ss;
  ss << in.rdbuf();
  Value v;
  JsonError err;
  EXPECT_TRUE(parse_json(ss.str(), v, err)) << err.message;
  return v;
}

programme::GenerateOptions options_for(const std::string& name, int applicants, std::uint64_t seed) {
  programme::GenerateOptions o;
  o.applicants = applicants;
  o.seed = seed;
  o.programme_file = kProgrammes / name;
  o.plugin_paths = plugin_dirs();
  o.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "programme" / "generate";
  return o;
}

/// Runs events through a fresh session the way `cohort run` does.
struct Replay {
  std::unique_ptr<run::ProgrammeSession> session;
  runtime::Engine* engine = nullptr;

  Replay(const std::string& file, const programme::GeneratedProgramme& g) {
    run::SessionOptions so;
    so.programme_file = (kProgrammes / file).string();
    for (const auto& d : plugin_dirs()) so.plugin_dirs.push_back(d.string());
    so.data_dir = (fs::path(COHORT_BINARY_DIR) / "test-output" / "programme" / ("replay-" + file)).string();
    so.threads = 2;
    std::vector<std::string> errors;
    session = run::ProgrammeSession::open(so, errors);
    EXPECT_TRUE(session) << (errors.empty() ? "" : errors.front());
    if (!session) return;
    engine = &session->engine();
    session->create_programme_instance(*session->created_at());
    session->feed(g.events);
    session->advance_to(g.until);
  }
};

}  // namespace

TEST(Generator, MakesAWholeProgrammeOfRealisticEvents) {
  const Value prog = read_programme("glc-2025.json");
  auto g = programme::generate_events(prog, options_for("glc-2025.json", 150, 7));
  ASSERT_TRUE(g.ok) << g.error;
  EXPECT_EQ(g.outcomes.size(), 150u);
  std::set<std::string> types;
  for (std::size_t i = 0; i < g.events.size(); ++i) {
    types.insert(g.events[i].type);
    if (i > 0) {
      EXPECT_LT(g.events[i - 1].time.ms, g.events[i].time.ms) << "times must be strictly increasing";
    }
  }
  for (const char* t : {"application.started", "application.submitted", "review.submitted", "offer.accepted",
                        "visa.letter_issued", "visa.applied", "visa.granted", "participant.registered",
                        "session.checked_in"})
    EXPECT_TRUE(types.count(t)) << t;
  // Unhappy paths happen, and no more participants finish than there are seats.
  EXPECT_GT(g.participant_states["ineligible"], 0u);
  EXPECT_GT(g.participant_states["rejected"], 0u);
  EXPECT_GT(g.participant_states["certified"] + g.participant_states["revoked"], 0u);
  EXPECT_LE(g.participant_states["certified"] + g.participant_states["revoked"] + g.participant_states["incomplete"],
            30u);
  EXPECT_EQ(g.programme_state, "closed");
  // A line is a CloudEvent.
  Value line;
  JsonError err;
  ASSERT_TRUE(parse_json(programme::cloud_event_json(g.events.front()), line, err));
  EXPECT_EQ(line["specversion"], Value("1.0"));
  EXPECT_EQ(line["subject"], Value("GLC-2025-A" + g.events.front().subject.substr(10)));
  const std::string report = programme::funnel_report(g);
  EXPECT_NE(report.find("certified"), std::string::npos);
  EXPECT_NE(report.find("Per country"), std::string::npos);
}

TEST(Generator, TheSameSeedGivesTheSameFileAndAnotherSeedAnother) {
  const Value prog = read_programme("ict-2025.json");
  auto a = programme::generate_events(prog, options_for("ict-2025.json", 60, 42));
  auto b = programme::generate_events(prog, options_for("ict-2025.json", 60, 42));
  auto c = programme::generate_events(prog, options_for("ict-2025.json", 60, 43));
  ASSERT_TRUE(a.ok && b.ok && c.ok) << a.error;
  EXPECT_EQ(programme::to_jsonl(a), programme::to_jsonl(b));
  EXPECT_NE(programme::to_jsonl(a), programme::to_jsonl(c));
}

TEST(Generator, ReplayingTheEventsReproducesTheOutcome) {
  const Value prog = read_programme("cni-2025.json");
  auto g = programme::generate_events(prog, options_for("cni-2025.json", 120, 5));
  ASSERT_TRUE(g.ok) << g.error;
  Replay replay("cni-2025.json", g);
  ASSERT_TRUE(replay.engine);
  auto counts = replay.engine->count_by_state("participant");
  const std::map<std::string, std::uint64_t> replayed(counts.begin(), counts.end());
  EXPECT_EQ(replayed, g.participant_states);

  // Certificates: programme prefix, sequential from 1, one per certified participant.
  std::set<std::string> numbers;
  std::size_t certified = 0;
  replay.engine->for_each_instance([&](const runtime::InstanceView& v) {
    if (v.state != "certified" && v.state != "revoked") return;
    ++certified;
    const Value& n = v.data["certificate"]["number"];
    ASSERT_TRUE(n.is_string());
    EXPECT_EQ(n.as_string().rfind("CNI-2025-", 0), 0u) << n.as_string();
    numbers.insert(n.as_string());
  });
  ASSERT_GT(certified, 0u);
  EXPECT_EQ(numbers.size(), certified);
  EXPECT_TRUE(numbers.count("CNI-2025-0001"));

  // Seat holders never exceed a country's maximum.
  auto programme_view = replay.engine->instance("CNI-2025");
  ASSERT_TRUE(programme_view.has_value());
  for (const auto& [cc, n] : programme_view->data["holders_by_country"].members()) {
    const Value& max = prog["quotas"][cc]["max"];
    if (max.is_int()) {
      EXPECT_LE(n.as_int(), max.as_int()) << cc;
    }
  }
}
