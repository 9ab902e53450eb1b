#include "host/call.hpp"

namespace cohort::host {

std::string_view to_string(CallStatus s) {
  switch (s) {
    case CallStatus::Ok: return "ok";
    case CallStatus::Error: return "error";
    case CallStatus::InvalidArgument: return "invalid_argument";
    case CallStatus::UnknownOperation: return "unknown_operation";
    case CallStatus::Timeout: return "timeout";
    case CallStatus::Unavailable: return "unavailable";
    case CallStatus::NotFound: return "not_found";
    case CallStatus::PermissionDenied: return "permission_denied";
    case CallStatus::Unsupported: return "unsupported";
    case CallStatus::Cancelled: return "cancelled";
  }
  return "unknown";
}

std::string CallContext::make_key(std::string_view instance, std::string_view step, std::uint32_t attempt) {
  std::string key;
  key.reserve(instance.size() + step.size() + 12);
  key.append(instance).append("/").append(step).append("/").append(std::to_string(attempt));
  return key;
}

}  // namespace cohort::host
