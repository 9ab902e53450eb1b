#pragma once
/* @file string.h
 * @brief A borrowed (pointer, length) string: the only string type crossing the ABI.
 *
 * Not necessarily NUL-terminated. Payloads (arguments, results, events,
 * configuration) are UTF-8 JSON text carried this way. */

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "export.h"

COHORT_EXTERN_C_BEGIN

/* @brief A borrowed UTF-8 string view. The owner of the bytes says how long they live.
 * A frozen value type (two words, passed by value): it carries no struct_size. */
typedef struct cohort_string {
  const char *data;
  size_t size;
} cohort_string_t;

/* A cohort_string_t initialiser for a string literal (usable in static initialisers). */
#define COHORT_STR(literal) \
  { (literal), sizeof(literal) - 1 }

/* A view of a NUL-terminated string (NULL gives the empty string). */
static inline cohort_string_t cohort_string_from_cstr(const char *s) {
  cohort_string_t r;
  r.data = s ? s : "";
  r.size = s ? strlen(s) : 0;
  return r;
}

/* True when both views hold the same bytes. */
static inline bool cohort_string_equal(cohort_string_t a, cohort_string_t b) {
  return a.size == b.size && (a.size == 0 || memcmp(a.data, b.data, a.size) == 0);
}

COHORT_EXTERN_C_END
