#include "documents/pdf_render.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

namespace mutua {

namespace {

// Page geometry, in PDF points (1/72 inch): the surface's user unit.
constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kPointsPerMm;
constexpr double kPageHeight = 297 * kPointsPerMm;
constexpr double kMargin = 20 * kPointsPerMm;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kTop = kMargin;
constexpr double kAtTopTolerance = 0.01;

// Vertical rhythm and columns, in points.
constexpr double kBlockGap = 6;
constexpr double kHeadingGapBefore = 10;
constexpr double kHeadingGapAfter = 4;
constexpr double kHeadingKeepWithNext = 36;  // about three lines of text after a heading
constexpr double kRecipientDrop = 24;        // the recipient sits a little lower, as in a letter
constexpr double kReferenceGap = 6;
constexpr double kLetterheadGap = 18;
constexpr double kTitleGapAfter = 14;
constexpr double kSignatureGapBefore = 18;
constexpr double kRightColumn = 0.55;        // recipient and signature start at 55 % of the width
constexpr double kSenderWidth = 0.5;
constexpr double kFieldsLabelMax = 0.4;
constexpr double kFieldsColumnGap = 12;
constexpr double kFieldsRowGap = 2;
constexpr double kFooterGap = 10;            // between the content and the footer text
constexpr double kFooterTextWidth = 0.8;     // the rest is for "Page n / N"
constexpr double kCellPadding = 3;
constexpr double kBorderWidth = 0.5;
constexpr double kHeaderGrey = 0.88;
constexpr double kFooterGrey = 0.35;

enum class Style { kRegular, kBold, kHeading, kTitle, kSmall, kCount };
constexpr std::array<const char*, static_cast<size_t>(Style::kCount)> kFonts = {
    "DejaVu Sans 10", "DejaVu Sans Bold 10", "DejaVu Sans Bold 12", "DejaVu Sans Bold 16",
    "DejaVu Sans 8"};

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;

double to_points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }
int to_pango(double points) { return pango_units_from_double(points); }

Error pdf_error(const std::string& path, const std::string& why) {
  return Error{"cannot write PDF " + path + ": " + why};
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

// Lays out a document on cairo pages. Both passes (counting, then printing) run this same code
// on a PDF surface, so they break pages at the same places.
class Renderer {
 public:
  // total_pages: what "Page n / N" says; 0 in the counting pass.
  Renderer(cairo_t* cr, const PdfDocument& doc, int total_pages)
      : cr_(cr), doc_(doc), total_pages_(total_pages), context_(pango_cairo_create_context(cr)) {
    // Font sizes are in points and the surface unit is the point: 72 dpi, not pango's 96.
    pango_cairo_context_set_resolution(context_.get(), 72.0);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    for (size_t i = 0; i < kFonts.size(); ++i) fonts_[i].reset(pango_font_description_from_string(kFonts[i]));
    LayoutPtr footer = layout(doc_.footer.empty() ? "Page" : doc_.footer, Style::kSmall,
                              kTextWidth * kFooterTextWidth);
    bottom_ = kPageHeight - kMargin - height(footer.get()) - kFooterGap;
  }

  // Prints the whole document; returns its number of pages.
  int run() {
    letterhead();
    for (const PdfBlock& b : doc_.blocks) block(b);
    finish_page();
    return page_;
  }

 private:
  // width < 0: no wrapping (natural width).
  LayoutPtr layout(const std::string& text, Style style, double width,
                   PangoAlignment align = PANGO_ALIGN_LEFT,
                   PangoWrapMode wrap = PANGO_WRAP_WORD) {
    LayoutPtr l(pango_layout_new(context_.get()));
    pango_layout_set_font_description(l.get(), fonts_[static_cast<size_t>(style)].get());
    pango_layout_set_width(l.get(), width < 0 ? -1 : to_pango(width));
    pango_layout_set_wrap(l.get(), wrap);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    return l;
  }

  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return to_points(h);
  }
  static double natural_width(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return to_points(w);
  }

  bool fits(double h) const { return y_ + h <= bottom_; }
  bool at_top() const { return y_ <= kTop + kAtTopTolerance; }

  void show(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  // Prints a layout line by line from y_, going to a new page when a line does not fit.
  void flow(PangoLayout* l, double x) {
    PangoLayoutIter* it = pango_layout_get_iter(l);
    double origin = y_;  // page position of the layout's y = `shift`
    double shift = 0;
    double end = y_;
    do {
      int top = 0, bottom = 0;
      pango_layout_iter_get_line_yrange(it, &top, &bottom);
      if (origin + to_points(bottom) - shift > bottom_ &&
          origin + to_points(top) - shift > kTop + kAtTopTolerance) {
        page_break();
        origin = y_;
        shift = to_points(top);
      }
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      cairo_move_to(cr_, x + to_points(logical.x),
                    origin + to_points(pango_layout_iter_get_baseline(it)) - shift);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      end = origin + to_points(bottom) - shift;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ = end;
  }

  void footer() {
    cairo_set_source_rgb(cr_, kFooterGrey, kFooterGrey, kFooterGrey);
    cairo_set_line_width(cr_, kBorderWidth);
    double rule_y = bottom_ + kFooterGap / 2;
    cairo_move_to(cr_, kMargin, rule_y);
    cairo_line_to(cr_, kMargin + kTextWidth, rule_y);
    cairo_stroke(cr_);
    double text_y = bottom_ + kFooterGap;
    if (!doc_.footer.empty()) {
      show(layout(doc_.footer, Style::kSmall, kTextWidth * kFooterTextWidth).get(), kMargin, text_y);
    }
    std::string number = "Page " + std::to_string(page_) + " / " +
                         (total_pages_ > 0 ? std::to_string(total_pages_) : std::string("?"));
    show(layout(number, Style::kSmall, kTextWidth, PANGO_ALIGN_RIGHT).get(), kMargin, text_y);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void finish_page() {
    footer();
    cairo_show_page(cr_);
  }

  void page_break() {
    finish_page();
    ++page_;
    y_ = kTop;
  }

  void letterhead() {
    double left_end = kTop;
    double right_end = kTop;
    if (!doc_.sender.empty()) {
      LayoutPtr l = layout(join_lines(doc_.sender), Style::kRegular, kTextWidth * kSenderWidth);
      PangoAttrList* attrs = pango_attr_list_new();
      PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);  // the organism's name
      bold->start_index = 0;
      bold->end_index = static_cast<guint>(doc_.sender.front().size());
      pango_attr_list_insert(attrs, bold);
      pango_layout_set_attributes(l.get(), attrs);
      pango_attr_list_unref(attrs);
      show(l.get(), kMargin, kTop);
      left_end += height(l.get());
    }
    if (!doc_.reference.empty()) {
      if (left_end > kTop) left_end += kReferenceGap;
      LayoutPtr l = layout(doc_.reference, Style::kRegular, kTextWidth * kSenderWidth);
      show(l.get(), kMargin, left_end);
      left_end += height(l.get());
    }
    if (!doc_.recipient.empty()) {
      LayoutPtr l = layout(join_lines(doc_.recipient), Style::kRegular,
                           kTextWidth * (1 - kRightColumn));
      show(l.get(), kMargin + kTextWidth * kRightColumn, kTop + kRecipientDrop);
      right_end = kTop + kRecipientDrop + height(l.get());
    }
    y_ = std::max(left_end, right_end);
    if (!at_top()) y_ += kLetterheadGap;
    if (!doc_.place_and_date.empty()) {
      LayoutPtr l = layout(doc_.place_and_date, Style::kRegular, kTextWidth, PANGO_ALIGN_RIGHT);
      show(l.get(), kMargin, y_);
      y_ += height(l.get()) + kLetterheadGap;
    }
    if (!doc_.title.empty()) {
      LayoutPtr l = layout(doc_.title, Style::kTitle, kTextWidth, PANGO_ALIGN_CENTER);
      flow(l.get(), kMargin);
      y_ += kTitleGapAfter;
    }
  }

  void block(const PdfBlock& b) {
    switch (b.kind) {
      case PdfBlock::Kind::kHeading: return heading_block(b.text);
      case PdfBlock::Kind::kParagraph: return paragraph_block(b.text);
      case PdfBlock::Kind::kFields: return fields_block(b.fields);
      case PdfBlock::Kind::kTable: return table_block(b.table);
      case PdfBlock::Kind::kSignature: return signature_block(b.text);
    }
  }

  void heading_block(const std::string& text) {
    LayoutPtr l = layout(text, Style::kHeading, kTextWidth);
    if (!at_top()) y_ += kHeadingGapBefore;
    if (!at_top() && !fits(height(l.get()) + kHeadingKeepWithNext)) page_break();
    flow(l.get(), kMargin);
    y_ += kHeadingGapAfter;
  }

  void paragraph_block(const std::string& text) {
    flow(layout(text, Style::kRegular, kTextWidth).get(), kMargin);
    y_ += kBlockGap;
  }

  void fields_block(const std::vector<std::pair<std::string, std::string>>& rows) {
    if (rows.empty()) return;
    LayoutPtr label = layout("", Style::kRegular, -1);
    double label_width = 0;
    for (const auto& [l, v] : rows) {
      pango_layout_set_text(label.get(), l.data(), static_cast<int>(l.size()));
      label_width = std::max(label_width, natural_width(label.get()));
    }
    label_width = std::min(label_width, kTextWidth * kFieldsLabelMax);
    double value_width = kTextWidth - label_width - kFieldsColumnGap;
    pango_layout_set_width(label.get(), to_pango(label_width));
    LayoutPtr value = layout("", Style::kBold, value_width, PANGO_ALIGN_LEFT, PANGO_WRAP_WORD_CHAR);
    for (const auto& [l, v] : rows) {
      pango_layout_set_text(label.get(), l.data(), static_cast<int>(l.size()));
      pango_layout_set_text(value.get(), v.data(), static_cast<int>(v.size()));
      double h = std::max(height(label.get()), height(value.get()));
      if (!at_top() && !fits(h)) page_break();
      show(label.get(), kMargin, y_);
      show(value.get(), kMargin + label_width + kFieldsColumnGap, y_);
      y_ += h + kFieldsRowGap;
    }
    y_ += kBlockGap - kFieldsRowGap;
  }

  // Natural column widths (unwrapped text plus padding), stretched to the text width, or
  // shrunk when too wide: columns narrower than a fair share keep their width, the others
  // share what is left in proportion and wrap.
  std::vector<double> column_widths(const PdfTable& t, size_t cols) {
    std::vector<double> natural(cols, 2 * kCellPadding + 1);
    auto measure = [&](PangoLayout* l, const std::vector<std::string>& row) {
      for (size_t c = 0; c < row.size(); ++c) {
        pango_layout_set_text(l, row[c].data(), static_cast<int>(row[c].size()));
        natural[c] = std::max(natural[c], natural_width(l) + 2 * kCellPadding);
      }
    };
    measure(layout("", Style::kBold, -1).get(), t.header);
    LayoutPtr regular = layout("", Style::kRegular, -1);
    for (const auto& row : t.rows) measure(regular.get(), row);

    double total = 0;
    for (double w : natural) total += w;
    std::vector<double> widths(cols);
    if (total <= kTextWidth) {
      for (size_t c = 0; c < cols; ++c) widths[c] = natural[c] * kTextWidth / total;
      return widths;
    }
    std::vector<bool> kept(cols, false);
    double remaining = kTextWidth;
    size_t open = cols;
    for (bool changed = true; changed && open > 0;) {
      changed = false;
      for (size_t c = 0; c < cols; ++c) {
        if (!kept[c] && natural[c] <= remaining / static_cast<double>(open)) {
          kept[c] = true;
          widths[c] = natural[c];
          remaining -= natural[c];
          --open;
          changed = true;
        }
      }
    }
    double open_total = 0;
    for (size_t c = 0; c < cols; ++c) open_total += kept[c] ? 0 : natural[c];
    for (size_t c = 0; c < cols; ++c) {
      if (!kept[c]) widths[c] = natural[c] * remaining / open_total;
    }
    return widths;
  }

  void table_block(const PdfTable& t) {
    size_t cols = t.header.size();
    for (const auto& row : t.rows) cols = std::max(cols, row.size());
    if (cols == 0) return;
    std::vector<double> widths = column_widths(t, cols);
    auto make_cells = [&](Style style) {
      std::vector<LayoutPtr> cells;
      for (size_t c = 0; c < cols; ++c) {
        bool right = c < t.right_align.size() && t.right_align[c];
        cells.push_back(layout("", style, widths[c] - 2 * kCellPadding,
                               right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, PANGO_WRAP_WORD_CHAR));
      }
      return cells;
    };
    std::vector<LayoutPtr> header_cells = make_cells(Style::kBold);
    std::vector<LayoutPtr> cells = make_cells(Style::kRegular);
    // Sets the cells' text; returns the row height.
    auto fill = [&](std::vector<LayoutPtr>& ls, const std::vector<std::string>& row) {
      double h = 0;
      for (size_t c = 0; c < cols; ++c) {
        const std::string& text = c < row.size() ? row[c] : std::string();
        pango_layout_set_text(ls[c].get(), text.data(), static_cast<int>(text.size()));
        h = std::max(h, height(ls[c].get()));
      }
      return h + 2 * kCellPadding;
    };
    auto draw = [&](std::vector<LayoutPtr>& ls, double h, bool shaded) {
      double x = kMargin;
      cairo_set_line_width(cr_, kBorderWidth);
      for (size_t c = 0; c < cols; ++c) {
        cairo_rectangle(cr_, x, y_, widths[c], h);
        if (shaded) {
          cairo_set_source_rgb(cr_, kHeaderGrey, kHeaderGrey, kHeaderGrey);
          cairo_fill_preserve(cr_);
          cairo_set_source_rgb(cr_, 0, 0, 0);
        }
        cairo_stroke(cr_);
        show(ls[c].get(), x + kCellPadding, y_ + kCellPadding);
        x += widths[c];
      }
      y_ += h;
    };
    bool has_header = !t.header.empty();
    double header_height = has_header ? fill(header_cells, t.header) : 0;
    auto draw_header = [&] {
      if (has_header) draw(header_cells, header_height, true);
    };
    // Never a header alone at the bottom of a page.
    double first_height = t.rows.empty() ? 0 : fill(cells, t.rows.front());
    if (!at_top() && !fits(header_height + first_height)) page_break();
    draw_header();
    for (const auto& row : t.rows) {
      double h = fill(cells, row);
      if (!fits(h) && y_ > kTop + header_height + kAtTopTolerance) {
        page_break();
        draw_header();
      }
      draw(cells, h, false);
    }
    y_ += kBlockGap;
  }

  void signature_block(const std::string& text) {
    LayoutPtr l = layout(text, Style::kRegular, kTextWidth * (1 - kRightColumn));
    if (!at_top()) y_ += kSignatureGapBefore;
    if (!at_top() && !fits(height(l.get()))) page_break();
    show(l.get(), kMargin + kTextWidth * kRightColumn, y_);
    y_ += height(l.get()) + kBlockGap;
  }

  cairo_t* cr_;
  const PdfDocument& doc_;
  int total_pages_;
  ContextPtr context_;
  std::array<FontPtr, kFonts.size()> fonts_;
  int page_ = 1;
  double y_ = kTop;
  double bottom_ = 0;  // lowest content position on a page, above the footer
};

// Where the PDF bytes go in the printing pass; keeps the first write error.
struct FileSink {
  FILE* file = nullptr;
  int error = 0;
};

cairo_status_t write_to_sink(void* closure, const unsigned char* data, unsigned int length) {
  auto* sink = static_cast<FileSink*>(closure);
  if (std::fwrite(data, 1, length, sink->file) != length) {
    if (sink->error == 0) sink->error = errno != 0 ? errno : EIO;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

// Lays the document out on a PDF surface writing to `sink` (nowhere when null: the counting
// pass). Returns the number of pages.
Result<int> render(const PdfDocument& doc, int total_pages, FileSink* sink, const std::string& path) {
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(sink ? write_to_sink : nullptr, sink,
                                                         kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return pdf_error(path, cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  if (!doc.title.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "mutua");
  int pages = 0;
  {
    CairoPtr cr(cairo_create(surface.get()));
    pages = Renderer(cr.get(), doc, total_pages).run();
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return pdf_error(path, cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  cairo_status_t status = cairo_surface_status(surface.get());
  if (sink && sink->error != 0) return pdf_error(path, std::strerror(sink->error));
  if (status != CAIRO_STATUS_SUCCESS) return pdf_error(path, cairo_status_to_string(status));
  return pages;
}

// Pango would replace or drop invalid bytes silently: refuse them instead, naming where.
Status check_utf8(const PdfDocument& doc, const std::string& path) {
  auto valid = [](const std::string& s) {
    return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr);
  };
  auto all_valid = [&](const std::vector<std::string>& v) {
    return std::all_of(v.begin(), v.end(), valid);
  };
  auto bad = [&](const std::string& where) { return pdf_error(path, where + " is not valid UTF-8"); };
  if (!valid(doc.title)) return bad("title");
  if (!all_valid(doc.sender)) return bad("sender");
  if (!all_valid(doc.recipient)) return bad("recipient");
  if (!valid(doc.place_and_date)) return bad("place and date");
  if (!valid(doc.reference)) return bad("reference");
  if (!valid(doc.footer)) return bad("footer");
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const PdfBlock& b = doc.blocks[i];
    bool ok = valid(b.text) && all_valid(b.table.header);
    for (const auto& [label, value] : b.fields) ok = ok && valid(label) && valid(value);
    for (const auto& row : b.table.rows) ok = ok && all_valid(row);
    if (!ok) return bad("block " + std::to_string(i + 1));
  }
  return Status::success();
}

}  // namespace

Status write_pdf(const PdfDocument& doc, const std::string& path) {
  static std::mutex render_mutex;
  std::lock_guard<std::mutex> lock(render_mutex);
  if (Status s = check_utf8(doc, path); !s) return s;

  Result<int> pages = render(doc, 0, nullptr, path);
  if (!pages) return pages.error();

  std::string partial = path + ".partial";
  FileSink sink{std::fopen(partial.c_str(), "wb")};
  if (sink.file == nullptr) return pdf_error(path, std::strerror(errno));
  Result<int> printed = render(doc, *pages, &sink, path);
  int error = 0;
  if (printed && (std::fflush(sink.file) != 0 || ::fsync(fileno(sink.file)) != 0)) error = errno;
  if (std::fclose(sink.file) != 0 && error == 0) error = errno;
  if (printed && error == 0 && std::rename(partial.c_str(), path.c_str()) != 0) error = errno;
  if (!printed || error != 0) {
    std::remove(partial.c_str());
    return printed ? Status(pdf_error(path, std::strerror(error))) : Status(printed.error());
  }
  return Status::success();
}

}  // namespace mutua
