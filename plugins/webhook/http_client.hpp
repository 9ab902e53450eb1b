#pragma once
/// @file http_client.hpp
/// @brief One HTTP POST at a time over libcurl, keeping the connection between requests.

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace cohort_webhook {

/// @brief What to send.
struct HttpRequest {
  std::string url;
  std::string body;
  std::vector<std::string> headers;  ///< "Name: value" lines
  std::uint32_t timeout_ms = 10000;
  std::uint32_t connect_timeout_ms = 5000;
  std::string ca_file;
};

/// @brief What came back.
struct HttpResponse {
  bool transport_ok = false;      ///< a response arrived (whatever its status)
  long status = 0;                ///< the HTTP status when transport_ok
  std::string error;              ///< why not, when !transport_ok (refused, timeout, TLS, ...)
  std::int64_t retry_after_ms = -1;  ///< from a Retry-After header in seconds; -1 when none
  bool aborted = false;           ///< stopped because the plugin is closing
};

/// @brief A libcurl easy handle. Not thread-safe: one per worker thread.
class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// @brief POSTs and waits for the answer. `abort` (may be null) ends the transfer early
  ///        when it becomes true, so a closing plugin need not wait for a hung receiver.
  HttpResponse post(const HttpRequest& request, const std::atomic<bool>* abort);

 private:
  void* curl_;
};

/// @brief True for answers worth trying again: 408, 425, 429 and every 5xx.
bool is_retryable_status(long status);

}  // namespace cohort_webhook
