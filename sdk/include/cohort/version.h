#pragma once
/* @file version.h
 * @brief The ABI version of the Cohort plugin interface and the compatibility rule.
 *
 * Compatible when the majors are equal and the plugin's minor is not newer
 * than the engine's: a minor release only adds (extensions, struct tails that
 * are guarded by struct_size), a major release may break. */

#include <stdbool.h>
#include <stdint.h>

#include "export.h"

#define COHORT_ABI_MAJOR 1
#define COHORT_ABI_MINOR 0
#define COHORT_ABI_REVISION 0

COHORT_EXTERN_C_BEGIN

/* @brief An ABI version {major, minor, revision}.
 * A frozen value type: its layout never changes, so it carries no struct_size. */
typedef struct cohort_abi_version {
  uint32_t major;
  uint32_t minor;
  uint32_t revision;
} cohort_abi_version_t;

/* Initialiser for the ABI this header describes. */
#define COHORT_ABI_VERSION_INIT \
  { COHORT_ABI_MAJOR, COHORT_ABI_MINOR, COHORT_ABI_REVISION }

/* True when a plugin built against `plugin` can be loaded by an engine built against `engine`. */
static inline bool cohort_abi_is_compatible(cohort_abi_version_t engine, cohort_abi_version_t plugin) {
  return plugin.major == engine.major && plugin.minor <= engine.minor;
}

COHORT_EXTERN_C_END
