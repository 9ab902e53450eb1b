#include "sent_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cohort_email {

namespace {

std::string json_string(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

}  // namespace

SentLog::~SentLog() {
  if (fd_ >= 0) ::close(fd_);
}

bool SentLog::open_locked(std::string& error) {
  if (fd_ >= 0) return true;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  const bool existed = std::filesystem::exists(path_, ec);
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    error = "cannot open " + path_ + ": " + std::strerror(errno);
    return false;
  }
  if (!existed) {
    // A new file's name is durable only once its folder is synced.
    const auto dir = std::filesystem::path(path_).parent_path();
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
  // A crash may have left half a line: end it, so the next record starts on a line of its own.
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && st.st_size > 0) {
    char last = '\n';
    if (::pread(fd_, &last, 1, st.st_size - 1) == 1 && last != '\n') {
      if (::write(fd_, "\n", 1) != 1) {
        error = "cannot write " + path_ + ": " + std::strerror(errno);
        return false;
      }
    }
  }
  return true;
}

bool SentLog::catch_up_locked(std::string& error) {
  if (!open_locked(error)) return false;
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    error = "cannot stat " + path_ + ": " + std::strerror(errno);
    return false;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size <= read_offset_) return true;
  std::string chunk(size - read_offset_, '\0');
  std::size_t got = 0;
  while (got < chunk.size()) {
    const ssize_t n = ::pread(fd_, chunk.data() + got, chunk.size() - got, static_cast<off_t>(read_offset_ + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  chunk.resize(got);
  // Only whole lines count; a line still being written is read next time.
  const auto last_newline = chunk.rfind('\n');
  if (last_newline == std::string::npos) return true;
  std::size_t start = 0;
  while (start <= last_newline) {
    const auto end = chunk.find('\n', start);
    const std::string_view line(chunk.data() + start, end - start);
    start = end + 1;
    rapidjson::Document d;
    d.Parse(line.data(), line.size());
    if (d.HasParseError() || !d.IsObject()) continue;  // an ended half line from a crash
    auto name = d.FindMember("name");
    auto state = d.FindMember("state");
    if (name == d.MemberEnd() || !name->value.IsString() || state == d.MemberEnd() || !state->value.IsString())
      continue;
    const std::string n = name->value.GetString();
    if (std::string_view(state->value.GetString()) == "sent") {
      auto result = d.FindMember("result");
      if (result == d.MemberEnd()) continue;
      rapidjson::StringBuffer buf;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      result->value.Accept(w);
      sent_[n] = buf.GetString();
      sending_.erase(n);
    } else if (!sent_.count(n)) {
      sending_.insert(n);
    }
  }
  read_offset_ += last_newline + 1;
  return true;
}

bool SentLog::append_locked(const std::string& line, bool sync, std::string& error) {
  if (!open_locked(error)) return false;
  // One write(2) per line with O_APPEND: lines of concurrent writers never interleave.
  const ssize_t n = ::write(fd_, line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    error = "cannot append to " + path_ + ": " + (n < 0 ? std::strerror(errno) : "short write");
    return false;
  }
  if (sync && ::fdatasync(fd_) != 0) {
    error = "cannot sync " + path_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool SentLog::find_sent(const std::string& name, std::string& result_json, std::string& error) {
  std::lock_guard lock(mutex_);
  error.clear();
  if (!catch_up_locked(error)) return false;
  auto it = sent_.find(name);
  if (it == sent_.end()) return false;
  result_json = it->second;
  return true;
}

bool SentLog::was_sending(const std::string& name) {
  std::lock_guard lock(mutex_);
  std::string error;
  catch_up_locked(error);
  return sending_.count(name) > 0;
}

bool SentLog::note_sending(const std::string& name, std::string& error) {
  std::lock_guard lock(mutex_);
  return append_locked("{\"name\":" + json_string(name) + ",\"state\":\"sending\"}\n", false, error);
}

bool SentLog::record_sent(const std::string& name, std::string_view result_json, std::string& error, bool sync) {
  std::lock_guard lock(mutex_);
  if (!append_locked("{\"name\":" + json_string(name) + ",\"state\":\"sent\",\"result\":" + std::string(result_json) +
                         "}\n",
                     sync, error))
    return false;
  sent_[name] = std::string(result_json);
  sending_.erase(name);
  return true;
}

}  // namespace cohort_email
