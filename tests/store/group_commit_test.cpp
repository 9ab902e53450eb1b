// Many threads appending at once: every acknowledged event is in the log exactly once,
// and they shared transactions (fewer commits than appends).

#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <vector>

#include "store/event_log.hpp"
#include "store_support.hpp"

namespace cohort::store {
namespace {

using testing::all_events;
using testing::external;
using testing::must_open;
using testing::ScratchDir;

TEST(GroupCommit, ConcurrentAppendsAreAllDurableExactlyOnceWithSharedCommits) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  ASSERT_TRUE(log);
  constexpr int kThreads = 8;
  constexpr int kAppends = 40;

  std::vector<std::vector<Appended>> acked(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppends; ++i) {
        AppendResult r;
        std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        // Every tenth append repeats the previous id: a duplicate, acknowledged as such.
        if (i % 10 == 9) id = "t" + std::to_string(t) + "-" + std::to_string(i - 1);
        Status s = log->append_events({external(id, "subject-" + std::to_string(t))}, r);
        if (!s.ok() || r.events.size() != 1) {
          ++failures[t];
          continue;
        }
        acked[t].push_back(r.events[0]);
      }
    });
  }
  for (auto& th : threads) th.join();

  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  auto events = all_events(*log);
  std::map<std::int64_t, std::string> by_seq;
  std::map<std::string, int> times_seen;
  for (const auto& e : events) {
    by_seq[e.seq] = e.event.id;
    ++times_seen[e.event.id];
  }
  const int unique_per_thread = kAppends - kAppends / 10;
  EXPECT_EQ(events.size(), static_cast<std::size_t>(kThreads * unique_per_thread));
  for (const auto& [id, n] : times_seen) EXPECT_EQ(n, 1) << id;

  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(acked[t].size(), static_cast<std::size_t>(kAppends));
    for (int i = 0; i < kAppends; ++i) {
      const bool dup = i % 10 == 9;
      EXPECT_EQ(acked[t][i].duplicate, dup);
      const int original = dup ? i - 1 : i;
      const std::string id = "t" + std::to_string(t) + "-" + std::to_string(original);
      ASSERT_TRUE(by_seq.count(acked[t][i].seq)) << id;
      EXPECT_EQ(by_seq[acked[t][i].seq], id);
    }
  }

  const LogStats st = log->stats();
  EXPECT_EQ(st.batches, static_cast<std::uint64_t>(kThreads * kAppends));
  EXPECT_EQ(st.duplicates, static_cast<std::uint64_t>(kThreads * (kAppends / 10)));
  EXPECT_LT(st.commits, st.batches) << "concurrent appends should share commits";
}

TEST(GroupCommit, OneLargeBatchIsOneTransaction) {
  ScratchDir dir;
  auto log = must_open(dir.log());
  Batch batch;
  for (int i = 0; i < 5000; ++i) batch.events.push_back(external("big-" + std::to_string(i)));
  AppendResult r;
  ASSERT_TRUE(log->append(batch, r).ok());
  ASSERT_EQ(r.events.size(), 5000u);
  EXPECT_EQ(r.events.front().seq, 1);
  EXPECT_EQ(r.events.back().seq, 5000);
  EXPECT_EQ(log->stats().commits, 1u);
  EXPECT_EQ(log->stats().events, 5000u);
}

}  // namespace
}  // namespace cohort::store
