#pragma once
/// @file append_line.hpp
/// @brief Appending one line to a JSON-lines file the way the plugins' logs need it: the
///        whole line or an error, and on disk before returning when asked.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

namespace cohort_plugin_common {

/// @brief Writes `line` (ending in '\n') to `fd`, a file opened with O_APPEND, retrying
///        interrupted and short writes, then fsync(2)s it when `sync`. False with `error`
///        naming `path` and the system's reason; a failed write may leave part of the line,
///        which readers of such files skip as an unfinished last line.
inline bool append_line(int fd, std::string_view line, bool sync, const std::string& path, std::string& error) {
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "cannot append to " + path + ": " + std::strerror(errno);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (sync && ::fsync(fd) != 0) {
    error = "cannot fsync " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace cohort_plugin_common
