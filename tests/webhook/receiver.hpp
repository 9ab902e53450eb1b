#pragma once
/// @file receiver.hpp
/// @brief A real HTTP receiver for the webhook tests: receiver.py (python3, http.server)
///        on 127.0.0.1, checking signatures with Python's hmac and recording each request.

#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "value/json.hpp"

extern char** environ;

namespace cohort::webhook_test {

namespace fs = std::filesystem;

/// @brief A fresh folder for the running test, under the build tree.
inline fs::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "webhook" /
                 (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// @brief The JSON lines of a file (missing file: none).
inline std::vector<Value> json_lines(const fs::path& path) {
  std::vector<Value> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    Value v;
    JsonError err;
    if (parse_json(line, v, err)) out.push_back(std::move(v));
    else ADD_FAILURE() << "not JSON: " << line;
  }
  return out;
}

/// @brief Polls `done` until it holds or a generous deadline passes (then false).
inline bool eventually(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

/// @brief A receiver process. Killed when destroyed.
class Receiver {
 public:
  /// @brief Starts receiver.py with `secret` and extra arguments (--fail-first N, --hang, ...).
  Receiver(const fs::path& dir, const std::string& name, const std::string& secret,
           std::vector<std::string> extra = {})
      : record_(dir / (name + ".jsonl")) {
    const fs::path port_file = dir / (name + ".port");
    const std::string log = (dir / (name + ".log")).string();
    std::vector<std::string> args = {"python3",     COHORT_WEBHOOK_RECEIVER, "--port-file", port_file.string(),
                                     "--record",    record_.string(),       "--secret",    secret};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawnp(&pid_, "python3", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      ADD_FAILURE() << "cannot start python3: " << rc;
      pid_ = -1;
      return;
    }
    const bool up = eventually([&] { return fs::exists(port_file); }, std::chrono::seconds(30));
    if (!up) {
      ADD_FAILURE() << "the receiver did not start; its log:\n" << read_file(log);
      return;
    }
    port_ = std::stoi(read_file(port_file));
  }
  ~Receiver() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  /// @brief What the receiver got so far, one object per request, in arrival order.
  std::vector<Value> requests() const { return json_lines(record_); }

 private:
  fs::path record_;
  pid_t pid_ = -1;
  int port_ = 0;
};

/// @brief A port on 127.0.0.1 where nothing listens (bound, then closed): connections are refused.
inline int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace cohort::webhook_test
