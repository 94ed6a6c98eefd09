// Period archives (issue 9, item 6): export, verify alone, and the tamper cases (a byte flipped,
// another key, a closure edited by someone holding the key) detected, naming the record.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/services/archive.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/refund.hpp"
#include "db/archive/lines.hpp"
#include "db/canonical_json.hpp"
#include "db/verify.hpp"
#include "tests/services/conservation_support.hpp"

namespace caisse {
namespace {

using nlohmann::json;

using testing::lines_of;
using testing::slurp;
using testing::spit;

std::string join(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

// Rewrites an archive as someone holding `key` could: records re-hashed and re-chained, signed
// kinds and the archive signed again. edit(seq, payload) may change a payload.
std::string resign(const std::string& text, const db::SecretKey& key, const std::function<void(std::int64_t, json&)>& edit,
                   bool replace_header_key = false) {
    auto lines = lines_of(text);
    json header = json::parse(lines.front());
    if (replace_header_key) header["public_key"] = db::to_hex(db::public_of(key));
    const std::string terminal = header["terminal"];
    db::Sha256 sha;
    db::Hash prev{};
    std::string body;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        json r = json::parse(lines[i]);
        const std::int64_t seq = r["seq"];
        json payload = json::parse(r["payload"].get<std::string>());
        edit(seq, payload);
        const std::string p = db::canonical_json(payload);
        db::Hash prev_hash{};
        if (i == 1) db::from_hex(r["prev_hash"].get<std::string>(), prev_hash.data(), 32);
        else prev_hash = prev;
        const db::Hash h = db::record_hash(sha, prev_hash.data(), terminal, seq, r["kind"].get<std::string>(), r["at_utc"].get<std::string>(), p);
        std::optional<std::string> sig;
        if (!r["sig"].is_null()) {
            const db::Signature s = db::sign(key, h);
            sig = std::string(reinterpret_cast<const char*>(s.data()), 64);
        }
        std::string line;
        db::append_record_line(line, seq, r["kind"].get<std::string>(), r["at_utc"].get<std::string>(), p,
                               std::string_view(reinterpret_cast<const char*>(prev_hash.data()), 32),
                               std::string_view(reinterpret_cast<const char*>(h.data()), 32),
                               sig ? std::optional<std::string_view>(*sig) : std::nullopt);
        body += line;
        prev = h;
    }
    std::string all = db::canonical_json(header) + "\n" + body;
    const db::Hash digest = db::sha256(all);
    all += db::canonical_json(json{{"sha256", db::to_hex(digest)}, {"signature", db::to_hex(db::sign(key, digest))}}) + "\n";
    return all;
}

class ArchiveTest : public ::testing::Test {
protected:
    testing::TempDir dir;
    testing::MovableClock clock{testing::day_at(2026, 11, 2, 9)};
    std::unique_ptr<Till> till = testing::two_months(dir.file("t.db"), clock);
    std::string out = dir.file("2026-11.jsonl");

    db::ArchiveSummary export_november() {
        return export_period_archive(*till, std::nullopt, db::parse_archive_period("2026-11"), out).summary;
    }
    std::int64_t seq_of_kind(const std::string& kind, int nth = 0) {
        auto lines = lines_of(slurp(out));
        for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
            json r = json::parse(lines[i]);
            if (r["kind"] == kind && nth-- == 0) return r["seq"];
        }
        return 0;
    }
};

TEST_F(ArchiveTest, ExportsTheMonthWithItsClosuresAndVerifiesAlone) {
    const auto s = export_november();
    EXPECT_EQ(s.period, "2026-11");
    EXPECT_EQ(s.first_seq, 1);  // the first month starts at genesis
    EXPECT_EQ(s.first_z, 1);
    EXPECT_EQ(s.last_z, 3);
    ASSERT_TRUE(s.closure_seq.has_value());  // November's closure, made by December's first Z
    EXPECT_EQ(s.last_seq, *s.closure_seq);
    EXPECT_EQ(s.records, s.last_seq - s.first_seq + 1);

    const auto check = db::verify_archive(out, till->ledger().public_key());
    for (const auto& p : check.problems) ADD_FAILURE() << p.seq << ": " << p.message.english();
    EXPECT_TRUE(check.ok);
    EXPECT_EQ(check.records, s.records);
    EXPECT_EQ(check.closures, 4);  // three Zs and the month closure
    // Journaled, and the ledger still verifies with the event.
    EXPECT_EQ(till->recent_events(1).front().code, "archive.export");
    EXPECT_NE(till->recent_events(1).front().detail.find(s.sha256_hex), std::string::npos);
    EXPECT_TRUE(db::verify_ledger(till->ledger().path()).ok);
}

TEST_F(ArchiveTest, DecemberStartsAfterNovembersLastZ) {
    export_november();
    const auto dec = export_period_archive(*till, std::nullopt, db::parse_archive_period("2026-12"), dir.file("dec.jsonl")).summary;
    const auto nov_z3 = testing::raw_scalar(till->ledger().path(), "SELECT seq FROM day_closures WHERE z = 3");
    EXPECT_EQ(dec.first_seq, nov_z3 + 1);
    EXPECT_EQ(dec.first_z, 4);
    EXPECT_FALSE(dec.closure_seq.has_value());  // December is not closed yet
    EXPECT_TRUE(db::verify_archive(dir.file("dec.jsonl")).ok);
    const auto year = export_period_archive(*till, std::nullopt, db::parse_archive_period("2026"), dir.file("2026.jsonl")).summary;
    EXPECT_EQ(year.first_z, 1);
    EXPECT_EQ(year.last_z, 4);
    EXPECT_TRUE(db::verify_archive(dir.file("2026.jsonl")).ok);
}

// A refund and a cancellation (schema 6) count in their session's Z as the ledger counts them: the
// archive's own check of the Z must agree, not report a Z that "does not add up".
TEST_F(ArchiveTest, ADayWithARefundAndACancelVerifies) {
    clock.set(testing::day_at(2026, 12, 2, 9));
    const Actor karim = testing::as(*till, "Karim");
    open_cash_session(*till, karim, OpenSessionRequest{{}, Money::cents(15000)});
    testing::sell_random(*till, 3, 11);
    RefundRequest whole;
    whole.ticket = till->last_ticket() - 1;
    whole.method = TenderMethod::Card;  // more than the day's card sales: the card batch declared at the close is negative
    refund_ticket(*till, karim, whole);
    cancel_ticket(*till, karim, till->last_ticket());
    clock.set(testing::day_at(2026, 12, 2, 18));
    testing::close_exactly(*till);
    const auto dec = export_period_archive(*till, std::nullopt, db::parse_archive_period("2026-12"), dir.file("dec.jsonl")).summary;
    EXPECT_EQ(dec.last_z, 5);
    const auto check = db::verify_archive(dir.file("dec.jsonl"));
    for (const auto& p : check.problems) ADD_FAILURE() << p.seq << ": " << p.message.english();
    EXPECT_TRUE(check.ok);
    EXPECT_EQ(testing::raw_scalar(till->ledger().path(), "SELECT COUNT(*) FROM refunds"), 2);
}

TEST_F(ArchiveTest, RefusesAPeriodWithoutZAndAnExistingFile) {
    const auto events = testing::raw_scalar(till->ledger().path(), "SELECT count(*) FROM events");
    EXPECT_THROW(export_period_archive(*till, std::nullopt, db::parse_archive_period("2026-10"), out), InputError);
    EXPECT_THROW(db::parse_archive_period("2026-13"), InputError);
    EXPECT_THROW(db::parse_archive_period("26-11"), InputError);
    export_november();
    EXPECT_THROW(export_november(), InputError);
    EXPECT_EQ(testing::raw_scalar(till->ledger().path(), "SELECT count(*) FROM events"), events + 1);  // only the good export
}

TEST_F(ArchiveTest, AByteFlippedInASaleNamesTheRecord) {
    export_november();
    const std::int64_t sale = seq_of_kind("sale", 3);
    auto lines = lines_of(slurp(out));
    std::string& line = lines[static_cast<std::size_t>(sale - 1 + 1)];  // first_seq is 1; line 0 is the header
    ASSERT_NE(line.find("\\\"total\\\":"), std::string::npos);
    const auto at = line.find("\\\"total\\\":") + 11;
    line[at] = line[at] == '9' ? '8' : static_cast<char>(line[at] + 1);
    spit(out, join(lines));
    const auto check = db::verify_archive(out);
    ASSERT_FALSE(check.ok);
    EXPECT_EQ(check.problems.front().seq, sale);
    EXPECT_NE(check.problems.front().message.english().find("hash does not match"), std::string::npos);
}

TEST_F(ArchiveTest, AByteFlippedInTheSignatureLine) {
    export_november();
    std::string text = slurp(out);
    const auto at = text.rfind("\"signature\":\"") + 14;
    text[at] = text[at] == 'a' ? 'b' : 'a';
    spit(out, text);
    const auto check = db::verify_archive(out);
    ASSERT_FALSE(check.ok);
    EXPECT_EQ(check.problems.front().seq, 0);
    EXPECT_NE(check.problems.front().message.english().find("another key"), std::string::npos);
}

TEST_F(ArchiveTest, SignedWithAnotherKey) {
    export_november();
    const auto other = db::make_key_pair();
    // Only the archive's signature redone with another key: it does not verify with the terminal's.
    std::string text = slurp(out);
    auto lines = lines_of(text);
    lines.pop_back();
    std::string body = join(lines);
    const db::Hash digest = db::sha256(body);
    spit(out, body + db::canonical_json(json{{"sha256", db::to_hex(digest)}, {"signature", db::to_hex(db::sign(other.secret, digest))}}) + "\n");
    auto check = db::verify_archive(out);
    ASSERT_FALSE(check.ok);
    EXPECT_NE(check.problems.front().message.english().find("another key signed it"), std::string::npos);

    // Everything re-signed with the other key and its public key in the header: the genesis
    // (signed by the till's key) and each closure name themselves; --pubkey says another key made it.
    spit(out, resign(text, other.secret, [](std::int64_t, json&) {}, true));
    check = db::verify_archive(out, till->ledger().public_key());
    ASSERT_FALSE(check.ok);
    EXPECT_EQ(check.problems.front().seq, 0);
    EXPECT_NE(check.problems.front().message.english().find("--pubkey"), std::string::npos);
    bool genesis_named = false;
    for (const auto& p : check.problems) genesis_named |= p.seq == 1;
    EXPECT_TRUE(genesis_named);
}

TEST_F(ArchiveTest, AZEditedAndResignedWithTheTillsOwnKeyDoesNotAddUp) {
    export_november();
    const db::SecretKey key = db::read_secret_key(db::Ledger::key_path(till->ledger().path()));
    const std::int64_t z2 = seq_of_kind("closure.day", 1);
    ASSERT_TRUE(db::verify_archive(out).ok);
    spit(out, resign(slurp(out), key, [&](std::int64_t seq, json& p) {
             if (seq == z2) p["total"] = p["total"].get<std::int64_t>() - 100;
         }));
    const auto check = db::verify_archive(out);
    ASSERT_FALSE(check.ok);
    EXPECT_EQ(check.problems.front().seq, z2);
    EXPECT_NE(check.problems.front().message.english().find("does not add up"), std::string::npos);
}

TEST_F(ArchiveTest, ACutArchiveOrARemovedRecord) {
    export_november();
    auto lines = lines_of(slurp(out));
    const std::int64_t sale = seq_of_kind("sale", 2);
    lines.erase(lines.begin() + sale);  // line `sale` holds record `sale` (first_seq 1, header first)
    spit(out, join(lines));
    auto check = db::verify_archive(out);
    ASSERT_FALSE(check.ok);
    bool named = false;
    for (const auto& p : check.problems) named |= p.seq == sale + 1 || p.seq == sale;
    EXPECT_TRUE(named);
    spit(out, slurp(out).substr(0, 100));
    EXPECT_FALSE(db::verify_archive(out).ok);
    EXPECT_THROW(db::verify_archive(dir.file("none.jsonl")), InputError);
}

}  // namespace
}  // namespace caisse
