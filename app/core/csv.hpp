#pragma once
// CSV cells that a spreadsheet opens safely (issue 11, item 7). Every exported text cell (tickets,
// lines, catalogue, charges, split...) goes through neutralise_formula: a value a spreadsheet would
// run as a formula (CSV injection, OWASP) gets a leading apostrophe, which Excel and LibreOffice
// show as text. Numbers we format ourselves ("-8,50") are not text and stay numbers.
#include <cstdint>
#include <string>
#include <string_view>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse {

// True when a spreadsheet could read the cell as a formula: it starts with '=', '+', '-', '@',
// a tab or a carriage return.
bool starts_like_formula(std::string_view cell);

// "'" + cell when starts_like_formula(cell), else cell unchanged. Use it on every text cell of
// every CSV export; strip_formula_guard undoes it when the file is read back (catalogue import).
std::string neutralise_formula(std::string_view cell);
// The inverse: "'=x" -> "=x"; any other value is returned unchanged ("'abc" stays "'abc").
std::string strip_formula_guard(std::string_view cell);

// Quotes a cell (RFC 4180: doubled quotes) when it holds the separator, a quote, CR or LF.
std::string csv_quote(std::string_view cell, char separator);

// Cents with a decimal comma and no grouping, as French Excel reads a number: -850 -> "-8,50".
std::string decimal_comma(std::int64_t cents);
// A VAT rate in percent with a decimal comma: 550 -> "5,5", 2000 -> "20", 210 -> "2,1".
std::string percent_comma(VatRate rate);

// Rows for French Excel: ';' between cells, CRLF between rows, UTF-8 with a byte-order mark (the
// BOM is how Excel knows the file is UTF-8). text() neutralises and quotes; number cells are
// written as given (only digits, ',' and a leading '-').
class FrenchCsv {
public:
    FrenchCsv& text(std::string_view v);
    FrenchCsv& money(std::int64_t cents) { return raw(decimal_comma(cents)); }
    FrenchCsv& money(Money m) { return money(m.value()); }
    FrenchCsv& integer(std::int64_t v) { return raw(std::to_string(v)); }
    FrenchCsv& rate(VatRate r) { return raw(percent_comma(r)); }
    void end_row();
    // The file: BOM then every row.
    std::string str() const { return "\xEF\xBB\xBF" + out_; }

private:
    FrenchCsv& raw(const std::string& v);
    std::string out_;
    bool row_started_ = false;
};

}  // namespace caisse
