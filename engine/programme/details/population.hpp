#pragma once
/// @file population.hpp
/// @brief Synthetic applicants of a programme: who they are and how they will behave.

#include <cstdint>
#include <string>
#include <vector>

#include "programme/details/random.hpp"
#include "value/value.hpp"

namespace cohort::programme::details {

/// @brief How an applicant answers an offer.
enum class OfferAnswer : std::uint8_t { Accept, Decline, Silent };

/// @brief One simulated applicant: the profile sent with the application, and the
///        dice already thrown for how they act later.
struct SimApplicant {
  std::string id;
  Value profile;  ///< the `applicant` object of application.submitted
  std::string country;
  std::string gender;
  std::string given_name;   ///< as printed in the passport's MRZ (given names)
  std::string family_name;  ///< as printed in the passport's MRZ (surname)
  double quality = 6.5;  ///< what reviewers see, 0-10
  Random rng;            ///< this applicant's own stream
  int next_event = 0;    ///< numbering of this applicant's events

  bool submits = true;         ///< false: the draft lapses
  bool submits_late = false;   ///< tries after the deadline
  bool gets_extension = false; ///< the office grants a personal extension
  bool reviewed = true;        ///< false: no reviewer gets to it
  OfferAnswer answer = OfferAnswer::Accept;
  bool short_passport = false; ///< first acceptance carries a passport that expires too soon
  bool passport_typo = false;  ///< the passport number typed with the acceptance differs from the MRZ
  bool visa_refused = false;
  bool no_show = false;
  double attendance = 0.95;    ///< chance to attend each session
  std::string withdraw_in;     ///< state in which they withdraw; empty: never
  bool revoked = false;        ///< their certificate gets revoked
  std::vector<std::string> path;  ///< states entered so far (filled by the simulation)
};

/// @brief Makes `count` applicants for the programme. Most are from its eligible
///        countries, some are not; some are too young or old, under-qualified or
///        missing documents.
std::vector<SimApplicant> make_population(const Value& programme, int count, std::uint64_t seed);

}  // namespace cohort::programme::details
