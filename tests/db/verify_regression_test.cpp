// Inputs the fuzzers found that made verify throw instead of reporting (tests/fuzz/README.md).
#include <gtest/gtest.h>

#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

// fuzz_verify_ledger: a projection row whose text is not UTF-8 (a tamperer with sqlite3) made
// canonical_json throw out of verify; it is a problem at that record now.
TEST(VerifyRegression, ProjectionBytesThatAreNotUtf8AreAProblem) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db");
    testing::demo_till(path).reset();
    const auto seq = testing::raw_scalar(path, "SELECT seq FROM entrepreneurs ORDER BY seq LIMIT 1");
    testing::raw_sql(path, "DROP TRIGGER entrepreneurs_no_update; UPDATE entrepreneurs SET name = CAST(X'41FF27' AS TEXT) "
                           "WHERE seq = " + std::to_string(seq));
    db::VerifyResult r;
    ASSERT_NO_THROW(r = db::verify_ledger(path));
    EXPECT_FALSE(r.ok);
    bool named = false;
    for (const auto& p : r.problems) named |= p.seq == seq && p.reason.find("not valid text") != std::string::npos;
    EXPECT_TRUE(named);
}

// fuzz_verify_ledger: a projection row whose terminal is a blob made the terminals' skip scan
// ("terminal > ?") return that row forever: verify hung. Now it ends, and a row no per-terminal read meets is a problem.
TEST(VerifyRegression, ATerminalThatIsNotTextEndsWithAProblem) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db");
    {
        auto till = testing::demo_till(path);
        testing::sell_random(*till, 2, 7);
    }
    testing::raw_sql(path, "DROP TRIGGER IF EXISTS sale_payments_no_update; "
                           "UPDATE sale_payments SET terminal = X'5431' WHERE ticket = (SELECT MIN(ticket) FROM sale_payments)");
    db::VerifyResult r;
    ASSERT_NO_THROW(r = db::verify_ledger(path));
    EXPECT_FALSE(r.ok);
    bool named = false;
    for (const auto& p : r.problems)
        named |= p.reason.find("sale_payments rows whose terminal is not text: 1") != std::string::npos;
    EXPECT_TRUE(named);
}

}  // namespace
}  // namespace caisse
