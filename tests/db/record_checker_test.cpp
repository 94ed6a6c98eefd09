// Bundle import checks its record lines on a thread of its own (db/bundle/record_checker) while it
// stores the ones already checked: every record comes over once and in order, a refused line comes
// after every record before it and nothing after it, and an importer that stops early (a fork
// found in the ledger, a clash) never waits for the rest of a big bundle.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "db/archive/lines.hpp"
#include "db/bundle/record_checker.hpp"
#include "db/journal.hpp"

namespace caisse::db {
namespace {

std::string_view bytes(const Hash& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }

// A chain of terminal T2 from its genesis: sales, and every 100th record a signed day closure.
struct Chain {
    KeyPair key = make_key_pair();
    std::vector<std::string> text;  // one record line each, without its newline
    std::vector<std::string_view> lines;
    Hash genesis_hash{};

    explicit Chain(int records) {
        Sha256 sha;
        Hash prev{};
        for (int i = 1; i <= records; ++i) {
            const std::string kind(i == 1 ? kind::genesis : i % 100 == 0 ? kind::closure_day : kind::sale);
            std::string payload = "{\"n\":" + std::to_string(i) + "}";
            if (kind == kind::sale) {
                SaleRecord s;
                s.ticket = i;
                s.session = 1;
                s.user = 1;
                s.day = "2026-11-30";
                s.total = 100 * i;
                s.lines.push_back(SaleLineRecord{"SKU", "Mafé", 1, 1, 1000, 1, 100 * i, 0, 0, 100 * i});
                s.payments.push_back(PaymentRecord{"cash", 100 * i});
                s.vat.push_back(VatRecord{1000, 0, 0, 100 * i});
                payload = sale_payload(s);
            }
            const std::string at = "2026-11-30T10:00:00.000Z";
            const Hash hash = record_hash(sha, prev.data(), "T2", i, kind, at, payload);
            const Signature sig = sign(key.secret, hash);
            std::string line;
            append_record_line(line, i, kind, at, payload, bytes(prev), bytes(hash),
                               is_signed_kind(kind) ? std::optional<std::string_view>(std::string_view(
                                                          reinterpret_cast<const char*>(sig.data()), sig.size()))
                                                    : std::nullopt);
            line.pop_back();
            text.push_back(std::move(line));
            if (i == 1) genesis_hash = hash;
            prev = hash;
        }
        for (const auto& t : text) lines.push_back(t);
    }
    CheckedChain checked() const { return CheckedChain{"T2", key.pub, 1, genesis_hash}; }
};

// Everything the checker hands over: the seqs in order, the sales it read, the refusal if any.
struct Drained {
    std::vector<std::int64_t> seqs;
    std::vector<std::int64_t> sale_totals;
    std::optional<RecordRefusal> refusal;
    int batches = 0;
};
Drained drain(RecordChecker& checker) {
    Drained d;
    std::vector<CheckedRecord> batch;
    std::optional<RecordRefusal> refusal;
    while (checker.next(batch, refusal)) {
        ++d.batches;
        EXPECT_FALSE(d.refusal) << "something came after the refusal";
        for (const auto& c : batch) {
            d.seqs.push_back(c.record.seq);
            if (c.sale) d.sale_totals.push_back(c.sale->total);
        }
        if (refusal) d.refusal = refusal;
    }
    return d;
}

TEST(RecordChecker, HandsEveryRecordOverOnceInOrderWithTheSalesRead) {
    const Chain chain(6000);  // more than the batches that may wait at once: the checker waits for the importer
    RecordChecker checker(chain.lines, chain.checked());
    const Drained d = drain(checker);
    EXPECT_FALSE(d.refusal);
    ASSERT_EQ(d.seqs.size(), 6000u);
    for (std::size_t i = 0; i < d.seqs.size(); ++i) ASSERT_EQ(d.seqs[i], static_cast<std::int64_t>(i + 1));
    ASSERT_EQ(d.sale_totals.size(), 6000u - 1 - 60);  // not the genesis, not the 60 closures
    EXPECT_EQ(d.sale_totals.front(), 200);
    EXPECT_EQ(d.sale_totals.back(), 599900);  // seq 6000 is a closure
    EXPECT_GT(d.batches, 8);
}

TEST(RecordChecker, ARefusedLineComesAfterEveryRecordBeforeItAndNothingAfter) {
    Chain chain(6000);
    // Line of seq 5301: a byte of its payload changed (a flipped byte), so its hash no longer matches.
    std::string& line = chain.text[5300];
    line[line.find("\\\"total\\\":") + 11] ^= 1;
    chain.lines[5300] = line;
    RecordChecker checker(chain.lines, chain.checked());
    const Drained d = drain(checker);
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(d.refusal->seq, 5301);
    EXPECT_NE(d.refusal->why.english().find("hash does not match"), std::string::npos) << d.refusal->why.english();
    ASSERT_EQ(d.seqs.size(), 5300u);
    EXPECT_EQ(d.seqs.back(), 5300);
}

TEST(RecordChecker, EachRuleNamesItsSeq) {
    struct Case {
        std::size_t line;
        std::function<void(Chain&)> spoil;
        std::int64_t seq;
        const char* says;
    };
    const Case cases[] = {
        {700, [](Chain& c) { c.text[700] = "not json"; }, 701, "malformed"},
        {700, [](Chain& c) { c.text[700] = c.text[701]; }, 701, "stands where record 701 should"},
        {799,
         [](Chain& c) {
             char& hex = c.text[799][c.text[799].find("\"sig\":\"") + 7];
             hex = hex == '0' ? '1' : '0';
         },
         800, "signature does not verify"},
    };
    for (const auto& k : cases) {
        Chain chain(900);
        k.spoil(chain);
        chain.lines[k.line] = chain.text[k.line];
        RecordChecker checker(chain.lines, chain.checked());
        const Drained d = drain(checker);
        ASSERT_TRUE(d.refusal) << k.says;
        EXPECT_EQ(d.refusal->seq, k.seq) << k.says;
        EXPECT_NE(d.refusal->why.english().find(k.says), std::string::npos) << d.refusal->why.english();
        EXPECT_EQ(d.seqs.size(), static_cast<std::size_t>(k.seq - 1)) << k.says;
    }
}

TEST(RecordChecker, AnImporterThatStopsEarlyDoesNotWaitForTheRest) {
    const Chain chain(20000);
    const auto t0 = std::chrono::steady_clock::now();
    {
        RecordChecker checker(chain.lines, chain.checked());
        std::vector<CheckedRecord> batch;
        std::optional<RecordRefusal> refusal;
        ASSERT_TRUE(checker.next(batch, refusal));
        EXPECT_EQ(batch.front().record.seq, 1);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the checker fills the queue and waits
    }  // destroyed here, as when the importer refuses
    // Checking all 20,000 lines takes far longer than stopping; a deadlock would hang the test.
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(20));
}

}  // namespace
}  // namespace caisse::db
