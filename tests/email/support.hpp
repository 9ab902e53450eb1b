#pragma once
// Helpers of the email tests: a real SMTP sink process, free ports, folders, sample calls.

#include <rapidjson/document.h>
#include <sys/types.h>

#include <chrono>
#include <cohort/cpp/call_context.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "mailer.hpp"

namespace email_test {

namespace fs = std::filesystem;

/// A fresh, empty folder under the build tree for one test.
fs::path fresh_dir(const std::string& name);

/// The built-in templates in the source tree.
std::string templates_dir();

/// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_port();

/// Waits until `path` exists (false after `limit`).
bool wait_for_file(const fs::path& path, std::chrono::seconds limit = std::chrono::seconds(30));

/// A child process started with posix_spawn; killed (SIGTERM) and reaped when destroyed.
class Process {
 public:
  Process() = default;
  explicit Process(const std::vector<std::string>& argv, const std::string& stdout_file = "");
  Process(Process&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }
  Process& operator=(Process&& other) noexcept;
  ~Process();
  pid_t pid() const { return pid_; }
  /// Sends `signal` and waits for the process; returns its wait status.
  int kill_and_wait(int signal);
  /// Waits for the process to end; returns its exit code (or 128 + signal).
  int wait();

 private:
  pid_t pid_ = -1;
};

/// mailsink.py serve: a real SMTP server (aiosmtpd) on 127.0.0.1.
struct SinkOptions {
  std::string script;  ///< answers to successive DATA commands, comma-separated ("451 4.3.0 later,250")
  std::string tls_cert, tls_key;
  bool starttls = false, implicit_tls = false;
  std::string auth;  ///< "user:password"
};
class SmtpSink {
 public:
  SmtpSink(fs::path dir, int port) : dir_(std::move(dir)), port_(port) {}
  /// Starts the server and waits until it listens.
  bool start(const SinkOptions& options = {});
  /// Stops the server (its received mail stays in the folder).
  void stop();
  int port() const { return port_; }
  const fs::path& dir() const { return dir_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  /// Number of messages accepted so far.
  std::size_t delivered() const;
  /// Number of DATA commands seen so far (accepted or not).
  std::size_t data_commands() const;

 private:
  fs::path dir_;
  int port_;
  Process process_;
  int generation_ = 0;
};

/// mailsink.py parse: each message decoded by Python's email package, as JSON (a list).
rapidjson::Document parse_mail(const fs::path& file_or_dir);

/// A call context with this idempotency key and a deadline `timeout` from now.
cohort::sdk::CallContext context(const std::string& key, std::chrono::milliseconds timeout = std::chrono::seconds(20));

/// Mailer options for a test: data in `dir`/data, run files in `dir`/run, built-in templates.
cohort_email::MailerOptions options(const fs::path& dir, const std::string& config_json = "{}");

/// email.send arguments for `kind` to a participant, with the GLC-2025 programme fields.
std::string send_args(const std::string& kind, const std::string& language, const std::string& name,
                      const std::string& address, const std::string& event_json = "{}",
                      const std::string& extra = "");

/// A string member of a JSON object, or "" (for short assertions).
std::string str(const rapidjson::Value& v, const char* key);

}  // namespace email_test
