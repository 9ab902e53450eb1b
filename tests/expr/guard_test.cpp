// One compiled guard, many instances: the answers a workflow would act on.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using testing::at;
using testing::json;

// A small deterministic generator: the same instances on every run.
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }
};

struct Applicant {
  Value data;
  bool expected;
};

const char* const kCountries[] = {"PT", "KE", "VN", "BR", "DE", "CL"};
const char* const kDegrees[] = {"none", "bachelor", "master", "phd"};

// Builds instance data in every shape the store might hold (missing fields, wrong kinds)
// and, next to it, the answer the guard must give.
std::vector<Applicant> applicants(std::size_t n) {
  Lcg rng{42};
  std::vector<Applicant> out;
  for (std::size_t i = 0; i < n; ++i) {
    Value d = Value::object();
    bool age_ok = false, nationality_ok = false, degree_ok = true;
    switch (rng.below(6)) {
      case 0: break;  // no age
      case 1: d.set("age", Value("thirty")); break;
      case 2: d.set("age", Value(25.5)); age_ok = true; break;
      default: {
        std::int64_t age = 16 + rng.below(30);
        d.set("age", Value(age));
        age_ok = age >= 25;
      }
    }
    if (rng.below(8) != 0) {
      const char* c = kCountries[rng.below(6)];
      d.set("nationality", Value(c));
      nationality_ok = std::string(c) == "PT" || std::string(c) == "KE" || std::string(c) == "VN";
    }
    switch (rng.below(6)) {
      case 0: break;  // missing: null != 'none'
      case 1: d.set("degree", Value(std::int64_t{3})); break;
      default: {
        const char* g = kDegrees[rng.below(4)];
        d.set("degree", Value(g));
        degree_ok = std::string(g) != "none";
      }
    }
    out.push_back({d, age_ok && nationality_ok && degree_ok});
  }
  return out;
}

constexpr const char* kGuard = "data.age >= 25 && data.nationality in programme.countries && data.degree != 'none'";

TEST(ExprGuard, ManyScopesGiveTheRightAnswers) {
  Expression guard = testing::compiled(kGuard);
  Value programme = json(R"({"countries": ["PT", "KE", "VN"]})");
  Value event = Value::object();
  auto all = applicants(3000);
  std::size_t admitted = 0;
  for (const auto& a : all) {
    Scope scope{a.data, event, programme, at("2025-06-15")};
    ASSERT_EQ(guard.test(scope), a.expected) << to_json(a.data);
    admitted += a.expected;
  }
  // The generated population exercises both outcomes.
  EXPECT_GT(admitted, 100u);
  EXPECT_LT(admitted, all.size() - 100);
}

TEST(ExprGuard, ConcurrentEvaluationOfOneCompiledGuard) {
  Expression guard = testing::compiled(kGuard);
  Value programme = json(R"({"countries": ["PT", "KE", "VN"]})");
  Value event = Value::object();
  auto all = applicants(4000);
  std::vector<char> results(all.size(), 2);
  std::vector<std::thread> threads;
  constexpr std::size_t kThreads = 4;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t, copy = guard] {
      for (std::size_t i = t; i < all.size(); i += kThreads) {
        Scope scope{all[i].data, event, programme, at("2025-06-15")};
        results[i] = copy.test(scope) ? 1 : 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < all.size(); ++i) ASSERT_EQ(results[i], all[i].expected ? 1 : 0) << i;
}

TEST(ExprGuard, TypedGuardWithDatesAgainstManyScopes) {
  TypeEnv env;
  env.data_schema = json(R"({"type": "object", "properties": {
    "born": {"type": "string", "format": "date"},
    "submitted_at": {"type": "string", "format": "date-time"}}})");
  env.programme_schema = json(R"({"type": "object", "properties": {
    "deadline": {"type": "string", "format": "date-time"}, "min_age": {"type": "integer"}}})");
  Expression guard = testing::compiled(
      "years_between(data.born, now) >= programme.min_age && data.submitted_at <= programme.deadline", env);
  Value programme = json(R"({"deadline": "2025-06-30T23:59:59+02:00", "min_age": 18})");
  Value event;
  struct Case {
    const char* born;
    const char* submitted;
    bool expected;
  } cases[] = {
      {"2007-06-15", "2025-06-01T10:00:00Z", true},         // 18 today
      {"2007-06-16", "2025-06-01T10:00:00Z", false},        // 18 tomorrow
      {"2007-02-28", "2025-06-30T21:59:59Z", true},         // exactly at the deadline
      {"2007-02-28", "2025-06-30T22:00:00Z", false},        // one second late
      {"2007-02-28", "2025-07-01T00:30:00+02:00", false},   // late, written in local time
      {"2007-02-28", "2025-06-30T23:30:00+02:00", true},
      {"not a date", "2025-06-01T10:00:00Z", false},
      {"1990-01-01", "", false},
  };
  for (const auto& c : cases) {
    Value data = Value::object();
    data.set("born", Value(c.born));
    if (*c.submitted) data.set("submitted_at", Value(c.submitted));
    Scope scope{data, event, programme, at("2025-06-15T08:00:00Z")};
    EXPECT_EQ(guard.test(scope), c.expected) << c.born << " " << c.submitted;
  }
}

TEST(ExprGuard, MissingEverythingIsFalseNotACrash) {
  Value null_value;
  Scope scope{null_value, null_value, null_value, Timestamp{}};
  for (const char* text : {kGuard, "data.a.b.c[3]['x'] > 1", "len(data.x) == 0", "-data.x < 0",
                           "years_between(data.born, now) > 1", "data.x + event.y * programme.z > 0"}) {
    EXPECT_FALSE(testing::compiled(text).test(scope)) << text;
  }
  // Appending to a list that does not exist yet starts one.
  EXPECT_TRUE(testing::compiled("append(data.l, 1)[0] == 1").test(scope));
}

}  // namespace
}  // namespace cohort::expr
