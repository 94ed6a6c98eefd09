#include "drivers/escpos.hpp"

#include <algorithm>
#include <optional>

#include "drivers/image.hpp"
#include "drivers/qr.hpp"
#include "drivers/text_raster.hpp"
#include "drivers/utf8.hpp"

namespace caisse::drivers {
namespace {

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, LF = 0x0A;

// Characters French text uses that single-byte pages lack, swapped for their nearest printable
// equivalent before choosing a page: money is formatted with U+202F between thousands.
char32_t typographic_fallback(char32_t cp) {
    switch (cp) {
        case 0x202F: case 0x2009: case 0x2007: return 0x00A0;  // thin/narrow spaces -> no-break space
        case 0x2018: case 0x2019: case 0x02BC: return U'\'';
        case 0x201C: case 0x201D: return U'"';
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return U'-';
        case 0x2022: return 0x00B7;
        default: return cp;
    }
}

class Encoder {
public:
    Encoder(const PrinterProfile& profile, const TextRasteriser* raster) : p_(profile), raster_(raster) {
        out_.reserve(4096);
    }

    std::vector<std::uint8_t> run(const Document& doc) {
        put({ESC, '@'});
        style_ = TextStyle{};  // ESC @ restores these defaults
        for (const auto& block : doc.blocks) std::visit([this](const auto& b) { encode(b); }, block);
        return std::move(out_);
    }

private:
    void put(std::initializer_list<std::uint8_t> bytes) { out_.insert(out_.end(), bytes); }
    void put_byte(std::uint8_t b) { out_.push_back(b); }

    int columns_for(const TextStyle& s) const { return s.double_width ? p_.columns / 2 : p_.columns; }
    int pixel_height_for(const TextStyle& s) const {
        return s.double_height ? 2 * p_.line_height_dots : p_.line_height_dots;
    }

    // Emits only the style commands that change.
    void apply_style(const TextStyle& s) {
        if (!style_ || style_->align != s.align) put({ESC, 'a', static_cast<std::uint8_t>(s.align)});
        if (!style_ || style_->bold != s.bold) put({ESC, 'E', s.bold ? std::uint8_t{1} : std::uint8_t{0}});
        if (!style_ || style_->underline != s.underline) put({ESC, '-', s.underline ? std::uint8_t{1} : std::uint8_t{0}});
        if (!style_ || style_->invert != s.invert) put({GS, 'B', s.invert ? std::uint8_t{1} : std::uint8_t{0}});
        if (!style_ || style_->double_width != s.double_width || style_->double_height != s.double_height) {
            const auto size = static_cast<std::uint8_t>((s.double_width ? 0x10 : 0) | (s.double_height ? 0x01 : 0));
            put({GS, '!', size});
        }
        style_ = s;
    }

    void select_page(const CodePageSlot& slot) {
        if (page_ != slot.escpos_number) put({ESC, 't', slot.escpos_number});
        page_ = slot.escpos_number;
    }

    static bool plain_ascii(std::string_view text) {
        for (unsigned char c : text)
            if (c < 0x20 || c >= 0x7F) return false;
        return true;
    }

    static char32_t printable(char32_t cp) {
        cp = typographic_fallback(cp);
        return (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) ? U' ' : cp;
    }

    // Encodes text in `page` into line_bytes_, straight from the UTF-8; false at the first
    // character the page lacks. `ascii` tells whether the cleaned text was plain ASCII.
    bool encode_in(std::string_view text, CodePage page, bool& ascii) {
        const std::uint8_t* table = code_page_table(page);
        line_bytes_.clear();
        ascii = true;
        for (std::size_t i = 0; i < text.size();) {
            const char32_t cp = printable(next_code_point(text, i));
            const std::uint8_t b = cp < kCodePageTableEnd ? table[cp] : 0;
            if (b == 0) return false;
            ascii = ascii && cp < 0x7F;
            line_bytes_.push_back(b);
        }
        return true;
    }

    // The first page of the profile that shows the whole text, its bytes left in line_bytes_.
    // Every line goes through here; most succeed in the first page, in one pass.
    std::optional<CodePageSlot> page_for(std::string_view text) {
        bool ascii = false;
        for (const auto& slot : p_.code_pages) {
            if (!encode_in(text, slot.page, ascii)) continue;
            if (ascii) return CodePageSlot{slot.page, static_cast<std::uint8_t>(page_)};  // no page switch needed
            return slot;
        }
        return std::nullopt;
    }

    bool encodable(std::string_view text) { return plain_ascii(text) || page_for(text).has_value(); }

    void put_line(const TextStyle& style) {
        apply_style(style);
        out_.insert(out_.end(), line_bytes_.begin(), line_bytes_.end());
        put_byte(LF);
    }

    // One printed line of text: in a code page when one can show it all, else as a raster strip.
    void text_line(std::string_view line, const TextStyle& style) {
        if (plain_ascii(line)) {  // every page shows ASCII: no page switch
            line_bytes_.assign(line.begin(), line.end());
            return put_line(style);
        }
        if (auto slot = page_for(line)) {
            apply_style(style);
            select_page(*slot);
            return put_line(style);
        }
        if (!raster_) {  // no font: what the first page cannot show becomes its black square
            const auto& slot = p_.code_pages.front();
            const std::uint8_t* table = code_page_table(slot.page);
            const auto square = encode_char(slot.page, 0x25A0).value_or('#');
            line_bytes_.clear();
            for (std::size_t i = 0; i < line.size();) {
                const char32_t cp = printable(next_code_point(line, i));
                const std::uint8_t b = cp < kCodePageTableEnd ? table[cp] : 0;
                line_bytes_.push_back(b ? b : square);
            }
            apply_style(style);
            select_page(slot);
            return put_line(style);
        }
        const int h = pixel_height_for(style);
        for (const auto& piece : raster_->wrap(line, p_.dots_per_line, h, style.bold)) {
            Bitmap strip(p_.dots_per_line, h);
            const Bitmap drawn = raster_->render_line(piece, p_.dots_per_line, h, style.bold);
            strip.blit(drawn, aligned_x(raster_->measure(piece, h, style.bold), style.align), 0);
            finish_strip(strip, style);
        }
    }

    int aligned_x(int width, Align align) const {
        const int room = std::max(0, p_.dots_per_line - width);
        return align == Align::left ? 0 : align == Align::centre ? room / 2 : room;
    }

    void finish_strip(Bitmap& strip, const TextStyle& style) {
        if (style.underline)
            for (int x = 0; x < strip.width; ++x) strip.set(x, strip.height - 2);
        if (style.invert) strip.invert();
        raster(strip);
    }

    void encode(const TextBlock& b) {
        for (const auto& line : wrap_columns(b.text, columns_for(b.style))) text_line(line, b.style);
    }

    void encode(const RowBlock& b) {
        if (!raster_ || (encodable(b.label) && encodable(b.amount))) return text_row(b);
        raster_row(b);
    }

    // label ... amount in columns; the label wraps, continuation lines are indented.
    void text_row(const RowBlock& b) {
        TextStyle left = b.style, right = b.style;
        left.align = Align::left;
        right.align = Align::right;
        layout_row(b.label, b.amount, columns_for(b.style), b.indent, row_scratch_,
                   [&](std::string_view line, bool right_aligned) { text_line(line, right_aligned ? right : left); });
    }

    // The same layout in pixels, for labels no code page can show.
    void raster_row(const RowBlock& b) {
        const int h = pixel_height_for(b.style);
        const int amount_px = raster_->measure(b.amount, h, b.style.bold);
        const int gap = p_.char_width_dots;
        int label_room = p_.dots_per_line - amount_px - gap;
        const bool amount_alone = label_room < p_.dots_per_line / 4;
        if (amount_alone) label_room = p_.dots_per_line;
        const int indent_px = std::min(b.indent, p_.columns / 4) * p_.char_width_dots;
        const auto lines = raster_->wrap(b.label, label_room, h, b.style.bold);
        bool first = true;
        for (const auto& line : lines) {
            Bitmap strip(p_.dots_per_line, h);
            strip.blit(raster_->render_line(line, label_room, h, b.style.bold), first ? 0 : indent_px, 0);
            if (first && !amount_alone)
                strip.blit(raster_->render_line(b.amount, amount_px, h, b.style.bold), p_.dots_per_line - amount_px, 0);
            first = false;
            finish_strip(strip, b.style);
        }
        if (amount_alone || lines.empty()) {
            Bitmap strip(p_.dots_per_line, h);
            const int w = std::min(amount_px, p_.dots_per_line);
            strip.blit(raster_->render_line(b.amount, w, h, b.style.bold), p_.dots_per_line - w, 0);
            finish_strip(strip, b.style);
        }
    }

    void encode(const RuleBlock& b) {
        const char ch = (b.ch >= 0x20 && b.ch < 0x7F) ? b.ch : '-';
        text_line(std::string(static_cast<std::size_t>(p_.columns), ch), TextStyle{});
    }

    void encode(const ImageBlock& b) {
        const GreyImage fitted = fit_width(b.image, p_.dots_per_line);
        const Bitmap dots = dither_floyd_steinberg(fitted);
        Bitmap strip(p_.dots_per_line, dots.height);
        strip.blit(dots, aligned_x(dots.width, b.align), 0);
        raster(strip);
    }

    // GS v 0 in bands of raster_band_rows: cheap printers overflow their buffer on one tall image.
    void raster(const Bitmap& bitmap) {
        if (bitmap.width <= 0 || bitmap.height <= 0) return;
        if (!style_ || style_->align != Align::left) {
            put({ESC, 'a', 0});
            if (style_) style_->align = Align::left;
        }
        const int stride = bitmap.stride();
        for (int y0 = 0; y0 < bitmap.height; y0 += p_.raster_band_rows) {
            const int rows = std::min(p_.raster_band_rows, bitmap.height - y0);
            put({GS, 'v', '0', 0, static_cast<std::uint8_t>(stride & 0xFF), static_cast<std::uint8_t>(stride >> 8),
                 static_cast<std::uint8_t>(rows & 0xFF), static_cast<std::uint8_t>(rows >> 8)});
            const auto from = bitmap.bits.begin() + static_cast<std::ptrdiff_t>(y0) * stride;
            out_.insert(out_.end(), from, from + static_cast<std::ptrdiff_t>(rows) * stride);
        }
    }

    void encode(const QrBlock& b) {
        // A receipt carries its own text in a QR (up to ~1,800 bytes: version 30 or so): the module is
        // made smaller, down to 2 dots, until the symbol fits the paper. A printer without GS ( k, or a
        // symbol that does not fit, gets a short payload (a link, a number) as text; a long one (a
        // receipt's text, printed above it already) is left out rather than printed twice.
        const auto symbol = b.data.empty() || b.data.size() > 2000 ? std::nullopt : encode_qr(b.data, b.error_level);
        int module = std::clamp(b.module_dots, 1, 16);
        if (symbol)
            while (module > 2 && symbol->size * module > p_.dots_per_line) --module;
        if (!p_.native_qr || !symbol || symbol->size * module > p_.dots_per_line) {
            if (b.data.size() > kQrTextFallbackBytes) return;
            TextStyle s;
            s.align = b.align;
            encode(TextBlock{b.data, s});
            return;
        }
        TextStyle s;
        s.align = b.align;
        apply_style(s);
        const auto level = static_cast<std::uint8_t>(b.error_level == 'L' ? 48 : b.error_level == 'Q' ? 50 : b.error_level == 'H' ? 51 : 49);
        put({GS, '(', 'k', 4, 0, 49, 65, 50, 0});  // model 2
        put({GS, '(', 'k', 3, 0, 49, 67, static_cast<std::uint8_t>(module)});
        put({GS, '(', 'k', 3, 0, 49, 69, level});
        const std::size_t len = b.data.size() + 3;
        put({GS, '(', 'k', static_cast<std::uint8_t>(len & 0xFF), static_cast<std::uint8_t>(len >> 8), 49, 80, 48});
        out_.insert(out_.end(), b.data.begin(), b.data.end());
        put({GS, '(', 'k', 3, 0, 49, 81, 48});
        put_byte(LF);
    }

    static bool valid_barcode(const BarcodeBlock& b) {
        if (b.kind == BarcodeKind::ean13)
            return (b.data.size() == 12 || b.data.size() == 13) &&
                   std::all_of(b.data.begin(), b.data.end(), [](char c) { return c >= '0' && c <= '9'; });
        return !b.data.empty() && b.data.size() <= 250 &&
               std::all_of(b.data.begin(), b.data.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    }

    void encode(const BarcodeBlock& b) {
        TextStyle centre;
        centre.align = Align::centre;
        if (!p_.native_barcode || !valid_barcode(b)) return encode(TextBlock{b.data, centre});
        apply_style(centre);
        put({GS, 'h', static_cast<std::uint8_t>(std::clamp(b.height_dots, 1, 255))});
        put({GS, 'w', 2});
        put({GS, 'H', b.human_readable ? std::uint8_t{2} : std::uint8_t{0}});
        if (b.kind == BarcodeKind::ean13) {
            put({GS, 'k', 67, static_cast<std::uint8_t>(b.data.size())});
            out_.insert(out_.end(), b.data.begin(), b.data.end());
        } else {
            put({GS, 'k', 73, static_cast<std::uint8_t>(b.data.size() + 2), '{', 'B'});
            out_.insert(out_.end(), b.data.begin(), b.data.end());
        }
        put_byte(LF);
    }

    void encode(const FeedBlock& b) {
        if (b.lines > 0) put({ESC, 'd', static_cast<std::uint8_t>(std::min(b.lines, 255))});
    }

    void encode(const CutBlock& b) {
        if (!p_.can_cut) {  // no cutter: feed the receipt past the tear bar
            put({ESC, 'd', static_cast<std::uint8_t>(p_.feed_lines_before_cut)});
            return;
        }
        if (p_.feed_before_cut) {
            put({ESC, 'd', static_cast<std::uint8_t>(p_.feed_lines_before_cut)});
            put({GS, 'V', b.partial ? std::uint8_t{1} : std::uint8_t{0}});
        } else {
            put({GS, 'V', b.partial ? std::uint8_t{66} : std::uint8_t{65}, 3});  // feeds to the cutter itself
        }
    }

    void encode(const DrawerBlock& b) {
        if (!p_.has_drawer_port) return;
        put({ESC, 'p', b.pin == 5 ? std::uint8_t{1} : std::uint8_t{0}, 0x19, 0xFA});
    }

    const PrinterProfile& p_;
    const TextRasteriser* raster_;
    std::vector<std::uint8_t> out_;
    std::optional<TextStyle> style_;
    std::vector<std::uint8_t> line_bytes_;
    std::string row_scratch_;
    int page_ = 0;                    // ESC @ selects page 0
};

}  // namespace

std::vector<std::uint8_t> encode_escpos(const Document& doc, const PrinterProfile& profile,
                                        const TextRasteriser* raster) {
    return Encoder(profile, raster).run(doc);
}

}  // namespace caisse::drivers
