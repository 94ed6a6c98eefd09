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
