#pragma once
/// @file mime_message.hpp
/// @brief One mail as RFC 5322 / MIME text: multipart/mixed, a UTF-8 text part, attachments.

#include <string>
#include <utility>
#include <vector>

#include "email_config.hpp"

namespace cohort_email {

/// @brief A file attached to a message.
struct Attachment {
  std::string filename;      ///< as the recipient sees it (UTF-8 allowed)
  std::string content_type;  ///< "application/pdf"
  std::string data;          ///< the bytes
};

/// @brief Everything a message says. Text is UTF-8; the body's lines end with "\n".
struct MailMessage {
  Mailbox from;
  std::vector<Mailbox> reply_to;
  Mailbox to;
  std::string subject;
  std::string body;
  std::string date;        ///< Date header value ("Mon, 06 Jan 2025 10:00:00 +0800")
  std::string message_id;  ///< "<local@domain>"
  std::vector<Attachment> attachments;
  std::vector<std::pair<std::string, std::string>> extra_headers;  ///< ASCII "X-..." headers
};

/// @brief The message as sent on the wire: CRLF line ends, headers within 78 columns
///        where the content allows, non-ASCII names and subjects as RFC 2047 encoded-words,
///        the text as quoted-printable (mostly Latin text) or base64 (mostly other scripts),
///        attachments in base64. The same message always gives the same bytes.
std::string compose(const MailMessage& message);

/// @brief A header-safe single line: CR, LF and other controls become spaces.
std::string one_line(std::string_view text);

}  // namespace cohort_email
