#include "document_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace cohort_documents {

namespace fs = std::filesystem;

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

namespace {

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// An existing file with our name holds our bytes unless something outside tampered with it.
bool same_content(const fs::path& file, std::string_view pdf) {
  std::error_code ec;
  if (fs::file_size(file, ec) != pdf.size() || ec) return false;
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string content(pdf.size(), '\0');
  std::size_t got = 0;
  while (got < content.size()) {
    const ssize_t n = ::read(fd, content.data() + got, content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return got == content.size() && content == pdf;
}

}  // namespace

bool store_document(const fs::path& run_dir, std::string_view pdf, StoredDocument& out, std::string& error) {
  if (run_dir.empty()) {
    error = "no run directory to store documents in (the engine offers no \"cohort.paths/1\")";
    return false;
  }
  if (sodium_init() < 0) {
    error = "libsodium could not be initialised";
    return false;
  }
  const std::string hash = sha256_hex(pdf);
  const std::string relative = "documents/" + hash.substr(0, 2) + "/" + hash + ".pdf";
  const fs::path dir = run_dir / "documents" / hash.substr(0, 2);
  const fs::path target = dir / (hash + ".pdf");

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = "cannot create " + dir.string() + ": " + ec.message();
    return false;
  }
  if (!same_content(target, pdf)) {
    static std::atomic<unsigned long> counter{0};
    const fs::path temp = dir / ("." + hash + "." + std::to_string(::getpid()) + "." +
                                 std::to_string(counter.fetch_add(1)) + ".tmp");
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      error = "cannot create " + temp.string() + ": " + std::strerror(errno);
      return false;
    }
    const bool written = write_all(fd, pdf) && ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    if (!written) {
      fs::remove(temp, ec);
      error = "cannot write " + temp.string() + ": " + std::strerror(saved);
      return false;
    }
    fs::rename(temp, target, ec);
    if (ec) {
      error = "cannot store " + target.string() + ": " + ec.message();
      fs::remove(temp, ec);
      return false;
    }
    sync_directory(dir);
  }
  out.path = relative;
  out.sha256 = hash;
  out.bytes = pdf.size();
  return true;
}

}  // namespace cohort_documents
