// Calling plugins: results, errors, exceptions, deadlines, idempotency keys, emits and events.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fixtures.hpp"
#include "host/plugin_host.hpp"

namespace cohort::host {
namespace {

class Calls : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.data_dir = test::scratch_dir("calls");
    host_ = std::make_unique<PluginHost>(options_);
    ASSERT_TRUE(host_->load(test::fixture_manifest("good")).ok);
    ASSERT_TRUE(host_->load(test::fixture_manifest("misbehaving")).ok);
  }
  static CallContext ctx(std::uint32_t timeout_ms = 5000) { return CallContext{"app-42", "eligibility", 3, "", timeout_ms}; }

  HostOptions options_;
  std::unique_ptr<PluginHost> host_;
};

TEST_F(Calls, IdempotencyKeyAndContextReachThePlugin) {
  CallResult r = host_->call("good.context", "{}", ctx());
  ASSERT_EQ(r.status, CallStatus::Ok) << r.message;
  EXPECT_EQ(r.plugin_id, "org.example.good");
  EXPECT_EQ(r.json,
            R"({"key":"app-42/eligibility/3","instance":"app-42","step":"eligibility","attempt":3,"has_deadline":true})");

  CallContext explicit_key = ctx();
  explicit_key.idempotency_key = "custom-key-7";
  r = host_->call("good.context", "{}", explicit_key);
  EXPECT_NE(r.json.find(R"("key":"custom-key-7")"), std::string::npos) << r.json;
}

TEST_F(Calls, LargeResultsArriveWhole) {
  std::string big = "{\"blob\":\"" + std::string(1 << 20, 'x') + "\"}";
  CallResult r = host_->call("good.echo", big, ctx());
  ASSERT_EQ(r.status, CallStatus::Ok) << r.message;
  EXPECT_EQ(r.json, big);
}

TEST_F(Calls, ThrowingPluginGivesErrorWithTheExceptionText) {
  CallResult r = host_->call("bad.throw", "{}", ctx());
  EXPECT_EQ(r.status, CallStatus::Error);
  EXPECT_EQ(r.message, "grading database unreachable");
  EXPECT_EQ(r.plugin_id, "org.example.misbehaving");
  EXPECT_EQ(host_->call("good.echo", "[1]", ctx()).json, "[1]");
}

TEST_F(Calls, ErrorStatusAndMessageComeThrough) {
  CallResult r = host_->call("bad.error", "{}", ctx());
  EXPECT_EQ(r.status, CallStatus::Unavailable);
  EXPECT_EQ(r.message, "applicant record locked");
}

TEST_F(Calls, ResultThatIsNotJsonIsAnError) {
  CallResult r = host_->call("bad.not_json", "{}", ctx());
  EXPECT_EQ(r.status, CallStatus::Error);
  EXPECT_NE(r.message.find("not valid JSON"), std::string::npos) << r.message;
}

TEST_F(Calls, UnknownOperationIsReported) {
  CallResult r = host_->call("nobody.offers", "{}", ctx());
  EXPECT_EQ(r.status, CallStatus::UnknownOperation);
  EXPECT_NE(r.message.find("nobody.offers"), std::string::npos);
}

TEST_F(Calls, CallPastItsDeadlineReturnsTimeoutAndTheHostKeepsWorking) {
  CallResult r = host_->call("bad.sleep", "{}", ctx(100));
  EXPECT_EQ(r.status, CallStatus::Timeout);
  EXPECT_NE(r.message.find("did not answer \"bad.sleep\" within 100 ms"), std::string::npos) << r.message;
  // While that worker is stuck in the plugin, other calls still run.
  CallResult ok = host_->call("good.echo", "{\"after\":\"timeout\"}", ctx());
  EXPECT_EQ(ok.status, CallStatus::Ok) << ok.message;
}

TEST_F(Calls, SeveralHungCallsDoNotStarveTheOthers) {
  std::vector<std::future<CallResult>> hung;
  for (int i = 0; i < 4; ++i)
    hung.push_back(std::async(std::launch::async, [&] { return host_->call("bad.sleep", "{}", ctx(200)); }));
  CallResult ok = host_->call("good.echo", "{}", ctx());
  EXPECT_EQ(ok.status, CallStatus::Ok) << ok.message;
  for (auto& f : hung) EXPECT_EQ(f.get().status, CallStatus::Timeout);
}

TEST_F(Calls, AsyncCallCompletesExactlyOnce) {
  std::promise<CallResult> fast_p, slow_p;
  std::atomic<int> slow_count{0};
  host_->call_async("good.echo", "{\"n\":1}", ctx(), [&](CallResult r) { fast_p.set_value(std::move(r)); });
  host_->call_async("bad.sleep", "{}", ctx(100), [&](CallResult r) {
    if (slow_count.fetch_add(1) == 0) slow_p.set_value(std::move(r));
  });
  EXPECT_EQ(fast_p.get_future().get().json, "{\"n\":1}");
  EXPECT_EQ(slow_p.get_future().get().status, CallStatus::Timeout);
  // The plugin returns after 0.6 s; its late result is discarded, never delivered a second time.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(slow_count.load(), 1);
  EXPECT_EQ(host_->call("good.echo", "2", ctx()).json, "2");
}

TEST_F(Calls, HostCanGoWhileAPluginIsStillBusy) {
  std::promise<CallResult> p;
  host_->call_async("bad.sleep", "{}", ctx(5000), [&](CallResult r) { p.set_value(std::move(r)); });
  host_.reset();
  // Whoever waited hears back at once; the busy worker finishes on its own and unloads the library.
  EXPECT_EQ(p.get_future().get().status, CallStatus::Cancelled);
}

TEST_F(Calls, EmitFromAPluginReachesTheHandler) {
  std::mutex m;
  std::vector<std::pair<std::string, std::string>> got;
  host_->set_emit_handler([&](std::string id, std::string event) {
    std::lock_guard lock(m);
    got.emplace_back(std::move(id), std::move(event));
  });
  const std::string event = R"({"type":"visa.letter_issued","subject":"app-42"})";
  CallResult r = host_->call("good.emit", event, ctx());
  ASSERT_EQ(r.status, CallStatus::Ok) << r.message;
  std::lock_guard lock(m);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "org.example.good");
  EXPECT_EQ(got[0].second, event);
}

TEST_F(Calls, EmitOfSomethingThatIsNotAnObjectIsRefusedToThePlugin) {
  int calls = 0;
  host_->set_emit_handler([&](std::string, std::string) { ++calls; });
  CallResult r = host_->call("good.emit", "[1,2]", ctx());
  EXPECT_EQ(r.status, CallStatus::InvalidArgument);
  EXPECT_EQ(calls, 0);
}

TEST_F(Calls, PublishReachesSubscribersOnly) {
  // good subscribes to "participant.*"; misbehaving to "*" and throws on every event.
  host_->publish(R"({"type":"participant.enrolled","subject":"a1"})", "participant.enrolled");
  host_->publish(R"({"type":"programme.opened","subject":"p1"})", "programme.opened");
  host_->publish(R"({"type":"participant.withdrawn","subject":"a2"})", "participant.withdrawn");
  ASSERT_TRUE(host_->wait_for_events());
  CallResult r = host_->call("good.events", "{}", ctx());
  EXPECT_EQ(r.json,
            R"([{"type":"participant.enrolled","subject":"a1"},{"type":"participant.withdrawn","subject":"a2"}])");
  // The throwing subscriber was logged, not propagated, and still takes calls.
  EXPECT_EQ(host_->call("bad.error", "{}", ctx()).status, CallStatus::Unavailable);
}

TEST_F(Calls, DataDirectoryIsPerPluginAndCreatedOnDemand) {
  auto expected = options_.data_dir / "plugins" / "org.example.good";
  EXPECT_FALSE(std::filesystem::exists(expected));
  CallResult r = host_->call("good.data_dir", "{}", ctx());
  ASSERT_EQ(r.status, CallStatus::Ok) << r.message;
  EXPECT_EQ(r.json, "\"" + std::filesystem::absolute(expected).lexically_normal().string() + "\"");
  EXPECT_TRUE(std::filesystem::is_directory(expected));
}

TEST_F(Calls, RunDirectoryIsTheWholeRunsDataDirectoryThroughThePathsExtension) {
  CallResult r = host_->call("good.run_dir", "{}", ctx());
  ASSERT_EQ(r.status, CallStatus::Ok) << r.message;
  EXPECT_EQ(r.json, "\"" + std::filesystem::absolute(options_.data_dir).lexically_normal().string() + "\"");
}

}  // namespace
}  // namespace cohort::host
