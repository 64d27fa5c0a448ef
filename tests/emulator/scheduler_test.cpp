#include "scheduler.h"

#include <gtest/gtest.h>

#include <vector>

using vpico::EventId;
using vpico::Scheduler;

TEST(Scheduler, RunsEventsInCycleOrder) {
  Scheduler s;
  std::vector<int> order;
  s.at(30, [&] { order.push_back(3); });
  s.at(10, [&] { order.push_back(1); });
  s.at(20, [&] { order.push_back(2); });
  s.run_until(25);
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
  EXPECT_EQ(s.machine_time(), 25u);
  s.run_until(30);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(Scheduler, SameCycleEventsRunInSchedulingOrder) {
  Scheduler s;
  std::vector<int> order;
  for (int i = 0; i < 5; ++i)
    s.at(7, [&order, i] { order.push_back(i); });
  s.run_until(7);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(Scheduler, NowIsTheEventCycleInsideACallback) {
  Scheduler s;
  uint64_t seen = 0;
  s.at(42, [&] { seen = s.now(); });
  s.run_until(100);
  EXPECT_EQ(seen, 42u);
  EXPECT_EQ(s.now(), 100u);
}

TEST(Scheduler, CancelledEventDoesNotRun) {
  Scheduler s;
  bool ran = false;
  EventId id = s.at(5, [&] { ran = true; });
  s.cancel(id);
  EXPECT_FALSE(id.valid());
  s.cancel(id);  // harmless twice
  s.run_until(10);
  EXPECT_FALSE(ran);
  EXPECT_EQ(s.next_event(), UINT64_MAX);
}

TEST(Scheduler, EventsScheduledFromCallbacksRunInTheSameSweep) {
  Scheduler s;
  int count = 0;
  s.at(1, [&] {
    ++count;
    s.after(1, [&] { ++count; });
  });
  s.run_until(2);
  EXPECT_EQ(count, 2);
}

TEST(Scheduler, ClockSourceFollowsTheRunningCore) {
  Scheduler s;
  uint64_t core_cycles = 1234;
  s.set_clock_source(&core_cycles);
  EXPECT_EQ(s.now(), 1234u);
  s.set_clock_source(nullptr);
  EXPECT_EQ(s.now(), 0u);
}

TEST(Scheduler, EarlierEventHookSeesTheCycle) {
  Scheduler s;
  uint64_t hooked = 0;
  s.set_on_earlier_event([&](uint64_t c) { hooked = c; });
  s.at(99, [] {});
  EXPECT_EQ(hooked, 99u);
}
