// Issue 11, items 6 and 7: the FEC follows the format rules (18 columns, ISO 8859-15, decimal comma,
// YYYYMMDD, each entry balanced) and its totals are the ledger's (the Z, the day report), per Z and
// per ticket, refunds counted negative; the CSV exports open right in French Excel and no cell of
// theirs can run as a formula.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

#include "app/core/csv.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/csv_export.hpp"
#include "app/services/fec_export.hpp"
#include "app/services/members.hpp"
#include "app/services/printing.hpp"
#include "app/services/refund.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

std::vector<std::string> split(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i; (i = s.find(sep, start)) != std::string::npos; start = i + sep.size()) out.push_back(s.substr(start, i - start));
    out.push_back(s.substr(start));
    return out;
}

// A CSV of FrenchCsv's shape read back: ';' between cells, CRLF between rows, quotes doubled.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
            else if (c == '"') quoted = false;
            else rows.back().back() += c;
        } else if (c == '"') quoted = true;
        else if (c == ';') rows.back().emplace_back();
        else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.emplace_back(1);
            ++i;
        } else rows.back().back() += c;
    }
    rows.pop_back();  // after the last CRLF
    return rows;
}

std::int64_t cents_of(const std::string& comma) {  // "-12,34" -> -1234
    const bool neg = !comma.empty() && comma[0] == '-';
    const std::string d = comma.substr(neg ? 1 : 0);
    const auto c = d.find(',');
    const std::int64_t v = std::stoll(d.substr(0, c)) * 100 + std::stoll(d.substr(c + 1));
    return neg ? -v : v;
}

class Exports : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
        const auto karim = testing::as(*till, "Karim");
        // A product and an entrepreneur whose names a spreadsheet would run as formulas.
        till->import_catalogue(karim, "sku;name;price;vat;entrepreneur;category\n"
                                      "EVIL;\"=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";2,00;20;@Evil;-Divers\n");
        sell("Lucie", {"MAFE*2"}, {"cash:30"});                 // change 11,00
        sell("Lucie", {"BISSAP", "TAJINE"}, {"card"});
        sell("Lucie", {"YASSA"}, {"voucher:10"});
        sell("Lucie", {"EVIL*3", "BISSAP"}, {"cheque"});
        till->sell(karim, testing::sell_text({"MAFE", "TAJINE"}, std::string("10%"), {"cash"}));
        refund_ticket(*till, karim, RefundRequest{1, {{"MAFE", 1}}, TenderMethod::Cash, {}});
        day = till->today();
        report = till->report_day(day);
        const auto x = x_report(*till);
        CashCount count;
        std::int64_t cents = x.expected_cash.value();
        for (const std::int64_t d : {5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}) {
            if (cents / d > 0) count.set(d, cents / d);
            cents %= d;
        }
        z = close_day(*till, karim, CloseRequest{count, std::nullopt, std::nullopt, "", 1});
    }
    void sell(const std::string& who, std::vector<std::string> items, std::vector<std::string> pays) {
        till->sell(testing::as(*till, who), testing::sell_text(items, std::nullopt, pays));
    }
    FecExport fec(FecGrain grain, char sep = '\t') { return export_fec(till->ledger(), FecRequest{day, day, grain, sep}); }

    // Checks every format rule of the reference on the file, and returns per account the net
    // debit (debit - credit).
    std::map<std::string, std::int64_t> check_format(const FecExport& f, char sep) {
        std::map<std::string, std::int64_t> net;
        EXPECT_EQ(f.bytes.find("\xC3"), std::string::npos) << "UTF-8 in an ISO 8859-15 file";
        EXPECT_NE(f.bytes.find("TVA collect\xE9" "e"), std::string::npos) << "é as ISO 8859-15";
        auto lines = split(f.bytes, "\r\n");
        EXPECT_EQ(lines.back(), "");
        lines.pop_back();
        std::string header = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
                             "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise";
        if (sep == '|') std::replace(header.begin(), header.end(), '\t', '|');
        EXPECT_EQ(lines.front(), header);
        const std::regex amount("[0-9]+,[0-9]{2}"), date("[0-9]{8}");
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> balance;  // EcritureNum -> debit, credit
        std::string last_num = "0";
        for (std::size_t i = 1; i < lines.size(); ++i) {
            const auto f18 = split(lines[i], std::string(1, sep));
            EXPECT_EQ(f18.size(), 18u) << lines[i];
            if (f18.size() != 18) continue;
            EXPECT_TRUE(std::regex_match(f18[3], date)) << f18[3];
            EXPECT_TRUE(std::regex_match(f18[9], date)) << f18[9];
            EXPECT_TRUE(std::regex_match(f18[15], date)) << f18[15];
            EXPECT_EQ(f18[3], day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2));
            EXPECT_TRUE(std::regex_match(f18[11], amount)) << f18[11];
            EXPECT_TRUE(std::regex_match(f18[12], amount)) << f18[12];
            EXPECT_TRUE(cents_of(f18[11]) == 0 || cents_of(f18[12]) == 0) << lines[i];
            EXPECT_FALSE(f18[4].empty());
            EXPECT_GE(std::stoll(f18[2]), std::stoll(last_num));  // entries numbered in order
            last_num = f18[2];
            balance[f18[2]].first += cents_of(f18[11]);
            balance[f18[2]].second += cents_of(f18[12]);
            net[f18[4]] += cents_of(f18[11]) - cents_of(f18[12]);
        }
        EXPECT_EQ(static_cast<std::int64_t>(balance.size()), f.entries);
        for (const auto& [num, dc] : balance) EXPECT_EQ(dc.first, dc.second) << "entry " << num << " does not balance";
        return net;
    }

    // The ledger's own totals: the Z's per rate and per tender.
    void expect_ledger_totals(std::map<std::string, std::int64_t> net, const std::string& cash_account = "53") {
        std::int64_t ht = 0, vat = 0;
        for (const auto& [rate, t] : z.totals.by_vat) {
            const std::string code = rate == 550 ? "055" : rate == 1000 ? "100" : "200";
            EXPECT_EQ(-net["706" + code], t.ht) << rate;
            EXPECT_EQ(-net["44571" + code], t.vat) << rate;
            EXPECT_EQ(t.ht, report.by_vat.at(rate).ht);
            EXPECT_EQ(t.vat, report.by_vat.at(rate).vat);
            ht += t.ht;
            vat += t.vat;
        }
        EXPECT_EQ(ht + vat, z.totals.total);
        EXPECT_EQ(z.totals.total, report.total);
        EXPECT_EQ(net[cash_account], z.totals.by_tender.at("cash"));
        EXPECT_EQ(net["512"], z.totals.by_tender.at("card"));
        EXPECT_EQ(net["5112"], z.totals.by_tender.at("cheque"));
        EXPECT_EQ(net["5115"], z.totals.by_tender.at("voucher"));
    }

    testing::TempDir dir;
    std::string path, day;
    std::unique_ptr<Till> till;
    db::DayReport report;
    db::DayClosure z;
};

TEST_F(Exports, FecPerZFollowsTheFormatAndEqualsTheZ) {
    ASSERT_EQ(z.totals.refunds, 1);  // the refund is in the Z, as a negative
    const auto f = fec(FecGrain::per_z);
    EXPECT_EQ(f.entries, 1);
    EXPECT_EQ(f.debit, f.credit);
    expect_ledger_totals(check_format(f, '\t'));
    EXPECT_NE(f.bytes.find("T1-Z1"), std::string::npos);
}

TEST_F(Exports, FecPerTicketCountsTheRefundNegativeAndEqualsTheZ) {
    const auto f = fec(FecGrain::per_ticket, '|');
    EXPECT_EQ(f.entries, 6);  // five tickets and one refund
    const auto net = check_format(f, '|');
    expect_ledger_totals(net);
    EXPECT_NE(f.bytes.find("|T1-R1|"), std::string::npos);
    // The refund's entry: cash credited, sales debited.
    int seen = 0;
    for (const auto& line : split(f.bytes, "\r\n")) {
        const auto c = split(line, "|");
        if (c.size() != 18 || c[8] != "T1-R1") continue;
        ++seen;
        if (c[4] == "53") {
            EXPECT_TRUE(c[11] == "0,00" && c[12] == "9,50") << line;  // cash given back: credit
        }
        if (c[4] == "706100") {
            EXPECT_TRUE(c[11] != "0,00" && c[12] == "0,00") << line;  // sales less: debit
        }
    }
    EXPECT_EQ(seen, 3);  // cash, sales HT at 10 %, VAT at 10 %
}

TEST_F(Exports, FecAccountsComeFromTheSettings) {
    set_till_settings(*till, testing::as(*till, "Karim"), {{"fec.account.cash", "530"}, {"fec.accounts.sales", "10:7061"}});
    const auto f = fec(FecGrain::per_z);
    auto net = check_format(f, '\t');
    EXPECT_EQ(net["530"], z.totals.by_tender.at("cash"));
    EXPECT_EQ(-net["7061"], z.totals.by_vat.at(1000).ht);
    EXPECT_EQ(net.count("53"), 0u);
    EXPECT_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"fec.account.cash", "53 0"}}), InputError);
    EXPECT_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"fec.accounts.vat", "5.5=4457"}}), InputError);
    EXPECT_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"fec.accounts.sales", "abc:706"}}), InputError);
}

TEST_F(Exports, FecRefusesBadPeriodsAndSeparators) {
    EXPECT_THROW(export_fec(till->ledger(), FecRequest{"2026-03-05", "2026-03-01", FecGrain::per_z, '\t'}), InputError);
    EXPECT_THROW(export_fec(till->ledger(), FecRequest{"2026-02-30", "2026-03-01", FecGrain::per_z, '\t'}), InputError);
    EXPECT_THROW(export_fec(till->ledger(), FecRequest{day, day, FecGrain::per_z, ';'}), InputError);
    const auto empty = export_fec(till->ledger(), FecRequest{"2025-01-01", "2025-12-31", FecGrain::per_z, '\t'});
    EXPECT_EQ(empty.entries, 0);
    EXPECT_EQ(split(empty.bytes, "\r\n").size(), 2u);  // the header alone
}

// Every cell is text that cannot run, or a number we wrote.
void expect_no_formula(const std::vector<std::vector<std::string>>& rows) {
    const std::regex number("-?[0-9]+(,[0-9]+)?");
    for (const auto& row : rows)
        for (const auto& cell : row)
            if (!std::regex_match(cell, number)) {
                EXPECT_FALSE(starts_like_formula(cell)) << cell;
            }
}

TEST_F(Exports, TicketsCsvOpensInFrenchExcelAndAddsUpToTheDay) {
    const std::string csv = export_tickets_csv(*till, day, day);
    ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    const auto rows = read_csv(csv.substr(3));
    ASSERT_EQ(rows.size(), 7u);  // header, five tickets, one refund
    EXPECT_EQ(rows[0][8], "Total TTC");
    std::int64_t total = 0, cash = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), rows[0].size());
        total += cents_of(rows[i][8]);
        cash += cents_of(rows[i][12]);
        EXPECT_EQ(cents_of(rows[i][9]) + cents_of(rows[i][10]), cents_of(rows[i][8]));  // HT + VAT = TTC
    }
    EXPECT_EQ(total, report.total);
    EXPECT_EQ(cash, z.totals.by_tender.at("cash"));
    EXPECT_EQ(rows[6][2], "remboursement");
    EXPECT_EQ(rows[6][8].front(), '-');  // a number, negative, not text
    expect_no_formula(rows);
}

TEST_F(Exports, LinesCsvNamesTheMemberAndNeutralisesFormulas) {
    const auto rows = read_csv(export_lines_csv(*till, day, day).substr(3));
    const auto map = member_map(till->ledger().db());
    bool evil = false;
    std::int64_t total = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        total += cents_of(rows[i][15]);
        if (rows[i][5] == "EVIL") {
            evil = true;
            EXPECT_EQ(rows[i][6], "'=HYPERLINK(\"http://x\";\"clic\")");
            EXPECT_EQ(rows[i][7], "'@Evil");
            EXPECT_EQ(rows[i][9], "'-Divers");
            EXPECT_EQ(rows[i][10], "20");
            EXPECT_EQ(rows[i][12], "2,00");
            EXPECT_EQ(rows[i][8], member_id_for_name("@Evil"));
        }
        EXPECT_EQ(rows[i][8].size(), 16u);
    }
    EXPECT_TRUE(evil);
    EXPECT_EQ(total, report.total);
    expect_no_formula(rows);
    (void)map;
}

TEST_F(Exports, CatalogueCsvIsGuardedToo) {
    const auto rows = read_csv(export_catalogue_french_csv(*till).substr(3));
    expect_no_formula(rows);
    bool evil = false;
    for (const auto& r : rows)
        if (r[0] == "EVIL") evil = r[1].front() == '\'' && r[2] == "2,00" && r[3] == "20";
    EXPECT_TRUE(evil);
    EXPECT_THROW(export_tickets_csv(*till, "2026-03-02", "2026-02-01"), InputError);
}

}  // namespace
}  // namespace caisse
