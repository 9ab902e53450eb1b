#pragma once
/// @file mailer.hpp
/// @brief email.send: render a template, build the message, hand it over once.

#include <cohort/cpp/call_context.hpp>
#include <cohort/cpp/host.hpp>
#include <cohort/cpp/status.hpp>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "email_config.hpp"
#include "sent_log.hpp"
#include "template_set.hpp"

namespace cohort_email {

/// @brief What a Mailer needs from its surroundings (the plugin host, or a test).
struct MailerOptions {
  std::string config_json = "{}";            ///< the plugin's configuration
  EnvLookup env;                              ///< COHORT_SMTP_URL, smtp.password_env
  std::string builtin_templates;              ///< the templates/ folder shipped with the plugin
  std::function<std::string()> data_dir;      ///< the plugin's private folder (asked for on first send)
  std::function<std::string()> run_dir;       ///< the run's data directory (outbox/, attachments)
  std::function<void(cohort::sdk::LogLevel, std::string_view)> log;
  /// Runs after the SMTP server accepted a message and before it is recorded as sent.
  /// For tests that simulate a crash in that window; empty in the plugin.
  std::function<void(std::string_view message_id)> after_handover;
};

/// @brief The email plugin's logic, independent of the plugin ABI. Thread-safe.
///
/// Exactly once: a mail is identified by its call (the idempotency key without the
/// attempt, see message_id.hpp). Before sending, the sent log is consulted and a
/// recorded result is answered as it was; after the server accepted (or the outbox file
/// was renamed into place) the result is recorded durably. Two attempts of one call never
/// send concurrently: the second waits for the first.
class Mailer {
 public:
  /// @brief Reads the configuration and loads every template (a template that uses a field
  ///        its kind does not have fails here). nullptr with `error` on failure.
  static std::unique_ptr<Mailer> create(MailerOptions options, std::string& error);

  /// @brief email.send. See docs/plugins/email.md for the arguments and the result.
  ///        InvalidArgument / NotFound for bad arguments, Unavailable when the server is
  ///        down or answered 4xx (retry later), Error for a permanent (5xx) refusal.
  cohort::sdk::Result send(std::string_view args_json, const cohort::sdk::CallContext& ctx);

  const EmailConfig& config() const { return config_; }
  const TemplateSet& templates() const { return templates_; }

 private:
  explicit Mailer(MailerOptions options) : options_(std::move(options)) {}
  void log(cohort::sdk::LogLevel level, const std::string& message) const;
  SentLog* sent_log(std::string& error);
  cohort::sdk::Result deliver(std::string_view args_json, const cohort::sdk::CallContext& ctx,
                              const std::string& name, const std::string& call);

  MailerOptions options_;
  EmailConfig config_;
  TemplateSet templates_;

  std::mutex log_mutex_;
  std::unique_ptr<SentLog> sent_;

  std::mutex flight_mutex_;
  std::condition_variable flight_done_;
  std::unordered_set<std::string> in_flight_;
};

}  // namespace cohort_email
