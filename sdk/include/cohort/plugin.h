#pragma once
/* @file plugin.h
 * @brief A plugin's descriptor (what it is, offers and listens to) and a plugin instance's vtable.
 *
 * Threading words used below:
 *   [main-thread]  called by the engine's control thread, never concurrently with itself
 *   [call-thread]  called by one of the host's call workers; calls may run concurrently
 *                  with each other and with on_event, so the plugin guards its own state
 *   [event-thread] called by the engine's event delivery, one event at a time per plugin
 *   [any-thread]   may be called from any thread at any time */

#include <stdint.h>

#include "buffer.h"
#include "export.h"
#include "host.h"
#include "status.h"
#include "string.h"

COHORT_EXTERN_C_BEGIN

/* @brief Flag of an operation that acts outside Cohort (sends mail, posts to another
 * system, charges a card): the engine writes it to the event log's outbox before the
 * call and records its completion, so a crash or a replay never repeats it with a new
 * idempotency key. The plugin must honour the key (see cohort_call_context_t). */
#define COHORT_OPERATION_EFFECTS 0x1u

/* @brief One operation the plugin offers, e.g. "rules.check_eligibility". */
typedef struct cohort_operation_info {
  uint32_t struct_size;        /* sizeof(cohort_operation_info_t) */
  cohort_string_t name;        /* dotted name, unique across all loaded plugins */
  cohort_string_t description; /* one line for people */
  uint32_t flags;              /* COHORT_OPERATION_* bits (read only when struct_size covers it) */
} cohort_operation_info_t;

/* @brief What a plugin is. Owned by the plugin library; valid until deinit(). */
typedef struct cohort_plugin_descriptor {
  uint32_t struct_size;        /* sizeof(cohort_plugin_descriptor_t) */
  cohort_string_t id;          /* reverse-DNS, e.g. "edu.tongji.grading" */
  cohort_string_t name;        /* for people */
  cohort_string_t vendor;      /* who wrote it */
  cohort_string_t version;     /* semver of the plugin itself, e.g. "1.2.0" */
  cohort_string_t description; /* one line */

  /* The operations offered: an array of operation_count pointers (pointers, so that
   * each entry may grow on its own without changing the array's stride). */
  const cohort_operation_info_t *const *operations;
  uint32_t operation_count;

  /* Event types the plugin wants on_event for; "*" means all. */
  const cohort_string_t *subscribes;
  uint32_t subscribe_count;
} cohort_plugin_descriptor_t;

/* @brief Who asks, and until when, for one call. Valid for the duration of the call. */
typedef struct cohort_call_context {
  uint32_t struct_size;            /* sizeof(cohort_call_context_t) as the host knows it */
  cohort_string_t instance;        /* the workflow instance (its subject, e.g. an applicant id) */
  cohort_string_t step;            /* the step within the instance that makes the call */
  uint32_t attempt;                /* 1 for the first try, 2 for the first retry, ... */
  cohort_string_t idempotency_key; /* "instance/step/attempt": equal keys mean the same side effect */
  int64_t deadline_ms;             /* Unix time in ms after which the host stops waiting; 0 = none */
  uint32_t timeout_ms;             /* the budget the deadline was computed from; 0 = none */
} cohort_call_context_t;

/* @brief A plugin instance: created by the library's entry, owned by the host until destroy(). */
typedef struct cohort_plugin {
  uint32_t struct_size;                   /* sizeof(cohort_plugin_t) as the plugin knows it */
  const cohort_plugin_descriptor_t *desc; /* same as the entry's get_descriptor() */
  void *plugin_data;                      /* reserved for the plugin; the host must not touch it */

  /* [main-thread] Called once, before anything else; reads config through the host.
   * On failure returns a non-OK status and writes why into `message`. */
  cohort_status_t (*init)(const struct cohort_plugin *plugin, const cohort_buffer_t *message);

  /* [call-thread] Runs one operation. On OK the result (JSON text) is written into `result`;
   * otherwise a message is written into `message`. Should return by ctx->deadline_ms. */
  cohort_status_t (*call)(const struct cohort_plugin *plugin, cohort_string_t operation,
                          cohort_string_t args_json, const cohort_call_context_t *ctx,
                          const cohort_buffer_t *result, const cohort_buffer_t *message);

  /* [event-thread] Delivers one event (JSON object text) the plugin subscribed to. */
  cohort_status_t (*on_event)(const struct cohort_plugin *plugin, cohort_string_t event_json,
                              const cohort_buffer_t *message);

  /* [any-thread] Looks up a plugin extension by id with revision; NULL when not offered. */
  const void *(*get_extension)(const struct cohort_plugin *plugin, cohort_string_t id);

  /* [main-thread] Frees the instance; no other function of it is called afterwards. */
  void (*destroy)(const struct cohort_plugin *plugin);
} cohort_plugin_t;

COHORT_EXTERN_C_END
