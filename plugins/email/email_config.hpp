#pragma once
/// @file email_config.hpp
/// @brief The plugin's configuration: where mail goes (outbox or SMTP), who sends it, templates.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cohort_email {

/// @brief How the SMTP connection is protected.
enum class Security {
  None,      ///< plain SMTP (a local relay or a test sink)
  StartTls,  ///< smtp:// upgraded with STARTTLS; refused when the server does not offer it
  Tls,       ///< smtps://, TLS from the first byte
};

/// @brief Where messages go.
enum class Delivery {
  Outbox,  ///< an .eml file per message in RUN_DIR/outbox (the default: nothing to start)
  Smtp,    ///< an SMTP server, through libcurl
};

/// @brief A display name and an address.
struct Mailbox {
  std::string name;
  std::string address;
};

/// @brief How to reach the SMTP server and how hard to try within one call.
struct SmtpSettings {
  std::string url;  ///< "smtp://host:port" or "smtps://host:port", without credentials
  Security security = Security::None;
  std::string username, password;
  std::string ca_file;           ///< PEM bundle to verify the server with; empty: the system's
  bool verify = true;            ///< verify the server's certificate and name
  std::uint32_t timeout_ms = 10000;  ///< one attempt at most (also bounded by the call's deadline)
  std::uint32_t attempts = 3;        ///< quick attempts within one call on transient failures
  std::uint32_t backoff_ms = 250;    ///< wait before the 2nd attempt, doubled each time
};

/// @brief The whole configuration, resolved (environment applied, defaults filled).
struct EmailConfig {
  Delivery delivery = Delivery::Outbox;
  std::string delivery_source;  ///< why: "default", "config", "COHORT_SMTP_URL"
  SmtpSettings smtp;
  std::optional<Mailbox> from, reply_to;
  std::string message_id_domain;  ///< empty: the sender's domain
  std::string templates;          ///< a folder consulted before the built-in templates; empty: none
  std::string default_language;   ///< tried after the programme's language, before "en"
  bool fsync = true;              ///< force outbox files and sent records to disk (power-loss safe)
};

/// @brief Reads an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// @brief Parses the plugin's configuration (JSON object text) and applies COHORT_SMTP_URL
///        (and smtp.password_env) through `env`. False with `error` saying which key is wrong.
bool parse_config(std::string_view json, const EnvLookup& env, EmailConfig& out, std::string& error);

/// @brief "smtp://host:port (STARTTLS)" and the like, for logs; never shows credentials.
std::string describe(const SmtpSettings& smtp);

}  // namespace cohort_email
