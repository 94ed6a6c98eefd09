#include "app/core/csv.hpp"

namespace caisse {

bool starts_like_formula(std::string_view cell) {
    if (cell.empty()) return false;
    switch (cell.front()) {
        case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
        default: return false;
    }
}

std::string neutralise_formula(std::string_view cell) {
    if (!starts_like_formula(cell)) return std::string(cell);
    // Built by appending: `"'" + std::string(cell)` trips GCC 12's -Wrestrict false positive at -O3
    // (GCC bug 105651), and it copies the text once more anyway.
    std::string guarded;
    guarded.reserve(cell.size() + 1);
    guarded += '\'';
    guarded += cell;
    return guarded;
}

std::string strip_formula_guard(std::string_view cell) {
    if (cell.size() >= 2 && cell.front() == '\'' && starts_like_formula(cell.substr(1))) return std::string(cell.substr(1));
    return std::string(cell);
}

std::string csv_quote(std::string_view cell, char separator) {
    bool needs = false;
    for (char c : cell)
        if (c == separator || c == '"' || c == '\n' || c == '\r') needs = true;
    if (!needs) return std::string(cell);
    std::string q = "\"";
    for (char c : cell) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + '"';
}

std::string decimal_comma(std::int64_t cents) {
    // Magnitude as unsigned: INT64_MIN has no positive counterpart.
    const bool negative = cents < 0;
    const std::uint64_t m = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    std::string s = std::to_string(m / 100) + ',';
    s += static_cast<char>('0' + (m % 100) / 10);
    s += static_cast<char>('0' + m % 10);
    return negative ? "-" + s : s;
}

std::string percent_comma(VatRate rate) {
    const auto bp = rate.bp;
    std::string s = std::to_string(bp / 100);
    if (bp % 100) {
        s += ',';
        s += static_cast<char>('0' + (bp % 100) / 10);
        if (bp % 10) s += static_cast<char>('0' + bp % 10);
    }
    return s;
}

FrenchCsv& FrenchCsv::raw(const std::string& v) {
    if (row_started_) out_ += ';';
    out_ += v;
    row_started_ = true;
    return *this;
}

FrenchCsv& FrenchCsv::text(std::string_view v) { return raw(csv_quote(neutralise_formula(v), ';')); }

void FrenchCsv::end_row() {
    out_ += "\r\n";
    row_started_ = false;
}

}  // namespace caisse
