#include "details/files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace cohort_certificates::details {
namespace fs = std::filesystem;

namespace {

std::string errno_text(const std::string& what, const fs::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// A name no other writer uses: the pid tells processes apart, the counter threads and calls.
fs::path temporary_beside(const fs::path& path) {
  static std::atomic<unsigned long> counter{0};
  return path.parent_path() / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                               std::to_string(counter.fetch_add(1)));
}

bool write_temporary(const fs::path& tmp, std::string_view content, unsigned mode, bool sync, std::string& error) {
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    error = errno_text("cannot create", tmp);
    return false;
  }
  // The umask must not widen or narrow what the caller asked for (0600 keys, 0644 certificates).
  ::fchmod(fd, mode);
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_text("cannot write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (sync && ::fsync(fd) != 0) {
    error = errno_text("cannot sync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  }
  ::close(fd);
  return true;
}

}  // namespace

WriteResult write_new_file(const fs::path& path, std::string_view content, unsigned mode, bool sync,
                           std::string& error) {
  auto tmp = temporary_beside(path);
  if (!write_temporary(tmp, content, mode, sync, error)) return WriteResult::Failed;
  int rc = ::link(tmp.c_str(), path.c_str());
  int saved = errno;
  ::unlink(tmp.c_str());
  if (rc != 0) {
    errno = saved;
    if (saved == EEXIST) return WriteResult::Exists;
    error = errno_text("cannot create", path);
    return WriteResult::Failed;
  }
  if (sync) sync_directory(path.parent_path());
  return WriteResult::Written;
}

bool replace_file(const fs::path& path, std::string_view content, unsigned mode, bool sync, std::string& error) {
  auto tmp = temporary_beside(path);
  if (!write_temporary(tmp, content, mode, sync, error)) return false;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    error = errno_text("cannot replace", path);
    ::unlink(tmp.c_str());
    return false;
  }
  if (sync) sync_directory(path.parent_path());
  return true;
}

WriteResult link_file(const fs::path& from, const fs::path& to, bool sync, std::string& error) {
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return WriteResult::Exists;
    error = errno_text("cannot link " + from.string() + " to", to);
    return WriteResult::Failed;
  }
  if (sync) sync_directory(to.parent_path());
  return WriteResult::Written;
}

bool make_directory(const fs::path& dir, unsigned mode, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return true;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    error = "cannot create the directory " + dir.string();
    return false;
  }
  ::chmod(dir.c_str(), mode);  // only a directory made here: an existing one keeps its owner's choice
  return true;
}

FileLock::FileLock(const fs::path& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    error_ = errno_text("cannot open the lock file", path);
    return;
  }
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    error_ = errno_text("cannot lock", path);
    ::close(fd_);
    fd_ = -1;
    return;
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace cohort_certificates::details
