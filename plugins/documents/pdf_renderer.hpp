#pragma once
/// @file pdf_renderer.hpp
/// @brief Lays out a resolved document with Pango and draws it into PDF bytes with cairo.

#include <memory>
#include <string>
#include <vector>

#include "config.hpp"
#include "document_template.hpp"
#include "qr_code.hpp"

namespace cohort_documents {

/// @brief Everything one PDF is made from. Equal requests give byte-identical PDFs.
struct RenderRequest {
  DocumentTemplate content;  ///< resolved: final text, no placeholders
  std::string font;          ///< Pango family list
  PageSize page = PageSize::A4;
  QrCode qr;
  std::string pdf_title;  ///< document information "Title"
  std::string created;    ///< ISO 8601, the PDF's CreationDate (never the clock)
};

/// @brief The PDF and what the caller reports about it.
struct RenderedPdf {
  std::string bytes;
  int pages = 0;
  /// Characters no installed font could draw (shown as boxes): worth a warning.
  int missing_glyphs = 0;
};

/// @brief Renders documents. Owns one Pango font map; render() may be called from any thread
///        (calls are serialised, since a font map is not thread-safe).
class PdfRenderer {
 public:
  PdfRenderer();
  ~PdfRenderer();
  PdfRenderer(const PdfRenderer&) = delete;
  PdfRenderer& operator=(const PdfRenderer&) = delete;

  /// @brief Draws `request` as a PDF; false with `error` when cairo fails.
  bool render(const RenderRequest& request, RenderedPdf& out, std::string& error);

  /// @brief How many characters of `text` no installed font can draw with the families `font`.
  ///        Also loads the fonts, so the first document is not slower than the rest.
  int missing_glyphs(const std::string& font, const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cohort_documents
