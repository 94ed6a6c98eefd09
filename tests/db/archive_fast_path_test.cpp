// Archive verify's fast path (db/archive/fast_reader) against the reference reader (nlohmann-json):
// on genuine archives, on the fuzz corpus, on bytes damaged everywhere and on archives re-signed
// with payloads written every way JSON allows, both readers give the same verdict and the same
// problems; the fast readers never accept a line or payload the reference reads otherwise.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/services/archive.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/refund.hpp"
#include "db/archive/closure_sums.hpp"
#include "db/archive/fast_reader.hpp"
#include "db/archive/lines.hpp"
#include "db/canonical_json.hpp"
#include "tests/services/conservation_support.hpp"

namespace caisse {
namespace {

using nlohmann::json;

using testing::lines_of;
using testing::slurp;
using testing::spit;

// The whole verdict, problems included, as text: equal texts, equal results.
std::string verdict(const db::ArchiveCheck& c) {
    std::string s = (c.ok ? "ok" : "broken") + std::string(" records=") + std::to_string(c.records) + " closures=" + std::to_string(c.closures) +
                    " terminal=" + c.terminal + " period=" + c.period + "\n";
    for (const auto& p : c.problems) s += std::to_string(p.seq) + ": " + p.message.english() + "\n";
    return s;
}

// Verifies path with both readers and expects the same verdict; returns it.
std::string same_verdict(const std::string& path, const std::string& what) {
    std::string fast, reference;
    try {
        fast = verdict(db::verify_archive(path, std::nullopt, db::ArchiveReader::fast));
    } catch (const InputError& e) {
        fast = std::string("InputError ") + e.what();
    }
    try {
        reference = verdict(db::verify_archive(path, std::nullopt, db::ArchiveReader::reference));
    } catch (const InputError& e) {
        reference = std::string("InputError ") + e.what();
    }
    EXPECT_EQ(fast, reference) << what;
    return fast;
}

// An archive re-signed by the till's key with each record's payload replaced by edit(seq, kind,
// payload) as raw text (any JSON or none), every line written by `write_line`: hashes, links and
// signatures all right, so only the readers' reading of the payloads and lines decides.
std::string resign_raw(const std::string& text, const db::SecretKey& key,
                       const std::function<std::string(std::int64_t, const std::string&, const std::string&)>& edit,
                       const std::function<std::string(std::string)>& write_line = [](std::string l) { return l; }) {
    auto lines = lines_of(text);
    const json header = json::parse(lines.front());
    const std::string terminal = header["terminal"];
    db::Sha256 sha;
    db::Hash prev{};
    std::string all = lines.front() + "\n";
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const json r = json::parse(lines[i]);
        const std::int64_t seq = r["seq"];
        const std::string kind = r["kind"], at = r["at_utc"];
        const std::string p = edit(seq, kind, r["payload"].get<std::string>());
        db::Hash prev_hash{};
        if (i == 1) db::from_hex(r["prev_hash"].get<std::string>(), prev_hash.data(), 32);
        else prev_hash = prev;
        const db::Hash h = db::record_hash(sha, prev_hash.data(), terminal, seq, kind, at, p);
        std::optional<std::string> sig;
        if (!r["sig"].is_null()) {
            const db::Signature s = db::sign(key, h);
            sig = std::string(reinterpret_cast<const char*>(s.data()), 64);
        }
        std::string line;
        db::append_record_line(line, seq, kind, at, p, std::string_view(reinterpret_cast<const char*>(prev_hash.data()), 32),
                               std::string_view(reinterpret_cast<const char*>(h.data()), 32),
                               sig ? std::optional<std::string_view>(*sig) : std::nullopt);
        line.pop_back();
        all += write_line(line) + "\n";
        prev = h;
    }
    const db::Hash digest = db::sha256(all);
    all += db::canonical_json(json{{"sha256", db::to_hex(digest)}, {"signature", db::to_hex(db::sign(key, digest))}}) + "\n";
    return all;
}

// The reference reading of a record line, as verify's parse_record does it.
std::optional<db::JournalRecord> reference_line(const std::string& line) {
    const json j = json::parse(line, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    db::JournalRecord r;
    try {
        r.seq = j.at("seq").get<std::int64_t>();
        r.kind = j.at("kind").get<std::string>();
        r.at_utc = j.at("at_utc").get<std::string>();
        r.payload = j.at("payload").get<std::string>();
        if (!db::from_hex(j.at("hash").get<std::string>(), r.hash.data(), 32) ||
            !db::from_hex(j.at("prev_hash").get<std::string>(), r.prev_hash.data(), 32))
            return std::nullopt;
        if (!j.at("sig").is_null()) {
            db::Signature s{};
            if (!db::from_hex(j.at("sig").get<std::string>(), s.data(), 64)) return std::nullopt;
            r.sig = s;
        }
    } catch (const json::exception&) {
        return std::nullopt;
    }
    return r;
}

bool same_record(const db::JournalRecord& a, const db::JournalRecord& b) {
    return a.seq == b.seq && a.kind == b.kind && a.at_utc == b.at_utc && a.payload == b.payload && a.hash == b.hash &&
           a.prev_hash == b.prev_hash && a.sig == b.sig;
}

bool same_sums(const db::SaleSums& a, const db::SaleSums& b) {
    return a.session == b.session && a.total == b.total && a.change == b.change && a.lines == b.lines && a.payments == b.payments;
}

// Payloads written in ways canonical JSON never is, or of other shapes: each read the same by both
// readers, or left to the reference by the fast one.
const std::vector<std::string> kOddPayloads = {
    R"({"change":0,"lines":[{"ent":1,"total":950}],"payments":[{"amount":950,"method":"cash"}],"session":1,"total":950})",
    R"({"change":0, "session":1,"total":950})",                 // whitespace
    R"({"total":950,"session":1})",                             // keys out of order
    R"({"session":1,"session":2,"total":5})",                   // a key twice
    R"({"session":1,"total":9.5e2})",                           // a float
    R"({"session":1,"total":950.0})",
    R"({"session":1,"total":-0})",
    R"({"session":1,"total":0950})",                            // not JSON
    R"({"session":1,"total":99999999999999999999})",            // above int64
    R"({"session":1,"total":9223372036854775807})",
    R"({"session":1,"total":"950"})",                           // a string
    R"({"session":1,"total":true})",
    R"({"session":1,"total":null})",
    R"({"lines":{"ent":1},"session":1,"total":5})",             // lines an object
    R"({"lines":[1,{"ent":2,"total":3}],"session":1,"total":5})",  // a line not an object
    R"({"lines":[{"ent":"1","total":3}],"session":1,"total":5})",
    R"({"lines":[{"ent":1,"ent":2,"total":3}],"session":1,"total":5})",
    R"({"payments":[{"amount":5,"method":"ca\u0073h"}],"session":1,"total":5})",  // an escaped method
    R"({"payments":[{"amount":5,"method":"caf\u00e9"}],"session":1,"total":5})",
    R"({"payments":[{"amount":5,"method":"café"}],"session":1,"total":5})",
    R"({"payments":[{"amount":5,"method":1}],"session":1,"total":5})",
    R"({"payments":[{"amount":5}],"session":1,"total":5})",      // no method: ""
    R"({"name":"a\"b\\c\/d\b\f\n\r\t\u0001\u00e9\ud83d\ude00","session":1,"total":5})",
    R"({"name":"\ud83d","session":1,"total":5})",               // a lone surrogate
    R"({"name":"\x","session":1,"total":5})",
    "{\"name\":\"\xc3\x28\",\"session\":1,\"total\":5}",         // bad UTF-8
    "{\"name\":\"\xed\xa0\x80\",\"session\":1,\"total\":5}",     // a surrogate in UTF-8
    "{\"name\":\"\xe0\x80\xaf\",\"session\":1,\"total\":5}",     // overlong
    "{\"name\":\"\xf4\x90\x80\x80\",\"session\":1,\"total\":5}", // above U+10FFFF
    "{\"name\":\"tab\there\",\"session\":1,\"total\":5}",        // a raw control character
    R"({"session":1,"total":5} )",
    R"({"session":1,"total":5}x)",
    R"( {"session":1,"total":5})",
    R"([1,2])",
    R"("a string")",
    R"({"session":1,"total":5)",
    R"({})",
    R"({"deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"session":1,"total":5})",
    R"({"x":[true,false,null,-12,"",{}],"session":1,"total":5})",
    R"({"":1,"session":1,"total":5})",
    "",
};

class ArchiveFastPathTest : public ::testing::Test {
protected:
    testing::TempDir dir;
    testing::MovableClock clock{testing::day_at(2026, 11, 2, 9)};
    std::unique_ptr<Till> till = testing::two_months(dir.file("t.db"), clock);
    std::string out = dir.file("dec.jsonl");

    // December: sales, a refund and a cancel, a Z (the archive the tests damage).
    void export_december() {
        clock.set(testing::day_at(2026, 12, 2, 9));
        const Actor karim = testing::as(*till, "Karim");
        open_cash_session(*till, karim, OpenSessionRequest{{}, Money::cents(15000)});
        testing::sell_random(*till, 6, 11);
        RefundRequest whole;
        whole.ticket = till->last_ticket() - 1;
        whole.method = TenderMethod::Cash;
        refund_ticket(*till, karim, whole);
        cancel_ticket(*till, karim, till->last_ticket());
        clock.set(testing::day_at(2026, 12, 2, 18));
        testing::close_exactly(*till);
        export_period_archive(*till, std::nullopt, db::parse_archive_period("2026-12"), out);
    }
    db::SecretKey key() const { return db::read_secret_key(db::Ledger::key_path(till->ledger().path())); }
};

TEST_F(ArchiveFastPathTest, GenuineLinesAndPayloadsTakeTheFastPathAndReadAsTheReferenceReadsThem) {
    export_december();
    const auto lines = lines_of(slurp(out));
    int sales = 0;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const auto fast = db::read_record_line_fast(lines[i], "T1");
        const auto ref = reference_line(lines[i]);
        ASSERT_TRUE(fast.has_value()) << lines[i];
        ASSERT_TRUE(ref.has_value());
        EXPECT_TRUE(same_record(*fast, *ref)) << lines[i];
        if (db::ClosureSums::is_sale_kind(fast->kind)) {
            ++sales;
            const auto sums = db::read_sale_sums_fast(fast->payload);
            ASSERT_TRUE(sums.has_value()) << fast->payload;
            EXPECT_TRUE(same_sums(*sums, *db::ClosureSums::sale_sums_of(json::parse(fast->payload))));
        }
    }
    EXPECT_GE(sales, 8);
    EXPECT_EQ(same_verdict(out, "genuine").substr(0, 3), "ok ");
}

TEST_F(ArchiveFastPathTest, OddPayloadsReadTheSameOrGoToTheReference) {
    int fast_taken = 0;
    for (const auto& p : kOddPayloads) {
        const auto fast = db::read_sale_sums_fast(p);
        const auto ref = db::ClosureSums::sale_sums_of(json::parse(p, nullptr, false));
        if (!fast) continue;
        ++fast_taken;
        ASSERT_TRUE(ref.has_value()) << p;
        EXPECT_TRUE(same_sums(*fast, *ref)) << p;
    }
    EXPECT_GE(fast_taken, 5);  // the fast path reads the well-formed ones (not a test of nothing)
    EXPECT_FALSE(db::read_sale_sums_fast(R"({"session":1,"session":2,"total":5})"));
    EXPECT_FALSE(db::read_sale_sums_fast("{\"name\":\"\xed\xa0\x80\",\"session\":1}"));
}

TEST_F(ArchiveFastPathTest, DamagedLinesReadTheSameOrGoToTheReference) {
    export_december();
    const auto lines = lines_of(slurp(out));
    std::mt19937 rng(9);
    const char replacements[] = {'"', '\\', ' ', '0', '9', '-', '.', 'e', '}', ',', 'A', '\x01', '\x80', '\xc3', 'u'};
    int accepted_damaged = 0;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        for (int k = 0; k < 150; ++k) {
            std::string line = lines[i];
            const std::size_t at = rng() % line.size();
            switch (rng() % 3) {
                case 0: line[at] = replacements[rng() % sizeof replacements]; break;
                case 1: line.erase(at, 1); break;
                default: line.insert(at, 1, replacements[rng() % sizeof replacements]);
            }
            const auto fast = db::read_record_line_fast(line, "T1");
            if (!fast) continue;
            const auto ref = reference_line(line);
            ASSERT_TRUE(ref.has_value()) << line;
            EXPECT_TRUE(same_record(*fast, *ref)) << line;
            accepted_damaged += line != lines[i];
            if (db::ClosureSums::is_sale_kind(fast->kind))
                if (const auto sums = db::read_sale_sums_fast(fast->payload)) {
                    const auto ref_sums = db::ClosureSums::sale_sums_of(json::parse(fast->payload, nullptr, false));
                    ASSERT_TRUE(ref_sums.has_value()) << fast->payload;
                    EXPECT_TRUE(same_sums(*sums, *ref_sums)) << fast->payload;
                }
        }
    }
    EXPECT_GT(accepted_damaged, 0);  // damage inside a payload or a date still reads (the hash then fails)
}

TEST_F(ArchiveFastPathTest, TheCorpusAndDamagedArchivesGetTheSameVerdict) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CAISSE_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_archive_verify"))
        same_verdict(entry.path().string(), entry.path().filename().string());
    export_december();
    const std::string genuine = slurp(out);
    const std::string damaged = dir.file("damaged.jsonl");
    std::mt19937 rng(18);
    const char replacements[] = {'"', '\\', ' ', '1', '-', 'e', '}', '\n', '\x80'};
    for (int k = 0; k < 600; ++k) {
        std::string text = genuine;
        const std::size_t at = rng() % text.size();
        if (rng() % 2) text[at] = replacements[rng() % sizeof replacements];
        else text.erase(at, 1);
        spit(damaged, text);
        same_verdict(damaged, "byte " + std::to_string(at));
    }
}

TEST_F(ArchiveFastPathTest, ResignedArchivesWithOddPayloadsAndLinesGetTheSameVerdict) {
    export_december();
    const std::string genuine = slurp(out);
    const std::string path = dir.file("resigned.jsonl");
    // Every sale in turn takes each odd payload: the hashes hold, the Z's sums decide.
    std::int64_t first_sale = 0;
    for (const auto& l : lines_of(genuine))
        if (l.find("\"kind\":\"sale\"") != std::string::npos) {
            first_sale = json::parse(l)["seq"];
            break;
        }
    ASSERT_GT(first_sale, 0);
    for (const auto& odd : kOddPayloads) {
        spit(path, resign_raw(genuine, key(), [&](std::int64_t seq, const std::string&, const std::string& p) { return seq == first_sale ? odd : p; }));
        same_verdict(path, odd);
    }
    // A genuine sale rewritten with spaces and keys out of order: still the same sums, both say ok.
    spit(path, resign_raw(genuine, key(), [&](std::int64_t, const std::string& kind, const std::string& p) {
             return db::ClosureSums::is_sale_kind(kind) ? json::parse(p).dump(1) : p;
         }));
    EXPECT_EQ(same_verdict(path, "indented payloads").substr(0, 3), "ok ");
    // Lines laid out otherwise (a space, escapes the export never writes): the reference reads them.
    spit(path, resign_raw(genuine, key(), [](std::int64_t, const std::string&, const std::string& p) { return p; },
                          [](std::string l) { return "{ " + l.substr(1); }));
    EXPECT_EQ(same_verdict(path, "spaced lines").substr(0, 3), "ok ");
    spit(path, resign_raw(genuine, key(), [](std::int64_t, const std::string&, const std::string& p) { return p; },
                          [](std::string l) { return json::parse(l).dump(-1, ' ', true); }));
    EXPECT_EQ(same_verdict(path, "ASCII-escaped lines").substr(0, 3), "ok ");
    // A sale whose total was changed and re-signed: both name the Z.
    spit(path, resign_raw(genuine, key(), [&](std::int64_t seq, const std::string&, const std::string& p) {
             if (seq != first_sale) return p;
             json j = json::parse(p);
             j["total"] = j["total"].get<std::int64_t>() + 1;
             return db::canonical_json(j);
         }));
    EXPECT_NE(same_verdict(path, "total + 1").find("does not add up"), std::string::npos);
}

// Seen with fuzz_archive_verify once UBSan stopped at its first report (tests/fuzz/run.sh): a header
// announcing seqs near 2^63 made last_seq - first_seq and first_seq + i overflow (undefined
// behaviour). Such a header is a problem; records are not checked against seqs no ledger has.
TEST(ArchiveRegression, HeaderSeqsNear2To63AreAProblemNotAnOverflow) {
    const std::string corpus = std::string(CAISSE_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_archive_verify/";
    // first_seq = last_seq = 2^63 - 1: the header's problem alone (before, every record was also
    // named out of order, at seqs that had wrapped round to negative).
    const std::string at_max = same_verdict(corpus + "regression-seqs-near-2-63", "near 2^63");
    EXPECT_EQ(at_max.rfind("broken", 0), 0u) << at_max;
    EXPECT_NE(at_max.find("\n0: the header announces records 9223372036854775807 to 9223372036854775807"), std::string::npos) << at_max;
    EXPECT_EQ(std::count(at_max.begin(), at_max.end(), '\n'), 2) << at_max;
    // first_seq = -5, last_seq = 2^63 - 1: a problem, the records still read.
    const std::string span = same_verdict(corpus + "regression-seqs-span-2-63", "span");
    EXPECT_EQ(span.rfind("broken", 0), 0u) << span;
    EXPECT_NE(span.find("\n0: the header announces records -5 to 9223372036854775807"), std::string::npos) << span;
}

}  // namespace
}  // namespace caisse
