#pragma once
/// @file document_template.hpp
/// @brief What a document says and how it is laid out: title lines, body blocks with
///        {{field}} placeholders, a signatory and the caption of the QR code.

#include <string>
#include <string_view>
#include <vector>

namespace cohort_documents {

/// @brief The kinds of document the plugin makes.
enum class Kind { InvitationLetter, Certificate };

/// @brief "invitation_letter" or "certificate" (the result's "kind" and the config key).
std::string_view kind_name(Kind kind);

/// @brief How body paragraphs are aligned (mirrored for right-to-left templates).
enum class Align { Left, Center, Justify };

/// @brief The look of one body block.
enum class Style {
  Paragraph,  ///< body text, aligned as the template says
  Headline,   ///< very large, bold, centred (the name on a certificate)
  Emphasis,   ///< larger, bold, centred (the programme title)
  Small,      ///< small print
};

/// @brief One label/value line of a details table ("Passport number" | "{{passport_number}}").
struct DetailRow {
  std::string label;
  std::string value;
};

/// @brief One block of the body: a paragraph in some style, or a details table when `details` is not empty.
struct Block {
  Style style = Style::Paragraph;
  std::string text;
  std::vector<DetailRow> details;
};

/// @brief Who signs, printed under a signature rule at the bottom of the last page.
struct Signatory {
  std::string name;
  std::string title;
  std::string organisation;
};

/// @brief A document's layout and texts. In a configured template the strings hold
///        {{field}} placeholders; after resolve() they hold the final text.
struct DocumentTemplate {
  bool landscape = false;
  bool rtl = false;  ///< base direction of the paragraphs (an Arabic-language template)
  Align align = Align::Left;
  bool middle = false;  ///< a one-page document's content centred vertically (certificates)
  std::vector<std::string> letterhead;  ///< small lines at the top, centred
  std::vector<std::string> reference;   ///< lines at the top, on the end side (number, date)
  std::vector<std::string> title;       ///< large bold lines, centred
  std::vector<Block> body;
  Signatory signatory;
  std::string qr_caption;  ///< small text under the QR code
};

/// @brief The built-in English template of a kind (used for every key the configuration leaves out).
DocumentTemplate default_template(Kind kind);

}  // namespace cohort_documents
