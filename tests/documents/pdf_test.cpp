// Real PDFs checked with the tools a person would use: pdftotext for the text, pdftoppm +
// zbarimg for the QR code, pdfinfo for the pages; and the store's content-addressed files.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "config.hpp"
#include "document_service.hpp"
#include "document_store.hpp"
#include "tools.hpp"

namespace cd = cohort_documents;
using namespace documents_test;

namespace {

cd::Config default_config() {
  cd::Config c;
  std::string error;
  EXPECT_TRUE(cd::parse_config("{}", c, error)) << error;
  return c;
}

// The result JSON's members, read back with the same parser the plugin uses.
struct Result {
  std::string kind, path, sha256;
  std::uint64_t bytes = 0;
  int pages = 0;
};

Result parse_result(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  Result r;
  if (!d.IsObject()) return r;
  r.kind = d["kind"].GetString();
  r.path = d["path"].GetString();
  r.sha256 = d["sha256"].GetString();
  r.bytes = d["bytes"].GetUint64();
  r.pages = d["pages"].GetInt();
  return r;
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) ++n;
  return n;
}

}  // namespace

TEST(DocumentPdf, TheInvitationLetterShowsNamePassportAndNumber) {
  const auto dir = fresh_dir("letter");
  cd::DocumentService service(default_config(), dir);
  auto outcome = service.make(cd::Kind::InvitationLetter, letter_args("Amina Wanjiru Otieno", "GLC-2025-L0007"));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto r = parse_result(outcome.json);
  EXPECT_EQ(r.kind, "invitation_letter");

  const auto text = pdf_text(dir / r.path);
  for (const char* expected : {"Amina Wanjiru Otieno", "GLC-2025-L0007", "AK0423719", "1 May 2031", "12 April 1988",
                               "KE", "INVITATION LETTER", "Tongji University",
                               "International Green and Low Carbon Technology Training Program", "10 March 2025",
                               "21 March 2025", "20 January 2025"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << text;
  EXPECT_TRUE(outcome.warnings.empty());
}

TEST(DocumentPdf, TheResultDescribesTheStoredFile) {
  const auto dir = fresh_dir("result");
  cd::DocumentService service(default_config(), dir);
  auto outcome = service.make(cd::Kind::Certificate,
                              certificate_args("Amina Wanjiru", "GLC-2025-0007", certificate_json("Amina Wanjiru", "GLC-2025-0007")));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto r = parse_result(outcome.json);
  EXPECT_EQ(r.kind, "certificate");
  EXPECT_TRUE(std::regex_match(r.path, std::regex("documents/([0-9a-f]{2})/\\1[0-9a-f]{62}\\.pdf"))) << r.path;
  EXPECT_EQ(r.path, "documents/" + r.sha256.substr(0, 2) + "/" + r.sha256 + ".pdf");
  const auto bytes = read_file(dir / r.path);
  EXPECT_EQ(bytes.size(), r.bytes);
  EXPECT_EQ(cd::sha256_hex(bytes), r.sha256);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  EXPECT_EQ(r.pages, 1);
  EXPECT_EQ(pdf_pages(dir / r.path), 1);
  // Nothing but the document (no temporary file) is left behind.
  EXPECT_EQ(count_files(dir), 1u);
}

TEST(DocumentPdf, ACertificateNameRendersInEveryScript) {
  struct Case {
    const char* script;
    std::string name;
  };
  const std::vector<Case> cases{{"latin", "Françoise Müller-Łukasiewicz Ñúñez"},
                                {"chinese", "王小明"},
                                {"arabic", "فاطمة الزهراء حسن"},
                                {"cyrillic", "Сергей Иванович Петров"},
                                {"vietnamese", "Nguyễn Thị Minh Khai"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.script);
    const auto dir = fresh_dir(std::string("script-") + c.script);
    cd::DocumentService service(default_config(), dir);
    auto outcome = service.make(cd::Kind::Certificate,
                                certificate_args(c.name, "GLC-2025-0011", certificate_json(c.name, "GLC-2025-0011")));
    ASSERT_TRUE(outcome.ok()) << outcome.message;
    // Every character found a font (no boxes): Noto covers each script.
    EXPECT_TRUE(outcome.warnings.empty()) << outcome.warnings.front();
    const auto text = pdf_text(dir / parse_result(outcome.json).path);
    EXPECT_NE(text.find(c.name), std::string::npos) << "name not in:\n" << text;
    EXPECT_NE(text.find("GLC-2025-0011"), std::string::npos) << text;
    if (std::string(c.script) == "arabic") {
      // The Arabic glyphs are shaped (joined initial, medial and final forms) and drawn right
      // to left; the PDF maps each glyph back to its letters. pdftotext sees a right-to-left
      // run, puts it back in reading order and wraps it in RLE ... PDF marks (U+202B, U+202C),
      // which is why the name is found as a substring. (Names whose glyphs include a ligature
      // come back differently: see ArabicIsShapedAndLaidOutRightToLeft.)
      EXPECT_NE(text.find("\u202B" + c.name + "\u202C"), std::string::npos) << text;
      // No presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFF): the text holds the letters
      // themselves, as a person would type them to search.
      for (const char* lead : {"\xEF\xAD", "\xEF\xAE", "\xEF\xAF", "\xEF\xB4", "\xEF\xB5", "\xEF\xB6", "\xEF\xB7",
                               "\xEF\xB9", "\xEF\xBA", "\xEF\xBB"})
        EXPECT_EQ(text.find(lead), std::string::npos);
    }
  }
}

TEST(DocumentPdf, ArabicIsShapedAndLaidOutRightToLeft) {
  const auto dir = fresh_dir("arabic-order");
  cd::DocumentService service(default_config(), dir);
  const std::string name = "محمد عبد الله";
  auto outcome = service.make(cd::Kind::Certificate, certificate_args(name, "GLC-2025-0012", certificate_json(name, "GLC-2025-0012")));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto pdf = dir / parse_result(outcome.json).path;

  // pdftotext -bbox lists every glyph of a right-to-left run as its own box with its text.
  // Read from right to left, the boxes must spell the name in reading order: the glyphs are
  // drawn right to left and each maps to the right letters.
  const auto html = pdf_text(pdf, true);
  const std::regex word_re("<word xMin=\"([0-9.]+)\"[^>]*>([^<]*)</word>");
  std::vector<std::pair<double, std::string>> glyphs;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), word_re); it != std::sregex_iterator(); ++it) {
    const std::string text = (*it)[2];
    if (!text.empty() && static_cast<unsigned char>(text[0]) >= 0xD8 && static_cast<unsigned char>(text[0]) <= 0xDB)
      glyphs.emplace_back(std::stod((*it)[1]), text);  // Arabic letters are U+0600..U+06FF: D8..DB lead bytes
  }
  std::sort(glyphs.begin(), glyphs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string right_to_left;
  for (const auto& g : glyphs) right_to_left += g.second;
  EXPECT_EQ(right_to_left, "محمدعبدالله") << html;
  // Shaped, not just reversed: Noto Naskh Arabic draws the "لله" of الله as one ligature glyph,
  // which carries its three letters.
  EXPECT_TRUE(std::any_of(glyphs.begin(), glyphs.end(), [](const auto& g) { return g.second == "لله"; })) << html;
  EXPECT_LT(glyphs.size(), 11u);  // 11 letters, fewer glyphs

  // Plain pdftotext reverses the letters *inside* a ligature glyph along with the run, so this
  // name comes back as "محمد عبد اهلل" (a poppler quirk; the PDF holds "لله"). The words
  // without ligatures come back exactly.
  const auto text = pdf_text(pdf);
  EXPECT_NE(text.find("\u202Bمحمد عبد "), std::string::npos) << text;
}

TEST(DocumentPdf, TheQrCodeCarriesTheCertificateJsonExactly) {
  const auto dir = fresh_dir("qr");
  cd::DocumentService service(default_config(), dir);
  const auto certificate = certificate_json("王小明 Nguyễn محمد", "GLC-2025-0007");
  auto outcome = service.make(cd::Kind::Certificate, certificate_args("王小明", "GLC-2025-0007", certificate));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  int status = 0;
  const auto decoded = decode_qr(dir / parse_result(outcome.json).path, status);
  ASSERT_EQ(status, 0) << "zbarimg found no QR code";
  // zbarimg --raw ends each symbol with a newline; the rest is the certificate byte for byte,
  // so saving it to a file gives the JSON that `cohort verify` reads.
  ASSERT_FALSE(decoded.empty());
  EXPECT_EQ(decoded, certificate + "\n");
}

TEST(DocumentPdf, TheLettersQrCodeCarriesItsVerificationData) {
  const auto dir = fresh_dir("letter-qr");
  cd::DocumentService service(default_config(), dir);
  auto outcome = service.make(cd::Kind::InvitationLetter, letter_args("Amina Wanjiru", "GLC-2025-L0008"));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  int status = 0;
  const auto decoded = decode_qr(dir / parse_result(outcome.json).path, status);
  ASSERT_EQ(status, 0);
  rapidjson::Document d;
  d.Parse(decoded.c_str());
  ASSERT_TRUE(d.IsObject()) << decoded;
  EXPECT_STREQ(d["type"].GetString(), "cohort.invitation_letter");
  EXPECT_STREQ(d["number"].GetString(), "GLC-2025-L0008");
  EXPECT_STREQ(d["name"].GetString(), "Amina Wanjiru");
  EXPECT_STREQ(d["passport"]["number"].GetString(), "AK0423719");
}

TEST(DocumentPdf, ACertificateTooLargeForAQrCodeFailsClearlyAndStoresNothing) {
  const auto dir = fresh_dir("qr-too-large");
  cd::DocumentService service(default_config(), dir);
  const std::string huge = "{\"proof\": \"" + std::string(3000, 'A') + "\"}";
  auto outcome = service.make(cd::Kind::Certificate, certificate_args("A B", "GLC-2025-0013", huge));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure, cd::Outcome::Failure::InvalidArgument);
  EXPECT_NE(outcome.message.find("does not fit in a QR code"), std::string::npos) << outcome.message;
  EXPECT_NE(outcome.message.find("3013 bytes"), std::string::npos) << outcome.message;
  EXPECT_FALSE(fs::exists(dir / "documents"));
}

TEST(DocumentPdf, NamesFromUserDataNeverBecomePaths) {
  const auto root = fresh_dir("escape");
  const auto dir = root / "run";
  fs::create_directories(dir);
  cd::DocumentService service(default_config(), dir);
  const std::vector<std::pair<std::string, std::string>> attempts{
      {"../../etc/passwd", "../../../tmp/evil"},
      {"/etc/passwd", "..\\..\\windows"},
      {std::string("nul\0byte", 8), "GLC/../../x"},
      {"..", "."}};
  std::set<std::string> paths;
  for (const auto& [name, number] : attempts) {
    for (auto kind : {cd::Kind::InvitationLetter, cd::Kind::Certificate}) {
      const auto args = kind == cd::Kind::InvitationLetter ? letter_args(name, number)
                                                           : certificate_args(name, number, certificate_json(name, number));
      auto outcome = service.make(kind, args);
      ASSERT_TRUE(outcome.ok()) << outcome.message;
      const auto r = parse_result(outcome.json);
      EXPECT_TRUE(std::regex_match(r.path, std::regex("documents/[0-9a-f]{2}/[0-9a-f]{64}\\.pdf"))) << r.path;
      const auto file = fs::weakly_canonical(dir / r.path);
      const auto documents = fs::weakly_canonical(dir / "documents");
      EXPECT_EQ(file.string().rfind(documents.string() + "/", 0), 0u) << file;
      EXPECT_TRUE(fs::is_regular_file(file));
      // The hostile text is printed, not used.
      EXPECT_NE(pdf_text(file).find(number), std::string::npos) << number;
      paths.insert(r.path);
    }
  }
  EXPECT_EQ(paths.size(), 8u);
  // Everything the service wrote is inside documents/: the run dir holds nothing else, and
  // nothing appeared beside it.
  for (const auto& e : fs::directory_iterator(dir)) EXPECT_EQ(e.path().filename(), "documents");
  for (const auto& e : fs::directory_iterator(root)) EXPECT_EQ(e.path().filename(), "run");
  EXPECT_EQ(count_files(dir / "documents"), 8u);
}

TEST(DocumentPdf, TheSameInputGivesTheSameBytesAndTheSamePath) {
  const auto a = fresh_dir("determinism-a"), b = fresh_dir("determinism-b");
  const auto args = certificate_args("王小明", "GLC-2025-0007", certificate_json("王小明", "GLC-2025-0007"));
  cd::DocumentService first(default_config(), a);
  cd::DocumentService second(default_config(), b);
  auto x = first.make(cd::Kind::Certificate, args);
  auto again = first.make(cd::Kind::Certificate, args);  // a retry: same file, nothing new
  auto y = second.make(cd::Kind::Certificate, args);     // a replay elsewhere
  ASSERT_TRUE(x.ok() && again.ok() && y.ok()) << x.message << again.message << y.message;
  EXPECT_EQ(x.json, again.json);
  EXPECT_EQ(x.json, y.json);
  const auto path = parse_result(x.json).path;
  EXPECT_EQ(read_file(a / path), read_file(b / path));
  EXPECT_EQ(count_files(a), 1u);
  // The creation date is the issue date, not the clock.
  EXPECT_NE(pdf_info(a / path).find("CreationDate:    2025-03-21T18:00:00+08"), std::string::npos) << pdf_info(a / path);

  // Another issue date is another document.
  auto z = first.make(cd::Kind::Certificate, certificate_args("王小明", "GLC-2025-0007", certificate_json("王小明", "GLC-2025-0007"),
                                                              "2025-03-22T09:00:00+08:00"));
  ASSERT_TRUE(z.ok()) << z.message;
  EXPECT_NE(parse_result(z.json).sha256, parse_result(x.json).sha256);

  // The engine writes times with milliseconds; the PDF still gets its date.
  auto ms = first.make(cd::Kind::Certificate, certificate_args("王小明", "GLC-2025-0007", certificate_json("王小明", "GLC-2025-0007"),
                                                               "2025-03-29T10:00:00.000Z"));
  ASSERT_TRUE(ms.ok()) << ms.message;
  EXPECT_NE(pdf_info(a / parse_result(ms.json).path).find("CreationDate:    2025-03-29T10:00:00Z"), std::string::npos);
}

TEST(DocumentPdf, TheProgrammesTemplateIsUsed) {
  const auto dir = fresh_dir("template");
  cd::Config config;
  std::string error;
  ASSERT_TRUE(cd::parse_config(R"({
    "certificate": {
      "orientation": "portrait",
      "title": ["ZERTIFIKAT", "Green Technology"],
      "body": ["Hiermit wird bestätigt, dass", {"text": "{{name}}", "style": "headline"},
               "{{hours}} Stunden teilgenommen hat ({{extra.track}}).",
               {"details": [["Nummer", "{{number}}"]]}],
      "signatory": {"name": "Prof. Li Wei", "title": "Dekan", "organisation": "{{host_name}}"},
      "qr_caption": "Prüfen: {{number}}"
    }
  })", config, error)) << error;
  cd::DocumentService service(config, dir);
  auto args = certificate_args("Jürgen Groß", "GLC-2025-0020", certificate_json("Jürgen Groß", "GLC-2025-0020"));
  args.insert(args.size() - 1, ",\"extra\":{\"track\":\"Solar\"}");
  auto outcome = service.make(cd::Kind::Certificate, args);
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto text = pdf_text(dir / parse_result(outcome.json).path);
  for (const char* expected : {"ZERTIFIKAT", "Hiermit wird bestätigt", "Jürgen Groß", "56.5 Stunden", "(Solar)",
                               "Nummer", "GLC-2025-0020", "Prof. Li Wei", "Dekan", "Prüfen: GLC-2025-0020"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << text;
  EXPECT_EQ(text.find("CERTIFICATE OF COMPLETION"), std::string::npos);
}

TEST(DocumentPdf, ALongLetterContinuesOnANewPage) {
  const auto dir = fresh_dir("pages");
  cd::Config config;
  std::string error;
  std::string body = "[";
  for (int i = 0; i < 14; ++i)
    body += std::string(i ? "," : "") + "\"Paragraph " + std::to_string(i) +
            ": the programme covers lectures, workshops, site visits and a closing ceremony, and {{name}} "
            "will attend every session of it in {{host_city}}.\"";
  body += "]";
  ASSERT_TRUE(cd::parse_config("{\"invitation_letter\": {\"body\": " + body + "}}", config, error)) << error;
  cd::DocumentService service(config, dir);
  auto outcome = service.make(cd::Kind::InvitationLetter, letter_args("Amina Wanjiru", "GLC-2025-L0009"));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto r = parse_result(outcome.json);
  EXPECT_EQ(r.pages, 2);
  EXPECT_EQ(pdf_pages(dir / r.path), 2);
  const auto text = pdf_text(dir / r.path);
  EXPECT_NE(text.find("Paragraph 0:"), std::string::npos);
  EXPECT_NE(text.find("Paragraph 13:"), std::string::npos);
}

TEST(DocumentPdf, AnArabicTemplateRunsRightToLeft) {
  const auto dir = fresh_dir("rtl-template");
  cd::Config config;
  std::string error;
  ASSERT_TRUE(cd::parse_config(R"({"certificate": {"direction": "rtl",
      "title": ["شهادة إتمام"], "body": ["نشهد بأن", {"text": "{{name}}", "style": "headline"}, "أتم البرنامج {{number}}"]}})",
                               config, error))
      << error;
  cd::DocumentService service(config, dir);
  auto outcome = service.make(cd::Kind::Certificate,
                              certificate_args("Amina Wanjiru", "GLC-2025-0021", certificate_json("Amina Wanjiru", "GLC-2025-0021")));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto text = pdf_text(dir / parse_result(outcome.json).path);
  for (const char* expected : {"شهادة إتمام", "نشهد بأن", "Amina Wanjiru", "GLC-2025-0021"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << text;
}

TEST(DocumentPdf, MarkupAndEntitiesInANameArePrintedAsWritten) {
  const auto dir = fresh_dir("markup");
  cd::DocumentService service(default_config(), dir);
  const std::string name = "<b>Ann</b> & O'Lee";
  auto outcome = service.make(cd::Kind::Certificate, certificate_args(name, "GLC-2025-0030", certificate_json(name, "GLC-2025-0030")));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto text = pdf_text(dir / parse_result(outcome.json).path);
  EXPECT_NE(text.find(name), std::string::npos) << text;
}

TEST(DocumentPdf, TheInstalledFontsCoverEveryScript) {
  cd::DocumentService service(default_config(), fresh_dir("fonts"));
  EXPECT_EQ(service.check_fonts(), "");
}

TEST(DocumentPdf, ALargeCertificateStaysOnOnePageAndStillScans) {
  // About the size of an Open Badges credential: the code shrinks to fit under the text
  // instead of moving to a page of its own.
  const auto dir = fresh_dir("qr-large");
  cd::DocumentService service(default_config(), dir);
  auto certificate = certificate_json("Nguyễn Thị Minh Khai", "GLC-2025-0040");
  certificate.insert(certificate.size() - 1, ", \"evidence\": \"" + std::string(1500, 'z') + "\"");
  ASSERT_GT(certificate.size(), 1900u);
  auto outcome = service.make(cd::Kind::Certificate, certificate_args("Nguyễn Thị Minh Khai", "GLC-2025-0040", certificate));
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  const auto r = parse_result(outcome.json);
  EXPECT_EQ(r.pages, 1);
  int status = 0;
  EXPECT_EQ(decode_qr(dir / r.path, status), certificate + "\n");
}
