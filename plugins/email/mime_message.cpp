#include "mime_message.hpp"

#include <cstdio>

#include "details/encoding.hpp"

namespace cohort_email {

namespace {

std::string mailbox(const Mailbox& m) {
  const std::string name = one_line(m.name);
  if (name.empty()) return m.address;
  return details::display_name(name) + " <" + m.address + ">";
}

// Turns "\n" (and stray "\r\n") line ends into CRLF, as the text part needs them.
std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string quoted_param(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += static_cast<unsigned char>(c) < 32 || c == 127 ? ' ' : c;
  return out;
}

std::string compose(const MailMessage& m) {
  char boundary_hash[20];
  std::snprintf(boundary_hash, sizeof boundary_hash, "%016llx",
                static_cast<unsigned long long>(details::fnv1a64(m.message_id)));
  // "=_" can occur in neither base64 nor quoted-printable output, so no part can contain it.
  const std::string boundary = "=_cohort_" + std::string(boundary_hash);

  std::string out;
  auto header = [&](std::string_view name, const std::string& value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  };
  header("Date", m.date);
  header("From", mailbox(m.from));
  header("To", mailbox(m.to));
  if (!m.reply_to.empty()) {
    std::string list;
    for (const auto& r : m.reply_to) list += (list.empty() ? "" : ",\r\n ") + mailbox(r);
    header("Reply-To", list);
  }
  header("Subject", details::header_text(one_line(m.subject), 9));
  header("Message-ID", m.message_id);
  header("MIME-Version", "1.0");
  for (const auto& [name, value] : m.extra_headers) header(name, one_line(value));
  header("Content-Type", "multipart/mixed;\r\n boundary=\"" + boundary + "\"");
  out += "\r\nThis is a message in MIME format.\r\n";

  const std::string text = crlf_lines(m.body);
  std::size_t non_ascii = 0;
  for (unsigned char c : text) non_ascii += c >= 0x80;
  const bool mostly_other_script = non_ascii * 4 > text.size();
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  if (mostly_other_script) {
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += details::base64(text, 76);
  } else {
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += details::quoted_printable(text);
  }
  out += "\r\n";

  for (const auto& a : m.attachments) {
    const std::string name = one_line(a.filename);
    out += "--" + boundary + "\r\n";
    if (details::is_plain_ascii(name)) {
      out += "Content-Type: " + a.content_type + ";\r\n name=" + quoted_param(name) + "\r\n";
      out += "Content-Disposition: attachment;\r\n filename=" + quoted_param(name) + "\r\n";
    } else {
      // RFC 2231 is the standard form; the encoded-word in name= is for older readers.
      out += "Content-Type: " + a.content_type + ";\r\n name=\"" + details::encoded_words(name) + "\"\r\n";
      out += "Content-Disposition: attachment;\r\n filename*=" + details::rfc2231_value(name) + "\r\n";
    }
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += details::base64(a.data, 76);
    out += "\r\n";
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace cohort_email
