// `cohort run --data-dir` as an administrator relies on it: kill -9 at any moment, run
// the same file again, and the programme ends exactly as an uninterrupted run would.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "../e2e/e2e_support.hpp"
#include "value/json.hpp"

extern char** environ;

namespace fs = std::filesystem;
using namespace cohort;

namespace {

const fs::path kRoot = fs::path(COHORT_TEST_DIR).parent_path();
const fs::path kProgramme = kRoot / "workflows" / "programmes" / "glc-2025.json";
const fs::path kPlugins = fs::path(COHORT_BINARY_DIR) / "plugins";

struct Child {
  pid_t pid = -1;
  std::string out_file;
};

/// Starts the cohort binary with stdout to a file and stderr to /dev/null.
Child start(const std::vector<std::string>& args, const fs::path& out_file) {
  std::vector<std::string> all{COHORT_CLI};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  Child c;
  c.out_file = out_file.string();
  EXPECT_EQ(posix_spawn(&c.pid, argv[0], &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  return c;
}

int wait_for(const Child& c) {
  int status = 0;
  waitpid(c.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The names of the files ending in `ext` under `dir` (the outbox mails, the documents),
/// sorted. A run killed mid-write may leave a temporary file, never one with that ending.
std::vector<std::string> files_in(const fs::path& dir, const std::string& ext) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}


/// Entries of the log's outbox (calls with side effects: the mails) by state.
std::map<std::string, int> outbox_states(const fs::path& data_dir) {
  std::map<std::string, int> out;
  sqlite3* db = nullptr;
  const std::string path = (data_dir / "cohort.db").string();
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT operation || ' ' || state, count(*) FROM outbox GROUP BY 1", -1, &st,
                           nullptr) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW)
        out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

Value json_of(const fs::path& p) {
  Value v;
  JsonError err;
  EXPECT_TRUE(parse_json(slurp(p), v, err)) << p << ": " << err.message;
  return v;
}

class Crash : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(COHORT_BINARY_DIR) / "test-output" / "durable" / std::to_string(::getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    events_ = dir_ / "events.jsonl";
    // 300 applicants: every run also writes each mail and PDF (synced to disk), and
    // the kill points scale with the reference run's length, so a smaller programme
    // keeps the same coverage of the run for less time than 500 would take.
    auto gen = start({"generate", kProgramme.string(), "--applicants", "300", "--seed", "31", "--plugin-dir",
                      kPlugins.string(), "--data-dir", (dir_ / "gen").string()},
                     events_);
    ASSERT_EQ(wait_for(gen), 0);
    // The reference: one uninterrupted run.
    auto t0 = std::chrono::steady_clock::now();
    auto ref = start(run_args(dir_ / "reference"), dir_ / "reference.json");
    ASSERT_EQ(wait_for(ref), 0);
    reference_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    reference_ = json_of(dir_ / "reference.json");
  }

  static std::vector<std::string> run_args(const fs::path& data_dir) {
    return {"run", kProgramme.string(), "--events", events_.string(), "--data-dir", data_dir.string(),
            "--plugin-dir", kPlugins.string(), "--until", "2026-01-01", "--json",
            // Snapshots during the run, so some kills fall after one and the re-run starts from it.
            "--snapshot-every", "400"};
  }

  static Value history(const fs::path& data_dir, const std::string& subject, const std::string& name) {
    auto c = start({"history", subject, "--data-dir", data_dir.string(), "--plugin-dir", kPlugins.string(), "--json"},
                   dir_ / name);
    EXPECT_EQ(wait_for(c), 0) << subject;
    return json_of(dir_ / name);
  }

  static fs::path dir_, events_;
  static double reference_seconds_;
  static Value reference_;
};

fs::path Crash::dir_, Crash::events_;
double Crash::reference_seconds_ = 0;
Value Crash::reference_;

TEST_F(Crash, KilledAtTwentyPointsAndRunAgainEndsAsAnUninterruptedRun) {
  ASSERT_TRUE(reference_["states"].is_object());
  std::mt19937_64 rng(20261129);
  // Kill points spread over the whole run, the last ones past its end (nothing to lose).
  std::uniform_real_distribution<double> when(0.0, 1.1 * reference_seconds_);
  int killed_mid_run = 0, continued_from_snapshot = 0;
  for (int k = 0; k < 20; ++k) {
    SCOPED_TRACE("kill point " + std::to_string(k));
    const fs::path data = dir_ / ("crash-" + std::to_string(k));
    // The reference run's certificate key, as an office keeps its key: certificates are
    // signed with it and the PDFs print the signature, so only with the same key are they
    // the same files.
    e2e::copy_programme_key(dir_ / "reference", data);
    auto victim = start(run_args(data), dir_ / ("victim-" + std::to_string(k) + ".json"));
    std::this_thread::sleep_for(std::chrono::duration<double>(when(rng)));
    if (::kill(victim.pid, SIGKILL) == 0 && wait_for(victim) == -SIGKILL) ++killed_mid_run;
    // Run the same file again into the same directory: only what was not applied is.
    auto again = start(run_args(data), dir_ / ("again-" + std::to_string(k) + ".json"));
    ASSERT_EQ(wait_for(again), 0);
    Value result = json_of(dir_ / ("again-" + std::to_string(k) + ".json"));
    const Value& snapshot_seq = result["log"]["continued_from_snapshot_after_event"];
    ASSERT_TRUE(snapshot_seq.is_int()) << to_json(result);
    if (snapshot_seq.as_int() > 0) ++continued_from_snapshot;
    EXPECT_EQ(to_json(result["states"]), to_json(reference_["states"]));
    EXPECT_EQ(to_json(result["reached"]), to_json(reference_["reached"]));
    EXPECT_EQ(to_json(result["countries"]), to_json(reference_["countries"]));
    // Every event of the file was applied exactly once across the two runs.
    const auto& ev = result["events"];
    EXPECT_EQ(ev["applied"].as_int() + ev["duplicates"].as_int(), reference_["events"]["applied"].as_int());
    // People got what an uninterrupted run sends them: the same mails (none twice, none
    // missing: the outbox names come from the calls' idempotency keys), the same PDFs
    // and the same certificates.
    EXPECT_EQ(files_in(data / "outbox", ".eml"), files_in(dir_ / "reference" / "outbox", ".eml"));
    EXPECT_EQ(files_in(data / "documents", ".pdf"), files_in(dir_ / "reference" / "documents", ".pdf"));
    EXPECT_EQ(files_in(data / "certificates", ".json"), files_in(dir_ / "reference" / "certificates", ".json"));
    // Every mail went through the outbox and is settled: none left pending, none extra.
    EXPECT_EQ(outbox_states(data), outbox_states(dir_ / "reference"));
  }
  const auto reference_outbox = outbox_states(dir_ / "reference");
  EXPECT_EQ(reference_outbox.size(), 1u);
  EXPECT_EQ(reference_outbox.count("email.send done") ? reference_outbox.at("email.send done") : 0,
            static_cast<int>(files_in(dir_ / "reference" / "outbox", ".eml").size()));
  // The seeded points must really interrupt runs, or the test proves nothing.
  EXPECT_GE(killed_mid_run, 5);
  // ... and some of the re-runs must have started from a snapshot taken before the kill.
  EXPECT_GE(continued_from_snapshot, 3);
  ASSERT_TRUE(reference_["log"]["snapshots_taken"].is_int());
  EXPECT_GT(reference_["log"]["snapshots_taken"].as_int(), 2);
  // The reference run did mail people and render their PDFs.
  EXPECT_GT(files_in(dir_ / "reference" / "outbox", ".eml").size(), 0u);
  EXPECT_GT(files_in(dir_ / "reference" / "documents", ".pdf").size(), 0u);

  // Histories of a sample of instances are the same, event for event.
  for (const char* subject : {"GLC-2025", "GLC-2025-A0001", "GLC-2025-A0100", "GLC-2025-A0250"}) {
    auto ref = history(dir_ / "reference", subject, std::string("h-ref-") + subject + ".json");
    for (int k : {0, 7, 13}) {
      auto got = history(dir_ / ("crash-" + std::to_string(k)), subject,
                         "h-" + std::to_string(k) + "-" + subject + ".json");
      EXPECT_EQ(to_json(got["history"]), to_json(ref["history"])) << subject << " after kill point " << k;
      EXPECT_EQ(to_json(got["data"]), to_json(ref["data"])) << subject;
    }
  }
}

TEST_F(Crash, ARunOfAnotherProgrammeIntoTheSameDirectoryIsRefused) {
  const fs::path other = kRoot / "workflows" / "programmes" / "ict-2025.json";
  auto c = start({"run", other.string(), "--events", events_.string(), "--data-dir", (dir_ / "reference").string(),
                  "--plugin-dir", kPlugins.string()},
                 dir_ / "other.json");
  EXPECT_EQ(wait_for(c), 1);
}

TEST_F(Crash, ADamagedLogStopsTheRunAndIsLeftAsItWas) {
  const fs::path data = dir_ / "damaged";
  fs::create_directories(data);
  const std::string garbage(8192, 'x');
  { std::ofstream(data / "cohort.db", std::ios::binary) << garbage; }
  auto c = start(run_args(data), dir_ / "damaged.json");
  EXPECT_EQ(wait_for(c), 1);
  EXPECT_EQ(slurp(dir_ / "damaged.json"), "");  // no funnel from a run that did not start
  EXPECT_EQ(slurp(data / "cohort.db"), garbage);
}

TEST_F(Crash, InstancesListsWhatTheLogHolds) {
  auto c = start({"instances", "--data-dir", (dir_ / "reference").string(), "--plugin-dir", kPlugins.string(),
                  "--state", "certified", "--json"},
                 dir_ / "instances.json");
  ASSERT_EQ(wait_for(c), 0);
  Value v = json_of(dir_ / "instances.json");
  ASSERT_TRUE(v["instances"].is_list());
  EXPECT_EQ(static_cast<std::int64_t>(v["instances"].as_list().size()), reference_["states"]["certified"].as_int());
  for (const auto& i : v["instances"].as_list()) EXPECT_EQ(i["state"], Value("certified"));
  auto none = start({"history", "NOBODY", "--data-dir", (dir_ / "reference").string(), "--plugin-dir",
                     kPlugins.string()},
                    dir_ / "nobody.txt");
  EXPECT_EQ(wait_for(none), 1);
  auto empty = start({"instances", "--data-dir", (dir_ / "no-such-dir").string()}, dir_ / "empty.txt");
  EXPECT_EQ(wait_for(empty), 1);
}

}  // namespace
