// Templates: every kind in every language ships, and a template that uses a field its kind
// does not have stops the plugin from loading rather than failing a send months later.
#include <gtest/gtest.h>

#include <fstream>

#include "kinds.hpp"
#include "support.hpp"
#include "template_set.hpp"

using namespace cohort_email;
using namespace email_test;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST(EmailTemplates, EveryKindShipsInEveryLanguage) {
  TemplateSet set;
  std::string error;
  ASSERT_TRUE(set.load({templates_dir()}, error)) << error;
  EXPECT_EQ(set.languages(), (std::vector<std::string>{"ar", "en", "es", "fr", "zh"}));
  for (const auto& kind : kinds())
    for (const char* lang : {"en", "zh", "fr", "es", "ar"})
      EXPECT_NE(set.find(kind.id, lang), nullptr) << kind.id << " in " << lang;
  EXPECT_GE(kinds().size(), 10u);
}

TEST(EmailTemplates, AnUnknownFieldFailsWhenThePluginLoads) {
  const auto dir = fresh_dir("unknown-field");
  write(dir / "templates" / "fr" / "offer_made.txt",
        "Subject: Offre pour {{programme.title}}\n\nBonjour {{participant.name}},\n\nRépondez avant le "
        "{{event.deadline}}.\n");
  auto o = options(dir, R"({"templates": ")" + (dir / "templates").string() + R"("})");
  std::string error;
  EXPECT_EQ(Mailer::create(std::move(o), error), nullptr);
  // The file, the line, the field and what the kind offers instead.
  EXPECT_NE(error.find("fr/offer_made.txt:5"), std::string::npos) << error;
  EXPECT_NE(error.find("unknown field {{event.deadline}} for kind offer_made"), std::string::npos) << error;
  EXPECT_NE(error.find("event.{expires_at, reason}"), std::string::npos) << error;
}

TEST(EmailTemplates, BadTemplatesAreNamedPrecisely) {
  auto problem = [](const std::string& kind, const std::string& text) {
    MailTemplate t;
    std::string error;
    EXPECT_FALSE(parse_template(text, kind, "en", "t.txt", t, error));
    return error;
  };
  EXPECT_NE(problem("offer_made", "Hello\n\nBody\n").find("t.txt:1: the first line must be \"Subject: ...\""),
            std::string::npos);
  EXPECT_NE(problem("offer_made", "Subject: x\nBody\n").find("t.txt:2:"), std::string::npos);
  EXPECT_NE(problem("offer_made", "Subject: x\n\n{{event.expires_at|upper}}\n").find("unknown filter \"upper\""),
            std::string::npos);
  EXPECT_NE(problem("offer_made", "Subject: x\n\nDear {{participant.name\n").find("without a closing"),
            std::string::npos);
  EXPECT_NE(problem("offer_madee", "Subject: x\n\nBody\n").find("unknown message kind \"offer_madee\""),
            std::string::npos);
}

TEST(EmailTemplates, AProgrammeOverridesOneTemplateAndKeepsTheRest) {
  const auto dir = fresh_dir("override");
  write(dir / "templates" / "en" / "offer_made.txt",
        "Subject: A seat for you at {{programme.host.name}}\n\nDear {{participant.name}}, reply by "
        "{{event.expires_at|date}}.\n");
  auto mailer_error = std::string();
  auto mailer = Mailer::create(options(dir, R"({"templates": ")" + (dir / "templates").string() + R"("})"),
                               mailer_error);
  ASSERT_NE(mailer, nullptr) << mailer_error;
  const auto* t = mailer->templates().find("offer_made", "en");
  ASSERT_NE(t, nullptr);
  EXPECT_NE(t->file.find(dir.string()), std::string::npos);
  EXPECT_NE(mailer->templates().find("offer_made", "zh"), nullptr);
}

TEST(EmailTemplates, TheOutboxMessagePicksTheLanguageWithFallbacks) {
  const auto dir = fresh_dir("languages");
  std::string error;
  auto mailer = Mailer::create(options(dir), error);
  ASSERT_NE(mailer, nullptr) << error;
  auto language_of = [&](const std::string& key, const std::string& lang, const std::string& extra_fields = "",
                         const std::string& programme_language = "en") {
    std::string args = send_args("application_received", lang, "Amina Yusuf", "amina@mail.example.org");
    if (!extra_fields.empty()) args.replace(args.find("\"participant\":{") + 15, 0, extra_fields);
    const auto at = args.find("\"language\":\"en\"");
    args.replace(at, 15, "\"language\":\"" + programme_language + "\"");
    auto r = mailer->send(args, context(key));
    EXPECT_TRUE(r.is_ok()) << r.message;
    rapidjson::Document d;
    d.Parse(r.json.c_str());
    return str(d, "language");
  };
  EXPECT_EQ(language_of("L1/1/1", "zh-CN"), "zh");
  EXPECT_EQ(language_of("L2/1/1", "AR"), "ar");
  EXPECT_EQ(language_of("L3/1/1", "sw", "", "fr"), "fr");  // no Swahili: the programme's language
  EXPECT_EQ(language_of("L5/1/1", "sw", "", "vi"), "en");  // nor Vietnamese: English
  EXPECT_EQ(language_of("L4/1/1", "", R"("languages":["id","es","en"],)"), "es");  // the participant's own list
}
