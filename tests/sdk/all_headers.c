/* Every C header of the SDK, compiled as strict C11 by the sdk.headers.c11 test. */
#include <cohort/buffer.h>
#include <cohort/cohort.h>
#include <cohort/entry.h>
#include <cohort/export.h>
#include <cohort/extension.h>
#include <cohort/host.h>
#include <cohort/plugin.h>
#include <cohort/status.h>
#include <cohort/string.h>
#include <cohort/version.h>

/* A plain C plugin skeleton, to prove the ABI is usable from C. */
static const cohort_operation_info_t op = {sizeof(cohort_operation_info_t), COHORT_STR("c.echo"),
                                           COHORT_STR("echoes its arguments"), 0};
static const cohort_operation_info_t send = {sizeof(cohort_operation_info_t), COHORT_STR("c.send"),
                                             COHORT_STR("sends a message once per idempotency key"),
                                             COHORT_OPERATION_EFFECTS};
static const cohort_operation_info_t *const ops[] = {&op, &send};
static const cohort_string_t subs[] = {COHORT_STR("*")};
static const cohort_plugin_descriptor_t desc = {
    sizeof(cohort_plugin_descriptor_t), COHORT_STR("org.example.c"), COHORT_STR("C"), COHORT_STR("Example"),
    COHORT_STR("1.0.0"), COHORT_STR("a C plugin"), ops, 2, subs, 1};

static bool lib_init(cohort_string_t path) { return path.size > 0; }
static void lib_deinit(void) {}
static const cohort_plugin_descriptor_t *get_descriptor(void) { return &desc; }
static const cohort_plugin_t *create(const cohort_host_t *host) {
  (void)host;
  return NULL;
}

const cohort_plugin_entry_t cohort_plugin_entry = {sizeof(cohort_plugin_entry_t), COHORT_ABI_VERSION_INIT,
                                                   lib_init, lib_deinit, get_descriptor, create};

int cohort_sdk_header_check(void);
int cohort_sdk_header_check(void) {
  cohort_abi_version_t v = COHORT_ABI_VERSION_INIT;
  cohort_string_t a = cohort_string_from_cstr("x");
  cohort_string_t b = COHORT_STR("x");
  return cohort_abi_is_compatible(v, cohort_plugin_entry.abi) && cohort_string_equal(a, b) &&
         cohort_status_name(COHORT_STATUS_TIMEOUT)[0] == 't';
}
