#include "support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace email_test {

fs::path fresh_dir(const std::string& name) {
  const auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "email" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string templates_dir() { return (fs::path(COHORT_TEST_DIR).parent_path() / "plugins" / "email" / "templates").string(); }

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool wait_for_file(const fs::path& path, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!fs::exists(path)) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

Process::Process(const std::vector<std::string>& argv, const std::string& stdout_file) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!stdout_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (stdout_file + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
}

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) kill_and_wait(SIGTERM);
    pid_ = other.pid_;
    other.pid_ = -1;
  }
  return *this;
}

Process::~Process() {
  if (pid_ > 0) kill_and_wait(SIGTERM);
}

int Process::kill_and_wait(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  return wait();
}

int Process::wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

bool SmtpSink::start(const SinkOptions& o) {
  fs::create_directories(dir_);
  fs::remove(dir_ / "ready");
  std::vector<std::string> argv = {COHORT_EMAIL_PYTHON, std::string(COHORT_TEST_DIR) + "/email/mailsink.py", "serve",
                                   "--port", std::to_string(port_), "--dir", dir_.string()};
  if (!o.script.empty()) argv.insert(argv.end(), {"--script", o.script});
  if (!o.tls_cert.empty()) argv.insert(argv.end(), {"--tls-cert", o.tls_cert, "--tls-key", o.tls_key});
  if (o.starttls) argv.push_back("--starttls");
  if (o.implicit_tls) argv.push_back("--implicit-tls");
  if (!o.auth.empty()) argv.insert(argv.end(), {"--auth", o.auth});
  process_ = Process(argv, (dir_.parent_path() / (dir_.filename().string() + "-sink" + std::to_string(++generation_) + ".log")).string());
  return process_.pid() > 0 && wait_for_file(dir_ / "ready");
}

void SmtpSink::stop() { process_.kill_and_wait(SIGTERM); }

std::size_t SmtpSink::delivered() const {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec))
    if (e.path().extension() == ".eml") ++n;
  return n;
}

std::size_t SmtpSink::data_commands() const {
  std::ifstream in(dir_ / "attempts.log");
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line))
    if (line.find("discarded") == std::string::npos) ++n;
  return n;
}

rapidjson::Document parse_mail(const fs::path& file_or_dir) {
  const std::string cmd = std::string(COHORT_EMAIL_PYTHON) + " " + COHORT_TEST_DIR + "/email/mailsink.py parse '" +
                          file_or_dir.string() + "'";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  rapidjson::Document d;
  d.Parse(out.c_str());
  if (d.HasParseError() || !d.IsArray()) d.SetArray();
  return d;
}

cohort::sdk::CallContext context(const std::string& key, std::chrono::milliseconds timeout) {
  cohort::sdk::CallContext ctx;
  ctx.idempotency_key = key;
  const auto slash = key.find('/');
  ctx.instance = std::string_view(key).substr(0, slash);
  ctx.timeout_ms = static_cast<std::uint32_t>(timeout.count());
  ctx.deadline_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch() + timeout)
                        .count();
  return ctx;
}

cohort_email::MailerOptions options(const fs::path& dir, const std::string& config_json) {
  cohort_email::MailerOptions o;
  o.config_json = config_json;
  o.env = [](std::string_view) { return std::optional<std::string>(); };
  o.builtin_templates = templates_dir();
  const std::string data = (dir / "data").string(), run = (dir / "run").string();
  o.data_dir = [data] {
    fs::create_directories(data);
    return data;
  };
  o.run_dir = [run] {
    fs::create_directories(run);
    return run;
  };
  return o;
}

std::string send_args(const std::string& kind, const std::string& language, const std::string& name,
                      const std::string& address, const std::string& event_json, const std::string& extra) {
  std::string lang = language.empty() ? "null" : "\"" + language + "\"";
  return R"({"kind":")" + kind + R"(","language":)" + lang + R"(,"to":{"name":")" + name + R"(","address":")" +
         address + R"("},"date":"2025-01-06T10:00:00+08:00","fields":{"participant":{"id":"GLC-2025-A0042","name":")" +
         name + R"(","email":")" + address + R"(","nationality":"EG"},)" +
         R"("programme":{"id":"GLC-2025","title":"International Green and Low Carbon Technology Training Program",)"
         R"("language":"en","host":{"name":"Tongji University","city":"Shanghai","contact":{"name":"International Training Office","email":"glc-training@tongji.example.org"}},)"
         R"("dates":{"selection":"2025-01-06T10:00:00+08:00","offer_deadline":"2025-01-17T23:59:00+08:00","visa_deadline":"2025-02-28T23:59:00+08:00","arrival":"2025-03-09T08:00:00+08:00","start":"2025-03-10T09:00:00+08:00","end":"2025-03-21T18:00:00+08:00"}},)"
         R"("event":)" + event_json + "}" + extra + "}";
}

std::string str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject()) return {};
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace email_test
