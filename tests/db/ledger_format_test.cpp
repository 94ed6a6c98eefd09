// The worked example of docs/ledger-format.md is checked against the code, so the page stays true.
#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/services/cash_session.hpp"
#include "db/crypto.hpp"
#include "db/journal.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

std::map<std::string, std::string> doc_examples() {
    std::ifstream in(std::string(CAISSE_SOURCE_DIR) + "/docs/ledger-format.md");
    std::map<std::string, std::string> blocks;
    std::string line, name;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.rfind("<!-- example:", 0) == 0) {
            name = line.substr(13, line.find(' ', 13) - 13);
        } else if (!name.empty() && line == "```") {
            if (inside) name.clear();
            inside = !inside;
        } else if (inside) {
            blocks[name] += line;
        }
    }
    return blocks;
}

db::Hash from_hex32(const std::string& hex) {
    db::Hash h{};
    EXPECT_TRUE(db::from_hex(hex, h.data(), 32));
    return h;
}

TEST(LedgerFormatDoc, WorkedExampleMatchesTheCode) {
    auto ex = doc_examples();
    ASSERT_EQ(ex.size(), 7u);
    unsigned char seed[32], pk[32], sk[64];
    ASSERT_TRUE(db::from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", seed, 32));
    ASSERT_EQ(sodium_init() >= 0, true);
    crypto_sign_seed_keypair(pk, sk, seed);
    EXPECT_NE(ex["payload1"].find(db::to_hex(pk, 32)), std::string::npos);

    db::JournalRecord r1{"T1", 1, "genesis", "2026-01-05T09:30:00.000Z", ex["payload1"], {}, {}, {}};
    const db::Hash h1 = db::record_hash(r1);
    EXPECT_EQ(db::to_hex(h1), ex["hash1"]);
    std::string framing(ex["framing1"].size() / 2, '\0');
    ASSERT_TRUE(db::from_hex(ex["framing1"], reinterpret_cast<std::uint8_t*>(framing.data()), framing.size()));
    EXPECT_EQ(db::sha256(framing), h1);

    db::SecretKey secret{};
    std::copy(sk, sk + 64, secret.begin());
    EXPECT_EQ(db::to_hex(db::sign(secret, h1)), ex["sig1"]);

    db::JournalRecord r2{"T1", 2, "entrepreneur.add", "2026-01-05T09:30:00.010Z",
                         R"({"colour":"#c0392b","id":1,"name":"Aminata Diop"})", h1, {}, {}};
    EXPECT_EQ(db::to_hex(db::record_hash(r2)), ex["hash2"]);
    std::string framing2(ex["framing2"].size() / 2, '\0');
    ASSERT_TRUE(db::from_hex(ex["framing2"], reinterpret_cast<std::uint8_t*>(framing2.data()), framing2.size()));
    EXPECT_EQ(db::sha256(framing2), from_hex32(ex["hash2"]));
}

// The Z shown in "Closures" has exactly the keys of a Z the code records, and adds up.
TEST(LedgerFormatDoc, ExampleZHasTheKeysOfARecordedZ) {
    const auto doc = nlohmann::json::parse(doc_examples()["zpayload"]);
    testing::TempDir dir;
    const auto path = dir.file("l.db");
    {
        auto till = testing::demo_till(path);
        testing::sell_random(*till, 3, 1);
        CloseRequest r;
        r.note = "x";
        r.count.set(5000, 1);
        close_day(*till, testing::as(*till, "Karim"), r);
    }
    db::Database d(path, db::Database::Mode::ReadOnly);
    auto st = d.prepare("SELECT payload FROM journal WHERE kind = 'closure.day'");
    ASSERT_TRUE(st.step());
    const auto real = nlohmann::json::parse(st.text(0));
    auto keys = [](const nlohmann::json& o) {
        std::vector<std::string> k;
        for (const auto& [key, v] : o.items()) k.push_back(key);
        return k;
    };
    auto without_optional = keys(real);
    std::erase_if(without_optional, [](const std::string& k) { return k == "card_declared" || k == "voucher_declared"; });
    EXPECT_EQ(keys(doc), without_optional);
    for (const char* list : {"by_cashier", "by_entrepreneur", "by_tender", "by_vat", "count"})
        if (!real.at(list).empty()) {
            EXPECT_EQ(keys(doc.at(list).at(0)), keys(real.at(list).at(0))) << list;
        }
    std::int64_t counted = 0, kept = 0;
    for (const auto& c : doc.at("count")) counted += c.at("cents").get<std::int64_t>() * c.at("pieces").get<std::int64_t>();
    for (const auto& t : doc.at("by_tender"))
        if (t.at("method") == "cash") kept = t.at("amount").get<std::int64_t>();
    EXPECT_EQ(doc.at("counted_cash").get<std::int64_t>(), counted);
    EXPECT_EQ(doc.at("expected_cash").get<std::int64_t>(),
              doc.at("float").get<std::int64_t>() + kept + doc.at("cash_in").get<std::int64_t>() - doc.at("cash_out").get<std::int64_t>());
    EXPECT_EQ(doc.at("over_short").get<std::int64_t>(), counted - doc.at("expected_cash").get<std::int64_t>());
}

}  // namespace
}  // namespace caisse
