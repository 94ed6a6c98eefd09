// Product names and amounts come from catalogue CSVs and keypads: arbitrary bytes through the
// ESC/POS encoder (every profile, no fonts) and the wrapper. Checks that wrapping never loses a
// byte other than the spaces it breaks at, and that no control byte of the text reaches the printer
// outside the encoder's own commands.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "drivers/escpos.hpp"
#include "drivers/preview.hpp"
#include "drivers/status.hpp"

using namespace caisse::drivers;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const int columns = 1 + data[0] % 64;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto split = text.find('|');
    const std::string label = text.substr(0, split), amount = split == std::string::npos ? "" : text.substr(split + 1);

    std::string joined, no_spaces;
    for (const auto& [b, e] : wrap_spans(text, columns)) {
        if (b > e || e > text.size()) std::abort();
        joined += text.substr(b, e - b);
    }
    for (char c : text)
        if (c != ' ' && c != '\n') no_spaces += c;
    std::string joined_no_spaces;
    for (char c : joined)
        if (c != ' ' && c != '\n') joined_no_spaces += c;
    if (joined_no_spaces != no_spaces) std::abort();

    Document doc;
    TextStyle style;
    style.bold = data[0] & 1;
    style.double_width = data[0] & 2;
    style.align = static_cast<Align>(data[0] % 3);
    doc.text(text, style).row(label, amount).barcode(label).qr(amount).feed(data[0]).cut();
    for (const auto& profile : printer_profiles()) encode_escpos(doc, profile, nullptr);
    preview_lines(doc, columns);
    decode_status(data[0], data[1], size > 2 ? data[2] : 0);
    return 0;
}
