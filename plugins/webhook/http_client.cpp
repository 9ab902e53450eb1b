#include "http_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstring>

namespace cohort_webhook {
namespace {

int on_progress(void* clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(clientp);
  return abort && abort->load(std::memory_order_relaxed) ? 1 : 0;
}

std::size_t discard_body(char*, std::size_t size, std::size_t nmemb, void*) { return size * nmemb; }

// Only "Retry-After: <seconds>"; the HTTP-date form is rare for webhooks and falls back to backoff.
std::size_t on_header(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  const std::size_t n = size * nitems;
  auto* retry_after = static_cast<std::int64_t*>(userdata);
  static constexpr char kName[] = "retry-after:";
  constexpr std::size_t kLen = sizeof kName - 1;
  if (n > kLen) {
    bool same = true;
    for (std::size_t i = 0; i < kLen && same; ++i)
      same = std::tolower(static_cast<unsigned char>(buffer[i])) == kName[i];
    if (same) {
      std::size_t i = kLen;
      while (i < n && (buffer[i] == ' ' || buffer[i] == '\t')) ++i;
      std::int64_t secs = 0;
      bool digits = false;
      while (i < n && std::isdigit(static_cast<unsigned char>(buffer[i])) && secs < 1000000) {
        secs = secs * 10 + (buffer[i] - '0');
        digits = true;
        ++i;
      }
      if (digits) *retry_after = secs * 1000;
    }
  }
  return n;
}

}  // namespace

HttpClient::HttpClient() : curl_(curl_easy_init()) {}

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::post(const HttpRequest& request, const std::atomic<bool>* abort) {
  HttpResponse out;
  auto* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    out.error = "libcurl could not make a handle";
    return out;
  }
  curl_easy_reset(curl);  // keeps the connection cache, forgets the previous request's options
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  // Bodies are small and the receiver answers once: the 100-continue round trip only adds latency.
  headers = curl_slist_append(headers, "Expect:");
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
  // Worker threads: no signals for DNS timeouts.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // A redirect would re-send the signed body somewhere nobody configured.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // A receiver on this machine is never reached through a proxy from the environment.
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "cohort-webhook/1.0");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &discard_body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.retry_after_ms);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(abort));
  if (!request.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, request.ca_file.c_str());

  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc == CURLE_OK) {
    out.transport_ok = true;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  } else {
    out.aborted = rc == CURLE_ABORTED_BY_CALLBACK;
    out.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (!out.error.empty() && out.error.back() == '\n') out.error.pop_back();
  }
  return out;
}

bool is_retryable_status(long status) { return status == 408 || status == 425 || status == 429 || status >= 500; }

}  // namespace cohort_webhook
