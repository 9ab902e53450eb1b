#include "document_service.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "document_store.hpp"
#include "placeholders.hpp"
#include "qr_code.hpp"
#include "request.hpp"

namespace cohort_documents {

namespace fs = std::filesystem;

std::string_view operation_name(Kind kind) {
  return kind == Kind::InvitationLetter ? "documents.invitation_letter" : "documents.certificate";
}

bool kind_for_operation(std::string_view operation, Kind& kind) {
  for (Kind k : {Kind::InvitationLetter, Kind::Certificate}) {
    if (operation == operation_name(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

namespace {

// Reads DIR/certificates/NAME.json (the name already checked) without following a symbolic link
// out of the folder; the JSON text, without trailing whitespace, is the QR payload.
bool read_certificate_file(const fs::path& run_dir, const std::string& name, std::string& out, std::string& error) {
  const fs::path path = run_dir / name;
  std::error_code ec;
  const auto folder = fs::weakly_canonical(run_dir / "certificates", ec);
  if (ec || fs::weakly_canonical(path, ec).parent_path() != folder || ec) {
    error = "certificate_file " + name + " is not a file of the run's certificates folder";
    return false;
  }
  // O_NONBLOCK: a FIFO planted under that name must not hang the call.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read certificate_file " + name + " in " + run_dir.string() + ": " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    error = "certificate_file " + name + " is not a regular file";
    return false;
  }
  std::string text;
  char buf[8192];
  ssize_t n = 0;
  constexpr std::size_t limit = std::size_t{1} << 20;  // far beyond any QR code; stops a runaway file
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && text.size() <= limit) text.append(buf, static_cast<std::size_t>(n));
  const bool failed = n < 0;
  const int saved = errno;
  ::close(fd);
  if (failed || text.size() > limit) {
    error = "cannot read certificate_file " + name + ": " + (failed ? std::strerror(saved) : "larger than 1 MiB");
    return false;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.pop_back();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    error = "certificate_file " + name + " does not hold a JSON object";
    return false;
  }
  out = std::move(text);
  return true;
}

}  // namespace

DocumentService::DocumentService(Config config, std::filesystem::path run_dir)
    : config_(std::move(config)), run_dir_(std::move(run_dir)) {}

std::string DocumentService::check_fonts() {
  const int missing = renderer_.missing_glyphs(config_.font, "Aa Ää Łł Ññ Ễễ Жж محمد 王小明");
  if (missing == 0) return {};
  return "the fonts \"" + config_.font + "\" lack " + std::to_string(missing) +
         " of the sample letters (Latin, Vietnamese, Cyrillic, Arabic, Chinese); names in those scripts will print as "
         "boxes: install fonts-noto-core and fonts-noto-cjk";
}

Outcome DocumentService::make(Kind kind, std::string_view args_json) {
  Outcome outcome;
  const std::string op(operation_name(kind));
  auto invalid = [&](const std::string& message) {
    outcome.failure = Outcome::Failure::InvalidArgument;
    outcome.message = op + ": " + message;
    return outcome;
  };
  auto failed = [&](const std::string& message) {
    outcome.failure = Outcome::Failure::Error;
    outcome.message = op + ": " + message;
    return outcome;
  };

  DocumentRequest request;
  std::string error;
  if (!read_request(kind, args_json, config_.long_dates, request, error)) return invalid(error);

  if (!request.certificate_file.empty()) {
    if (!read_certificate_file(run_dir_, request.certificate_file, request.qr_payload, error)) return invalid(error);
  }

  RenderRequest render;
  if (!encode_qr(request.qr_payload, render.qr, error))
    return invalid((kind == Kind::Certificate ? "the certificate does not fit in a QR code: " : "") + error);
  render.content = resolve(config_.template_for(kind), request.fields);
  render.font = config_.font;
  render.page = config_.page;
  const std::string number(request.fields.get("number"));
  render.pdf_title = (kind == Kind::Certificate ? "Certificate " : "Invitation letter ") + number;
  render.created = request.issued_at;

  RenderedPdf pdf;
  if (!renderer_.render(render, pdf, error)) return failed(error);
  if (pdf.missing_glyphs > 0)
    outcome.warnings.push_back(op + " " + number + ": " + std::to_string(pdf.missing_glyphs) +
                               " character(s) have no glyph in any installed font and print as boxes "
                               "(install fonts-noto-core and fonts-noto-cjk, or set \"font\")");

  StoredDocument stored;
  if (!store_document(run_dir_, pdf.bytes, stored, error)) return failed(error);

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("kind");
  w.String(kind_name(kind).data(), static_cast<rapidjson::SizeType>(kind_name(kind).size()));
  w.Key("path");
  w.String(stored.path.c_str());
  w.Key("sha256");
  w.String(stored.sha256.c_str());
  w.Key("bytes");
  w.Uint64(stored.bytes);
  w.Key("pages");
  w.Int(pdf.pages);
  w.EndObject();
  outcome.json = buffer.GetString();
  return outcome;
}

}  // namespace cohort_documents
