#pragma once
/* @file cohort.h
 * @brief Everything of the Cohort plugin C ABI in one include. */

#include "buffer.h"
#include "entry.h"
#include "export.h"
#include "extension.h"
#include "host.h"
#include "plugin.h"
#include "status.h"
#include "string.h"
#include "version.h"
