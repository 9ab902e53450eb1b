#include "dead_letters.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cohort_plugin_common/append_line.hpp>

#include "cloud_event.hpp"

namespace cohort_webhook {

DeadLetterFile::~DeadLetterFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool DeadLetterFile::open(const std::string& path, std::string& error) {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    error = "cannot open the dead-letter file " + path + ": " + std::strerror(errno);
    return false;
  }
  path_ = path;
  return true;
}

bool DeadLetterFile::append(const DeadLetter& letter, std::string& error) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("failed_at");
  w.String(rfc3339_utc(letter.failed_at_ms).c_str());
  w.Key("target");
  w.String(letter.target.c_str(), static_cast<rapidjson::SizeType>(letter.target.size()));
  w.Key("url");
  w.String(letter.url.c_str(), static_cast<rapidjson::SizeType>(letter.url.size()));
  w.Key("attempts");
  w.Uint(letter.attempts);
  w.Key("error");
  w.String(letter.error.c_str(), static_cast<rapidjson::SizeType>(letter.error.size()));
  w.Key("event");
  // The body was written by rapidjson on one line already: keep it byte for byte, so an
  // operator can POST it again as it was.
  rapidjson::Document check;
  check.Parse(letter.event_json.data(), letter.event_json.size());
  if (!check.HasParseError() && letter.event_json.find('\n') == std::string::npos)
    w.RawValue(letter.event_json.data(), letter.event_json.size(), rapidjson::kObjectType);
  else
    w.String(letter.event_json.c_str(), static_cast<rapidjson::SizeType>(letter.event_json.size()));
  w.EndObject();
  std::string line(sb.GetString(), sb.GetSize());
  line += '\n';

  std::lock_guard lock(mutex_);
  if (fd_ < 0) {
    error = "the dead-letter file is not open";
    return false;
  }
  if (!cohort_plugin_common::append_line(fd_, line, true, path_, error)) return false;
  ++appended_;
  return true;
}

std::uint64_t DeadLetterFile::appended() const {
  std::lock_guard lock(mutex_);
  return appended_;
}

std::string redact_url(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const auto authority = scheme + 3;
  const auto end = url.find_first_of("/?#", authority);
  const auto at = url.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url);
  return std::string(url.substr(0, authority)) + std::string(url.substr(at + 1));
}

}  // namespace cohort_webhook
