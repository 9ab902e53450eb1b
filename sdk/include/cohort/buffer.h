#pragma once
/* @file buffer.h
 * @brief A host-provided output sink: results and messages of any size.
 *
 * The plugin never allocates memory the host must free, and never guesses a
 * size: it appends bytes through write(), as many times as it likes. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "export.h"

COHORT_EXTERN_C_BEGIN

/* @brief An append-only byte sink owned by the host, valid for the duration of one call. */
typedef struct cohort_buffer {
  uint32_t struct_size; /* sizeof(cohort_buffer_t) as the host knows it */
  void *host_data;      /* reserved for the host; the plugin must not touch it */

  /* [call-thread] Appends `size` bytes. Returns false when the host refuses (e.g. over its size limit). */
  bool (*write)(const struct cohort_buffer *buffer, const char *data, size_t size);

  /* [call-thread] Discards everything written so far (e.g. to replace a partial result by an error). */
  void (*clear)(const struct cohort_buffer *buffer);
} cohort_buffer_t;

COHORT_EXTERN_C_END
