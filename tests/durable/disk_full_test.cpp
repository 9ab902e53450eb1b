// `cohort run` on a disk that fills up: the run stops with a message naming the file and
// what to do, exits non-zero, and what was acknowledged before is intact and readable.
// The disk is a real 2 MiB tmpfs (this test runs as root in CI, like the suite's other
// mounts); a process that may not mount fails the test with the reason, it is not skipped.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "../cli/cli_support.hpp"
#include "../cli/subprocess.hpp"
#include "value/json.hpp"

namespace fs = std::filesystem;
using namespace cohort;
using cohort::test::run_cohort;

namespace {

class SmallDisk {
 public:
  explicit SmallDisk(const fs::path& where) : where_(where) {
    fs::create_directories(where_);
    mounted_ = ::mount("tmpfs", where_.c_str(), "tmpfs", 0, "size=2m") == 0;
    if (!mounted_) why_not_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& why_not() const { return why_not_; }

 private:
  fs::path where_;
  bool mounted_ = false;
  std::string why_not_;
};

TEST(DiskFull, TheRunStopsWithTheFileAndWhatToDoAndKeepsWhatWasAcknowledged) {
  const fs::path dir = test::scratch_dir();
  const std::string programme = (test::kRepo / "workflows/programmes/glc-2025.json").string();
  const std::string plugins = test::kPlugins.string();
  auto gen = run_cohort({"generate", programme, "--applicants", "1500", "--seed", "5", "--plugin-dir", plugins,
                         "-o", (dir / "events.jsonl").string()});
  ASSERT_EQ(gen.exit_code, 0) << gen.transcript();

  SmallDisk disk(dir / "disk");
  ASSERT_TRUE(disk.mounted()) << "cannot mount a 2 MiB tmpfs for the full disk: " << disk.why_not();
  const std::string data = (dir / "disk" / "var").string();
  auto run = run_cohort({"run", programme, "--events", (dir / "events.jsonl").string(), "--data-dir", data,
                         "--plugin-dir", plugins});
  EXPECT_NE(run.exit_code, 0) << run.transcript();
  const std::string log = (fs::path(data) / "cohort.db").string();
  EXPECT_TRUE(test::contains(run.err, log)) << run.err;
  EXPECT_TRUE(test::contains(run.err, "the disk is full")) << run.err;
  EXPECT_TRUE(test::contains(run.err, "free space on the disk and retry")) << run.err;

  // What was stored before the disk filled is readable, and consistent.
  auto listed = run_cohort({"instances", "--data-dir", data, "--json", "--plugin-dir", plugins});
  ASSERT_EQ(listed.exit_code, 0) << listed.transcript();
  Value v = test::parse_or_fail(listed.out);
  EXPECT_FALSE(v["instances"].as_list().empty());
}

}  // namespace
