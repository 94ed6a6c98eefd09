// The fast readers of bundle import (db/canonical_reader, record_line, sale_reader) read what
// caisse writes to the same values as a JSON parser, and say "not mine" for anything else, so the
// import's nlohmann-json path decides those.
#include <gtest/gtest.h>

#include <random>

#include "db/archive/lines.hpp"
#include "db/bundle/record_line.hpp"
#include "db/canonical_reader.hpp"
#include "db/records/sale_reader.hpp"

namespace caisse::db {
namespace {

SaleRecord random_sale(std::mt19937& rng) {
    static const char* names[] = {"Mafé", "Bissap \"maison\"", "Tajine\\poulet", "Ça\tva", "Σαλάτα", "Chicha 🌶", "a/b", "ligne\nsuivante"};
    SaleRecord s;
    s.ticket = rng() % 100000;
    s.session = 1 + rng() % 50;
    s.user = 1 + rng() % 9;
    s.day = "2026-11-30";
    s.discount = rng() % 3;
    s.change = rng() % 500;
    const int lines = static_cast<int>(rng() % 6);
    for (int i = 0; i < lines; ++i)
        s.lines.push_back(SaleLineRecord{"SKU" + std::to_string(i), names[rng() % 8], 1 + static_cast<std::int64_t>(rng() % 7),
                                         1 + static_cast<std::int64_t>(rng() % 4), 1000, 1 + static_cast<std::int64_t>(rng() % 3),
                                         static_cast<std::int64_t>(rng() % 2000), 0, 0, static_cast<std::int64_t>(rng() % 9000)});
    s.total = -static_cast<std::int64_t>(rng() % 10);  // negatives too
    s.payments.push_back(PaymentRecord{"cash", static_cast<std::int64_t>(rng() % 10000)});
    if (rng() % 2) s.payments.push_back(PaymentRecord{"card", 0});
    s.vat.push_back(VatRecord{1000, 90, 10, 100});
    return s;
}

bool same(const SaleRecord& a, const SaleRecord& b) { return sale_payload(a) == sale_payload(b); }

TEST(BundleReaders, ASalePayloadReadsAsTheJsonParserReadsIt) {
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        const SaleRecord s = random_sale(rng);
        const std::string payload = sale_payload(s);
        const auto fast = read_sale_payload_fast(payload);
        ASSERT_TRUE(fast.has_value()) << payload;
        EXPECT_TRUE(same(*fast, sale_from_payload(payload))) << payload;
        EXPECT_TRUE(same(*fast, s)) << payload;
    }
}

TEST(BundleReaders, AnythingElseIsNotReadFast) {
    std::mt19937 rng(8);
    const std::string good = sale_payload(random_sale(rng));
    ASSERT_TRUE(read_sale_payload_fast(good));
    const std::string bad[] = {
        good.substr(0, good.size() - 1),                   // cut
        good + " ",                                        // trailing byte
        "{ " + good.substr(1),                             // whitespace
        std::string(good).replace(good.find("\"change\":") + 9, 0, "0"),  // a leading zero
        std::string(good).insert(good.find(",\"day\""), ".0"),            // a fraction
        "{\"day\":\"x\"," + good.substr(1),                // keys out of order
        std::string(good).replace(good.find("2026"), 1, "\xff"),          // not UTF-8
    };
    for (const auto& b : bad) EXPECT_FALSE(read_sale_payload_fast(b)) << b;
    CanonicalReader big("99999999999999999999");
    std::int64_t v = 0;
    EXPECT_FALSE(big.i64(v));
    CanonicalReader lone("\"\\ud800\"");
    std::string s;
    EXPECT_FALSE(lone.str(s));
    CanonicalReader pair("\"\\ud83c\\udf36\"");
    ASSERT_TRUE(pair.str(s));
    EXPECT_EQ(s, "🌶");
}

TEST(BundleReaders, ARecordLineReadsBackAsWritten) {
    const Hash prev = sha256("a"), hash = sha256("b");
    Signature sig{};
    sig[0] = 7;
    for (const bool signed_kind : {false, true}) {
        std::string line;
        append_record_line(line, 42, "sale", "2026-11-30T10:00:00.000Z", "{\"name\":\"Ça \\\"va\\\"\\n\"}",
                           std::string_view(reinterpret_cast<const char*>(prev.data()), 32),
                           std::string_view(reinterpret_cast<const char*>(hash.data()), 32),
                           signed_kind ? std::optional<std::string_view>(std::string_view(reinterpret_cast<const char*>(sig.data()), 64))
                                       : std::nullopt);
        line.pop_back();  // the newline
        const auto r = read_record_line(line, "T2");
        ASSERT_TRUE(r.has_value()) << line;
        EXPECT_EQ(r->terminal, "T2");
        EXPECT_EQ(r->seq, 42);
        EXPECT_EQ(r->kind, "sale");
        EXPECT_EQ(r->payload, "{\"name\":\"Ça \\\"va\\\"\\n\"}");
        EXPECT_EQ(r->prev_hash, prev);
        EXPECT_EQ(r->hash, hash);
        EXPECT_EQ(r->sig.has_value(), signed_kind);
        EXPECT_FALSE(read_record_line(line + " ", "T2"));
        EXPECT_FALSE(read_record_line(line.substr(0, line.size() - 2), "T2"));
    }
}

}  // namespace
}  // namespace caisse::db
