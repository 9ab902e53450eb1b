// A full disk: the batch that does not fit is not acknowledged (code 304, nothing of it
// is recorded, its outbox entry neither), everything acknowledged before is intact, and
// the log goes on once there is room again.
//
// The disk is a real 512 KiB tmpfs when this process may mount one (root); otherwise
// SQLite's max_page_count stands in for it. The test says which it used.

#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <set>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"
#include "store_support.hpp"

namespace cohort::store {
namespace {

using testing::all_events;
using testing::external;
using testing::must_open;
using testing::ScratchDir;

class SmallDisk {
 public:
  explicit SmallDisk(const std::string& where) : where_(where) {
    std::filesystem::create_directories(where_);
    mounted_ = ::mount("tmpfs", where_.c_str(), "tmpfs", 0, "size=512k") == 0;
    if (!mounted_) why_not_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& why_not() const { return why_not_; }

 private:
  std::string where_;
  bool mounted_ = false;
  std::string why_not_;
};

// Fills the log until a batch does not fit, checks what is left, makes room, goes on.
void fill_until_full_then_recover(bool use_tmpfs) {
  ScratchDir dir;
  const std::string disk = dir.file("disk");
  std::unique_ptr<SmallDisk> small;
  if (use_tmpfs) {
    small = std::make_unique<SmallDisk>(disk);
  } else {
    std::filesystem::create_directories(disk);
  }
  const bool real_disk = small && small->mounted();
  const std::string path = disk + "/cohort.db";
  const std::string ballast = disk + "/ballast";
  SqliteLogOptions options;
  if (real_disk) {
    std::cout << "[ disk    ] real 512 KiB tmpfs at " << disk << "\n";
    testing::write_bytes(ballast, std::string(96 * 1024, 'b'));
  } else {
    std::cout << "[ disk    ] " << (small ? "mount refused (" + small->why_not() + "): " : "")
              << "simulating a full disk with max_page_count\n";
    options.max_page_count = 100;
  }
  ::testing::Test::RecordProperty("disk", real_disk ? "tmpfs" : "max_page_count");
  auto log = must_open(path, options);
  ASSERT_TRUE(log);
  std::set<std::string> acked_ids, acked_outbox;
  Status failure;
  int batch_no = 0;
  for (; batch_no < 2000 && failure.ok(); ++batch_no) {
    Batch b;
    for (int i = 0; i < 10; ++i) {
      auto e = external("b" + std::to_string(batch_no) + "-" + std::to_string(i));
      e.event.data = Value::object({{"text", Value(std::string(900, 'a' + i))}});
      b.events.push_back(std::move(e));
    }
    b.outbox.push_back({"call-" + std::to_string(batch_no), "mail.send", "{}", false, 0, ""});
    AppendResult r;
    Status s = log->append(b, r);
    if (s.ok()) {
      for (const auto& e : b.events) acked_ids.insert(e.event.id);
      acked_outbox.insert(b.outbox[0].key);
    } else {
      failure = s;
      EXPECT_TRUE(r.events.empty());
    }
  }
  ASSERT_FALSE(failure.ok()) << "the disk never filled up";
  EXPECT_EQ(failure.code, Code::DiskFull) << failure.to_string();
  EXPECT_NE(failure.message.find(path), std::string::npos) << failure.message;
  EXPECT_NE(failure.message.find("free space"), std::string::npos) << failure.message;
  ASSERT_GT(acked_ids.size(), 0u);

  auto check_content = [&](EventLog& l) {
    std::set<std::string> ids;
    for (const auto& e : all_events(l)) ids.insert(e.event.id);
    EXPECT_EQ(ids, acked_ids);
    std::vector<OutboxEntry> pending;
    ASSERT_TRUE(l.pending_outbox(pending).ok());
    std::set<std::string> keys;
    for (const auto& p : pending) keys.insert(p.key);
    EXPECT_EQ(keys, acked_outbox);
    EXPECT_TRUE(l.check_integrity().ok());
  };
  check_content(*log);

  // Room again: the same log takes the batch that did not fit.
  if (real_disk) {
    std::filesystem::remove(ballast);
  } else {
    log.reset();
    options.max_page_count = 0;
    log = must_open(path, options);
    ASSERT_TRUE(log);
  }
  Batch retry;
  retry.events.push_back(external("after-room"));
  AppendResult r;
  Status s = log->append(retry, r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  acked_ids.insert("after-room");
  log.reset();

  auto reopened = must_open(path);
  ASSERT_TRUE(reopened);
  check_content(*reopened);
}


TEST(DiskFull, RealSmallFileSystemFillsUpWithoutLosingAcknowledgedBatches) {
  fill_until_full_then_recover(true);
}

TEST(DiskFull, PageCapReachedWithoutLosingAcknowledgedBatches) {
  fill_until_full_then_recover(false);
}

}  // namespace
}  // namespace cohort::store
