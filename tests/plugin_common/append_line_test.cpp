// Appending JSON lines as the audit log and the webhook dead letters do: whole lines in
// order, and errors that name the file.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <cohort_plugin_common/append_line.hpp>

using cohort_plugin_common::append_line;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST(AppendLine, LinesLandWholeAndInOrderAfterWhatWasThere) {
  char templ[] = "/tmp/cohort_append_line_XXXXXX";
  const int fd = ::mkstemp(templ);
  ASSERT_GE(fd, 0);
  const std::string path = templ;
  ASSERT_EQ(::write(fd, "{\"n\":0}\n", 8), 8);
  ::close(fd);

  const int append_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  ASSERT_GE(append_fd, 0);
  std::string error;
  EXPECT_TRUE(append_line(append_fd, "{\"n\":1}\n", true, path, error)) << error;
  const std::string big = "{\"text\":\"" + std::string(100000, 'x') + "\"}\n";
  EXPECT_TRUE(append_line(append_fd, big, false, path, error)) << error;
  ::close(append_fd);

  EXPECT_EQ(read_all(path), "{\"n\":0}\n{\"n\":1}\n" + big);
  ::unlink(path.c_str());
}

TEST(AppendLine, FailuresNameTheFileAndTheReason) {
  std::string error;
  EXPECT_FALSE(append_line(-1, "{}\n", false, "/data/audit.jsonl", error));
  EXPECT_NE(error.find("cannot append to /data/audit.jsonl: "), std::string::npos) << error;

  // A pipe takes the line but cannot be synced to disk.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  error.clear();
  EXPECT_FALSE(append_line(fds[1], "{}\n", true, "the pipe", error));
  EXPECT_NE(error.find("cannot fsync the pipe: "), std::string::npos) << error;
  ::close(fds[0]);
  ::close(fds[1]);
}
