// The built email.so loaded the way the engine loads it.
#include <gtest/gtest.h>

#include <fstream>

#include "host/plugin_host.hpp"
#include "support.hpp"

using namespace email_test;

namespace {

const fs::path kPlugin = fs::path(COHORT_BINARY_DIR) / "plugins" / "email";

cohort::host::CallContext call(const std::string& instance, const std::string& step, std::uint32_t attempt) {
  cohort::host::CallContext ctx;
  ctx.instance = instance;
  ctx.step = step;
  ctx.attempt = attempt;
  ctx.timeout_ms = 20000;
  return ctx;  // the host makes the key "instance/step/attempt"
}

}  // namespace

TEST(EmailPlugin, WritesToTheRunsOutboxByDefault) {
  const auto dir = fresh_dir("plugin-outbox");
  cohort::host::HostOptions options;
  options.data_dir = dir;
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(host.plugin_for("email.send"), std::optional<std::string>("org.cohort.email"));
  // Loading alone leaves the data directory untouched.
  EXPECT_FALSE(fs::exists(dir / "outbox"));

  const std::string args = send_args("certificate_issued", "zh", "\xE6\x9D\x8E\xE6\x98\x8E", "li@mail.example.org",
                                     R"({"number": "GLC-2025-0011"})");
  auto r = host.call("email.send", args, call("GLC-2025-A0011", "12", 1));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_NE(r.json.find(R"("file":"outbox/GLC-2025-A0011.12.eml")"), std::string::npos) << r.json;
  auto again = host.call("email.send", args, call("GLC-2025-A0011", "12", 2));
  EXPECT_EQ(again.json, r.json);

  auto mails = parse_mail(dir / "outbox");
  ASSERT_EQ(mails.Size(), 1u);
  EXPECT_EQ(str(mails[0], "subject"),
            "\xE6\x82\xA8\xE7\x9A\x84International Green and Low Carbon Technology Training "
            "Program\xE7\xBB\x93\xE4\xB8\x9A\xE8\xAF\x81\xE4\xB9\xA6");  // 您的…结业证书
  EXPECT_TRUE(fs::exists(dir / "plugins" / "org.cohort.email" / "sent.jsonl"));
}

TEST(EmailPlugin, SendsThroughTheConfiguredServer) {
  const auto dir = fresh_dir("plugin-smtp");
  SmtpSink sink(dir / "sink", free_port());
  ASSERT_TRUE(sink.start());
  cohort::host::HostOptions options;
  options.data_dir = dir / "data";
  options.config["org.cohort.email"] =
      R"({"smtp": {"url": ")" + sink.url() + R"("}, "from": {"name": "Tongji GLC", "address": "glc@tongji.example.org"},
          "reply_to": "office@tongji.example.org", "message_id_domain": "cohort.tongji.example.org"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  auto r = host.call("email.send", send_args("waitlisted", "es", "Jos\xC3\xA9", "jose@mail.example.org",
                                             R"({"reason": "lista de espera, puesto 2"})"),
                     call("GLC-2025-A0003", "4", 1));
  ASSERT_TRUE(r.ok()) << r.message;
  auto mails = parse_mail(sink.dir());
  ASSERT_EQ(mails.Size(), 1u);
  EXPECT_EQ(str(mails[0], "message_id"), "<GLC-2025-A0003.4@cohort.tongji.example.org>");
  EXPECT_EQ(std::string(mails[0]["reply_to"][0].GetString()), "office@tongji.example.org");
  EXPECT_EQ(str(mails[0]["to"], "name"), "Jos\xC3\xA9");
  EXPECT_NE(str(mails[0], "body").find("lista de espera, puesto 2"), std::string::npos);
}

TEST(EmailPlugin, RefusesToLoadWithATemplateThatUsesAnUnknownField) {
  const auto dir = fresh_dir("plugin-bad-template");
  fs::create_directories(dir / "templates" / "ar");
  std::ofstream(dir / "templates" / "ar" / "visa_reminder.txt")
      << "Subject: {{programme.title}}\n\n{{participant.passport_no}}\n";
  cohort::host::HostOptions options;
  options.data_dir = dir / "data";
  options.config["org.cohort.email"] = R"({"templates": ")" + (dir / "templates").string() + R"("})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  ASSERT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("ar/visa_reminder.txt:3: unknown field {{participant.passport_no}} for kind visa_reminder"),
            std::string::npos)
      << loaded.error;
  EXPECT_FALSE(host.plugin_for("email.send"));
}

TEST(EmailPlugin, TheConfigSchemaCatchesMistypedKeys) {
  const auto dir = fresh_dir("plugin-bad-config");
  cohort::host::HostOptions options;
  options.data_dir = dir;
  options.config["org.cohort.email"] = R"({"smtp": {"hostname": "mail.example.org"}})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(kPlugin);
  EXPECT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("hostname"), std::string::npos) << loaded.error;
}
