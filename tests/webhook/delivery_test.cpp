// Deliveries to real HTTP receivers on 127.0.0.1 (receiver.py checks every signature with
// Python's hmac): what arrives, what is retried, what is kept when it cannot arrive.
#include <gtest/gtest.h>

#include <mutex>

#include "dispatcher.hpp"
#include "receiver.hpp"

using namespace cohort_webhook;
using cohort::Value;
using namespace cohort::webhook_test;

namespace {

const char* kSecret = "glc-2025-hook-secret";

std::string event_json(const std::string& id, const std::string& type, const std::string& subject) {
  return R"({"specversion":"1.0","id":")" + id + R"(","source":"/portal","type":")" + type + R"(","subject":")" +
         subject + R"(","time":"2025-01-10T08:00:00Z","data":{"passport":{"number":"KE1234567"}}})";
}

Target target(const std::string& name, const std::string& url, std::vector<std::string> events,
              const std::string& secret = kSecret) {
  Target t;
  t.name = name;
  t.url = url;
  t.events = std::move(events);
  t.secret = secret;
  t.retry.initial_backoff_ms = 10;
  t.retry.max_backoff_ms = 50;
  return t;
}

/// Collects the dispatcher's log lines for assertion messages.
struct Log {
  std::mutex mutex;
  std::string text;
  LogFn fn() {
    return [this](Level, const std::string& line) {
      std::lock_guard lock(mutex);
      text += line + "\n";
    };
  }
};

}  // namespace

TEST(WebhookDelivery, PostsSignedCloudEventsOfTheChosenTypesInOrder) {
  const auto dir = scratch_dir();
  Receiver receiver(dir, "sis", kSecret);
  Config config;
  config.targets.push_back(target("sis", receiver.url(), {"offer.*", "certificate.issued"}));
  config.targets[0].headers = {{"X-Programme", "GLC-2025"}};
  Log log;
  Dispatcher d(config, (dir / "dead.jsonl").string(), log.fn());
  std::string error;
  ASSERT_TRUE(d.start(error)) << error;

  d.offer(event_json("e1", "offer.accepted", "GLC-2025-A0001"));
  d.offer(event_json("e2", "application.submitted", "GLC-2025-A0002"));  // not chosen
  d.offer(event_json("e3", "offer.declined", "GLC-2025-A0003"));
  d.offer(event_json("e4", "certificate.issued", "GLC-2025-A0001"));
  ASSERT_TRUE(d.wait_idle(std::chrono::seconds(60))) << log.text;

  auto got = receiver.requests();
  ASSERT_EQ(got.size(), 3u) << log.text;
  const char* ids[] = {"e1", "e3", "e4"};
  for (std::size_t i = 0; i < got.size(); ++i) {
    const Value& r = got[i];
    EXPECT_TRUE(r["signature_ok"].as_bool()) << r["signature_reason"].as_string();
    EXPECT_EQ(r["content_type"].as_string(), "application/cloudevents+json; charset=utf-8");
    EXPECT_EQ(r["path"].as_string(), "/hook");
    EXPECT_EQ(r["custom"].as_string(), "GLC-2025");
    EXPECT_EQ(r["attempt"].as_string(), "1");
    const Value& e = r["event"];
    EXPECT_EQ(e["specversion"].as_string(), "1.0");
    EXPECT_EQ(e["id"].as_string(), ids[i]);
    EXPECT_EQ(e["source"].as_string(), "/portal");
    EXPECT_EQ(e["time"].as_string(), "2025-01-10T08:00:00Z");
    EXPECT_EQ(e["datacontenttype"].as_string(), "application/json");
    EXPECT_EQ(e["data"]["passport"]["number"].as_string(), "KE1234567");
  }
  EXPECT_EQ(got[0]["event"]["type"].as_string(), "offer.accepted");
  EXPECT_EQ(got[2]["event"]["subject"].as_string(), "GLC-2025-A0001");
  auto stats = d.stats();
  EXPECT_EQ(stats[0].delivered, 3u);
  EXPECT_EQ(stats[0].dead_lettered, 0u);
  EXPECT_TRUE(json_lines(dir / "dead.jsonl").empty());
}

TEST(WebhookDelivery, RetriesAfterServerErrorsWithTheSameEvent) {
  const auto dir = scratch_dir();
  Receiver receiver(dir, "flaky", kSecret, {"--fail-first", "2"});
  Config config;
  config.targets.push_back(target("flaky", receiver.url(), {"*"}));
  Log log;
  Dispatcher d(config, (dir / "dead.jsonl").string(), log.fn());
  std::string error;
  ASSERT_TRUE(d.start(error)) << error;
  d.offer(event_json("e1", "visa.granted", "GLC-2025-A0009"));
  ASSERT_TRUE(d.wait_idle(std::chrono::seconds(60))) << log.text;

  auto got = receiver.requests();
  ASSERT_EQ(got.size(), 3u) << log.text;
  EXPECT_EQ(got[0]["answered"].as_int(), 500);
  EXPECT_EQ(got[1]["answered"].as_int(), 500);
  EXPECT_EQ(got[2]["answered"].as_int(), 204);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got[i]["event"]["id"].as_string(), "e1");  // the receiver can tell it is the same event
    EXPECT_EQ(got[i]["attempt"].as_string(), std::to_string(i + 1));
    EXPECT_TRUE(got[i]["signature_ok"].as_bool());
  }
  EXPECT_EQ(d.stats()[0].delivered, 1u);
  EXPECT_EQ(d.stats()[0].retries, 2u);
  EXPECT_TRUE(json_lines(dir / "dead.jsonl").empty());
  EXPECT_NE(log.text.find("HTTP 500"), std::string::npos) << log.text;
}

TEST(WebhookDelivery, KeepsWhatTheReceiverRefusesInTheDeadLetterFileWithoutRetrying) {
  const auto dir = scratch_dir();
  Receiver receiver(dir, "strict", "the-receivers-own-secret");  // our signature will not verify: 401
  Config config;
  config.targets.push_back(target("strict", receiver.url(), {"*"}));
  Log log;
  Dispatcher d(config, (dir / "dead.jsonl").string(), log.fn());
  std::string error;
  ASSERT_TRUE(d.start(error)) << error;
  d.offer(event_json("e1", "offer.accepted", "GLC-2025-A0001"));
  ASSERT_TRUE(d.wait_idle(std::chrono::seconds(60))) << log.text;

  auto got = receiver.requests();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_FALSE(got[0]["signature_ok"].as_bool());
  auto dead = json_lines(dir / "dead.jsonl");
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["target"].as_string(), "strict");
  EXPECT_EQ(dead[0]["attempts"].as_int(), 1);
  EXPECT_NE(dead[0]["error"].as_string().find("HTTP 401"), std::string::npos) << dead[0]["error"].as_string();
  EXPECT_EQ(dead[0]["event"]["id"].as_string(), "e1");
  EXPECT_EQ(dead[0]["event"]["type"].as_string(), "offer.accepted");
}

TEST(WebhookDelivery, GivesUpOnAnUnreachableTargetAfterItsAttemptsAndKeepsTheEvent) {
  const auto dir = scratch_dir();
  Config config;
  config.targets.push_back(
      target("gone", "http://user:pw@127.0.0.1:" + std::to_string(closed_port()) + "/hook", {"*"}));
  config.targets[0].retry.max_attempts = 3;
  Log log;
  Dispatcher d(config, (dir / "dead.jsonl").string(), log.fn());
  std::string error;
  ASSERT_TRUE(d.start(error)) << error;
  d.offer(event_json("e1", "seat.freed", "GLC-2025"));
  ASSERT_TRUE(d.wait_idle(std::chrono::seconds(60))) << log.text;

  auto dead = json_lines(dir / "dead.jsonl");
  ASSERT_EQ(dead.size(), 1u) << log.text;
  EXPECT_EQ(dead[0]["attempts"].as_int(), 3);
  EXPECT_NE(dead[0]["error"].as_string().find("gave up after 3 attempts"), std::string::npos);
  EXPECT_EQ(dead[0]["url"].as_string().find("pw"), std::string::npos) << "credentials leaked into the dead letter";
  EXPECT_EQ(dead[0]["event"]["id"].as_string(), "e1");
  EXPECT_EQ(d.stats()[0].retries, 2u);
  EXPECT_EQ(log.text.find("pw@"), std::string::npos) << "credentials leaked into the log:\n" << log.text;
}

TEST(WebhookDelivery, AReceiverThatHangsDoesNotDelayAnotherTargetNorTheCaller) {
  const auto dir = scratch_dir();
  Receiver hung(dir, "hung", kSecret, {"--hang"});
  Receiver healthy(dir, "healthy", kSecret);
  Config config;
  config.targets.push_back(target("hung", hung.url(), {"*"}));
  config.targets[0].timeout_ms = 600000;  // it would wait ten minutes for an answer
  config.targets.push_back(target("healthy", healthy.url(), {"*"}));
  config.shutdown_grace_ms = 100;
  Log log;
  {
    Dispatcher d(config, (dir / "dead.jsonl").string(), log.fn());
    std::string error;
    ASSERT_TRUE(d.start(error)) << error;
    for (int i = 1; i <= 5; ++i) d.offer(event_json("e" + std::to_string(i), "offer.accepted", "GLC-2025-A0001"));

    ASSERT_TRUE(eventually([&] { return healthy.requests().size() == 5; })) << log.text;
    auto stats = d.stats();
    EXPECT_EQ(stats[1].delivered, 5u);
    // The hung target is still waiting on its first event; the rest wait behind it.
    EXPECT_EQ(stats[0].delivered, 0u);
    EXPECT_EQ(stats[0].queued, 5u);
    EXPECT_TRUE(eventually([&] { return hung.requests().size() == 1; }));
  }
  // Closing interrupts the hung transfer; nothing queued is lost: it is in the dead-letter file.
  auto dead = json_lines(dir / "dead.jsonl");
  ASSERT_EQ(dead.size(), 5u) << log.text;
  for (const auto& letter : dead) {
    EXPECT_EQ(letter["target"].as_string(), "hung");
    EXPECT_NE(letter["error"].as_string().find("not delivered before the plugin closed"), std::string::npos);
  }
}

TEST(WebhookDelivery, AFullQueueSendsNewEventsStraightToTheDeadLetterFile) {
  const auto dir = scratch_dir();
  Receiver hung(dir, "hung", kSecret, {"--hang"});
  Config config;
  config.targets.push_back(target("hung", hung.url(), {"*"}));
  config.targets[0].timeout_ms = 600000;
  config.queue_limit = 2;
  config.shutdown_grace_ms = 100;
  Log log;
  {
    Dispatcher d(config, (dir / "dead.jsonl").string(), log.fn());
    std::string error;
    ASSERT_TRUE(d.start(error)) << error;
    d.offer(event_json("first", "offer.accepted", "GLC-2025-A0001"));
    ASSERT_TRUE(eventually([&] { return hung.requests().size() == 1; }));  // in flight, out of the queue
    for (int i = 1; i <= 4; ++i) d.offer(event_json("e" + std::to_string(i), "offer.accepted", "GLC-2025-A0001"));
    EXPECT_EQ(d.stats()[0].dead_lettered, 2u);
    auto dead = json_lines(dir / "dead.jsonl");
    ASSERT_EQ(dead.size(), 2u);
    EXPECT_EQ(dead[0]["event"]["id"].as_string(), "e3");
    EXPECT_NE(dead[0]["error"].as_string().find("queue full"), std::string::npos);
  }
  EXPECT_EQ(json_lines(dir / "dead.jsonl").size(), 5u);  // plus the three still queued at close
}

TEST(WebhookDelivery, BackoffGrowsUpToItsCeiling) {
  RetryPolicy p;
  p.initial_backoff_ms = 1000;
  p.multiplier = 2;
  p.max_backoff_ms = 5000;
  EXPECT_EQ(Dispatcher::backoff(p, 1).count(), 1000);
  EXPECT_EQ(Dispatcher::backoff(p, 2).count(), 2000);
  EXPECT_EQ(Dispatcher::backoff(p, 3).count(), 4000);
  EXPECT_EQ(Dispatcher::backoff(p, 4).count(), 5000);
  EXPECT_EQ(Dispatcher::backoff(p, 30).count(), 5000);
}
