#pragma once
/* @file host.h
 * @brief The services the engine offers a plugin instance (a vtable given at create()).
 *
 * Every pointer returned by the host (config, data_dir) stays valid until the
 * plugin instance is destroyed. */

#include <stdint.h>

#include "export.h"
#include "status.h"
#include "string.h"
#include "version.h"

COHORT_EXTERN_C_BEGIN

/* @brief Severity of a log line; an int32_t for a compiler-independent size. */
typedef int32_t cohort_log_level_t;

/* @brief Log levels, from the most to the least verbose. */
enum cohort_log_level {
  COHORT_LOG_TRACE = 0,
  COHORT_LOG_DEBUG = 1,
  COHORT_LOG_INFO = 2,
  COHORT_LOG_WARN = 3,
  COHORT_LOG_ERROR = 4
};

/* @brief The host vtable. Functions may be called from any thread unless stated otherwise. */
typedef struct cohort_host {
  uint32_t struct_size;     /* sizeof(cohort_host_t) as the engine knows it */
  cohort_abi_version_t abi; /* the ABI the engine implements */
  void *host_data;          /* reserved for the host; the plugin must not touch it */
  cohort_string_t name;     /* the engine's name, e.g. "cohort" */
  cohort_string_t version;  /* the engine's version (semver) */

  /* [any-thread] Writes one line to the engine's log, tagged with the plugin id. */
  void (*log)(const struct cohort_host *host, cohort_log_level_t level, cohort_string_t message);

  /* [any-thread] Sends an event (a JSON object: type, subject, data, ...) back into the engine.
   * Returns COHORT_STATUS_INVALID_ARGUMENT when the text is not a JSON object. */
  cohort_status_t (*emit)(const struct cohort_host *host, cohort_string_t event_json);

  /* [any-thread] The plugin's configuration: JSON object text ("{}" when none was given). */
  cohort_string_t (*config)(const struct cohort_host *host);

  /* [any-thread] Absolute path of this plugin's own data directory (created by the host). */
  cohort_string_t (*data_dir)(const struct cohort_host *host);

  /* [any-thread] Looks up a host extension by id with revision (e.g. "cohort.timer/1").
   * Returns the extension's vtable, or NULL when the engine does not offer it. */
  const void *(*get_extension)(const struct cohort_host *host, cohort_string_t id);
} cohort_host_t;

COHORT_EXTERN_C_END
