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

}  // namespace
}  // namespace caisse
