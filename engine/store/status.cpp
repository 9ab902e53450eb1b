#include "store/status.hpp"

namespace cohort::store {

std::string_view code_name(Code code) {
  switch (code) {
    case Code::Ok: return "ok";
    case Code::CannotOpen: return "cannot_open";
    case Code::Corrupt: return "corrupt";
    case Code::NewerVersion: return "newer_version";
    case Code::DiskFull: return "disk_full";
    case Code::Busy: return "busy";
    case Code::IoError: return "io_error";
    case Code::NotALog: return "not_a_log";
    case Code::ReadOnly: return "read_only";
    case Code::Invalid: return "invalid";
  }
  return "unknown";
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  return "error " + std::to_string(static_cast<std::int32_t>(code)) + " (" +
         std::string(code_name(code)) + "): " + message;
}

}  // namespace cohort::store
