#pragma once
/// @file placeholders.hpp
/// @brief {{field}} placeholders: checked when the configuration loads, replaced when a document is made.

#include <string>
#include <string_view>

#include "document_template.hpp"
#include "fields.hpp"

namespace cohort_documents {

/// @brief Checks every placeholder of `text` names a known field and every "{{" is closed.
///        On failure `error` says which placeholder and why (the caller adds where).
bool check_placeholders(std::string_view text, std::string& error);

/// @brief `text` with each {{field}} replaced by its value (empty when absent). A right-to-left
///        value inside other text is wrapped in Unicode isolates (FSI ... PDI) so that it cannot
///        reorder the words around it.
std::string substitute(std::string_view text, const Fields& fields);

/// @brief A copy of `tmpl` with every text substituted: the document as it will be printed.
///        A text whose placeholders all come out empty becomes empty (and is not printed).
DocumentTemplate resolve(const DocumentTemplate& tmpl, const Fields& fields);

}  // namespace cohort_documents
