#pragma once
/* @file export.h
 * @brief Symbol visibility and C linkage helpers for the Cohort plugin ABI.
 *
 * Plugins are built with hidden visibility; COHORT_EXPORT marks the one symbol
 * the engine looks up (cohort_plugin_entry). */

#if defined(_WIN32)
#  define COHORT_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#  define COHORT_EXPORT __attribute__((visibility("default")))
#else
#  define COHORT_EXPORT
#endif

#ifdef __cplusplus
#  define COHORT_EXTERN_C_BEGIN extern "C" {
#  define COHORT_EXTERN_C_END }
#else
#  define COHORT_EXTERN_C_BEGIN
#  define COHORT_EXTERN_C_END
#endif
