#pragma once
/// @file config.hpp
/// @brief The webhook plugin's configuration: targets, the events each wants, retries.
///        Plain C++ (no SDK), so tests use it without an engine.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cohort_webhook {

/// @brief How often and how patiently one event is retried.
struct RetryPolicy {
  std::uint32_t max_attempts = 8;         ///< tries per event, the first included
  std::uint32_t initial_backoff_ms = 1000;
  std::uint32_t max_backoff_ms = 60000;
  double multiplier = 2.0;
};

/// @brief One receiver.
struct Target {
  std::string name;                 ///< for logs and dead letters
  std::string url;
  std::vector<std::string> events;  ///< "a.b", "a.*" or "*"
  std::string secret;               ///< HMAC key (resolved from secret_env when given)
  std::vector<std::pair<std::string, std::string>> headers;
  std::uint32_t timeout_ms = 10000;
  std::uint32_t connect_timeout_ms = 5000;
  std::string ca_file;
  RetryPolicy retry;
};

/// @brief The whole configuration.
struct Config {
  std::vector<Target> targets;
  std::size_t queue_limit = 10000;
  std::string dead_letter_file = "dead-letters.jsonl";
  std::uint32_t shutdown_grace_ms = 5000;
};

/// @brief Reads the configuration (JSON object text). Returns false with a message naming
///        the key (e.g. "targets[1].secret_env: COHORT_HOOK_KEY is not set") when it is unusable.
bool parse_config(std::string_view json, Config& out, std::string& error);

/// @brief True when `type` matches one of `patterns` ("a.b" exactly, "a.*" anything under
///        "a.", "*" everything).
bool matches(const std::vector<std::string>& patterns, std::string_view type);

}  // namespace cohort_webhook
