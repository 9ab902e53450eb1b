#include "audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <rapidjson/document.h>

#include <cohort_plugin_common/append_line.hpp>

namespace cohort_audit {
namespace {

// With the "interval" policy, lines written in the last 200 ms may be lost on power failure.
constexpr std::chrono::milliseconds kSyncInterval{200};

bool field_is(const rapidjson::Document& doc, const char* name, const std::string& want) {
  if (want.empty()) return true;
  auto it = doc.FindMember(name);
  return it != doc.MemberEnd() && it->value.IsString() &&
         want == std::string_view(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

bool parse_fsync_policy(std::string_view text, FsyncPolicy& out) {
  if (text == "every_event") {
    out = FsyncPolicy::EveryEvent;
    return true;
  }
  if (text == "interval") {
    out = FsyncPolicy::Interval;
    return true;
  }
  if (text == "none") {
    out = FsyncPolicy::None;
    return true;
  }
  return false;
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) {
    if (unsynced_) ::fsync(fd_);
    ::close(fd_);
  }
}

bool AuditLog::open(const std::string& path, FsyncPolicy policy, std::string& error) {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd_ < 0) {
    error = "cannot open audit log " + path + ": " + std::strerror(errno);
    return false;
  }
  path_ = path;
  policy_ = policy;
  count_ = 0;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) ++count_;
  return true;
}

bool AuditLog::append(std::string_view json, std::string& error) {
  std::string line(json);
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  line += '\n';
  std::lock_guard lock(mutex_);
  if (fd_ < 0) {
    error = "audit log is not open";
    return false;
  }
  const bool interval = policy_ == FsyncPolicy::Interval;
  const auto now = std::chrono::steady_clock::now();
  const bool sync = policy_ == FsyncPolicy::EveryEvent || (interval && now - last_sync_ >= kSyncInterval);
  if (interval) {
    unsynced_ = true;  // until an fsync succeeds, closing the log must sync it
    if (sync) last_sync_ = now;
  }
  if (!cohort_plugin_common::append_line(fd_, line, sync, path_, error)) return false;
  if (sync) unsynced_ = false;
  ++count_;
  return true;
}

std::vector<std::string> AuditLog::read(const Query& query, std::string& error) const {
  std::vector<std::string> out;
  std::string path;
  {
    std::lock_guard lock(mutex_);
    path = path_;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read audit log " + path;
    return out;
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t start = 0;
  while (start < content.size() && out.size() < query.limit) {
    const std::size_t end = content.find('\n', start);
    if (end == std::string::npos) break;  // an unfinished last line (crash while appending)
    std::string line = content.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    if (doc.HasParseError() || !doc.IsObject()) continue;
    if (field_is(doc, "type", query.type) && field_is(doc, "subject", query.subject)) out.push_back(std::move(line));
  }
  return out;
}

std::uint64_t AuditLog::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace cohort_audit
