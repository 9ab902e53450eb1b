#pragma once
/// @file page_flow.hpp
/// @brief Text flowing down pages: Pango layouts drawn line by line, a new page when one is full.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <string>
#include <string_view>

namespace cohort_documents::details {

/// @brief Text attributes of one run of text.
struct TextStyle {
  double size = 11;  ///< points
  bool bold = false;
  double grey = 0;  ///< 0 black .. 1 white
};

/// @brief Where text may go on a page, and where the flow currently is.
struct PageGeometry {
  double width = 0, height = 0;  ///< the page, in points
  double margin = 0;             ///< on every side
  double content_left() const { return margin; }
  double content_width() const { return width - 2 * margin; }
  double bottom() const { return height - margin; }
};

/// @brief Draws text downwards on the pages of a cairo surface, breaking pages between lines.
class PageFlow {
 public:
  /// `rtl`: the base direction of every paragraph.
  PageFlow(cairo_t* cr, PangoContext* context, const PageGeometry& geometry, std::string_view font, bool rtl);
  PageFlow(const PageFlow&) = delete;
  PageFlow& operator=(const PageFlow&) = delete;

  /// @brief A layout of `text` `width` points wide; the caller unrefs it.
  PangoLayout* layout(std::string_view text, const TextStyle& style, double width, PangoAlignment align,
                      bool justify = false);
  /// @brief Height of a layout in points.
  static double height(PangoLayout* layout);

  /// @brief Draws `text` at x from the current position, line by line, starting a new page
  ///        whenever the next line would pass the bottom; then moves down by its height.
  void paragraph(std::string_view text, const TextStyle& style, double x, double width, PangoAlignment align,
                 bool justify = false);
  /// @brief Draws a whole layout at (x, y) without breaking it (for table cells and the footer).
  void draw_at(PangoLayout* layout, double x, double y, double grey = 0);

  /// @brief Starts a new page unless `needed` points still fit above `limit` (the bottom by default).
  void ensure_room(double needed, double limit = -1);
  void new_page();
  /// @brief Drawn on every page: now on the current one, and on each new one (a border, say).
  void set_decoration(std::function<void(cairo_t*)> decorate);
  void advance(double points) { y_ += points; }

  double y() const { return y_; }
  int pages() const { return pages_; }
  /// @brief Characters drawn with no font that has them (across all layouts made here).
  int missing_glyphs() const { return missing_glyphs_; }
  const PageGeometry& geometry() const { return geometry_; }
  cairo_t* cairo() const { return cr_; }
  bool rtl() const { return rtl_; }

 private:
  cairo_t* cr_;
  PangoContext* context_;
  PageGeometry geometry_;
  std::string font_;
  bool rtl_;
  double y_;
  int pages_ = 1;
  int missing_glyphs_ = 0;
  std::function<void(cairo_t*)> decorate_;
};

}  // namespace cohort_documents::details
