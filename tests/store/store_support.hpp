#pragma once
// Helpers shared by the store tests: a scratch directory and event builders.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"

namespace cohort::store::testing {

/// A fresh directory under /tmp, removed with everything in it afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cohort-store-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  std::string log() const { return log_path_in(path_); }

 private:
  std::string path_;
};

inline Event make_event(const std::string& id, const std::string& subject = "app-1",
                        const std::string& type = "application.started",
                        std::int64_t time_ms = 1740819600000) {
  Event e;
  e.id = id;
  e.source = "test/source";
  e.type = type;
  e.type_id = event_type_id(type);
  e.subject = subject;
  e.time = Timestamp{time_ms};
  e.has_time = true;
  e.data = Value::object({{"country", Value("GH")}, {"score", Value(7)}});
  return e;
}

inline NewEvent external(const std::string& id, const std::string& subject = "app-1") {
  return NewEvent{EventKind::External, make_event(id, subject)};
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Opens a log and fails the test (with the store's message) if it cannot.
inline std::unique_ptr<EventLog> must_open(const std::string& path,
                                           const SqliteLogOptions& options = {}) {
  Status status;
  auto log = open_sqlite_log(path, options, status);
  EXPECT_TRUE(status.ok()) << status.to_string();
  EXPECT_NE(log, nullptr);
  return log;
}

/// Every logged event, in seq order.
inline std::vector<LoggedEvent> all_events(EventLog& log, std::int64_t from = 1) {
  std::vector<LoggedEvent> out;
  Status s = log.replay(from, [&](LoggedEvent& e) {
    out.push_back(std::move(e));
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.to_string();
  return out;
}

}  // namespace cohort::store::testing
