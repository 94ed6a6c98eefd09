#include "app/cli/cli_common.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/core/vat.hpp"

namespace caisse::cli {

std::string method_label(TenderMethod m) {
    switch (m) {
        case TenderMethod::Cash: return tr("cash");
        case TenderMethod::Card: return tr("card");
        case TenderMethod::Cheque: return tr("cheque");
        case TenderMethod::Voucher: return tr("voucher");
        case TenderMethod::Transfer: return tr("transfer");
    }
    return std::string(method_name(m));
}
std::string method_label(const std::string& name) {
    auto m = parse_method(name);
    return m ? method_label(*m) : name;
}
std::size_t text_width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}
std::size_t method_label_width() {
    std::size_t w = 10;
    for (auto m : {TenderMethod::Cash, TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Voucher, TenderMethod::Transfer})
        w = std::max(w, text_width(method_label(m)));
    return w;
}
std::string role_label(Role r) {
    switch (r) {
        case Role::Seller: return tr("seller");
        case Role::Manager: return tr("manager");
        case Role::Admin: return tr("admin");
    }
    return std::string(role_name(r));
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot read {0}", path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Bytes from a damaged file may not be UTF-8: replaced, so the JSON is still printed.
void print_json(const ordered_json& j) { std::cout << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n"; }

ordered_json vat_json(const std::map<std::int64_t, db::VatRecord>& by_vat) {
    ordered_json out = ordered_json::object();
    for (const auto& [bp, v] : by_vat) out[std::to_string(bp)] = {{"ht", v.ht}, {"vat", v.vat}, {"ttc", v.ttc}};
    return out;
}

std::string pct(std::int64_t bp) { return VatRate{static_cast<std::int32_t>(bp)}.percent(); }
std::string eur(std::int64_t cents) { return Money::cents(cents).format(); }

CLI::App* with_db(CLI::App* cmd, Common& c) {
    cmd->add_option("--db", c.db, tr("ledger file (SQLite)"))->required();
    return cmd;
}

}  // namespace caisse::cli
