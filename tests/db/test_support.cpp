#include "tests/db/test_support.hpp"

#include <map>
#include <random>
#include <vector>

#include "app/services/cash_session.hpp"
#include "db/sqlite.hpp"

namespace caisse::testing {

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "caisse-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

Clock stepping_clock() {
    auto t = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} +
                                                                     std::chrono::hours{10});
    return [t] { return *t += std::chrono::seconds{1}; };
}

Actor as(Till& till, const std::string& name) {
    static const std::map<std::string, std::string> pins = {{"Awa", "1234"}, {"Karim", "2345"}, {"Lucie", "1111"}, {"Mei", "2222"}};
    // Argon2id takes ~0.1 s a check: a test selling hundreds of tickets signs each user in once per till.
    static std::map<std::pair<const Till*, std::string>, Actor> signed_in;
    const auto key = std::make_pair(static_cast<const Till*>(&till), name);
    if (auto it = signed_in.find(key); it != signed_in.end()) return it->second;
    Actor a = till.sign_in(name, pins.at(name));
    signed_in.insert_or_assign(key, a);
    return a;
}

std::unique_ptr<Till> demo_till(const std::string& path, Clock clock) {
    auto till = Till::init(path, "T1", true, std::move(clock));
    open_cash_session(*till, as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(15000)});
    return till;
}

std::int64_t sell_random(Till& till, int count, unsigned seed) {
    static const std::vector<std::string> skus = {"MAFE", "YASSA", "BISSAP", "TAJINE", "COUSC", "CORNE", "BOBUN",
                                                  "NEMS", "CHE", "CEVI", "EMPA", "CHICHA", "BIERE", "EAU", "CAFE",
                                                  "SAC-WAX", "TROUSSE", "ECHARPE", "BONNET", "TABLIER", "COUSSIN"};
    std::mt19937 rng(seed);
    std::int64_t sum = 0;
    const Actor karim = as(till, "Karim");  // a manager: some tickets have a discount
    for (int i = 0; i < count; ++i) {
        SellRequest r;
        const int lines = 1 + static_cast<int>(rng() % 6);
        for (int l = 0; l < lines; ++l)
            r.items.push_back(ItemSpec{skus[rng() % skus.size()], static_cast<std::int64_t>(1 + rng() % 3), std::nullopt});
        if (rng() % 5 == 0) r.items.push_back(ItemSpec{"PLATJ", 1, Money::cents(550 + 100 * static_cast<std::int64_t>(rng() % 10))});
        if (rng() % 7 == 0) r.discount = TicketDiscount{Money(), static_cast<std::int32_t>(100 * (5 + rng() % 20))};
        else if (lines >= 2 && rng() % 9 == 0) r.discount = TicketDiscount{Money::cents(100), 0};
        using T = TenderMethod;
        switch (rng() % 4) {
            case 0: r.payments = {TenderRequest{T::Card, std::nullopt}}; break;
            case 1: {  // cash with change: the next 50 € above the total (1 000 € would be a mistyped amount)
                Cart cart;
                for (const auto& spec : r.items) cart.add(*till.product(spec.sku), spec.quantity, spec.price);
                cart.set_ticket_discount(r.discount);
                const std::int64_t total = cart.price().total.value();
                r.payments = {TenderRequest{T::Cash, Money::cents((total / 5000 + 1) * 5000)}};
                break;
            }
            case 2: r.payments = {TenderRequest{T::Voucher, Money::cents(100)}, TenderRequest{T::Cash, std::nullopt}}; break;
            default: r.payments = {TenderRequest{T::Cheque, std::nullopt}}; break;
        }
        sum += till.sell(karim, r).priced.total.value();
    }
    return sum;
}

void raw_sql(const std::string& path, const std::string& sql) {
    db::Database d(path, db::Database::Mode::Create);
    d.exec(sql);
}

std::int64_t raw_scalar(const std::string& path, const std::string& sql) {
    db::Database d(path, db::Database::Mode::ReadWrite);
    return d.scalar(sql);
}

}  // namespace caisse::testing
