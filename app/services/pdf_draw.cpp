// Shared drawing for printed documents (see pdf_draw.hpp).
#include "app/services/pdf_draw.hpp"

#include <cairo-pdf.h>

#include <stdexcept>

namespace caisse::pdf {

Canvas::Canvas(double width, double height, const Metadata& meta) {
    surface_ = cairo_pdf_surface_create_for_stream(&Canvas::write, this, width, height);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface_)));
    auto set = [&](cairo_pdf_metadata_t key, const std::string& value) {
        if (!value.empty()) cairo_pdf_surface_set_metadata(surface_, key, value.c_str());
    };
    set(CAIRO_PDF_METADATA_TITLE, meta.title);
    set(CAIRO_PDF_METADATA_AUTHOR, meta.author);
    set(CAIRO_PDF_METADATA_SUBJECT, meta.subject);
    set(CAIRO_PDF_METADATA_CREATOR, meta.creator);
    if (!meta.create_date.empty()) {
        const std::string when = meta.create_date + "T00:00:00Z";  // ISO 8601, as cairo wants it
        set(CAIRO_PDF_METADATA_CREATE_DATE, when);
        set(CAIRO_PDF_METADATA_MOD_DATE, when);
    }
    cr_ = cairo_create(surface_);
}

Canvas::~Canvas() {
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
}

cairo_status_t Canvas::write(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<Canvas*>(closure)->bytes_.append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

std::string Canvas::finish() {
    const cairo_status_t drawn = cairo_status(cr_);
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
    const cairo_status_t status = drawn != CAIRO_STATUS_SUCCESS ? drawn : cairo_surface_status(surface_);
    if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return std::move(bytes_);
}

Page::Page(cairo_t* cr, double width, double height, double margin, std::function<std::string(int)> footer)
    : y(margin), cr_(cr), width_(width), height_(height), margin_(margin), footer_(std::move(footer)) {}

void Page::font(double size, bool bold, Rgb c) {
    cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    colour(c);
}

void Page::colour(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

double Page::width_of(const std::string& text) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, text.c_str(), &e);
    return e.x_advance;
}

void Page::text_at(double x, double baseline, const std::string& text) {
    cairo_move_to(cr_, x, baseline);
    cairo_show_text(cr_, text.c_str());
}

void Page::right_at(double right, double baseline, const std::string& text) { text_at(right - width_of(text), baseline, text); }

std::vector<std::string> Page::wrap(const std::string& text, double width) {
    std::vector<std::string> out;
    std::string line, word;
    bool pending = false;  // a line was started (even empty, after '\n')
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool end = i == text.size();
        if (end || text[i] == ' ' || text[i] == '\n') {
            if (!word.empty()) {
                const std::string tried = line.empty() ? word : line + " " + word;
                if (!line.empty() && width_of(tried) > width) out.push_back(line), line = word;
                else line = tried;
                word.clear();
                pending = true;
            }
            if (!end && text[i] == '\n') out.push_back(line), line.clear(), pending = false;
        } else {
            word += text[i];
        }
    }
    if (pending || out.empty()) out.push_back(line);
    return out;
}

void Page::paragraph(const std::string& text, double size, bool bold, Rgb c, double x, double width) {
    if (x < 0) x = margin_;
    if (width < 0) width = right() - x;
    font(size, bold, c);
    for (const auto& line : wrap(text, width)) {
        need(size * 1.35);
        font(size, bold, c);  // need() may have drawn a footer in another font
        y += size * 1.35;
        text_at(x, y - size * 0.3, line);
    }
}

void Page::need(double h) {
    if (y + h > bottom()) next();
}

void Page::next() {
    draw_footer();
    cairo_show_page(cr_);
    ++number_;
    y = margin_;
}

void Page::draw_footer() {
    if (!footer_) return;
    font(7, false, kGrey);
    const std::string text = footer_(number_);
    double line_y = height_ - margin_ + 6;
    for (const auto& line : wrap(text, width_ - 2 * margin_)) {
        text_at((width_ - width_of(line)) / 2, line_y, line);
        line_y += 9;
    }
}

void Page::hline(double x0, double x1, double at, Rgb c, double line_width) {
    colour(c);
    cairo_set_line_width(cr_, line_width);
    cairo_move_to(cr_, x0, at);
    cairo_line_to(cr_, x1, at);
    cairo_stroke(cr_);
}

void Page::fill_rect(double x, double top, double w, double h, Rgb c) {
    colour(c);
    cairo_rectangle(cr_, x, top, w, h);
    cairo_fill(cr_);
}

void Page::stroke_rect(double x, double top, double w, double h, Rgb c, double line_width) {
    colour(c);
    cairo_set_line_width(cr_, line_width);
    cairo_rectangle(cr_, x, top, w, h);
    cairo_stroke(cr_);
}

}  // namespace caisse::pdf
