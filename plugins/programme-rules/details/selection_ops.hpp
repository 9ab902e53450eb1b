#pragma once
/// @file selection_ops.hpp
/// @brief The selection operations' JSON faces: rules.assign_reviewers, rules.score,
///        rules.shortlist, rules.select and rules.replace (arguments and results are
///        documented in docs/plugins/programme-rules.md).

#include "details/json_io.hpp"

namespace cohort_rules::details {

OperationOutcome do_assign_reviewers(const Json& args, Reader& r);
OperationOutcome do_score(const Json& args, Reader& r);
OperationOutcome do_shortlist(const Json& args, Reader& r);
OperationOutcome do_select(const Json& args, Reader& r);
OperationOutcome do_replace(const Json& args, Reader& r);

}  // namespace cohort_rules::details
