// Receipts from recorded sales, duplicates journaled, settings checked: the printing use cases.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "app/services/i18n.hpp"
#include "app/services/printing.hpp"
#include "app/services/receipt.hpp"
#include "db/verify.hpp"
#include "drivers/escpos.hpp"
#include "drivers/preview.hpp"
#include "drivers/utf8.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

class Receipts : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("r.db");
        till = testing::demo_till(path);
        sold = till->sell(till->approve(testing::as(*till, "Lucie"), "Karim", "2345"), testing::sell_text({"MAFE*2", "EAU", "ECHARPE"}, std::string("2,00"), {"cash:100"}));
    }
    std::int64_t records() { return testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"); }
    static std::string joined(const std::vector<std::string>& lines) {
        std::string all;
        for (const auto& l : lines) all += l + "\n";
        return all;
    }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
    SellResult sold;
};

TEST_F(Receipts, CarryWhatTheLawAndTheCooperativeNeed) {
    const auto receipt = customer_receipt(*till, sold.ticket);
    const std::string text = joined(drivers::preview_lines(receipt.doc, 48));
    for (const char* expected : {"L e   B u f f e t", "SIRET 123 456 782 00002", "Ticket n° 1", "Caissier : Lucie", "Caisse T1",
                                 "Mafé poulet [AD]", "  2 x 9,50", "Écharpe tissée main [JM]", "Remise", "TOTAL TTC",
                                 "TVA par taux", "A 5,5", "B 10", "C 20", "Espèces", "Rendu monnaie", "Prix nets",
                                 "[AD] Aminata Diop", "Empreinte : ", "Merci et à bientôt !"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // The fingerprint is the start of the recorded hash.
    EXPECT_NE(text.find(sold.hash_hex.substr(0, 4) + " " + sold.hash_hex.substr(4, 4)), std::string::npos);
    EXPECT_EQ(text.find("DUPLICATA"), std::string::npos);
}

TEST_F(Receipts, FitBothPaperWidths) {
    const auto receipt = customer_receipt(*till, sold.ticket);
    for (int cols : {32, 48})
        for (const auto& line : drivers::preview_lines(receipt.doc, cols))
            EXPECT_LE(drivers::column_width(line), cols) << line;
}

TEST_F(Receipts, EveryReprintIsANumberedDuplicateInTheJournal) {
    const auto before = records();
    const auto first = duplicate_receipt(*till, testing::as(*till, "Karim"), sold.ticket);
    const auto second = duplicate_receipt(*till, testing::as(*till, "Karim"), sold.ticket);
    EXPECT_EQ(first.duplicate_number, 1);
    EXPECT_EQ(second.duplicate_number, 2);
    EXPECT_EQ(records(), before + 2);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal WHERE kind = 'receipt.duplicate'"), 2);
    const std::string text = joined(drivers::preview_lines(second.doc, 48));
    EXPECT_NE(text.find("D U P L I C A T A   n °   2"), std::string::npos) << text;
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Receipts, ATamperedDuplicateProjectionIsCaught) {
    duplicate_receipt(*till, testing::as(*till, "Karim"), sold.ticket);
    testing::raw_sql(path, "DROP TRIGGER duplicates_no_update; UPDATE duplicates SET ticket = 7;");
    const auto r = db::verify_ledger(path);
    EXPECT_FALSE(r.ok);
}

TEST_F(Receipts, UnknownTicketIsRefusedAndNothingIsRecorded) {
    const auto before = records();
    try {
        duplicate_receipt(*till, testing::as(*till, "Karim"), 99);
        ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no ticket 99"), std::string::npos) << e.what();
    }
    EXPECT_THROW(customer_receipt(*till, 0), InputError);
    EXPECT_EQ(records(), before);
}

TEST_F(Receipts, BadPrinterUriOrProfileIsNamed) {
    try {
        printer_config(*till, std::string("lpt1"), std::nullopt);
        ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("lpt1"), std::string::npos) << e.what();
    }
    EXPECT_THROW(printer_config(*till, std::string("tcp://host:99999"), std::nullopt), InputError);
    EXPECT_THROW(printer_config(*till, std::string("usb:zz:1"), std::nullopt), InputError);
    EXPECT_THROW(printer_config(*till, std::nullopt, std::string("epson-tm-9000")), InputError);
    EXPECT_EQ(printer_config(*till, std::string("tcp://10.0.0.5"), std::nullopt).uri, "tcp://10.0.0.5");
}

TEST_F(Receipts, SettingsAreCheckedAllOrNothing) {
    const auto siret = till->ledger().setting("business.siret");
    EXPECT_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"business.brand", "Nouveau"}, {"business.siret", "12345"}}), InputError);
    EXPECT_EQ(till->ledger().setting("business.brand"), "Le Buffet Commun");  // the valid pair was not stored
    EXPECT_EQ(till->ledger().setting("business.siret"), siret);
    // 14 digits with one mistyped: its check digit (Luhn) gives it away (newcomer trial).
    try {
        set_till_setting(*till, testing::as(*till, "Karim"), "business.siret", "732 829 320 00075");
        ADD_FAILURE() << "a SIRET with a wrong check digit was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("check digit"), std::string::npos) << e.what();
    }
    EXPECT_EQ(till->ledger().setting("business.siret"), siret);
    set_till_setting(*till, testing::as(*till, "Karim"), "business.siret", "732 829 320 00074");
    EXPECT_EQ(till->ledger().setting("business.siret"), "732 829 320 00074");
    set_till_setting(*till, testing::as(*till, "Karim"), "business.siret", "356 000 000 00047");  // La Poste: its own rule
    EXPECT_THROW(set_till_setting(*till, testing::as(*till, "Karim"), "business.colour", "red"), InputError);
    EXPECT_THROW(set_till_setting(*till, testing::as(*till, "Karim"), "printer.drawer", "pin3"), InputError);
    set_till_setting(*till, testing::as(*till, "Karim"), "business.address", "1 rue A\\n75001 Paris");
    EXPECT_EQ(business_identity(*till).address, "1 rue A\n75001 Paris");
}

TEST_F(Receipts, TheScreenLockDelayIsAWholeNumberOfSecondsUpToAnHour) {
    EXPECT_EQ(screen_lock_seconds(*till), 120) << "two minutes when unset";
    for (const char* bad : {"-1", "3601", "2 min", "", "1e3", "99999"})
        EXPECT_THROW(set_till_setting(*till, testing::as(*till, "Karim"), "ui.lock_after_seconds", bad), InputError) << bad;
    EXPECT_EQ(screen_lock_seconds(*till), 120);
    EXPECT_THROW(set_till_setting(*till, testing::as(*till, "Lucie"), "ui.lock_after_seconds", "0"), InputError) << "a seller";
    set_till_setting(*till, testing::as(*till, "Karim"), "ui.lock_after_seconds", "0");
    EXPECT_EQ(screen_lock_seconds(*till), 0);
    set_till_setting(*till, testing::as(*till, "Karim"), "ui.lock_after_seconds", "3600");
    EXPECT_EQ(screen_lock_seconds(*till), 3600);
}

// Seen by a newcomer: a day with one ticket read "1 tickets". A count of one is singular, in
// French and English; other counts are plural.
TEST(DayReportPaper, SaysOneTicketInTheSingular) {
    const i18n::Translator french("fr", i18n::Catalog::load(std::string(CAISSE_SOURCE_DIR) + "/assets/i18n/fr.po"));
    const i18n::Translator english("en", i18n::Catalog{});
    db::DayReport r;
    r.date = "2026-12-01";
    auto text = [&](const i18n::Translator& t) {
        std::string all;
        for (const auto& l : drivers::preview_lines(day_report_document(r, BusinessIdentity{}, "T1", t, "4191"), 48)) all += l + "\n";
        return all;
    };
    r.tickets = 1;
    for (const auto* t : {&french, &english}) {
        EXPECT_NE(text(*t).find("1 ticket\n"), std::string::npos) << text(*t);
        EXPECT_EQ(text(*t).find("1 tickets"), std::string::npos) << text(*t);
    }
    r.tickets = 3;
    EXPECT_NE(text(english).find("3 tickets\n"), std::string::npos) << text(english);
    EXPECT_NE(text(french).find("3 tickets\n"), std::string::npos) << text(french);
}

TEST(EntrepreneurMarks, AreShortAndUnique) {
    const auto marks = entrepreneur_marks({{1, "Aminata Diop"}, {2, "Anna Dupont"}, {3, "Mei"}, {4, "Jean-Marc Léger"}});
    EXPECT_EQ(marks.at(1), "AD");
    EXPECT_EQ(marks.at(2), "AD2");
    EXPECT_EQ(marks.at(3), "M");
    EXPECT_EQ(marks.at(4), "JML");
}

}  // namespace
}  // namespace caisse

namespace caisse {
namespace {

// tests/printer/jobs/receipt.bin is the job the umockdev script (scripts/receipt.ioctl) expects byte
// for byte on the 0416:5011 clone: it must be what the encoder makes of a real receipt layout.
TEST(GoldenReceipt, TheUsbScriptCarriesWhatTheEncoderMakes) {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    ReceiptInput in;
    in.business = {"Coopérative Commune SCOP SA", "Le Buffet Commun", "123 456 789 00012", "12 rue des Artisans\n75011 Paris",
                   "Merci et à bientôt !"};
    in.cashier = "Lucie";
    in.entrepreneurs = {{1, "Aminata Diop"}, {2, "Fatima Benali"}, {3, "Jeanne Morel"}};
    in.recorded.terminal = "T1";
    in.recorded.at_utc = "2026-11-27T12:30:00.000Z";
    for (std::size_t i = 0; i < in.recorded.hash.size(); ++i) in.recorded.hash[i] = static_cast<std::uint8_t>(i * 17);
    auto& s = in.recorded.sale;
    s.ticket = 42;
    s.lines = {{"MAFE", "Mafé poulet", 1, 1, 1000, 2, 950, 0, 0, 1900},
               {"EAU", "Eau minérale 50 cl", 2, 2, 550, 1, 150, 0, 0, 150},
               {"ECHARPE", "Écharpe tissée main", 3, 3, 2000, 1, 4200, 0, 0, 4200}};
    s.total = 6250;
    s.vat = {{550, 142, 8, 150}, {1000, 1727, 173, 1900}, {2000, 3500, 700, 4200}};
    s.payments = {{"cash", 7000}};
    s.change = 750;
    const auto doc = receipt_document(in, i18n::Translator::load("fr", CAISSE_SOURCE_DIR "/assets/i18n"));
    const auto bytes = drivers::encode_escpos(doc, *drivers::find_profile("pos-5890"), nullptr);
    const std::string path = CAISSE_SOURCE_DIR "/tests/printer/jobs/receipt.bin";
    if (std::getenv("CAISSE_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    std::ifstream in_file(path, std::ios::binary);
    const std::vector<std::uint8_t> golden{std::istreambuf_iterator<char>(in_file), std::istreambuf_iterator<char>()};
    EXPECT_EQ(golden, bytes) << "the receipt layout or encoder changed: run this test with CAISSE_UPDATE_GOLDEN=1, then "
                                "(cd tests/printer && ./make_ioctl.py jobs/receipt.bin --endpoint 0x03 > scripts/receipt.ioctl)";
}

}  // namespace
}  // namespace caisse
