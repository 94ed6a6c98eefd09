// Each entrepreneur's header on receipts (issue 12 item 12): set by a manager only, text checked,
// journaled; printed at the top of a one-entrepreneur ticket, above each one's lines otherwise.
// And the receipt's QR code: its text and the record's hash, read back by zbarimg.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/core/message.hpp"
#include "app/core/money.hpp"
#include "app/services/printing.hpp"
#include "app/services/receipt_brand.hpp"
#include "db/verify.hpp"
#include "drivers/preview.hpp"
#include "drivers/qr.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

class ReceiptBrands : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("b.db");
        till = testing::demo_till(path);
    }
    std::int64_t records() { return testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"); }
    SellResult sell(const std::vector<std::string>& items) {
        return till->sell(testing::as(*till, "Lucie"), testing::sell_text(items, std::nullopt, {"cash:200"}));
    }
    std::vector<std::string> receipt_lines(std::int64_t ticket) { return drivers::preview_lines(customer_receipt(*till, ticket).doc, 48); }
    static std::size_t index_of(const std::vector<std::string>& lines, const std::string& text) {
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].find(text) != std::string::npos) return i;
        return std::string::npos;
    }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(ReceiptBrands, OnlyAManagerSetsOneAndTheChangeIsJournaled) {
    const auto before = records();
    EXPECT_THROW(set_entrepreneur_brand(*till, testing::as(*till, "Lucie"), "Aminata Diop", "Chez Aminata", ""), InputError);
    EXPECT_TRUE(entrepreneur_brands(*till).empty());
    const auto refused = records();
    EXPECT_EQ(refused, before + 1);  // the refusal is in the JET
    // Names as everywhere: case and spaces folded.
    const auto id = set_entrepreneur_brand(*till, testing::as(*till, "Karim"), "aminata  DIOP", "Chez Aminata", "Cuisine sénégalaise");
    const auto brands = entrepreneur_brands(*till);
    ASSERT_EQ(brands.size(), 1u);
    EXPECT_EQ(brands.at(id), (ReceiptBrand{"Chez Aminata", "Cuisine sénégalaise"}));
    EXPECT_EQ(records(), refused + 1);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = 'settings.change' AND detail LIKE '%Chez Aminata%'"), 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
    // An empty header removes it.
    set_entrepreneur_brand(*till, testing::as(*till, "Karim"), "Aminata Diop", "", "");
    EXPECT_TRUE(entrepreneur_brands(*till).empty());
}

TEST_F(ReceiptBrands, BadTextIsRefusedBeforeAnythingIsStored) {
    const auto karim = testing::as(*till, "Karim");
    const auto before = records();
    auto refused = [&](const std::string& entrepreneur, const std::string& header, const std::string& line, const std::string& words) {
        try {
            set_entrepreneur_brand(*till, karim, entrepreneur, header, line);
            ADD_FAILURE() << "accepted: " << header << " / " << line;
        } catch (const InputError& e) {
            const std::string fr = i18n::Translator::load("fr", CAISSE_SOURCE_DIR "/assets/i18n").translate(e.message());
            EXPECT_NE(fr.find(words), std::string::npos) << fr;
        }
    };
    refused("Aminata Diop", "Chez\x01" "Aminata", "", "caractère de contrôle");
    refused("Aminata Diop", "Chez \xC3(", "", "UTF-8");
    refused("Aminata Diop", std::string(33, 'A'), "", "l’en-tête du ticket dépasse 32 caractères");
    refused("Aminata Diop", "Chez Aminata", std::string(49, 'b'), "dépasse 48 caractères");
    refused("Aminata Diop", "Chez Aminata", "deux\nlignes", "contrôle");
    refused("Aminata Diop", "", "une ligne seule", "demande un en-tête");
    refused("Personne", "Chez Personne", "", "Personne");
    EXPECT_EQ(records(), before);
    EXPECT_TRUE(entrepreneur_brands(*till).empty());
}

TEST_F(ReceiptBrands, AOneEntrepreneurTicketHasTheBrandAtTheTop) {
    set_entrepreneur_brand(*till, testing::as(*till, "Karim"), "Aminata Diop", "Chez Aminata", "Cuisine sénégalaise");
    const auto sold = sell({"MAFE*2"});
    const auto lines = receipt_lines(sold.ticket);
    const auto brand = index_of(lines, "C h e z   A m i n a t a");  // double width
    const auto line = index_of(lines, "Cuisine sénégalaise");
    const auto ticket = index_of(lines, "Ticket n° ");
    ASSERT_NE(brand, std::string::npos);
    EXPECT_EQ(line, brand + 1);
    EXPECT_LT(brand, ticket);
    EXPECT_GT(brand, index_of(lines, "SIRET"));  // under the group's header
}

TEST_F(ReceiptBrands, ASharedTicketGroupsEachEntrepreneursLinesUnderTheirHeader) {
    set_entrepreneur_brand(*till, testing::as(*till, "Karim"), "Jeanne Morel", "Atelier Jeanne", "");
    // Sold in the order Aminata, Jeanne, Aminata: printed as Aminata's two, then Jeanne's.
    const auto sold = sell({"MAFE", "ECHARPE", "COUSC"});
    const auto lines = receipt_lines(sold.ticket);
    const auto aminata = index_of(lines, "Aminata Diop"), jeanne = index_of(lines, "Atelier Jeanne");
    const auto mafe = index_of(lines, "Mafé poulet"), scarf = index_of(lines, "Écharpe tissée main"), cous = index_of(lines, "Couscous");
    ASSERT_NE(jeanne, std::string::npos);
    EXPECT_LT(aminata, mafe);  // Aminata has no brand: her name heads her lines
    EXPECT_LT(mafe, jeanne);
    EXPECT_LT(jeanne, scarf);
    // Couscous is Fatima's (a third group, under her name).
    EXPECT_GT(cous, scarf);
    EXPECT_NE(index_of(lines, "Fatima Benali"), std::string::npos);
    // Without any brand the lines stay in the order sold.
    set_entrepreneur_brand(*till, testing::as(*till, "Karim"), "Jeanne Morel", "", "");
    const auto plain = receipt_lines(sold.ticket);
    EXPECT_LT(index_of(plain, "Écharpe tissée main"), index_of(plain, "Couscous"));
    EXPECT_EQ(index_of(plain, "Atelier"), std::string::npos);
}

// The QR code: the receipt's text and the whole hash of the sale record.
TEST_F(ReceiptBrands, TheQrCodeHoldsTheReceiptTextAndTheHash) {
    set_entrepreneur_brand(*till, testing::as(*till, "Karim"), "Aminata Diop", "Chez Aminata", "");
    const auto sold = sell({"MAFE*2"});
    const auto doc = customer_receipt(*till, sold.ticket).doc;
    const drivers::QrBlock* qr = nullptr;
    for (const auto& b : doc.blocks)
        if (const auto* q = std::get_if<drivers::QrBlock>(&b)) qr = q;
    ASSERT_NE(qr, nullptr);
    for (const std::string& part : {std::string("Chez Aminata"), std::string("Mafé poulet"), std::string("TOTAL TTC  19,00\u00A0€"),
                                    std::string("Ticket n° ") + std::to_string(sold.ticket), "SHA-256 " + sold.hash_hex})
        EXPECT_NE(qr->data.find(part), std::string::npos) << part << "\n" << qr->data;
    EXPECT_LE(qr->data.size(), kMaxReceiptQrBytes);
    // The screen draws it: one QR item, a symbol that holds the same data.
    const auto items = screen_receipt(doc, 42);
    int symbols = 0;
    for (const auto& item : items)
        if (item.qr) {
            ++symbols;
            EXPECT_EQ(item.qr_data, qr->data);
        }
    EXPECT_EQ(symbols, 1);
    if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) GTEST_SKIP() << "zbarimg (zbar-tools) is not installed";
    const auto symbol = drivers::encode_qr(qr->data, qr->error_level);
    ASSERT_TRUE(symbol);
    const auto pic = drivers::qr_picture(*symbol, 3);
    const std::string pgm = dir.file("receipt.pgm");
    {
        std::ofstream out(pgm, std::ios::binary);
        out << "P5\n" << pic.side << " " << pic.side << "\n255\n";
        out.write(reinterpret_cast<const char*>(pic.grey.data()), static_cast<std::streamsize>(pic.grey.size()));
    }
    std::string decoded;
    if (FILE* p = ::popen(("zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + pgm + "' 2>/dev/null").c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) decoded.append(buf, n);
        ::pclose(p);
    }
    if (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
    EXPECT_EQ(decoded, qr->data);
}

TEST_F(ReceiptBrands, ABigTicketHasAShortenedQrText) {
    std::vector<std::string> items;
    for (int i = 0; i < 40; ++i) items.push_back(i % 2 ? "MAFE" : "ECHARPE");
    const auto sold = till->sell(testing::as(*till, "Lucie"), testing::sell_text(items, std::nullopt, {"card"}));
    const auto doc = customer_receipt(*till, sold.ticket).doc;
    const auto* qr = std::get_if<drivers::QrBlock>(&doc.blocks[doc.blocks.size() - 2]);
    ASSERT_NE(qr, nullptr);
    EXPECT_LE(qr->data.size(), kMaxReceiptQrBytes);
    EXPECT_EQ(qr->data.find("TVA par taux"), std::string::npos);  // the shortened form
    for (const std::string& part : {std::string("1 x Mafé poulet"), std::string("TOTAL TTC"), "SHA-256 " + sold.hash_hex,
                                    std::string("Ticket n° ") + std::to_string(sold.ticket)})
        EXPECT_NE(qr->data.find(part), std::string::npos) << part;
    EXPECT_TRUE(drivers::encode_qr(qr->data, 'M'));
}

}  // namespace
}  // namespace caisse
