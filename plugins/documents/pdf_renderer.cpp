#include "pdf_renderer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <mutex>

#include "details/page_flow.hpp"

namespace cohort_documents {

using details::PageFlow;
using details::PageGeometry;
using details::TextStyle;

struct PdfRenderer::Impl {
  std::mutex mutex;
  PangoFontMap* font_map = nullptr;
};

PdfRenderer::PdfRenderer() : impl_(std::make_unique<Impl>()) {
  impl_->font_map = pango_cairo_font_map_new();
  // 72 dpi: a font size in points is the same number of PDF units.
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(impl_->font_map), 72.0);
}

PdfRenderer::~PdfRenderer() {
  if (impl_->font_map) g_object_unref(impl_->font_map);
}

namespace {

constexpr double kMm = 72.0 / 25.4;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\n") == std::string_view::npos; }

// Sizes of the text styles; a landscape certificate is set larger than a letter.
struct Sizes {
  double paragraph, title, headline, emphasis, small, details, letterhead_first, letterhead, reference, caption;
};
Sizes sizes_for(bool landscape) {
  if (landscape) return {13, 28, 32, 17, 9, 11.5, 13, 10, 10, 7.5};
  return {11, 18, 26, 14, 8.5, 10.5, 12, 9, 10, 7.5};
}

// The QR code as filled squares, one path, so that it stays sharp at any zoom and prints exactly.
// Runs of dark modules in a row become one rectangle, which keeps the PDF small.
void draw_qr(cairo_t* cr, const QrCode& qr, double x, double y, double module) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  const double side = module * (qr.width + 8);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double ox = x + 4 * module, oy = y + 4 * module;  // the 4-module quiet zone
  for (int r = 0; r < qr.width; ++r) {
    for (int c = 0; c < qr.width;) {
      if (!qr.dark(r, c)) {
        ++c;
        continue;
      }
      int end = c;
      while (end < qr.width && qr.dark(r, end)) ++end;
      cairo_rectangle(cr, ox + c * module, oy + r * module, (end - c) * module, module);
      c = end;
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void draw_frame(cairo_t* cr, const PageGeometry& g) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.15, 0.25, 0.45);
  cairo_set_line_width(cr, 1.6);
  const double outer = 9 * kMm, inner = 11 * kMm;
  cairo_rectangle(cr, outer, outer, g.width - 2 * outer, g.height - 2 * outer);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, inner, inner, g.width - 2 * inner, g.height - 2 * inner);
  cairo_stroke(cr);
  cairo_restore(cr);
}

class Composer {
 public:
  Composer(PageFlow& flow, const DocumentTemplate& doc)
      : flow_(flow), doc_(doc), sizes_(sizes_for(doc.landscape)), g_(flow.geometry()) {}

  void letterhead() {
    bool first = true, any = false;
    for (const auto& line : doc_.letterhead) {
      if (blank(line)) continue;
      TextStyle style{first ? sizes_.letterhead_first : sizes_.letterhead, first, first ? 0.0 : 0.3};
      flow_.paragraph(line, style, g_.content_left(), g_.content_width(), PANGO_ALIGN_CENTER);
      first = false;
      any = true;
    }
    if (!any) return;
    flow_.advance(5);
    cairo_t* cr = flow_.cairo();
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, g_.content_left(), flow_.y());
    cairo_line_to(cr, g_.content_left() + g_.content_width(), flow_.y());
    cairo_stroke(cr);
    cairo_restore(cr);
    flow_.advance(doc_.landscape ? 18 : 10);
  }

  void reference() {
    bool any = false;
    for (const auto& line : doc_.reference) {
      if (blank(line)) continue;
      flow_.paragraph(line, {sizes_.reference, false, 0.2}, g_.content_left(), g_.content_width(), end());
      any = true;
    }
    if (any) flow_.advance(14);
  }

  void title() {
    bool any = false;
    for (const auto& line : doc_.title) {
      if (blank(line)) continue;
      flow_.paragraph(line, {sizes_.title, true, 0.1}, g_.content_left(), g_.content_width(), PANGO_ALIGN_CENTER);
      any = true;
    }
    if (any) flow_.advance(doc_.landscape ? 14 : 16);
  }

  void body() {
    for (const auto& block : doc_.body) {
      if (!block.details.empty()) {
        details(block.details);
        continue;
      }
      if (blank(block.text)) continue;
      switch (block.style) {
        case Style::Headline:
          flow_.advance(4);
          flow_.paragraph(block.text, {sizes_.headline, true, 0}, g_.content_left(), g_.content_width(),
                          PANGO_ALIGN_CENTER);
          flow_.advance(10);
          break;
        case Style::Emphasis:
          flow_.paragraph(block.text, {sizes_.emphasis, true, 0.1}, g_.content_left(), g_.content_width(),
                          PANGO_ALIGN_CENTER);
          flow_.advance(8);
          break;
        case Style::Small:
          flow_.paragraph(block.text, {sizes_.small, false, 0.25}, g_.content_left(), g_.content_width(),
                          paragraph_align(), doc_.align == Align::Justify);
          flow_.advance(6);
          break;
        case Style::Paragraph:
          flow_.paragraph(block.text, {sizes_.paragraph, false, 0}, g_.content_left(), g_.content_width(),
                          paragraph_align(), doc_.align == Align::Justify);
          flow_.advance(doc_.landscape ? 6 : 9);
          break;
      }
    }
  }

  // The signatory on the start side and the QR code with its caption on the end side, at the
  // bottom of the last page.
  double footer(const QrCode& qr, std::string_view caption) {
    const int modules = qr.width + 8;  // with the quiet zone
    // 1.3 pt (0.46 mm) modules print and scan comfortably; a code that would not fit under the
    // body shrinks down to 1 pt (0.35 mm, still 4 pixels at 300 dpi) before it is sent alone to
    // a new page.
    const double preferred = std::max(1.3, 72.0 / modules);
    const double smallest = std::max(1.0, 72.0 / modules);
    const double caption_width = std::max(preferred * modules, 150.0);
    PangoLayout* caption_layout = flow_.layout(caption, {sizes_.caption, false, 0.25}, caption_width, PANGO_ALIGN_CENTER);
    const double caption_height = PageFlow::height(caption_layout);

    const double signatory_width = std::min(230.0, g_.content_width() - caption_width - 20);
    std::vector<std::pair<PangoLayout*, double>> lines;  // layout, height
    const std::pair<const std::string*, TextStyle> parts[] = {
        {&doc_.signatory.name, {11, true, 0}},
        {&doc_.signatory.title, {10, false, 0.2}},
        {&doc_.signatory.organisation, {10, false, 0.2}}};
    double signatory_height = 0;
    for (const auto& [text, style] : parts) {
      if (blank(*text)) continue;
      PangoLayout* l = flow_.layout(*text, style, signatory_width, start());
      lines.emplace_back(l, PageFlow::height(l));
      signatory_height += lines.back().second;
    }
    const double signing_space = 36;
    if (!lines.empty()) signatory_height += signing_space + 4;

    double module = preferred;
    const double room = g_.bottom() - flow_.y() - 10;
    if (std::max(preferred * modules + caption_height, signatory_height) > room && signatory_height <= room) {
      const double fits = (room - caption_height) / modules;
      if (fits >= smallest) module = fits;
    }
    const double side = module * modules;
    const double qr_block = side + caption_height;
    const double footer_height = std::max(qr_block, signatory_height);
    flow_.ensure_room(footer_height + 10);
    const double bottom = g_.bottom();
    cairo_t* cr = flow_.cairo();

    const double right = g_.content_left() + g_.content_width();
    const double qr_x = flow_.rtl() ? g_.content_left() + (caption_width - side) / 2 : right - side - (caption_width - side) / 2;
    const double qr_y = bottom - qr_block;
    draw_qr(cr, qr, qr_x, qr_y, module);
    flow_.draw_at(caption_layout, qr_x + side / 2 - caption_width / 2, qr_y + side, 0.25);
    g_object_unref(caption_layout);

    if (!lines.empty()) {
      const double x = flow_.rtl() ? right - signatory_width : g_.content_left();
      double y = bottom - signatory_height + signing_space;
      cairo_save(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_set_line_width(cr, 0.6);
      const double rule = std::min(signatory_width, 180.0);
      const double rule_x = flow_.rtl() ? x + signatory_width - rule : x;
      cairo_move_to(cr, rule_x, y);
      cairo_line_to(cr, rule_x + rule, y);
      cairo_stroke(cr);
      cairo_restore(cr);
      y += 4;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        flow_.draw_at(lines[i].first, x, y, i == 0 ? 0.0 : 0.2);
        y += lines[i].second;
        g_object_unref(lines[i].first);
      }
    }
    return footer_height;
  }

 private:
  PangoAlignment start() const { return doc_.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT; }
  PangoAlignment end() const { return doc_.rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT; }
  PangoAlignment paragraph_align() const { return doc_.align == Align::Center ? PANGO_ALIGN_CENTER : start(); }

  // Label/value rows. Centred templates put labels right-aligned before the middle and values
  // after it; the others put a label column on the start side.
  void details(const std::vector<DetailRow>& rows) {
    const bool centred = doc_.align == Align::Center;
    const double gap = 12;
    const double width = g_.content_width();
    const double label_width = centred ? width / 2 - gap / 2 : width * 0.34;
    const double value_width = width - label_width - gap;
    const double left = g_.content_left();
    const bool rtl = doc_.rtl;
    for (const auto& row : rows) {
      if (blank(row.value)) continue;
      PangoLayout* label = flow_.layout(row.label, {sizes_.details, false, 0.3}, label_width,
                                        centred ? end() : start());
      PangoLayout* value = flow_.layout(row.value, {sizes_.details, true, 0}, value_width, start());
      const double h = std::max(PageFlow::height(label), PageFlow::height(value));
      flow_.ensure_room(h);
      const double label_x = rtl ? left + width - label_width : left;
      const double value_x = rtl ? left : left + label_width + gap;
      flow_.draw_at(label, label_x, flow_.y(), 0.3);
      flow_.draw_at(value, value_x, flow_.y(), 0);
      flow_.advance(h + 2);
      g_object_unref(label);
      g_object_unref(value);
    }
    flow_.advance(doc_.landscape ? 6 : 9);
  }

  PageFlow& flow_;
  const DocumentTemplate& doc_;
  Sizes sizes_;
  PageGeometry g_;
};

}  // namespace

namespace {

cairo_status_t discard_bytes(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

// What one drawing pass found out about the layout.
struct Pass {
  int pages = 0;
  int missing_glyphs = 0;
  double body_top = 0;  ///< below the letterhead
  double body_end = 0;  ///< below the last body block
  double footer_height = 0;
};

// Draws the whole document on `surface`, the content below the letterhead moved down by `shift`.
Pass draw(cairo_surface_t* surface, PangoFontMap* font_map, const RenderRequest& request, const PageGeometry& g,
          double shift) {
  const auto& doc = request.content;
  cairo_t* cr = cairo_create(surface);
  PangoContext* context = pango_font_map_create_context(font_map);
  cairo_font_options_t* options = cairo_font_options_create();
  // Unhinted metrics: glyph positions are the font's own, the same on any screen or printer.
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_context_set_base_dir(context, doc.rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_cairo_update_context(cr, context);

  Pass pass;
  {
    PageFlow flow(cr, context, g, request.font, doc.rtl);
    if (doc.landscape) flow.set_decoration([g](cairo_t* c) { draw_frame(c, g); });
    Composer composer(flow, doc);
    composer.letterhead();
    pass.body_top = flow.y();
    flow.advance(shift);
    composer.reference();
    composer.title();
    composer.body();
    pass.body_end = flow.y();
    pass.footer_height = composer.footer(request.qr, doc.qr_caption);
    pass.pages = flow.pages();
    pass.missing_glyphs = flow.missing_glyphs();
  }
  g_object_unref(context);
  cairo_destroy(cr);
  return pass;
}

}  // namespace

bool PdfRenderer::render(const RenderRequest& request, RenderedPdf& out, std::string& error) {
  std::lock_guard lock(impl_->mutex);
  const auto& doc = request.content;
  PageGeometry g;
  g.width = request.page == PageSize::A4 ? 210 * kMm : 612;
  g.height = request.page == PageSize::A4 ? 297 * kMm : 792;
  if (doc.landscape) std::swap(g.width, g.height);
  g.margin = (doc.landscape ? 18 : 20) * kMm;

  // A middle-aligned one-page document is drawn twice: first to measure, then centred between
  // the letterhead and the footer.
  double shift = 0;
  if (doc.middle) {
    cairo_surface_t* scratch = cairo_pdf_surface_create_for_stream(discard_bytes, nullptr, g.width, g.height);
    const Pass measured = draw(scratch, impl_->font_map, request, g, 0);
    cairo_surface_finish(scratch);
    cairo_surface_destroy(scratch);
    const double room = g.bottom() - measured.footer_height - 10 - measured.body_top;
    const double used = measured.body_end - measured.body_top;
    if (measured.pages == 1 && room > used) shift = (room - used) / 2;
  }

  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_bytes, &bytes, g.width, g.height);
  // Fixed metadata: without a creation date cairo writes the clock's, and the bytes (and the
  // content address) would differ on every run.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, request.pdf_title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Cohort documents plugin");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, request.created.c_str());
  const Pass pass = draw(surface, impl_->font_map, request, g, shift);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    error = std::string("cairo could not write the PDF: ") + cairo_status_to_string(status);
    return false;
  }
  out.bytes = std::move(bytes);
  out.pages = pass.pages;
  out.missing_glyphs = pass.missing_glyphs;
  return true;
}

int PdfRenderer::missing_glyphs(const std::string& font, const std::string& text) {
  std::lock_guard lock(impl_->mutex);
  cairo_surface_t* scratch = cairo_pdf_surface_create_for_stream(discard_bytes, nullptr, 100, 100);
  cairo_t* cr = cairo_create(scratch);
  PangoContext* context = pango_font_map_create_context(impl_->font_map);
  pango_cairo_update_context(cr, context);
  int missing = 0;
  {
    PageFlow flow(cr, context, PageGeometry{100, 100, 0}, font, false);
    PangoLayout* layout = flow.layout(text, TextStyle{}, 100, PANGO_ALIGN_LEFT);
    missing = flow.missing_glyphs();
    g_object_unref(layout);
  }
  g_object_unref(context);
  cairo_destroy(cr);
  cairo_surface_finish(scratch);
  cairo_surface_destroy(scratch);
  return missing;
}

}  // namespace cohort_documents
