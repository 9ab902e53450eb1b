#pragma once
/// @file check_in.hpp
/// @brief Deciding one check-in (QR token or staff) or one manual correction, as a pure
///        function of the schedule, the request and the participant's recorded check-ins.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "record.hpp"
#include "schedule.hpp"
#include "token.hpp"

namespace cohort_attendance {

/// @brief A check-in at the door: a scanned token, or a staff member vouching without one.
struct CheckInRequest {
  std::string participant;  ///< the instance's participant id
  std::string token;        ///< scanned QR text; empty for a staff check-in
  std::string session;      ///< the session being checked into; may be empty with a token
  std::string staff;        ///< staff id: required without a token, recorded as `by` with one
  std::int64_t at_ms = 0;   ///< when (Unix ms)
};

/// @brief A correction by the office: any status, any time, always with who and why.
struct CorrectionRequest {
  std::string participant;
  std::string session;
  std::string status;  ///< present, late, excused, absent
  std::string staff;   ///< who corrects
  std::string reason;  ///< why
  std::int64_t at_ms = 0;
};

/// @brief Accepted with the record to keep, or refused with a code and a reason for people.
struct Decision {
  bool accepted = false;
  std::string code;    ///< refusal code (see docs/plugins/attendance.md)
  std::string reason;  ///< refusal reason
  std::string session; ///< the session concerned, when known
  Record record;       ///< when accepted: append it to the participant's check-ins
};

/// @brief The status one session has after these records: a correction replaces what was
///        there, a scan only ever improves it (present > late > excused > absent). nullopt:
///        nothing recorded for the session.
std::optional<Status> effective_status(const std::vector<Record>& records, const std::string& session,
                                       std::string* method = nullptr);

/// @brief Checks, in order: credentials, token signature, programme, participant, session,
///        one attendance per session, then the window [start - opens_before, end).
///        `signer` may be null only for staff check-ins.
Decision check_in(const Schedule& schedule, const TokenSigner* signer, const CheckInRequest& request,
                  const std::vector<Record>& recorded);

/// @brief Accepts a correction with staff and reason for a known session; present or late
///        only once the session's check-in has opened.
Decision correct(const Schedule& schedule, const CorrectionRequest& request, const std::vector<Record>& recorded);

}  // namespace cohort_attendance
