#include "check_in.hpp"

#include "details/text.hpp"

namespace cohort_attendance {
namespace {

Decision refuse(std::string code, std::string reason, std::string session = {}) {
  Decision d;
  d.code = std::move(code);
  d.reason = std::move(reason);
  d.session = std::move(session);
  return d;
}

// The clock time in the venue, for reasons ("08:30 Asia/Shanghai").
std::string venue_time(const Schedule& schedule, std::int64_t ms) {
  const std::string text = schedule.local(ms);
  return text.substr(0, 10) + " " + text.substr(11, 5) + " " + (schedule.zone ? schedule.zone->name() : "UTC");
}

}  // namespace

std::optional<Status> effective_status(const std::vector<Record>& records, const std::string& session,
                                       std::string* method) {
  std::optional<Status> status;
  for (const auto& r : records) {
    if (r.session != session) continue;
    // Enum order is best first, so a smaller value is a better status.
    if (r.is_correction() || !status || r.status < *status) {
      status = r.status;
      if (method) *method = r.method;
    }
  }
  return status;
}

Decision check_in(const Schedule& schedule, const TokenSigner* signer, const CheckInRequest& req,
                  const std::vector<Record>& recorded) {
  std::string session_id = req.session;
  std::string method = "staff";
  if (!req.token.empty()) {
    method = "qr";
    if (!signer) return refuse("unavailable", "no token key is available to check the token", session_id);
    const TokenCheck token = signer->verify(req.token);
    if (token.error == TokenCheck::Error::Malformed) return refuse("malformed_token", token.message, session_id);
    if (token.error == TokenCheck::Error::BadSignature) return refuse("bad_signature", token.message, session_id);
    if (token.claims.programme != schedule.programme)
      return refuse("wrong_programme",
                    "the token is for programme " + token.claims.programme + ", not " + schedule.programme,
                    token.claims.session);
    if (token.claims.participant != req.participant)
      return refuse("wrong_participant",
                    "the token belongs to " + token.claims.participant + ", not to " + req.participant,
                    token.claims.session);
    if (!session_id.empty() && token.claims.session != session_id)
      return refuse("wrong_session",
                    "the token is for session " + token.claims.session + ", but this is the check-in for " + session_id,
                    session_id);
    session_id = token.claims.session;
  } else if (req.staff.empty()) {
    return refuse("no_credentials", "a check-in needs a scanned token or the id of the staff member checking in",
                  session_id);
  }
  if (session_id.empty()) return refuse("unknown_session", "no session given for the staff check-in");
  const Session* session = schedule.find(session_id);
  if (!session)
    return refuse("unknown_session", "session " + session_id + " is not in the schedule of " + schedule.programme,
                  session_id);

  for (const auto& r : recorded) {
    if (r.session != session_id || r.is_correction()) continue;
    std::string when = r.at.empty() ? std::string() : " at " + r.at;
    std::string how = r.method.empty() ? std::string() : " (" + r.method + ")";
    return refuse("already_checked_in",
                  req.participant + " already checked in to " + session_id + when + how +
                      "; a token or a check-in counts once per session (use a correction to change the status)",
                  session_id);
  }

  if (req.at_ms < session->opens_ms)
    return refuse("too_early",
                  "check-in for " + session_id + " opens at " + venue_time(schedule, session->opens_ms) + ", in " +
                      details::minutes(session->opens_ms - req.at_ms),
                  session_id);
  if (req.at_ms >= session->ends_ms)
    return refuse("too_late",
                  session_id + " ended at " + venue_time(schedule, session->ends_ms) +
                      "; the office can record attendance with a correction",
                  session_id);

  Decision d;
  d.accepted = true;
  d.session = session_id;
  d.record.session = session_id;
  d.record.method = method;
  d.record.by = req.staff;
  d.record.at = schedule.local(req.at_ms);
  const std::int64_t late_ms = req.at_ms - session->starts_ms;
  d.record.minutes_late = late_ms > 0 ? static_cast<int>(late_ms / 60000) : 0;
  d.record.status = req.at_ms > session->late_after_ms ? Status::Late : Status::Present;
  return d;
}

Decision correct(const Schedule& schedule, const CorrectionRequest& req, const std::vector<Record>& recorded) {
  if (req.staff.empty())
    return refuse("staff_required", "a correction must say which staff member makes it", req.session);
  if (req.reason.empty()) return refuse("reason_required", "a correction must give its reason", req.session);
  const auto status = parse_status(req.status);
  if (!status)
    return refuse("invalid_status",
                  "status must be present, late, excused or absent, not '" + req.status + "'", req.session);
  if (req.session.empty()) return refuse("unknown_session", "no session given for the correction");
  const Session* session = schedule.find(req.session);
  if (!session)
    return refuse("unknown_session", "session " + req.session + " is not in the schedule of " + schedule.programme,
                  req.session);
  // Excusing or marking absent ahead of time is normal; attending a session that has not begun is not.
  if ((*status == Status::Present || *status == Status::Late) && req.at_ms < session->opens_ms)
    return refuse("not_started",
                  "cannot record " + std::string(status_name(*status)) + " for " + req.session +
                      " before its check-in opens at " + venue_time(schedule, session->opens_ms),
                  req.session);
  Decision d;
  d.accepted = true;
  d.session = req.session;
  d.record.session = req.session;
  d.record.status = *status;
  d.record.method = "manual";
  d.record.by = req.staff;
  d.record.reason = req.reason;
  d.record.at = schedule.local(req.at_ms);
  if (auto before = effective_status(recorded, req.session)) d.record.previous = status_name(*before);
  return d;
}

}  // namespace cohort_attendance
