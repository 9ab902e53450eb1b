#pragma once
/// @file application_events.hpp
/// @brief Imported applicants as the events a portal would have sent.

#include <string>
#include <vector>

#include "event/event.hpp"
#include "import/applicant_row.hpp"

namespace cohort::import {

/// @brief The CloudEvents source of imported applications: "/import/<programme id>".
std::string import_source(const std::string& programme_id);

/// @brief Two events per applicant, as the portal sends them (docs/PROGRAMMES.md):
///        `application.started` {programme, channel, nationality} and
///        `application.submitted` {applicant: profile}, both at the row's submitted_at
///        or `default_time`, ordered by time (stable). Their ids are "<applicant id>/started"
///        and "<applicant id>/submitted" from import_source(), so the event log and the
///        engine recognise a second import of the same person and apply nothing twice.
std::vector<Event> application_events(const std::vector<ApplicantRow>& applicants, const std::string& programme_id,
                                      Timestamp default_time);

}  // namespace cohort::import
