#pragma once
// Shared by the attendance tests: a small programme, a fixed token key and a way to run
// operations and read their JSON answers.
#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <vector>

#include "attendance_json.hpp"
#include "token.hpp"

namespace attendance_test {

/// A key everybody can see: fine for tests, never for a programme.
inline std::vector<unsigned char> test_key(unsigned char fill = 7) { return std::vector<unsigned char>(32, fill); }

/// Four sessions over two days in `zone`, weights 1, 1, 2, 1 (total 5).
inline std::string programme_json(const std::string& zone = "Asia/Shanghai", const std::string& attendance =
                                      R"({"threshold": 0.8, "status_weights": {"present": 1, "late": 0.5, "excused": 0.5, "absent": 0},
                                          "late_after_minutes": 10, "opens_before_minutes": 30})") {
  return R"({"id": "GLC-2025", "timezone": ")" + zone + R"(",
    "sessions": [
      {"id": "S01", "date": "2025-03-10", "start": "09:00", "end": "12:00", "title": "Opening", "kind": "ceremony", "weight": 1},
      {"id": "S02", "date": "2025-03-10", "start": "14:00", "end": "17:00", "title": "Carbon markets", "weight": 1},
      {"id": "S03", "date": "2025-03-11", "start": "09:00", "end": "12:00", "title": "Site visit", "weight": 2},
      {"id": "S04", "date": "2025-03-11", "start": "14:00", "end": "17:00", "title": "Closing", "weight": 1}
    ],
    "attendance": )" + attendance + "}";
}

/// Runs operations with a fixed key and a private zone cache.
class Runner {
 public:
  explicit Runner(std::vector<unsigned char> key = test_key())
      : signer_(std::make_shared<const cohort_attendance::TokenSigner>(std::move(key))) {
    env_.zones = &zones_;
    env_.signer = [this](std::string&) { return signer_; };
  }

  /// The answer as a document; `outcome` keeps the kind and message.
  rapidjson::Document run(const std::string& op, const std::string& args) {
    outcome = cohort_attendance::run_operation(op, args, env_);
    rapidjson::Document d;
    if (outcome.ok()) d.Parse(outcome.json.c_str());
    return d;
  }

  const cohort_attendance::TokenSigner& signer() const { return *signer_; }
  cohort_attendance::OperationOutcome outcome;

 private:
  std::shared_ptr<const cohort_attendance::TokenSigner> signer_;
  cohort_attendance::ZoneCache zones_;
  cohort_attendance::Environment env_;
};

/// {"session": S, "status": ST, "method": M, ...} text for a recorded check-in.
inline std::string record(const std::string& session, const std::string& status, const std::string& method = "qr") {
  return R"({"session": ")" + session + R"(", "status": ")" + status + R"(", "method": ")" + method +
         R"(", "at": "2025-03-10T09:00:00+08:00"})";
}

/// A JSON list of recorded check-ins.
inline std::string records(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

inline std::string str(const rapidjson::Value& v) { return v.IsString() ? v.GetString() : std::string("<not a string>"); }

}  // namespace attendance_test
