// The webhook configuration: what a programme office writes, and what it is told when wrong.
#include <gtest/gtest.h>

#include <cstdlib>

#include "config.hpp"

using cohort_webhook::Config;
using cohort_webhook::matches;
using cohort_webhook::parse_config;

namespace {

std::string error_of(const std::string& json) {
  Config c;
  std::string error;
  EXPECT_FALSE(parse_config(json, c, error)) << json;
  return error;
}

}  // namespace

TEST(WebhookConfig, NoTargetsMeansNothingToDo) {
  Config c;
  std::string error;
  ASSERT_TRUE(parse_config("{}", c, error)) << error;
  EXPECT_TRUE(c.targets.empty());
  EXPECT_EQ(c.dead_letter_file, "dead-letters.jsonl");
}

TEST(WebhookConfig, ReadsTargetsWithDefaultsAndOverrides) {
  Config c;
  std::string error;
  ASSERT_TRUE(parse_config(R"({
    "retry": {"max_attempts": 4, "initial_backoff_ms": 250},
    "targets": [
      {"name": "tongji-sis", "url": "https://sis.example.org/hooks/cohort", "events": ["offer.accepted", "certificate.*"],
       "secret": "k1", "headers": {"X-Programme": "GLC-2025"}},
      {"url": "http://127.0.0.1:9000/", "events": ["*"], "secret": "k2", "retry": {"max_attempts": 2}}
    ]})",
                           c, error))
      << error;
  ASSERT_EQ(c.targets.size(), 2u);
  EXPECT_EQ(c.targets[0].name, "tongji-sis");
  EXPECT_EQ(c.targets[0].retry.max_attempts, 4u);
  EXPECT_EQ(c.targets[0].retry.initial_backoff_ms, 250u);
  ASSERT_EQ(c.targets[0].headers.size(), 1u);
  EXPECT_EQ(c.targets[0].headers[0].first, "X-Programme");
  EXPECT_EQ(c.targets[1].name, "target-2");
  EXPECT_EQ(c.targets[1].retry.max_attempts, 2u);
  EXPECT_EQ(c.targets[1].retry.initial_backoff_ms, 250u);  // the keys a target does not name come from the top
  EXPECT_EQ(c.targets[1].retry.max_backoff_ms, 60000u);
}

TEST(WebhookConfig, TakesTheSecretFromTheEnvironment) {
  ::setenv("COHORT_TEST_HOOK_SECRET", "from-env", 1);
  Config c;
  std::string error;
  ASSERT_TRUE(parse_config(R"({"targets":[{"url":"http://h/","events":["*"],"secret_env":"COHORT_TEST_HOOK_SECRET"}]})",
                           c, error))
      << error;
  EXPECT_EQ(c.targets[0].secret, "from-env");
  ::unsetenv("COHORT_TEST_HOOK_SECRET");
  EXPECT_NE(error_of(R"({"targets":[{"url":"http://h/","events":["*"],"secret_env":"COHORT_TEST_HOOK_SECRET"}]})")
                .find("targets[0].secret_env: the environment variable COHORT_TEST_HOOK_SECRET is not set"),
            std::string::npos);
}

TEST(WebhookConfig, RefusesWhatCannotWorkAndNamesTheKey) {
  EXPECT_NE(error_of(R"({"targets":[{"url":"http://h/","events":["*"]}]})").find("targets[0].secret"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"targets":[{"url":"ftp://h/","events":["*"],"secret":"k"}]})").find("targets[0].url"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"targets":[{"url":"http://h/","events":[],"secret":"k"}]})").find("targets[0].events"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"targets":[{"url":"http://h/","events":["offer..x"],"secret":"k"}]})")
                .find("targets[0].events[0]"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"targets":[{"name":"a","url":"http://h/","events":["*"],"secret":"k"},
                                     {"name":"a","url":"http://i/","events":["*"],"secret":"k"}]})")
                .find("targets[1].name 'a' is used by an earlier target"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"dead_letter_file":"../x"})").find("dead_letter_file"), std::string::npos);
  EXPECT_NE(error_of(R"({"targets":[{"url":"http://h/","events":["*"],"secret":"k","headers":{"X-A":"1\r\nEvil: 2"}}]})")
                .find("headers.X-A"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"retry":{"max_attempts":0}})").find("retry.max_attempts"), std::string::npos);
}

TEST(WebhookConfig, PatternsMatchExactTypesPrefixesAndEverything) {
  EXPECT_TRUE(matches({"offer.accepted"}, "offer.accepted"));
  EXPECT_FALSE(matches({"offer.accepted"}, "offer.declined"));
  EXPECT_TRUE(matches({"offer.*"}, "offer.declined"));
  EXPECT_FALSE(matches({"offer.*"}, "offer"));
  EXPECT_FALSE(matches({"offer.*"}, "offers.made"));
  EXPECT_TRUE(matches({"visa.*", "*"}, "anything.at.all"));
}
