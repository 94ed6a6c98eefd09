#pragma once
// The catering tests' till (issue 14): a ledger with three cooks (Awa, Karim, Lucía), a manager Dana
// and a seller Sam, the seller's invoice mentions set; a clock at 2026-12-01 10:00 UTC that a test
// moves by days; the worked example's quote accepted (tests/core/invoice_example.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "app/services/catering.hpp"
#include "tests/core/invoice_example.hpp"
#include "tests/services/catering_seller.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {

using testing::raw_scalar;
using testing::raw_sql;
namespace example = invoice::example;

inline Money c(std::int64_t cents) { return Money::cents(cents); }

// A clock at 2026-12-01 10:00 UTC (before the service of 2026-12-12) that a test moves on by days.
struct MovableClock {
    std::shared_ptr<std::chrono::system_clock::time_point> t = std::make_shared<std::chrono::system_clock::time_point>(
        std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{10});
    Clock clock() const {
        auto p = t;
        return [p] { return *p += std::chrono::milliseconds{1}; };
    }
    void to_day(int day) { *t = std::chrono::sys_days{std::chrono::year{2026} / 12 / day} + std::chrono::hours{10}; }
};

inline constexpr const char* kCatalogue =
    "sku,name,price,vat,entrepreneur,category\n"
    "THIEB,Thiéboudienne,12.90,10,Awa,Plats\n"
    "TAJINE,Tajine d'agneau,9.85,10,Karim,Plats\n"
    "LECHE,Tres leches,4.35,10,Lucía,Desserts\n";

class Catering : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("cae.db");
        till = Till::init(path, "T1", false, clock.clock());
        till->add_user(std::nullopt, "Dana", "admin", "1234");
        dana.emplace(till->sign_in("Dana", "1234"));
        till->import_catalogue(*dana, kCatalogue);
        till->add_user(*dana, "Sam", "seller", "5678");
        set_seller(*till);
    }

    // The worked example's quote, accepted: returns the order id.
    std::int64_t example_order() {
        const auto customer = add_customer(*till, *dana, example::city_hall());
        QuoteRequest q{customer.id, invoice::PriceBasis::incl_vat, 60, "2026-12-12", "Salle des fêtes", "", ""};
        const auto quote = new_quote(*till, *dana, q);
        const char* cooks[] = {"Awa", "Karim", "Lucía", "Karim", "Awa"};
        int i = 0;
        for (const auto& l : example::buffet_lines()) {
            QuoteLineRequest r;
            r.quote = quote.id;
            r.description = l.description;
            r.quantity_milli = l.quantity_milli;
            r.unit_code = l.unit_code;
            r.unit_price = l.unit_price;
            r.rate = l.rate;
            r.entrepreneur = cooks[i++];
            add_quote_line(*till, *dana, r);
        }
        return accept_quote(*till, *dana, quote.id).id;
    }

    std::int64_t records() { return raw_scalar(path, "SELECT COUNT(*) FROM journal"); }

    testing::TempDir dir;
    MovableClock clock;
    std::string path;
    std::unique_ptr<Till> till;
    std::optional<Actor> dana;
};

}  // namespace caisse
