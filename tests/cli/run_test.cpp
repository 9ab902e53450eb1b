// `cohort run`: a programme's events through its workflows, as the programme office runs it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <regex>

#include "cli_support.hpp"

using namespace cohort;
using namespace cohort::test;

namespace {

const fs::path kProgramme = kProgrammes / "ict-2025.json";

/// One generated events file for the whole suite (the CLI makes it, as a user would).
class Run : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each test in its own process, several at once: one folder per process.
    dir_ = fs::path(COHORT_BINARY_DIR) / "test-output" / "cli" / ("Run-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    events_ = dir_ / "events.jsonl";
    std::vector<std::string> args = {"generate", kProgramme.string(), "--applicants", "60", "--seed", "11",
                                     "-o", events_.string()};
    add_workflow_plugins(args);
    auto r = run_cohort(args);
    generate_error_ = r.exit_code == 0 ? "" : r.transcript();
    std::smatch m;
    if (std::regex_search(r.err, m, std::regex("--until (\\S+)"))) until_ = m[1];
  }

  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void SetUp() override {
    ASSERT_EQ(generate_error_, "");
    ASSERT_FALSE(until_.empty());
  }

  /// `cohort run` on `events` with the plugins the workflows call, into a fresh data dir.
  static Outcome run(const fs::path& events, std::vector<std::string> extra = {}) {
    static int n = 0;
    std::vector<std::string> args = {"run", kProgramme.string(), "--events", events.string(), "--data-dir",
                                     (dir_ / ("data-" + std::to_string(++n))).string()};
    add_workflow_plugins(args);
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cohort(args);
  }

  static inline fs::path dir_;
  static inline fs::path events_;
  static inline std::string until_;
  static inline std::string generate_error_;
};

std::int64_t sum_of(const Value& counts) {
  std::int64_t total = 0;
  for (const auto& [name, n] : counts.members()) total += n.as_int();
  return total;
}

}  // namespace

TEST_F(Run, JsonHasTheStatesAndTheEventCounts) {
  auto r = run(events_, {"--until", until_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  const Value v = parse_or_fail(r.out);
  EXPECT_EQ(v["programme"], Value("ICT-2025"));
  ASSERT_TRUE(v["states"].is_object()) << r.out;
  EXPECT_EQ(sum_of(v["states"]), 60) << "every applicant is in exactly one state";
  const Value& ev = v["events"];
  ASSERT_TRUE(ev.is_object()) << r.out;
  EXPECT_EQ(ev["applied"], Value(static_cast<std::int64_t>(lines_of(read_file(events_)).size())));
  EXPECT_EQ(ev["duplicates"], Value(0));
  EXPECT_EQ(ev["rejected"], Value(0));
  // Run to the end, nobody is left half-way: every state is a final one or certified.
  for (const auto& [state, n] : v["states"].members())
    EXPECT_TRUE(std::regex_match(state, std::regex("certified|ineligible|rejected|declined|offer_expired|"
                                                   "visa_refused|incomplete|revoked|withdrawn|abandoned")))
        << state << ": " << n.as_int();
  EXPECT_EQ(r.err, "");
}

TEST_F(Run, TextShowsTheFunnelTheCountsAndTheClock) {
  auto r = run(events_, {"--until", until_});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_TRUE(contains(r.out, "certified")) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("Events: [0-9]+ applied, 0 duplicates, 0 rejected"))) << r.out;
  EXPECT_TRUE(contains(r.out, "Clock: " + until_)) << r.out;
}

TEST_F(Run, TheThreadCountDoesNotChangeTheOutcome) {
  auto one = run(events_, {"--until", until_, "--json", "--threads", "1"});
  auto two = run(events_, {"--until", until_, "--json", "--threads", "2"});
  ASSERT_EQ(one.exit_code, 0) << one.transcript();
  ASSERT_EQ(two.exit_code, 0) << two.transcript();
  const Value a = parse_or_fail(one.out), b = parse_or_fail(two.out);
  EXPECT_EQ(a["states"], b["states"]);
  EXPECT_EQ(a["countries"], b["countries"]);
  EXPECT_EQ(a["events"], b["events"]);
}

TEST_F(Run, BadLinesAreReportedCountedAndSkippedWhileTheRestIsApplied) {
  const auto clean_lines = lines_of(read_file(events_));
  ASSERT_GT(clean_lines.size(), 10u);
  const auto dirty = dir_ / "dirty.jsonl";
  // Line numbers in the dirty file: 1-3 clean, 4 bad JSON, 5 clean, 6 no subject,
  // 7 unknown type for nobody, 8 a copy of line 2, 9 blank, then the rest.
  std::string text;
  for (int i = 0; i < 3; ++i) text += clean_lines[i] + "\n";
  text += "{\"specversion\": \"1.0\", \"id\": \n";
  text += clean_lines[3] + "\n";
  text += R"({"specversion":"1.0","id":"bad-1","source":"/portal","type":"application.started","time":"2025-03-01T00:00:00Z","data":{}})"
          "\n";
  text += R"({"specversion":"1.0","id":"bad-2","source":"/portal","type":"nothing.happened","subject":"NOBODY-1","time":"2025-03-01T00:00:01Z","data":{}})"
          "\n";
  text += clean_lines[1] + "\n";
  text += "\n";
  for (std::size_t i = 4; i < clean_lines.size(); ++i) text += clean_lines[i] + "\n";
  write_file(dirty, text);

  auto clean = run(events_, {"--until", until_, "--json"});
  auto r = run(dirty, {"--until", until_, "--json"});
  ASSERT_EQ(clean.exit_code, 0) << clean.transcript();
  // Bad lines do not abort the run.
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  const std::string file = regex_escape(dirty.string());
  EXPECT_TRUE(std::regex_search(r.err, std::regex(file + ":4: error: invalid JSON"))) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(file + ":6: error: .*'subject'"))) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(file + ":7: error: .*NOBODY-1"))) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(file + ":8: warning: .*applied before"))) << r.err;
  EXPECT_FALSE(contains(r.err, dirty.string() + ":9:")) << "a blank line is not an error\n" << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 4u) << r.err;

  const Value d = parse_or_fail(r.out), c = parse_or_fail(clean.out);
  EXPECT_EQ(d["events"]["rejected"], Value(3)) << r.out;
  EXPECT_EQ(d["events"]["duplicates"], Value(1)) << r.out;
  // The valid events were all applied, and to the same effect.
  EXPECT_EQ(d["events"]["applied"], c["events"]["applied"]);
  EXPECT_EQ(d["states"], c["states"]);
  EXPECT_EQ(d["countries"], c["countries"]);
}

TEST_F(Run, AnAuditLogIsKeptInTheDataDirectoryWhenTheAuditPluginIsLoaded) {
  const auto data = dir_ / "audited";
  fs::remove_all(data);
  auto r = run_cohort({"run", kProgramme.string(), "--events", events_.string(), "--until", until_, "--plugin-dir",
                   kPlugins.string(), "--data-dir", data.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  // The file name comes from the programme's plugin configuration.
  const auto log = data / "plugins" / "org.cohort.audit" / "audit-ict-2025.jsonl";
  ASSERT_TRUE(fs::exists(log)) << r.transcript();
  const auto entries = lines_of(read_file(log));
  const Value v = parse_or_fail(r.out);
  EXPECT_GE(static_cast<std::int64_t>(entries.size()), v["events"]["applied"].as_int());
  for (const auto& line : entries) {
    Value e;
    JsonError err;
    ASSERT_TRUE(parse_json(line, e, err)) << line;
  }
}

TEST_F(Run, ABadUntilDateIsAUsageError) {
  for (const char* bad : {"nonsense", "2025-13-45", "31/12/2025"}) {
    auto r = run(events_, {"--until", bad});
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << r.transcript();
    EXPECT_TRUE(contains(r.err, std::string("'") + bad + "'")) << r.err;
    EXPECT_TRUE(contains(r.err, "ISO 8601")) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(Run, AMissingOrBrokenProgrammeIsAnError) {
  auto missing = run_cohort({"run", (dir_ / "nope.json").string(), "--events", events_.string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.transcript();
  EXPECT_TRUE(contains(missing.err, "nope.json")) << missing.err;

  write_file(dir_ / "broken.json", "{\"id\": \"X-2025\",\n");
  auto broken = run_cohort({"run", (dir_ / "broken.json").string(), "--events", events_.string(), "--plugin-dir",
                        kRulesPlugin.string(), "--data-dir", (dir_ / "broken-data").string()});
  EXPECT_EQ(broken.exit_code, 1) << broken.transcript();
  EXPECT_TRUE(contains(broken.err, "broken.json:2:")) << broken.err;
  EXPECT_EQ(broken.out, "");

  auto no_events = run_cohort({"run", kProgramme.string(), "--events", (dir_ / "none.jsonl").string()});
  EXPECT_EQ(no_events.exit_code, 2) << no_events.transcript();
  EXPECT_TRUE(contains(no_events.err, "none.jsonl")) << no_events.err;

  auto no_rules = run_cohort({"run", kProgramme.string(), "--events", events_.string(), "--plugin-dir",
                          (kPlugins / "audit").string(), "--data-dir", (dir_ / "no-rules").string()});
  EXPECT_EQ(no_rules.exit_code, 1) << no_rules.transcript();
  EXPECT_TRUE(contains(no_rules.err, "rules.select")) << no_rules.err;

  // No plugin at all: the loader has nothing to check calls against, yet running would
  // only park everyone in `incident`; the session refuses to start instead.
  std::filesystem::create_directories(dir_ / "no-plugins");
  auto no_plugins = run_cohort({"run", kProgramme.string(), "--events", events_.string(), "--plugin-dir",
                            (dir_ / "no-plugins").string(), "--data-dir", (dir_ / "no-plugins-data").string()});
  EXPECT_EQ(no_plugins.exit_code, 1) << no_plugins.transcript();
  EXPECT_TRUE(contains(no_plugins.err, "calls 'eligibility.check', which no loaded plugin offers"))
      << no_plugins.err;
  EXPECT_EQ(no_plugins.out, "");
}

TEST_F(Run, MailThatCannotBeSentHoldsNobodyUpAndIsNoted) {
  // The same programme with a mail server nobody listens on: every email.send fails.
  Value prog = parse_or_fail(read_file(kProgramme));
  Value workflows = Value::object();
  for (const auto& [name, file] : prog["workflows"].members())
    workflows.set(name, Value((kProgramme.parent_path() / file.as_string()).lexically_normal().string()));
  prog.set("workflows", workflows);
  Value plugins = prog["plugins"].is_object() ? prog["plugins"] : Value::object();
  plugins.set("org.cohort.email", parse_or_fail(R"({"mode": "smtp", "smtp": {"url": "smtp://127.0.0.1:9", "attempts": 1, "timeout_ms": 2000}})"));
  prog.set("plugins", plugins);
  const fs::path no_mail = dir_ / "ict-2025-no-mail.json";
  write_file(no_mail, to_json(prog));

  const fs::path data = dir_ / "data-no-mail";
  std::vector<std::string> args = {"run", no_mail.string(), "--events", events_.string(), "--data-dir", data.string(),
                                   "--until", until_, "--json"};
  add_workflow_plugins(args);
  auto failing = run_cohort(args);
  auto normal = run(events_, {"--until", until_, "--json"});
  ASSERT_EQ(failing.exit_code, 0) << failing.transcript();
  ASSERT_EQ(normal.exit_code, 0) << normal.transcript();
  // Everyone ends where they would with working mail, and nobody is parked in an incident.
  const Value a = parse_or_fail(failing.out), b = parse_or_fail(normal.out);
  EXPECT_EQ(a["states"], b["states"]);
  EXPECT_EQ(a["states"].find("incident"), nullptr) << failing.out;
  // Nothing reached the outbox; the failures are in the participants' data.
  std::size_t mails = 0;
  if (fs::exists(data / "outbox"))
    for (const auto& e : fs::directory_iterator(data / "outbox")) mails += e.path().extension() == ".eml";
  EXPECT_EQ(mails, 0u);
  // Someone who submitted: at least the acknowledgement could not be sent.
  std::string submitted;
  for (const auto& line : lines_of(read_file(events_))) {
    const Value e = parse_or_fail(line);
    if (e["type"] == Value("application.submitted")) {
      submitted = e["subject"].as_string();
      break;
    }
  }
  ASSERT_FALSE(submitted.empty());
  std::vector<std::string> h = {"history", submitted, "--data-dir", data.string(), "--json"};
  add_workflow_plugins(h);
  auto history = run_cohort(h);
  ASSERT_EQ(history.exit_code, 0) << history.transcript();
  const Value d = parse_or_fail(history.out)["data"];
  ASSERT_TRUE(d["mail_failures"].is_list()) << history.out.substr(0, 2000);
  ASSERT_FALSE(d["mail_failures"].as_list().empty());
  EXPECT_EQ(d["mail_failures"].as_list()[0]["code"], Value("unavailable"));
  bool noted = false;
  for (const auto& n : d["notes"].as_list()) noted = noted || n.as_string().rfind("mail not sent", 0) == 0;
  EXPECT_TRUE(noted) << to_json(d["notes"]);
}

namespace {

TEST_F(Run, ANegativeSnapshotIntervalIsRefusedBeforeAnythingIsStored) {
  // The run is refused before it opens its data directory, so nothing gets stored.
  const fs::path data = dir_ / "negative-snapshot-every";
  for (const char* bad : {"-5", "lots"}) {
    std::vector<std::string> args = {"run", kProgramme.string(), "--events", events_.string(), "--data-dir",
                                     data.string(), "--snapshot-every", bad};
    add_workflow_plugins(args);
    auto r = run_cohort(args);
    EXPECT_NE(r.exit_code, 0) << bad;
    EXPECT_TRUE(contains(r.err, "--snapshot-every")) << bad << ": " << r.err;
    EXPECT_FALSE(fs::exists(data / "cohort.db")) << bad;
  }
}

}  // namespace
