// The eligibility plugin: checks an application against the call's rules (nationality, age
// on the reference date, degree, experience, employer type, documents, language) and the
// submission deadline in the venue's time zone. Pure functions of their arguments plus the
// system time zone database, so retries and replays give the same answer.
#include <cohort_plugin_common/service_plugin.hpp>

#include "eligibility_service.hpp"

namespace {

class Eligibility : public cohort_plugin_common::ServicePlugin<cohort_eligibility::EligibilityService> {
 public:
  Eligibility() : ServicePlugin("eligibility") {}
};

}  // namespace

COHORT_PLUGIN(Eligibility,
              .id = "org.cohort.eligibility",
              .name = "Eligibility",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Eligibility rules of a call and its deadline in the venue's time zone, with per-applicant extensions.",
              .operations = {{"eligibility.check", "Checks an applicant against every eligibility rule (and the deadline); lists each failed rule with a code and a reason"},
                             {"eligibility.deadline", "Whether a submission at an instant is on time for a local deadline in an IANA zone, with an optional extension"}},
              .subscribes = {})
