#include "details/page_flow.hpp"

#include <utility>

namespace cohort_documents::details {

PageFlow::PageFlow(cairo_t* cr, PangoContext* context, const PageGeometry& geometry, std::string_view font, bool rtl)
    : cr_(cr), context_(context), geometry_(geometry), font_(font), rtl_(rtl), y_(geometry.margin) {}

PangoLayout* PageFlow::layout(std::string_view text, const TextStyle& style, double width, PangoAlignment align,
                              bool justify) {
  PangoLayout* l = pango_layout_new(context_);
  PangoFontDescription* desc = pango_font_description_new();
  // set_family takes a comma-separated list; from_string would read trailing words as styles.
  pango_font_description_set_family(desc, font_.c_str());
  pango_font_description_set_size(desc, static_cast<gint>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(l, desc);
  pango_font_description_free(desc);
  // The template decides the paragraph direction, not the first letter of a participant's name.
  pango_layout_set_auto_dir(l, FALSE);
  pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l, align);
  pango_layout_set_justify(l, justify);
  pango_layout_set_line_spacing(l, 1.2f);
  // Plain text, never markup: a name such as "<b>" is printed as written.
  pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
  missing_glyphs_ += pango_layout_get_unknown_glyphs_count(l);
  return l;
}

double PageFlow::height(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.height) / PANGO_SCALE;
}

void PageFlow::paragraph(std::string_view text, const TextStyle& style, double x, double width, PangoAlignment align,
                         bool justify) {
  PangoLayout* l = layout(text, style, width, align, justify);
  cairo_set_source_rgb(cr_, style.grey, style.grey, style.grey);
  // origin: where the layout's top would be on the current page.
  double origin = y_;
  double end = y_;
  PangoLayoutIter* it = pango_layout_get_iter(l);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    const double top = static_cast<double>(logical.y) / PANGO_SCALE;
    const double bottom = top + static_cast<double>(logical.height) / PANGO_SCALE;
    if (origin + bottom > geometry_.bottom() && origin + top > geometry_.margin + 0.5) {
      new_page();
      cairo_set_source_rgb(cr_, style.grey, style.grey, style.grey);
      origin = geometry_.margin - top;
    }
    const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
    cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, origin + baseline);
    pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
    end = origin + bottom;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  g_object_unref(l);
  y_ = end;
}

void PageFlow::draw_at(PangoLayout* layout, double x, double y, double grey) {
  cairo_set_source_rgb(cr_, grey, grey, grey);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
}

void PageFlow::ensure_room(double needed, double limit) {
  if (limit < 0) limit = geometry_.bottom();
  if (y_ + needed > limit && y_ > geometry_.margin + 0.5) new_page();
}

void PageFlow::new_page() {
  cairo_show_page(cr_);
  ++pages_;
  y_ = geometry_.margin;
  if (decorate_) decorate_(cr_);
}

void PageFlow::set_decoration(std::function<void(cairo_t*)> decorate) {
  decorate_ = std::move(decorate);
  if (decorate_) decorate_(cr_);
}

}  // namespace cohort_documents::details
