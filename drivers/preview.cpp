#include "drivers/preview.hpp"

#include <algorithm>

#include "drivers/utf8.hpp"

namespace caisse::drivers {
namespace {

std::string aligned(const std::string& line, int columns, Align align) {
    const int room = std::max(0, columns - column_width(line));
    const int left = align == Align::left ? 0 : align == Align::centre ? room / 2 : room;
    return std::string(static_cast<std::size_t>(left), ' ') + line;
}

// The lines as text, QR codes apart: push_back(text) adds a line.
struct Items {
    std::vector<PreviewItem> items;
    void push_back(std::string line) { items.push_back(PreviewItem{std::move(line), std::nullopt}); }
    template <class... A>
    void emplace_back(A&&... a) { push_back(std::string(std::forward<A>(a)...)); }
};

struct Previewer {
    int columns;
    Items out;

    void add(const std::string& text, Align align, bool wide) {
        const int cols = wide ? columns / 2 : columns;
        for (const auto& line : wrap_columns(text, cols)) {
            std::string shown;
            if (wide) {  // double width shown with a space after each character
                for (char32_t cp : decode_utf8(line)) {
                    append_utf8(shown, cp);
                    if (!is_combining(cp)) shown += ' ';
                }
                while (!shown.empty() && shown.back() == ' ') shown.pop_back();
            } else {
                shown = line;
            }
            out.push_back(aligned(shown, columns, align));
        }
    }
    void operator()(const TextBlock& b) { add(b.text, b.style.align, b.style.double_width); }
    void operator()(const RowBlock& b) {
        std::string scratch;
        layout_row(b.label, b.amount, columns, b.indent, scratch, [&](std::string_view line, bool right) {
            out.push_back(right ? aligned(std::string(line), columns, Align::right) : std::string(line));
        });
    }
    void operator()(const RuleBlock& b) { out.emplace_back(static_cast<std::size_t>(columns), b.ch); }
    void operator()(const ImageBlock& b) {
        out.push_back(aligned("[image " + std::to_string(b.image.width) + "x" + std::to_string(b.image.height) + "]", columns, b.align));
    }
    void operator()(const QrBlock& b) { out.items.push_back(PreviewItem{std::string(), b}); }
    void operator()(const BarcodeBlock& b) { out.push_back(aligned("|||| " + b.data + " ||||", columns, Align::centre)); }
    void operator()(const FeedBlock& b) {
        for (int i = 0; i < std::min(b.lines, 10); ++i) out.emplace_back();
    }
    void operator()(const CutBlock&) { out.emplace_back(static_cast<std::size_t>(columns), '~'); }
    void operator()(const DrawerBlock&) {}
};

}  // namespace

std::vector<PreviewItem> preview_items(const Document& doc, int columns) {
    Previewer p{std::max(columns, 16), {}};
    for (const auto& block : doc.blocks) std::visit(p, block);
    return std::move(p.out.items);
}

std::vector<std::string> preview_lines(const Document& doc, int columns) {
    const int cols = std::max(columns, 16);
    std::vector<std::string> lines;
    for (auto& item : preview_items(doc, columns)) {
        if (!item.qr) {
            lines.push_back(std::move(item.line));
            continue;
        }
        const std::string shown = "[QR " + item.qr->data + "]";
        const bool fits = shown.find('\n') == std::string::npos && column_width(shown) <= cols;
        lines.push_back(aligned(fits ? shown : "[QR]", cols, item.qr->align));
    }
    return lines;
}

}  // namespace caisse::drivers
