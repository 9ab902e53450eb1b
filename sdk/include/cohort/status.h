#pragma once
/* @file status.h
 * @brief Status codes returned across the ABI (errors never travel as exceptions).
 *
 * A status is an int32_t so that its size does not depend on the compiler's
 * choice for enums. Codes are never renumbered; new ones are only appended. */

#include <stdint.h>

#include "export.h"

COHORT_EXTERN_C_BEGIN

/* @brief A status code; one of the cohort_status_code constants. */
typedef int32_t cohort_status_t;

/* @brief The status codes. */
enum cohort_status_code {
  COHORT_STATUS_OK = 0,                /* success */
  COHORT_STATUS_ERROR = 1,             /* generic failure; the message says more */
  COHORT_STATUS_INVALID_ARGUMENT = 2,  /* the arguments (or event, or config) are not acceptable */
  COHORT_STATUS_UNKNOWN_OPERATION = 3, /* the plugin does not offer this operation */
  COHORT_STATUS_TIMEOUT = 4,           /* the deadline passed */
  COHORT_STATUS_UNAVAILABLE = 5,       /* a remote system is down; retrying later may succeed */
  COHORT_STATUS_NOT_FOUND = 6,         /* a thing the call refers to does not exist */
  COHORT_STATUS_PERMISSION_DENIED = 7, /* the plugin or remote refused on authority */
  COHORT_STATUS_UNSUPPORTED = 8,       /* valid request, but not supported by this build or config */
  COHORT_STATUS_CANCELLED = 9          /* the host or the plugin gave up on purpose */
};

/* A stable lowercase name for a status ("ok", "timeout", ...), "unknown" for others. */
static inline const char *cohort_status_name(cohort_status_t s) {
  switch (s) {
    case COHORT_STATUS_OK: return "ok";
    case COHORT_STATUS_ERROR: return "error";
    case COHORT_STATUS_INVALID_ARGUMENT: return "invalid_argument";
    case COHORT_STATUS_UNKNOWN_OPERATION: return "unknown_operation";
    case COHORT_STATUS_TIMEOUT: return "timeout";
    case COHORT_STATUS_UNAVAILABLE: return "unavailable";
    case COHORT_STATUS_NOT_FOUND: return "not_found";
    case COHORT_STATUS_PERMISSION_DENIED: return "permission_denied";
    case COHORT_STATUS_UNSUPPORTED: return "unsupported";
    case COHORT_STATUS_CANCELLED: return "cancelled";
    default: return "unknown";
  }
}

COHORT_EXTERN_C_END
