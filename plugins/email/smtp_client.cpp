#include "smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace cohort_email {

namespace {

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
  bool finished = false;  // the read callback reported the end of the message
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data.size() - up->offset);
  std::copy_n(up->data.data() + up->offset, n, buffer);
  up->offset += n;
  if (n == 0) up->finished = true;
  return n;
}

// The server's reply lines arrive through the debug callback; the last one explains a failure.
int capture_replies(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* last = static_cast<std::string*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *last = line;
  return 0;
}

bool transient_curl_error(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_SSL_CONNECT_ERROR:  // a handshake cut short by the network
    case CURLE_AGAIN:
    case CURLE_OUT_OF_MEMORY:
      return true;
    default:
      return false;  // TLS verification, login refused, bad URL: retrying changes nothing
  }
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};

}  // namespace

void smtp_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string_view to_string(SmtpOutcome outcome) {
  switch (outcome) {
    case SmtpOutcome::Accepted: return "accepted";
    case SmtpOutcome::Transient: return "transient";
    case SmtpOutcome::Permanent: return "permanent";
  }
  return "transient";
}

SmtpResult smtp_send(const SmtpSettings& smtp, std::string_view sender, std::string_view recipient,
                     std::string_view message, std::chrono::milliseconds timeout) {
  smtp_global_init();
  SmtpResult result;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    result.detail = "libcurl could not start a transfer";
    return result;
  }
  CURL* c = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {};
  std::string last_reply;
  Upload upload{message};
  const std::string from = "<" + std::string(sender) + ">";
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(curl_slist_append(nullptr, ("<" + std::string(recipient) + ">").c_str()));
  const long total_ms = std::max<long>(1, static_cast<long>(timeout.count()));

  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // calls run on several threads
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_message);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, total_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min<long>(total_ms, 5000));
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, &capture_replies);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last_reply);
  if (smtp.security == Security::StartTls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!smtp.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  if (!smtp.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, smtp.ca_file.c_str());
  if (!smtp.verify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }

  const CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  result.code = code;
  if (rc == CURLE_OK) {
    result.outcome = SmtpOutcome::Accepted;
    result.detail = last_reply;
    return result;
  }
  // A reply code decides when there is one; libcurl's error otherwise.
  if (code >= 400 && code < 500) {
    result.outcome = SmtpOutcome::Transient;
  } else if (code >= 500 && code < 600) {
    result.outcome = SmtpOutcome::Permanent;
  } else {
    result.outcome = transient_curl_error(rc) ? SmtpOutcome::Transient : SmtpOutcome::Permanent;
  }
  const std::string reason = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  result.detail = (code >= 400 && !last_reply.empty()) ? last_reply + " (" + reason + ")" : reason;
  result.maybe_delivered = upload.finished && (code < 400) && result.outcome == SmtpOutcome::Transient;
  return result;
}

}  // namespace cohort_email
