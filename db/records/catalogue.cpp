#include "db/records/catalogue.hpp"

#include "db/ledger.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"

namespace caisse::db {

using nlohmann::json;

std::int64_t add_entrepreneur(Ledger& ledger, const std::string& name, const std::string& colour, const std::string& at) {
    const std::int64_t id = ledger.db().scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM entrepreneurs");
    auto a = ledger.append(kind::entrepreneur, canonical_json(json{{"colour", colour}, {"id", id}, {"name", name}}), at);
    auto st = ledger.db().prepare("INSERT INTO entrepreneurs(id, name, colour, terminal, seq) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, id).bind(2, name).bind(3, colour).bind(4, a.terminal).bind(5, a.seq).run();
    return id;
}

std::int64_t add_category(Ledger& ledger, const std::string& name, const std::string& at) {
    const std::int64_t id = ledger.db().scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM categories");
    auto a = ledger.append(kind::category, canonical_json(json{{"id", id}, {"name", name}}), at);
    auto st = ledger.db().prepare("INSERT INTO categories(id, name, terminal, seq) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, id).bind(2, name).bind(3, a.terminal).bind(4, a.seq).run();
    return id;
}

json names_json(const TranslatedNames& names) {
    json out = json::object();
    for (const auto& [lang, local] : names) {
        json one = json::object();
        if (!local.name.empty()) one["name"] = local.name;
        if (!local.category.empty()) one["category"] = local.category;
        if (!one.empty()) out[lang] = std::move(one);
    }
    return out;
}

std::string names_column(const json& payload) {
    const auto it = payload.find("names");
    return it == payload.end() ? std::string() : canonical_json(*it);
}

void add_names_from_column(json& payload, const std::string& column) {
    if (column.empty()) return;
    json names = json::parse(column);
    // Only the canonical text of an object of languages, each an object of texts, is a projection.
    if (!names.is_object() || names.empty() || canonical_json(names) != column) throw std::invalid_argument("names column");
    for (auto it = names.begin(); it != names.end(); ++it)
        if (!it.value().is_object() || it.value().empty()) throw std::invalid_argument("names column");
    payload["names"] = std::move(names);
}

TranslatedNames names_from_column(const std::string& column) {
    TranslatedNames out;
    if (column.empty()) return out;
    const json names = json::parse(column, nullptr, false);
    if (!names.is_object()) return out;
    for (auto it = names.begin(); it != names.end(); ++it) {
        const json& one = it.value();
        if (!one.is_object()) continue;
        LocalNames local{one.value("name", std::string()), one.value("category", std::string())};
        if (!local.name.empty() || !local.category.empty()) out.emplace(it.key(), std::move(local));
    }
    return out;
}

void put_product(Ledger& ledger, const Product& p, const std::string& at) {
    json payload = {{"active", p.active},         {"category", p.category_id}, {"entrepreneur", p.entrepreneur_id},
                    {"name", p.name},             {"open_price", p.open_price}, {"picture", p.picture},
                    {"price", p.price.value()},   {"sku", p.sku},               {"vat", p.vat.bp}};
    if (json names = names_json(p.names); !names.empty()) payload["names"] = std::move(names);  // schema 12
    auto a = ledger.append(kind::product, canonical_json(payload), at);
    auto st = ledger.db().prepare(
        "INSERT INTO product_versions(terminal, seq, sku, name, price, vat_bp, entrepreneur_id, category_id, picture, "
        "open_price, active, names) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, p.sku).bind(4, p.name).bind(5, p.price.value()).bind(6, p.vat.bp);
    st.bind(7, p.entrepreneur_id).bind(8, p.category_id).bind(9, p.picture).bind(10, p.open_price ? 1 : 0);
    st.bind(11, p.active ? 1 : 0).bind(12, names_column(payload)).run();
}

std::string entrepreneur_name(Ledger& ledger, std::int64_t id) {
    auto& st = ledger.cached("SELECT name FROM entrepreneurs WHERE id = ?1");
    st.bind(1, id);
    std::string name = st.step() ? st.str(0) : "#" + std::to_string(id);
    st.reset();
    return name;
}

namespace {
Product product_from(Statement& st) {
    Product p;
    p.sku = st.str(0);
    p.name = st.str(1);
    p.price = Money::cents(st.i64(2));
    p.vat = VatRate{static_cast<std::int32_t>(st.i64(3))};
    p.entrepreneur_id = st.i64(4);
    p.category_id = st.i64(5);
    p.picture = st.str(6);
    p.open_price = st.i64(7) != 0;
    p.active = st.i64(8) != 0;
    p.names = names_from_column(st.str(9));
    return p;
}
constexpr const char* kProductColumns =
    "SELECT sku, name, price, vat_bp, entrepreneur_id, category_id, picture, open_price, active, names ";
}  // namespace

std::optional<Product> product(Ledger& ledger, const std::string& sku) {
    auto& st = ledger.cached(
        "SELECT sku, name, price, vat_bp, entrepreneur_id, category_id, picture, open_price, active, names "
        "FROM product_versions WHERE sku = ?1 ORDER BY seq DESC LIMIT 1");
    st.bind(1, sku);
    std::optional<Product> p;
    if (st.step()) p = product_from(st);
    st.reset();
    return p;
}

std::vector<Product> products(Ledger& ledger) {
    auto st = ledger.db().prepare(std::string(kProductColumns) + "FROM products ORDER BY category_id, sku");
    std::vector<Product> out;
    while (st.step()) out.push_back(product_from(st));
    return out;
}

std::optional<std::int64_t> entrepreneur_id(Ledger& ledger, const std::string& name) {
    auto st = ledger.db().prepare("SELECT id FROM entrepreneurs WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return st.i64(0);
}

std::optional<std::int64_t> category_id(Ledger& ledger, const std::string& name) {
    auto st = ledger.db().prepare("SELECT id FROM categories WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return st.i64(0);
}

std::vector<Entrepreneur> entrepreneurs(Ledger& ledger) {
    auto st = ledger.db().prepare("SELECT id, name, colour FROM entrepreneurs ORDER BY id");
    std::vector<Entrepreneur> out;
    while (st.step()) out.push_back(Entrepreneur{st.i64(0), st.str(1), st.str(2)});
    return out;
}

std::vector<Category> categories(Ledger& ledger) {
    auto st = ledger.db().prepare("SELECT id, name FROM categories ORDER BY id");
    std::vector<Category> out;
    while (st.step()) out.push_back(Category{st.i64(0), st.str(1)});
    // A category's name in a language: the newest current product version of it that names it.
    auto named = ledger.db().prepare("SELECT category_id, names FROM products WHERE names <> '' ORDER BY seq");
    while (named.step()) {
        const std::int64_t id = named.i64(0);
        auto c = std::find_if(out.begin(), out.end(), [&](const Category& x) { return x.id == id; });
        if (c == out.end()) continue;
        for (const auto& [lang, local] : names_from_column(named.str(1)))
            if (!local.category.empty()) c->names[lang] = local.category;
    }
    return out;
}


json product_payload_from_row(Database&, Statement& s) {
    json p{{"active", s.i64(2) != 0}, {"category", s.i64(3)}, {"entrepreneur", s.i64(4)},
           {"name", s.str(5)},        {"open_price", s.i64(6) != 0}, {"picture", s.str(7)},
           {"price", s.i64(8)},       {"sku", s.str(9)},             {"vat", s.i64(10)}};
    add_names_from_column(p, s.str(11));
    return p;
}

std::vector<ProjectedKind> catalogue_projected_kinds() {
    return {
        {kind::entrepreneur, "SELECT terminal, seq, colour, id, name FROM entrepreneurs",
         [](Database&, Statement& s) { return json{{"colour", s.str(2)}, {"id", s.i64(3)}, {"name", s.str(4)}}; }},
        {kind::category, "SELECT terminal, seq, id, name FROM categories",
         [](Database&, Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}}; }},
        {kind::product,
         "SELECT terminal, seq, active, category_id, entrepreneur_id, name, open_price, picture, price, sku, vat_bp, names "
         "FROM product_versions",
         product_payload_from_row},
    };
}

}  // namespace caisse::db
