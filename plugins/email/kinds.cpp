#include "kinds.hpp"

#include <algorithm>

namespace cohort_email {

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> all = {
      {"application_received", "the application was submitted", {}},
      {"ineligible", "the application fails an eligibility rule", {"event.reason"}},
      {"shortlisted", "the committee shortlisted the applicant", {"event.reason"}},
      {"rejected", "the application was not selected", {"event.reason"}},
      {"offer_made", "a seat is offered until a deadline", {"event.expires_at", "event.reason"}},
      {"waitlisted", "the applicant is on the waitlist", {"event.reason", "event.position"}},
      {"offer_accepted", "the participant accepted the offer", {}},
      {"invitation_letter", "the invitation letter for the visa is attached", {"event.letter_number"}},
      {"visa_reminder", "the visa has not been applied for yet", {"event.deadline"}},
      {"attendance_warning", "attendance is below the threshold", {"event.rate", "event.threshold"}},
      {"certificate_issued", "the certificate is attached", {"event.number", "event.verify_url"}},
  };
  return all;
}

const Kind* find_kind(std::string_view id) {
  for (const auto& k : kinds())
    if (k.id == id) return &k;
  return nullptr;
}

const std::vector<std::string_view>& participant_fields() {
  static const std::vector<std::string_view> fields = {
      "participant.id",          "participant.name",       "participant.email",      "participant.nationality",
      "participant.gender",      "participant.birth_date", "participant.employer",   "participant.field",
      "participant.passport.number", "participant.passport.expires",
  };
  return fields;
}

const std::vector<std::string_view>& programme_fields() {
  static const std::vector<std::string_view> fields = {
      "programme.id",
      "programme.title",
      "programme.description",
      "programme.language",
      "programme.host.name",
      "programme.host.department",
      "programme.host.city",
      "programme.host.country",
      "programme.host.address",
      "programme.host.contact.name",
      "programme.host.contact.email",
      "programme.host.contact.phone",
      "programme.dates.call_closes",
      "programme.dates.selection",
      "programme.dates.offer_deadline",
      "programme.dates.visa_deadline",
      "programme.dates.arrival",
      "programme.dates.start",
      "programme.dates.end",
      "programme.certificate.title",
  };
  return fields;
}

bool field_allowed(const Kind& kind, std::string_view path) {
  auto in = [&](const std::vector<std::string_view>& list) {
    return std::find(list.begin(), list.end(), path) != list.end();
  };
  return in(participant_fields()) || in(programme_fields()) || in(kind.event_fields);
}

std::string describe_fields(const Kind& kind) {
  // "participant.{id, name}" reads better in a one-line error than thirty full paths.
  auto group = [](std::string_view prefix, const std::vector<std::string_view>& list) {
    std::string out = std::string(prefix) + "{";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      out += list[i].substr(prefix.size());
    }
    return out + "}";
  };
  std::string out = group("participant.", participant_fields()) + ", " + group("programme.", programme_fields());
  out += kind.event_fields.empty() ? ", no event fields" : ", " + group("event.", kind.event_fields);
  return out;
}

std::string kind_ids() {
  std::string out;
  for (const auto& k : kinds()) {
    if (!out.empty()) out += ", ";
    out += k.id;
  }
  return out;
}

}  // namespace cohort_email
