#pragma once
/* @file entry.h
 * @brief The one symbol a plugin library exports: `cohort_plugin_entry`.
 *
 * The engine reads struct_size and abi first and calls nothing when the ABI
 * is incompatible (see version.h). Then: init() once, get_descriptor(),
 * create() per instance, and deinit() once before unloading. */

#include <stdbool.h>
#include <stdint.h>

#include "export.h"
#include "host.h"
#include "plugin.h"
#include "string.h"
#include "version.h"

COHORT_EXTERN_C_BEGIN

/* @brief The library entry. Its first two members never move in any ABI version. */
typedef struct cohort_plugin_entry {
  uint32_t struct_size;     /* sizeof(cohort_plugin_entry_t) as the plugin knows it */
  cohort_abi_version_t abi; /* COHORT_ABI_VERSION_INIT of the SDK the plugin was built with */

  /* [main-thread] Called once after loading, with the library's path; false refuses the load.
   * May be called again after deinit() if the library is loaded again. */
  bool (*init)(cohort_string_t library_path);

  /* [main-thread] Called once before unloading; nothing from the library is used afterwards. */
  void (*deinit)(void);

  /* [main-thread] The descriptor; valid from init() to deinit(). */
  const cohort_plugin_descriptor_t *(*get_descriptor)(void);

  /* [main-thread] Creates an instance that uses `host` (valid until the instance is destroyed).
   * Returns NULL on failure. The instance is not usable before its init() returned OK. */
  const cohort_plugin_t *(*create)(const cohort_host_t *host);
} cohort_plugin_entry_t;

/* The name the engine looks up, as a string. */
#define COHORT_PLUGIN_ENTRY_SYMBOL "cohort_plugin_entry"

/* The symbol every plugin library defines and exports. */
COHORT_EXPORT extern const cohort_plugin_entry_t cohort_plugin_entry;

COHORT_EXTERN_C_END
