// Crashes in the middle of a send, with real processes: the sending process is killed at
// chosen points, then the call is retried (as the engine does after a restart).
#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "support.hpp"

using namespace cohort_email;
using namespace email_test;

namespace {

std::string config_for(const SmtpSink& sink) {
  return R"({"smtp": {"url": ")" + sink.url() + R"(", "attempts": 1}})";
}

Process send_once(const fs::path& dir, const std::string& config, const std::string& args, const std::string& key,
                  bool crash_after_handover) {
  std::vector<std::string> argv = {COHORT_EMAIL_SEND_ONCE, config, args, key, (dir / "data").string(),
                                   (dir / "run").string(), templates_dir()};
  if (crash_after_handover) argv.push_back("--crash-after-handover");
  return Process(argv, (dir / "send_once.log").string());
}

bool log_mentions(const fs::path& file, const std::string& text) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str().find(text) != std::string::npos;
}

const std::string kArgs = send_args("offer_made", "en", "Amina Yusuf", "amina@mail.example.org",
                                    R"({"expires_at": "2025-01-17T23:59:00+08:00"})");

}  // namespace

TEST(EmailCrash, KilledWhileTheServerHoldsAnUnacknowledgedMessageThenRetried_DeliveredOnce) {
  const auto dir = fresh_dir("crash-mid-send");
  SmtpSink sink(dir / "sink", free_port());
  SinkOptions stall;
  stall.script = "stall";
  ASSERT_TRUE(sink.start(stall));

  auto child = send_once(dir, config_for(sink), kArgs, "GLC-2025-A0042/5/1", false);
  ASSERT_GT(child.pid(), 0);
  // The whole message has been handed to the server, which has not answered yet.
  ASSERT_TRUE(wait_for_file(sink.dir() / "stalled"));
  EXPECT_EQ(child.kill_and_wait(SIGKILL), 128 + SIGKILL);
  std::ofstream(sink.dir() / "release").put('\n');
  // The server noticed the client is gone and dropped the message, as an MTA does without its "250".
  for (int i = 0; i < 1500 && !log_mentions(sink.dir() / "attempts.log", "discarded"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(log_mentions(sink.dir() / "attempts.log", "discarded"));
  EXPECT_EQ(sink.delivered(), 0u);

  // The restarted engine retries the call.
  std::string error;
  auto mailer = Mailer::create(options(dir, config_for(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  auto r = mailer->send(kArgs, context("GLC-2025-A0042/5/2"));
  ASSERT_TRUE(r.is_ok()) << r.message;
  EXPECT_EQ(sink.delivered(), 1u);
  EXPECT_TRUE(mailer->send(kArgs, context("GLC-2025-A0042/5/3")).is_ok());
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailCrash, KilledAfterTheRecordButBeforeTheEngineHeardThenRetried_DeliveredOnce) {
  const auto dir = fresh_dir("crash-after-record");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start());
  // The plugin sent and recorded; the engine died before it logged the call's result.
  auto child = send_once(dir, config_for(sink), kArgs, "GLC-2025-A0042/5/1", false);
  ASSERT_EQ(child.wait(), 0);
  ASSERT_EQ(sink.delivered(), 1u);

  std::string error;
  auto mailer = Mailer::create(options(dir, config_for(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  for (const char* key : {"GLC-2025-A0042/5/1", "GLC-2025-A0042/5/2"}) {
    auto r = mailer->send(kArgs, context(key));
    ASSERT_TRUE(r.is_ok()) << r.message;
    rapidjson::Document d;
    d.Parse(r.json.c_str());
    EXPECT_EQ(str(d, "message_id"), "<GLC-2025-A0042.5@tongji.example.org>");
  }
  EXPECT_EQ(sink.delivered(), 1u);
}

TEST(EmailCrash, KilledBetweenTheServersAcceptanceAndTheRecord_TheRepeatCarriesTheSameMessageId) {
  // The window no sender can close (docs/plugins/email.md): the server has the mail, the
  // record is not written yet. The retry sends again, under the same Message-ID, so a
  // receiver that drops repeated Message-IDs shows it once.
  const auto dir = fresh_dir("crash-after-accept");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start());
  auto child = send_once(dir, config_for(sink), kArgs, "GLC-2025-A0042/5/1", true);
  EXPECT_EQ(child.wait(), 128 + SIGKILL);
  ASSERT_EQ(sink.delivered(), 1u);

  std::string error;
  auto mailer = Mailer::create(options(dir, config_for(sink)), error);
  ASSERT_NE(mailer, nullptr) << error;
  ASSERT_TRUE(mailer->send(kArgs, context("GLC-2025-A0042/5/2")).is_ok());
  ASSERT_TRUE(mailer->send(kArgs, context("GLC-2025-A0042/5/3")).is_ok());  // from now on: recorded

  auto mails = parse_mail(sink.dir());
  ASSERT_EQ(mails.Size(), 2u);
  std::set<std::string> ids;
  for (const auto& m : mails.GetArray()) ids.insert(str(m, "message_id"));
  EXPECT_EQ(ids, std::set<std::string>{"<GLC-2025-A0042.5@tongji.example.org>"});
}
