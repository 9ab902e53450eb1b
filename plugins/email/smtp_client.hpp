#pragma once
/// @file smtp_client.hpp
/// @brief One SMTP transaction through libcurl, and what its outcome means for retrying.

#include <chrono>
#include <string>
#include <string_view>

#include "email_config.hpp"

namespace cohort_email {

/// @brief How one SMTP attempt ended.
enum class SmtpOutcome {
  Accepted,   ///< the server answered 250 to the end of DATA: the mail is handed over
  Transient,  ///< server down, timeout, or a 4xx answer: worth trying again later
  Permanent,  ///< a 5xx answer, or a configuration the server refuses (TLS, login): do not retry
};

/// @brief The outcome with the server's answer, for logs and error messages.
struct SmtpResult {
  SmtpOutcome outcome = SmtpOutcome::Transient;
  long code = 0;       ///< the last SMTP reply code (0 when the server never answered)
  std::string detail;  ///< "550 5.1.1 <x@example.org>: no such user", or libcurl's reason
  /// True when the whole message went out but no final answer came back: the server may
  /// hold it. A retry then sends it again under the same Message-ID.
  bool maybe_delivered = false;
};

/// @brief Prepares libcurl once per process (idempotent; call from the main thread first).
void smtp_global_init();

/// @brief Sends `message` (RFC 5322 text) from `sender` to `recipient` through `smtp`,
///        giving up after `timeout`. Never throws.
SmtpResult smtp_send(const SmtpSettings& smtp, std::string_view sender, std::string_view recipient,
                     std::string_view message, std::chrono::milliseconds timeout);

/// @brief "accepted", "transient" or "permanent".
std::string_view to_string(SmtpOutcome outcome);

}  // namespace cohort_email
