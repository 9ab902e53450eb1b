// The visa plugin: invitation letter data, passport validity past departure, ICAO 9303
// passport MRZ checks against the typed data, and the reminders due before the visa
// deadline. Stateless: the same arguments always give the same result.
#include <cohort_plugin_common/service_plugin.hpp>

#include "visa_service.hpp"

namespace {

class Visa : public cohort_plugin_common::ServicePlugin<cohort_visa::VisaService> {
 public:
  Visa() : ServicePlugin("visa") {}
};

}  // namespace

COHORT_PLUGIN(Visa,
              .id = "org.cohort.visa",
              .name = "Visa",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Visa invitation letters, passport validity, ICAO 9303 MRZ checks and visa-deadline reminders.",
              .operations = {{"visa.letter", "Invitation letter data with a letter number; lists missing and invalid fields"},
                             {"visa.check_passport", "Passport valid at least six months (or N days) past departure"},
                             {"visa.check_mrz", "Parses a TD3 passport MRZ, checks its check digits, maps nationality to ISO 3166 and compares with typed data"},
                             {"visa.reminders", "Which reminders before the visa deadline are due now, and when the next one is"}},
              .subscribes = {})
