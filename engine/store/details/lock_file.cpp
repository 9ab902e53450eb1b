#include "store/details/lock_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace cohort::store::details {

LockFile::~LockFile() { release(); }

void LockFile::release() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status LockFile::acquire(const std::string& log_path) {
  release();
  const std::string lock_path = log_path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return {Code::CannotOpen, "cannot create the lock file " + lock_path + " (" +
                                  std::strerror(errno) +
                                  "): check that the data directory is writable, or use another "
                                  "--data-dir"};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder;
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n > 0) {
      holder = std::string(buf, static_cast<std::size_t>(n));
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    }
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return {Code::Busy, log_path + " is in use by another cohort process" +
                              (holder.empty() ? std::string() : " (pid " + holder + ")") +
                              ": stop that process, or use another --data-dir"};
    }
    return {Code::CannotOpen, "cannot lock " + lock_path + " (" + std::strerror(err) +
                                  "): use a local file system for the data directory"};
  }
  // The pid is only for the message another process shows; failing to write it is harmless.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] ssize_t w = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  fd_ = fd;
  return {};
}

}  // namespace cohort::store::details
