#pragma once
// Drawing helpers shared by the printed documents (invoices, quotes, the CAPE statement): a cairo PDF surface written
// into memory, and a page cursor with cairo's toy text API (DejaVu Sans through fontconfig, points as
// units) that wraps text and starts a new page when the next line would not fit. Knows no invoice.
#include <cairo.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace caisse::pdf {

struct Rgb {
    double r, g, b;
};
inline constexpr Rgb kInk{0.12, 0.12, 0.12}, kGrey{0.45, 0.45, 0.45}, kRed{0.75, 0.2, 0.16},
    kRule{0.8, 0.8, 0.8}, kBand{0.94, 0.94, 0.92}, kAccent{0.27, 0.42, 0.62},
    kGreen{0.15, 0.55, 0.31};

inline constexpr double kA4Width = 595.28, kA4Height = 841.89;  // portrait, points

// The document's Info entries (cairo writes them); create_date as "YYYY-MM-DD" (a document's own
// date, so that the same document gives the same bytes) or empty (cairo's clock then).
struct Metadata {
    std::string title, author, subject, creator, create_date;
};

// A PDF surface whose bytes collect in memory. finish() ends it and returns the bytes; throws
// std::runtime_error with cairo's status when cairo failed (out of memory, a bad font).
class Canvas {
public:
    Canvas(double width, double height, const Metadata& meta);
    ~Canvas();
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;
    cairo_t* cr() const { return cr_; }
    std::string finish();

private:
    static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length);
    std::string bytes_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
};

// The page being drawn: y is the top of the next line (points from the page's top). need(h) starts
// a new page (footer drawn, y back to the top margin) when h more points would pass the bottom.
// footer(n) gives page n's footer text (1-based), drawn centred under the bottom margin.
class Page {
public:
    Page(cairo_t* cr, double width, double height, double margin, std::function<std::string(int)> footer);
    cairo_t* cr() const { return cr_; }
    double width() const { return width_; }
    double margin() const { return margin_; }
    double left() const { return margin_; }
    double right() const { return width_ - margin_; }
    double bottom() const { return height_ - margin_ - 12; }
    int number() const { return number_; }
    double y;

    void font(double size, bool bold = false, Rgb c = kInk);
    void colour(Rgb c);
    double width_of(const std::string& text);
    void text_at(double x, double baseline, const std::string& text);
    void right_at(double right, double baseline, const std::string& text);
    // text cut at spaces (and at '\n') into lines no wider than width in the current font; a word
    // wider than width alone stays on its own line.
    std::vector<std::string> wrap(const std::string& text, double width);
    // A wrapped paragraph from x (default: the left margin) to the right margin or x + width.
    void paragraph(const std::string& text, double size, bool bold = false, Rgb c = kInk, double x = -1, double width = -1);
    void gap(double h) { y += h; }
    void need(double h);
    void next();
    void draw_footer();
    void hline(double x0, double x1, double at, Rgb c = kRule, double line_width = 0.6);
    void fill_rect(double x, double top, double w, double h, Rgb c);
    void stroke_rect(double x, double top, double w, double h, Rgb c, double line_width = 0.6);

private:
    cairo_t* cr_;
    double width_, height_, margin_;
    std::function<std::string(int)> footer_;
    int number_ = 1;
};

}  // namespace caisse::pdf
