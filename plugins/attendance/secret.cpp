#include "secret.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cohort_attendance {
namespace {

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Opens without following a symlink, so a planted link cannot point the key elsewhere.
bool read_small_file(const std::string& path, std::string& text, std::string& error, bool& missing) {
  missing = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    missing = errno == ENOENT;
    error = "cannot open the token key " + path + ": " + errno_text();
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    error = "the token key " + path + " is not a regular file";
    return false;
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    error = "the token key " + path + " may be read by others (mode " + mode + "); run chmod 600 on it";
    return false;
  }
  char buf[4096];
  text.clear();
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read the token key " + path + ": " + errno_text();
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > 65536) {
      ::close(fd);
      error = "the token key " + path + " is too large to be a key";
      return false;
    }
  }
  ::close(fd);
  return true;
}

}  // namespace

bool parse_secret_hex(std::string_view text, std::vector<unsigned char>& key, std::string& error) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  if (text.size() % 2 != 0 || text.size() < 64) {
    error = "the token key must be at least 64 hexadecimal digits (32 bytes), an even number of them";
    return false;
  }
  std::vector<unsigned char> out(text.size() / 2);
  std::size_t written = 0;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, nullptr) != 0 ||
      written != out.size()) {
    error = "the token key must be hexadecimal digits only";
    return false;
  }
  key = std::move(out);
  return true;
}

bool read_secret_file(const std::string& path, std::vector<unsigned char>& key, std::string& error) {
  std::string text;
  bool missing = false;
  if (!read_small_file(path, text, error, missing)) return false;
  if (!parse_secret_hex(text, key, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

bool load_or_create_secret(const std::string& dir, std::vector<unsigned char>& key, std::string& error,
                           bool* created) {
  if (created) *created = false;
  if (dir.empty()) {
    error = "no data directory to keep the token key in";
    return false;
  }
  if (sodium_init() < 0) {
    error = "libsodium could not be initialised";
    return false;
  }
  const std::string path = dir + "/" + kSecretFileName;
  std::string text;
  bool missing = false;
  if (read_small_file(path, text, error, missing)) {
    if (!parse_secret_hex(text, key, error)) {
      error = path + ": " + error;
      return false;
    }
    return true;
  }
  if (!missing) return false;

  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  std::string line = std::string(hex) + "\n";
  sodium_memzero(hex, sizeof hex);

  char suffix[40];
  std::snprintf(suffix, sizeof suffix, ".%ld.%08x.tmp", static_cast<long>(::getpid()), randombytes_random());
  const std::string temp = dir + "/." + kSecretFileName + suffix;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot create the token key in " + dir + ": " + errno_text();
    return false;
  }
  const bool written = write_all(fd, line.data(), line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(line.data(), line.size());
  if (!written) {
    error = "cannot write the token key " + temp + ": " + errno_text();
    ::unlink(temp.c_str());
    return false;
  }
  // link() never replaces: if another process created the key meanwhile, theirs stands.
  const bool linked = ::link(temp.c_str(), path.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (!linked && link_errno != EEXIST) {
    errno = link_errno;
    error = "cannot put the token key in place at " + path + ": " + errno_text();
    return false;
  }
  if (linked) {
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);  // the new name survives a power failure
      ::close(dfd);
    }
    if (created) *created = true;
    key.assign(bytes, bytes + sizeof bytes);
    sodium_memzero(bytes, sizeof bytes);
    return true;
  }
  sodium_memzero(bytes, sizeof bytes);
  return read_secret_file(path, key, error);
}

}  // namespace cohort_attendance
