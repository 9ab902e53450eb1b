#include <gtest/gtest.h>

#include "runtime/details/history_log.hpp"

namespace cohort::runtime::details {
namespace {

TEST(HistoryLog, RoundTripsEntriesWithTimesAndText) {
  HistoryLog log;
  log.add(Timestamp{1000}, HistoryEntry::Kind::Event, {{"offer.made"}, {"evt-1", false}, {"test"}});
  log.add(Timestamp{500}, HistoryEntry::Kind::Transition, {{"offered"}, {"accepted"}});
  log.add(Timestamp{1'700'000'000'000}, HistoryEntry::Kind::Transition, {{""}, {"submitted"}});
  auto e = log.entries();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].time.ms, 1000);
  EXPECT_EQ(e[0].detail, "offer.made id=evt-1 source=test");
  EXPECT_EQ(e[1].time.ms, 500);  // time may go back: deltas are signed
  EXPECT_EQ(e[1].detail, "offered -> accepted");
  EXPECT_EQ(e[2].detail, "(new) -> submitted");
  EXPECT_EQ(e[2].time.ms, 1'700'000'000'000);
}

TEST(HistoryLog, RepeatingWordsCostAFewBytes) {
  HistoryLog log;
  for (int i = 0; i < 100; ++i) log.add(Timestamp{i * 1000}, HistoryEntry::Kind::Transition,
                                       {{"under_review"}, {"shortlisted"}});
  log.shrink();
  EXPECT_LT(log.size_bytes(), 100u * 8);
}

}  // namespace
}  // namespace cohort::runtime::details
