#pragma once
/* @file extension.h
 * @brief Extension ids: new features come as extensions looked up by "name/revision".
 *
 * Both sides look extensions up with get_extension(id) (cohort_host_t and
 * cohort_plugin_t) and get NULL when the other side does not offer it. An
 * extension's vtable never changes once published; a change is a new revision
 * ("cohort.timer/2") and a careful side asks for the newest it knows first.
 * ABI 1.0 defines no required extension. */

#include "string.h"

/* Reserved for a host timer service (fire an event after a delay). Not offered by ABI 1.0 engines. */
#define COHORT_EXT_TIMER "cohort.timer/1"
