#pragma once
/* @file extension.h
 * @brief Extension ids: new features come as extensions looked up by "name/revision".
 *
 * Both sides look extensions up with get_extension(id) (cohort_host_t and
 * cohort_plugin_t) and get NULL when the other side does not offer it. An
 * extension's vtable never changes once published; a change is a new revision
 * ("cohort.timer/2") and a careful side asks for the newest it knows first.
 * ABI 1.0 defines no required extension. */

#include <stdint.h>

#include "export.h"
#include "string.h"

/* Where a run keeps files meant for people: see cohort_ext_paths_t. */
#define COHORT_EXT_PATHS "cohort.paths/1"

/* Reserved for a host timer service (fire an event after a delay). Not offered by ABI 1.0 engines. */
#define COHORT_EXT_TIMER "cohort.timer/1"

COHORT_EXTERN_C_BEGIN

struct cohort_host;

/* @brief "cohort.paths/1": the directories of the run the plugin serves.
 *
 * A plugin's own data_dir() is private state. Files that people open (mail in
 * the outbox, PDFs, certificates) belong in named folders of the run's data
 * directory instead, e.g. run_dir()/outbox. */
typedef struct cohort_ext_paths {
  uint32_t struct_size; /* sizeof(cohort_ext_paths_t) as the engine knows it */

  /* [any-thread] Absolute path of the run's data directory (cohort run --data-dir); exists. */
  cohort_string_t (*run_dir)(const struct cohort_host *host);
} cohort_ext_paths_t;

COHORT_EXTERN_C_END
