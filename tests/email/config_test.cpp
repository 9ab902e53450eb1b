// Configuration: the outbox by default, SMTP from the programme file, and COHORT_SMTP_URL on top.
#include <gtest/gtest.h>

#include <map>

#include "email_config.hpp"

using namespace cohort_email;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

EmailConfig parsed(const std::string& json, std::map<std::string, std::string> env = {}) {
  EmailConfig c;
  std::string error;
  EXPECT_TRUE(parse_config(json, env_of(std::move(env)), c, error)) << error;
  return c;
}

std::string refused(const std::string& json, std::map<std::string, std::string> env = {}) {
  EmailConfig c;
  std::string error;
  EXPECT_FALSE(parse_config(json, env_of(std::move(env)), c, error));
  return error;
}

}  // namespace

TEST(EmailConfig, WithoutAServerMessagesGoToTheOutbox) {
  const auto c = parsed("{}");
  EXPECT_EQ(c.delivery, Delivery::Outbox);
  EXPECT_EQ(c.delivery_source, "default");
  EXPECT_TRUE(c.fsync);
  EXPECT_FALSE(parsed(R"({"fsync": false})").fsync);
}

TEST(EmailConfig, TheProgrammeFileNamesTheServer) {
  const auto c = parsed(R"({"smtp": {"host": "smtp.tongji.example.org", "security": "starttls",
                                     "username": "glc", "password_env": "GLC_SMTP_PASSWORD"},
                            "from": {"name": "GLC Training Office", "address": "glc@tongji.example.org"}})",
                        {{"GLC_SMTP_PASSWORD", "s3cret"}});
  EXPECT_EQ(c.delivery, Delivery::Smtp);
  EXPECT_EQ(c.smtp.url, "smtp://smtp.tongji.example.org:587");
  EXPECT_EQ(c.smtp.security, Security::StartTls);
  EXPECT_EQ(c.smtp.username, "glc");
  EXPECT_EQ(c.smtp.password, "s3cret");
  EXPECT_EQ(describe(c.smtp), "smtp://smtp.tongji.example.org:587 (STARTTLS) as glc");  // never the password

  const auto tls = parsed(R"({"smtp": {"host": "mail.example.org", "security": "tls"}})");
  EXPECT_EQ(tls.smtp.url, "smtps://mail.example.org:465");
  EXPECT_EQ(tls.smtp.security, Security::Tls);
}

TEST(EmailConfig, TheEnvironmentOverridesTheFile) {
  const std::string file = R"({"mode": "outbox", "smtp": {"url": "smtps://mail.example.org"}})";
  const auto c = parsed(file, {{"COHORT_SMTP_URL", "smtp://relay%40x:p%3Ass@127.0.0.1:2525"}});
  EXPECT_EQ(c.delivery, Delivery::Smtp);
  EXPECT_EQ(c.delivery_source, "COHORT_SMTP_URL");
  EXPECT_EQ(c.smtp.url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(c.smtp.security, Security::None);
  EXPECT_EQ(c.smtp.username, "relay@x");
  EXPECT_EQ(c.smtp.password, "p:ss");

  const auto outbox = parsed(R"({"smtp": {"url": "smtps://mail.example.org"}})", {{"COHORT_SMTP_URL", "outbox"}});
  EXPECT_EQ(outbox.delivery, Delivery::Outbox);
  const auto empty = parsed(R"({"smtp": {"url": "smtps://mail.example.org"}})", {{"COHORT_SMTP_URL", ""}});
  EXPECT_EQ(empty.delivery, Delivery::Smtp);
  EXPECT_EQ(empty.smtp.url, "smtps://mail.example.org");
}

TEST(EmailConfig, MistakesAreRefusedWithTheKey) {
  EXPECT_NE(refused(R"({"mode": "smtp"})").find("no server is configured"), std::string::npos);
  EXPECT_NE(refused(R"({"smtp": {"url": "http://x"}})").find("smtp.url must start with smtp:// or smtps://"),
            std::string::npos);
  EXPECT_NE(refused(R"({"smtp": {"url": "smtp://x", "security": "tls"}})").find("needs an smtps:// URL"),
            std::string::npos);
  EXPECT_NE(refused(R"({"smtp": {"host": "x", "password_env": "NOPE"}})").find("NOPE, which is not set"),
            std::string::npos);
  EXPECT_NE(refused(R"({"from": {"address": "not an address"}})").find("from.address"), std::string::npos);
  EXPECT_NE(refused(R"({"smtp": {"host": "x", "attempts": 0}})").find("smtp.attempts"), std::string::npos);
  EXPECT_NE(refused("{}", {{"COHORT_SMTP_URL", "ftp://x"}}).find("COHORT_SMTP_URL must start with"),
            std::string::npos);
}
