// Across processes: one writer at a time, and kill -9 at a random moment loses nothing
// that was acknowledged.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store/event_log.hpp"
#include "store/sqlite_log.hpp"
#include "store_support.hpp"

namespace cohort::store {
namespace {

using testing::all_events;
using testing::external;
using testing::must_open;
using testing::ScratchDir;

TEST(Processes, SecondWriterProcessIsRefusedUntilTheFirstCloses) {
  ScratchDir dir;
  int ready[2], release[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(release), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    ::close(release[1]);
    Status s;
    auto log = open_sqlite_log(dir.log(), {}, s);
    AppendResult r;
    if (log) s = log->append_events({external("from-child")}, r);
    const char answer = s.ok() ? 'R' : 'F';
    [[maybe_unused]] auto w = ::write(ready[1], &answer, 1);
    char c;
    [[maybe_unused]] auto n = ::read(release[0], &c, 1);
    log.reset();
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char answer = 0;
  ASSERT_EQ(::read(ready[0], &answer, 1), 1);
  ASSERT_EQ(answer, 'R');

  Status s;
  auto second = open_sqlite_log(dir.log(), {}, s);
  EXPECT_EQ(second, nullptr);
  EXPECT_EQ(s.code, Code::Busy);
  EXPECT_NE(s.message.find("in use by another cohort process"), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("pid " + std::to_string(child)), std::string::npos) << s.message;
  EXPECT_NE(s.message.find(dir.log()), std::string::npos) << s.message;

  // Reading while the other process writes is allowed.
  SqliteLogOptions ro;
  ro.read_only = true;
  {
    auto reader = must_open(dir.log(), ro);
    ASSERT_TRUE(reader);
    EXPECT_EQ(all_events(*reader).size(), 1u);
  }

  ASSERT_EQ(::write(release[1], "x", 1), 1);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ::close(ready[0]);
  ::close(release[1]);

  auto now_free = must_open(dir.log());
  ASSERT_TRUE(now_free);
  EXPECT_EQ(all_events(*now_free).size(), 1u);
}

// What the child reports after each acknowledged batch: one record per event.
struct AckRecord {
  std::int64_t seq;
  std::int32_t batch;
  std::int32_t index;
};

[[noreturn]] void append_until_killed(const std::string& path, int round, std::uint32_t seed,
                                      int out) {
  Status s;
  auto log = open_sqlite_log(path, {}, s);
  if (!log) ::_exit(2);
  std::mt19937 rng(seed);
  for (std::int32_t batch = 0;; ++batch) {
    Batch b;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      auto e = external("r" + std::to_string(round) + "-b" + std::to_string(batch) + "-" +
                            std::to_string(i),
                        "app-" + std::to_string(rng() % 50));
      e.event.data = Value::object({{"n", Value(i)}, {"pad", Value(std::string(rng() % 300, 'p'))}});
      b.events.push_back(std::move(e));
    }
    b.outbox.push_back({"r" + std::to_string(round) + "-call-" + std::to_string(batch), "mail.send",
                        "{}", false, 0, ""});
    AppendResult r;
    if (!log->append(b, r).ok()) ::_exit(3);
    std::vector<AckRecord> acks;
    for (int i = 0; i < n; ++i) acks.push_back({r.events[i].seq, batch, i});
    // Up to 40 records: below PIPE_BUF, so the parent reads whole reports only.
    if (::write(out, acks.data(), acks.size() * sizeof(AckRecord)) < 0) ::_exit(4);
  }
}

TEST(Processes, KillMinus9LosesNothingAcknowledged) {
  ScratchDir dir;
  std::mt19937 rng(20250301);
  std::size_t total_acked = 0;
  std::map<std::int64_t, std::string> expected;  // seq -> id, over all rounds
  std::set<std::string> expected_outbox;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
    const std::uint32_t child_seed = rng();
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      append_until_killed(dir.log(), round, child_seed, fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 400));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child stopped by itself, exit "
                                     << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    std::string bytes;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) bytes.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    ASSERT_EQ(bytes.size() % sizeof(AckRecord), 0u);
    const std::size_t acks = bytes.size() / sizeof(AckRecord);
    for (std::size_t k = 0; k < acks; ++k) {
      AckRecord a;
      std::memcpy(&a, bytes.data() + k * sizeof(AckRecord), sizeof a);
      expected[a.seq] = "r" + std::to_string(round) + "-b" + std::to_string(a.batch) + "-" +
                        std::to_string(a.index);
      if (a.index == 0)
        expected_outbox.insert("r" + std::to_string(round) + "-call-" + std::to_string(a.batch));
    }
    total_acked += acks;

    // Reopening runs the full integrity check; then every acknowledged event is there.
    auto log = must_open(dir.log());
    ASSERT_TRUE(log) << "round " << round;
    EXPECT_TRUE(log->check_integrity().ok());
    std::map<std::int64_t, std::string> present;
    for (auto& e : all_events(*log)) present[e.seq] = e.event.id;
    for (const auto& [seq, id] : expected) {
      auto it = present.find(seq);
      ASSERT_NE(it, present.end()) << "acknowledged seq " << seq << " (" << id << ") is lost";
      EXPECT_EQ(it->second, id);
    }
    // Seqs have no holes: a batch is all there or not at all.
    std::int64_t n = 0, last = 0;
    ASSERT_TRUE(log->count(n).ok());
    ASSERT_TRUE(log->last_seq(last).ok());
    EXPECT_EQ(n, last);
    std::vector<OutboxEntry> pending;
    ASSERT_TRUE(log->pending_outbox(pending).ok());
    std::set<std::string> keys;
    for (const auto& p : pending) keys.insert(p.key);
    for (const auto& k : expected_outbox) EXPECT_TRUE(keys.count(k)) << k;
  }
  EXPECT_GT(total_acked, 0u) << "no batch was acknowledged before the kills";
  std::cout << "[ crash   ] " << total_acked << " acknowledged events over 3 kill -9 rounds\n";
}

}  // namespace
}  // namespace cohort::store
