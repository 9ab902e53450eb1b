#pragma once
/// @file e2e_support.hpp
/// @brief Whole programmes, generated and replayed, for the end-to-end tests.
///
/// A programme is generated once per process (per file, size and seed) and replayed
/// through a fresh ProgrammeSession the way `cohort run` does it. An Observer records
/// every participant's states as the replay goes, so the tests can check the path of
/// each applicant, not only where it ended.

#include <gtest/gtest.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "programme/generator.hpp"
#include "run/programme_session.hpp"
#include "runtime/engine.hpp"
#include "value/json.hpp"

namespace cohort::e2e {

namespace fs = std::filesystem;

inline const fs::path kProgrammes = fs::path(COHORT_TEST_DIR).parent_path() / "workflows" / "programmes";
inline const fs::path kRulesPlugin = fs::path(COHORT_BINARY_DIR) / "plugins" / "programme-rules";
/// @brief The plugins the default workflows call (the build's own).
inline std::vector<fs::path> plugin_dirs() {
  std::vector<fs::path> out;
  for (const char* name : {"programme-rules", "eligibility", "visa", "attendance", "certificates", "email", "documents"})
    out.push_back(fs::path(COHORT_BINARY_DIR) / "plugins" / name);
  return out;
}
/// ctest runs each test in its own process, several at once: one folder per process.
inline const fs::path kOutput =
    fs::path(COHORT_BINARY_DIR) / "test-output" / "e2e" / ("run-" + std::to_string(getpid()));

/// @brief Which programme to run, how big, with which seed.
struct Scenario {
  std::string file;  ///< under workflows/programmes/
  int applicants = 300;
  std::uint64_t seed = 1;
};

inline std::string scenario_name(const Scenario& s) {
  return s.file + "-" + std::to_string(s.applicants) + "-" + std::to_string(s.seed);
}

/// @brief For gtest's messages about a parameterised test.
inline void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.file << ", " << s.applicants << " applicants, seed " << s.seed;
}

inline Value read_programme(const std::string& file) {
  std::ifstream in(kProgrammes / file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Value v;
  JsonError err;
  EXPECT_TRUE(parse_json(ss.str(), v, err)) << file << ": " << err.message;
  return v;
}

/// @brief Keeps the plugin host's info lines out of the test output.
inline void quiet_logs() { spdlog::set_level(spdlog::level::warn); }

/// @brief Copies the programme's certificate signing key (the private key in the
///        certificates plugin's folder and its published public key) from one data
///        directory to another, as an office that keeps its key does. Certificates are
///        signed with it and printed with their signature in the PDF's QR code, so runs
///        in different directories only give the same PDFs (the same `data.documents`)
///        with the same key.
inline void copy_programme_key(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  // The attendance plugin's token key too: the badges' QR tokens are signed with it.
  const fs::path token_key = fs::path("plugins") / "org.cohort.attendance" / "token-secret.hex";
  if (fs::exists(from / token_key, ec)) {
    fs::create_directories((to / token_key).parent_path(), ec);
    fs::copy_file(from / token_key, to / token_key, fs::copy_options::overwrite_existing, ec);
  }
  const fs::path keys = fs::path("plugins") / "org.cohort.certificates" / "keys";
  if (!fs::exists(from / keys, ec)) return;
  fs::create_directories(to / keys, ec);
  fs::copy(from / keys, to / keys, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  fs::create_directories(to / "certificates", ec);
  for (const auto& e : fs::directory_iterator(from / "certificates", ec))
    if (e.path().string().ends_with(".key.json"))
      fs::copy_file(e.path(), to / "certificates" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
}

inline fs::path generator_dir(const Scenario& s) { return kOutput / ("generate-" + scenario_name(s)); }

/// @brief The generator's simulation of a scenario, made once per process.
inline const programme::GeneratedProgramme& generated(const Scenario& s) {
  quiet_logs();
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<programme::GeneratedProgramme>> cache;
  std::lock_guard lock(mu);
  auto& slot = cache[scenario_name(s)];
  if (!slot) {
    programme::GenerateOptions o;
    o.applicants = s.applicants;
    o.seed = s.seed;
    o.programme_file = kProgrammes / s.file;
    o.plugin_paths = plugin_dirs();
    o.data_dir = generator_dir(s);
    o.threads = 2;
    slot = std::make_unique<programme::GeneratedProgramme>(programme::generate_events(read_programme(s.file), o));
  }
  return *slot;
}

/// @brief Records what every instance went through. Thread-safe (engine workers call it).
class Recorder : public runtime::Observer {
 public:
  void on_transition(std::string_view subject, std::string_view definition, std::string_view from,
                     std::string_view to, const Event& cause) override {
    (void)from, (void)cause;
    std::lock_guard lock(mu_);
    if (to == "incident") incidents_.push_back(std::string(subject) + " (" + std::string(definition) + ")");
    if (definition != "participant") return;
    paths_[std::string(subject)].push_back(std::string(to));
    current_[std::string(subject)] = std::string(to);
  }

  /// @brief Every state each participant entered, in order (per instance the order is fixed).
  std::map<std::string, std::vector<std::string>> paths() const {
    std::lock_guard lock(mu_);
    return paths_;
  }
  /// @brief Each participant's state now.
  std::map<std::string, std::string> current() const {
    std::lock_guard lock(mu_);
    return current_;
  }
  std::vector<std::string> incidents() const {
    std::lock_guard lock(mu_);
    return incidents_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::string>> paths_;
  std::map<std::string, std::string> current_;
  std::vector<std::string> incidents_;
};

/// @brief One replay of generated events through a fresh session, as `cohort run` does.
struct Replay {
  Recorder recorder;
  std::unique_ptr<run::ProgrammeSession> session;
  std::vector<std::string> open_errors;
  std::uint64_t not_accepted = 0;  ///< events the engine did not accept (there should be none)
  fs::path data_dir;               ///< the run's data directory (certificates/ is in it)

  /// @brief Runs `g` with `threads` workers. With `after_each_event`, events are fed one
  ///        at a time and the callback runs whenever the engine is quiet again (after each
  ///        event and after the final advance), so invariants can be checked over time.
  ///        Not movable: the session holds on to the recorder.
  ///        With `keep_dir` the data directory of an earlier replay is used as it is
  ///        (its outbox, documents and plugin records), as a second `cohort run` of the
  ///        same events into the same directory would.
  Replay(const Scenario& s, const programme::GeneratedProgramme& g, unsigned threads,
         const std::function<void(const Recorder&)>& after_each_event = {}, bool keep_dir = false) {
    quiet_logs();
    run::SessionOptions so;
    so.programme_file = (kProgrammes / s.file).string();
    for (const auto& d : plugin_dirs()) so.plugin_dirs.push_back(d.string());
    data_dir = kOutput / ("replay-" + scenario_name(s) + "-t" + std::to_string(threads));
    // A fresh directory: the certificates plugin numbers from what it finds there.
    std::error_code ec;
    if (!keep_dir) {
      fs::remove_all(data_dir, ec);
      // The simulation's key: the same certificates and certificate PDFs as it made.
      copy_programme_key(generator_dir(s), data_dir);
    }
    so.data_dir = data_dir.string();
    so.threads = threads;
    so.observer = &recorder;
    session = run::ProgrammeSession::open(so, open_errors);
    if (!session) return;
    session->create_programme_instance(session->created_at().value_or(Timestamp{0}));
    auto count = [&](const std::vector<runtime::SubmitResult>& results) {
      for (const auto& r : results)
        if (r.status != runtime::SubmitStatus::Accepted) ++not_accepted;
    };
    if (!after_each_event) {
      count(session->feed(g.events));
    } else {
      for (const auto& e : g.events) {
        count(session->feed({e}));
        after_each_event(recorder);
      }
    }
    session->advance_to(g.until);
    if (after_each_event) after_each_event(recorder);
  }

  Replay(const Replay&) = delete;
  Replay& operator=(const Replay&) = delete;

  runtime::Engine& engine() { return session->engine(); }

  /// @brief Participant subject -> its final state, read from the engine.
  std::map<std::string, std::string> participant_states() {
    std::map<std::string, std::string> out;
    engine().for_each_instance([&](const runtime::InstanceView& v) {
      if (v.definition == "participant") out[v.subject] = v.state;
    });
    return out;
  }
};

}  // namespace cohort::e2e
