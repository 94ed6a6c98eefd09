#include "app/core/catalogue.hpp"

#include "app/core/csv.hpp"

#include <map>
#include <set>

#include "app/core/limits.hpp"
#include "app/core/text.hpp"

namespace caisse {

namespace {

// Splits CSV text into records of fields. Quoted fields may hold separators, quotes ("") and newlines.
std::vector<std::pair<int, std::vector<std::string>>> split_csv(std::string_view text, char sep) {
    std::vector<std::pair<int, std::vector<std::string>>> records;
    std::vector<std::string> fields;
    std::string field;
    int line = 1, record_line = 1;
    bool quoted = false, was_quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
                else quoted = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty() && !was_quoted) { quoted = was_quoted = any = true; continue; }
        if (c == sep) { fields.push_back(std::move(field)); field.clear(); was_quoted = false; any = true; continue; }
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\n') {
            if (any || !field.empty()) {
                fields.push_back(std::move(field));
                records.emplace_back(record_line, std::move(fields));
            }
            fields.clear(); field.clear(); was_quoted = false; any = false;
            record_line = ++line;
            continue;
        }
        if (was_quoted) throw InputError("line {0}: text after a closing quote", line);
        field += c;
        any = true;
    }
    if (quoted) throw InputError("line {0}: a quoted field is never closed", record_line);
    if (any || !field.empty()) {
        fields.push_back(std::move(field));
        records.emplace_back(record_line, std::move(fields));
    }
    return records;
}

std::string trimmed(const std::string& s) {
    std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool parse_flag(const std::string& v, bool fallback, int line, const char* column) {
    std::string t = trimmed(v);
    if (t.empty()) return fallback;
    if (t == "1" || t == "oui" || t == "yes" || t == "true" || t == "o" || t == "y") return true;
    if (t == "0" || t == "non" || t == "no" || t == "false" || t == "n") return false;
    throw InputError("line {0}: column {1}: \"{2}\" is not yes/no (oui/non, 1/0)", line, column, t);
}

}  // namespace

std::string display_name(const Product& p, std::string_view lang) {
    const auto it = p.names.find(std::string(lang));
    return it == p.names.end() || it->second.name.empty() ? p.name : it->second.name;
}

std::string display_name(const Category& c, std::string_view lang) {
    const auto it = c.names.find(std::string(lang));
    return it == c.names.end() || it->second.empty() ? c.name : it->second;
}

bool valid_name_language(std::string_view lang) {
    if (lang.size() < 2 || lang.size() > 3 || lang == "fr") return false;
    for (char c : lang)
        if (c < 'a' || c > 'z') return false;
    return true;
}

bool valid_colour(std::string_view c) {
    if (c.size() != 7 || c[0] != '#') return false;
    for (char h : c.substr(1))
        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return false;
    return true;
}

void check_sku(std::string_view sku) {
    if (sku.empty()) throw InputError("empty SKU");
    if (sku.size() > 64) throw InputError("SKU \"{0}\" is longer than 64 characters", sku);
    for (char c : sku)
        if (c == ' ' || c == '*' || c == '@' || static_cast<unsigned char>(c) < 0x21)
            throw InputError("SKU \"{0}\" may not contain spaces, '*' or '@'", sku);
}

std::vector<CatalogueRow> parse_catalogue_csv(std::string_view text, std::span<const VatRate> extra_vat_rates) {
    if (static_cast<std::int64_t>(text.size()) > kMaxCatalogueBytes)
        throw InputError("the catalogue is larger than {0} MiB: is it the right file?", kMaxCatalogueBytes / (1024 * 1024));
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheet BOM
    if (!valid_utf8_text(text)) throw InputError("the catalogue is not UTF-8 text (export it as CSV UTF-8)");
    std::string_view first_line = text.substr(0, text.find('\n'));
    const char sep = first_line.find(';') != std::string_view::npos ? ';' : ',';
    auto records = split_csv(text, sep);
    if (records.empty()) throw InputError("the catalogue is empty: a header row is expected");
    std::map<std::string, std::size_t> col;
    const auto& header = records.front().second;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string name = trimmed(header[i]);
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (!col.emplace(name, i).second) throw InputError("line 1: column \"{0}\" appears twice", name);
    }
    for (const char* required : {"sku", "name", "price", "vat", "entrepreneur", "category"})
        if (!col.count(required))
            throw InputError("line 1: missing column \"{0}\" (expected at least sku,name,price,vat,entrepreneur,category)",
                             required);
    auto get = [&](const std::vector<std::string>& f, const char* name) -> std::string {
        auto it = col.find(name);
        if (it == col.end() || it->second >= f.size()) return {};
        return trimmed(f[it->second]);
    };
    // Names in other languages (issue 12, item 10): name_LANG and category_LANG.
    std::set<std::string> languages;
    for (const auto& [name, i] : col) {
        for (std::string_view prefix : {"name_", "category_"}) {
            if (name.rfind(prefix, 0) != 0) continue;
            const std::string lang = name.substr(prefix.size());
            if (lang == "fr")
                throw InputError("line 1: column \"{0}\": French names go in the columns name and category", name);
            // Another column that happens to start so (name_short, category_code): ignored, as any other.
            if (valid_name_language(lang)) languages.insert(lang);
        }
    }
    std::map<std::pair<std::string, std::string>, std::pair<std::string, int>> category_names;  // (category, lang) -> (name, line)
    if (static_cast<std::int64_t>(records.size()) - 1 > kMaxCatalogueRows)
        throw InputError("the catalogue has {0} products, more than the {1} a till takes", records.size() - 1,
                         kMaxCatalogueRows);
    std::vector<CatalogueRow> rows;
    std::set<std::string> seen;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& [line, f] = records[r];
        if (f.size() != header.size())
            throw InputError("line {0}: {1} fields, the header has {2}", line, f.size(), header.size());
        CatalogueRow row;
        row.line = line;
        // Text cells written by write_catalogue_csv carry a formula guard ("'=x"): read back as "=x".
        row.sku = strip_formula_guard(get(f, "sku"));
        row.name = strip_formula_guard(get(f, "name"));
        row.entrepreneur = strip_formula_guard(get(f, "entrepreneur"));
        row.category = strip_formula_guard(get(f, "category"));
        row.picture = strip_formula_guard(get(f, "picture"));
        try {
            check_sku(row.sku);
            check_display_text(row.name, "the product name", kMaxProductNameChars);
            check_display_text(row.entrepreneur, "the entrepreneur's name", kMaxPersonNameChars);
            check_display_text(row.category, "the category name", kMaxCategoryNameChars);
            row.open_price = parse_flag(get(f, "open_price"), false, line, "open_price");
            row.active = parse_flag(get(f, "active"), true, line, "active");
            std::string price = get(f, "price");
            row.price = price.empty() && row.open_price ? Money() : Money::parse(price);
            if (row.price < Money()) throw InputError("negative price {0}", price);
            if (row.price.value() > kMaxUnitPriceCents)
                throw InputError("price {0} is above {1}: is it mistyped?", row.price.format(),
                                 Money::cents(kMaxUnitPriceCents).format());
            row.vat = VatRate::parse_percent(get(f, "vat"));
            check_known_vat_rate(row.vat, extra_vat_rates);
            for (const auto& lang : languages) {
                LocalNames local{strip_formula_guard(get(f, ("name_" + lang).c_str())),
                                 strip_formula_guard(get(f, ("category_" + lang).c_str()))};
                if (!local.name.empty()) check_display_text(local.name, "the product name", kMaxProductNameChars);
                if (!local.category.empty()) {
                    check_display_text(local.category, "the category name", kMaxCategoryNameChars);
                    auto [it, fresh] = category_names.emplace(std::pair{row.category, lang}, std::pair{local.category, line});
                    if (!fresh && it->second.first != local.category)
                        throw InputError("category \"{0}\" is \"{1}\" in {2} on line {3}, \"{4}\" here", row.category,
                                         it->second.first, lang, it->second.second, local.category);
                }
                if (!local.name.empty() || !local.category.empty()) row.names.emplace(lang, std::move(local));
            }
        } catch (const InputError& e) {
            if (e.msgid().rfind("line ", 0) == 0) throw;  // already names its line
            throw InputError("line {0}: {1}", line, e.message());  // the inner message is translated too
        }
        if (!seen.insert(row.sku).second) throw InputError("line {0}: SKU \"{1}\" appears twice", line, row.sku);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string write_catalogue_csv(const std::vector<CatalogueRow>& rows) {
    // A spreadsheet must not run a cell as a formula (issue 11, item 7): text cells are neutralised,
    // and parse_catalogue_csv strips the guard, so export then import gives the same catalogue.
    auto field = [](const std::string& v) {
        const std::string safe = neutralise_formula(v);
        if (safe.find_first_of(",\"\n\r;") == std::string::npos) return safe;
        std::string q = "\"";
        for (char c : safe) { if (c == '"') q += '"'; q += c; }
        return q + "\"";
    };
    auto vat = [](VatRate r) {
        std::string s = std::to_string(r.bp / 100);
        if (r.bp % 100) {
            s += '.';
            s += static_cast<char>('0' + (r.bp % 100) / 10);
            if (r.bp % 10) s += static_cast<char>('0' + r.bp % 10);
        }
        return s;
    };
    std::set<std::string> languages;
    for (const auto& r : rows)
        for (const auto& [lang, local] : r.names) languages.insert(lang);
    std::string out = "sku,name,price,vat,entrepreneur,category,open_price,active,picture";
    for (const auto& lang : languages) out += ",name_" + lang + ",category_" + lang;
    out += '\n';
    for (const auto& r : rows) {
        out += field(r.sku) + ',' + field(r.name) + ',' + r.price.plain() + ',' + vat(r.vat) + ',' +
               field(r.entrepreneur) + ',' + field(r.category) + ',' + (r.open_price ? "1" : "0") + ',' +
               (r.active ? "1" : "0") + ',' + field(r.picture);
        for (const auto& lang : languages) {
            const auto it = r.names.find(lang);
            out += ',' + (it == r.names.end() ? std::string() : field(it->second.name)) + ',' +
                   (it == r.names.end() ? std::string() : field(it->second.category));
        }
        out += '\n';
    }
    return out;
}

}  // namespace caisse
