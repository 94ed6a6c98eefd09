#include <gtest/gtest.h>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse {
namespace {

TEST(CanonicalJson, SortsKeysAndHasNoWhitespace) {
    nlohmann::json j = {{"b", 1}, {"a", {{"d", true}, {"c", nullptr}}}, {"é", "x"}};
    EXPECT_EQ(db::canonical_json(j), R"({"a":{"c":null,"d":true},"b":1,"é":"x"})");
}

TEST(CanonicalJson, RefusesFloatsAndBadText) {
    EXPECT_THROW(db::canonical_json(nlohmann::json{{"a", 1.5}}), std::invalid_argument);
    EXPECT_THROW(db::canonical_json(nlohmann::json{{"a", std::string("\xC3\x28")}}), std::invalid_argument);
}

TEST(CanonicalJson, RecognisesNonCanonicalText) {
    EXPECT_TRUE(db::is_canonical_json(R"({"a":1,"b":[1,2]})"));
    EXPECT_FALSE(db::is_canonical_json(R"({"b":1,"a":2})"));
    EXPECT_FALSE(db::is_canonical_json(R"({"a": 1})"));
    EXPECT_FALSE(db::is_canonical_json(R"({"a":1.0})"));
    EXPECT_FALSE(db::is_canonical_json("not json"));
}

TEST(CanonicalJson, EscapesLikeTheSpec) {
    std::string out;
    db::append_json_string(out, "a\"b\\c\td/é€");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\td/é€\"");
}

TEST(CanonicalJson, SalePayloadWriterIsCanonical) {
    db::SaleRecord s;
    s.ticket = 3;
    s.session = 1;
    s.user = 2;
    s.day = "2026-03-02";
    s.total = 1900;
    s.lines = {{"MAFE", "Mafé \"maison\"", 1, 1, 1000, 2, 950, 0, 0, 1900}};
    s.payments = {{"card", 1900}};
    s.vat = {{1000, 1727, 173, 1900}};
    const auto p = db::sale_payload(s);
    EXPECT_TRUE(db::is_canonical_json(p)) << p;
    EXPECT_EQ(p.substr(0, 40), R"({"change":0,"day":"2026-03-02","discount)");
}

}  // namespace
}  // namespace caisse

namespace caisse {
namespace {

// The raw-pointer writer must give exactly what the generic canonical serialiser gives, including
// escapes and buffers that have to grow several times.
TEST(CanonicalJson, SalePayloadWriterMatchesGenericSerialiser) {
    db::SaleRecord s;
    s.ticket = 12;
    s.session = 3;
    s.user = 4;
    s.day = "2026-03-02";
    s.discount = 7;
    s.total = -5;
    s.change = 123456789012;
    for (int i = 0; i < 40; ++i)
        s.lines.push_back({"SKU-" + std::to_string(i), std::string(i * 40, 'x') + "\t\"é\\\n" + std::string(1, '\x01'), i, i + 1,
                           1000, i + 1, 250, 1, 2, 3});
    s.payments = {{"cash", 100}, {"card", 200}};
    s.vat = {{550, 1, 2, 3}, {1000, 4, 5, 6}};
    nlohmann::json lines = nlohmann::json::array(), pays = nlohmann::json::array(), vat = nlohmann::json::array();
    for (const auto& l : s.lines)
        lines.push_back({{"cat", l.category}, {"disc", l.line_discount}, {"ent", l.entrepreneur}, {"name", l.name},
                         {"qty", l.quantity}, {"share", l.discount_share}, {"sku", l.sku}, {"total", l.total},
                         {"unit", l.unit_price}, {"vat", l.vat_bp}});
    for (const auto& p : s.payments) pays.push_back({{"amount", p.amount}, {"method", p.method}});
    for (const auto& v : s.vat) vat.push_back({{"ht", v.ht}, {"rate", v.rate}, {"ttc", v.ttc}, {"vat", v.vat}});
    const nlohmann::json expected = {{"change", s.change}, {"day", s.day},       {"discount", s.discount},
                                     {"lines", lines},     {"payments", pays},   {"session", s.session},
                                     {"ticket", s.ticket}, {"total", s.total},   {"user", s.user}, {"vat", vat}};
    std::string out = "prefix:";
    db::append_sale_payload(out, s);
    EXPECT_EQ(out, "prefix:" + expected.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
}

}  // namespace
}  // namespace caisse

namespace caisse {
namespace {
TEST(CanonicalJson, DeepNestingIsRefusedWithoutCrashing) {
    const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
    EXPECT_FALSE(db::is_canonical_json(deep));
    EXPECT_TRUE(db::is_canonical_json("[[[1]]]"));
}
}  // namespace
}  // namespace caisse
