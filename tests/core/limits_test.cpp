// Issue 10, items 3 and 9: the text checks names and business fields pass, the key names are
// unique under, and every limit on what comes from outside (app/core/limits.hpp). Each test pins
// the limit itself (the last accepted value and the first refused one), so it fails if the limit
// moves or the check goes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "app/core/cart.hpp"
#include "app/core/cash_count.hpp"
#include "app/core/catalogue.hpp"
#include "app/core/limits.hpp"
#include "app/core/tender.hpp"
#include "app/core/text.hpp"
#include "app/core/user.hpp"
#include "app/core/vat.hpp"

namespace caisse {
namespace {

using ::testing::HasSubstr;

std::string error_of(auto&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

std::string check(std::string_view text, std::size_t max = 64, TextLines lines = TextLines::single) {
    return error_of([&] { check_display_text(text, "the user name", max, lines); });
}

// --- check_display_text ---------------------------------------------------------------------

TEST(DisplayText, AcceptsOrdinaryNamesInAnyScript) {
    for (const char* ok : {"Awa", "Aminata Diop", "Léa-Marie O'Neil", "Мария", "محمد", "王芳", "Zoë 👩‍🍳", "ناهید\u200cسادات"})
        EXPECT_EQ(check(ok), "(accepted)") << ok;
}

TEST(DisplayText, RefusesEmptyAndBlank) {
    EXPECT_EQ(check(""), "the user name is empty");
    EXPECT_EQ(check("   "), "the user name is empty");
    EXPECT_EQ(check("\n", 64, TextLines::multi), "the user name is empty");
}

TEST(DisplayText, RefusesControlCharactersNamingThem) {
    EXPECT_EQ(check("A\x01wa"), "the user name contains a control character (U+0001)");
    EXPECT_EQ(check("Awa\x7F"), "the user name contains a control character (U+007F)");
    EXPECT_EQ(check("A\twa"), "the user name contains a control character (U+0009)");
    EXPECT_EQ(check("A\nwa"), "the user name contains a control character (U+000A)");
    EXPECT_EQ(check("A\rwa", 64, TextLines::multi), "the user name contains a control character (U+000D)");
    EXPECT_EQ(check("A\xC2\x85wa"), "the user name contains a control character (U+0085)");  // NEL (C1)
    EXPECT_EQ(check("A\xC2\x9B" "31mwa"), "the user name contains a control character (U+009B)");  // CSI
    EXPECT_EQ(check("A\xE2\x80\xA8wa"), "the user name contains a control character (U+2028)");  // line separator
    EXPECT_EQ(check("12 rue X\nParis", 64, TextLines::multi), "(accepted)");  // multi-line fields keep '\n'
}

TEST(DisplayText, RefusesInvalidUtf8) {
    for (std::string bad : {std::string("A\xFFwa"), std::string("\xC3"), std::string("\xC0\xAF"),  // overlong '/'
                            std::string("\xED\xA0\x80"),                                          // surrogate
                            std::string("\xF4\x90\x80\x80")})                                      // above U+10FFFF
        EXPECT_EQ(check(bad), "the user name is not valid UTF-8 text");
}

TEST(DisplayText, RefusesEveryBidiControlAndInvisibleMark) {
    const char32_t refused[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                                0x200E, 0x200F, 0x061C, 0x200B, 0x2060, 0xFEFF};
    for (char32_t cp : refused) {
        std::string s = "Awa";
        if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
        s += "x";
        EXPECT_THAT(check(s), HasSubstr("invisible formatting character")) << std::hex << static_cast<unsigned>(cp);
    }
    // The classic "right-to-left override" trick: looks like "Awa", reads otherwise.
    EXPECT_EQ(check("\xE2\x80\xAE" "awA"), "the user name contains an invisible formatting character (U+202E) that can disguise text");
    // Joiners stay: scripts need them.
    EXPECT_EQ(check("a\u200db"), "(accepted)");
}

TEST(DisplayText, RefusesSpacesAtTheEndsOfASingleLine) {
    EXPECT_EQ(check(" Awa"), "the user name starts or ends with a space");
    EXPECT_EQ(check("Awa "), "the user name starts or ends with a space");
    EXPECT_EQ(check("Awa Diop"), "(accepted)");
}

TEST(DisplayText, LengthIsInCharactersNotBytes) {
    EXPECT_EQ(check(std::string(64, 'a')), "(accepted)");
    EXPECT_EQ(check(std::string(65, 'a')), "the user name is longer than 64 characters");
    std::string accented;
    for (int i = 0; i < 64; ++i) accented += "é";  // 128 bytes, 64 characters
    EXPECT_EQ(check(accented), "(accepted)");
    EXPECT_EQ(check(accented + "é"), "the user name is longer than 64 characters");
}

TEST(DisplayText, TheFieldNameIsAMessageOfItsOwn) {
    try {
        check_display_text("", "the product name", 10);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.msgid(), "{0} is empty");
        ASSERT_EQ(e.message().args.size(), 1u);
        ASSERT_TRUE(e.message().args[0].nested);  // translated in its turn ("le nom du produit")
        EXPECT_EQ(e.message().args[0].nested->msgid, "the product name");
    }
}

// --- name_key ---------------------------------------------------------------------------------

TEST(NameKey, CaseWidthAndCompositionCollide) {
    const std::string awa = name_key("Awa");
    EXPECT_EQ(name_key("AWA"), awa);
    EXPECT_EQ(name_key("awa"), awa);
    EXPECT_EQ(name_key("\xEF\xBC\xA1\xEF\xBD\x97\xEF\xBD\x81"), awa);  // "Ａｗａ" fullwidth
    // "Léa" precomposed (U+00E9) and decomposed (e + U+0301)
    EXPECT_EQ(name_key("L\xC3\xA9" "a"), name_key("Le\xCC\x81" "a"));
    EXPECT_EQ(name_key("L\xC3\xA9" "a"), name_key("LE\xCC\x81" "A"));
    EXPECT_EQ(name_key("Stra\xC3\x9F" "e"), name_key("STRASSE"));  // ß folds to ss
    EXPECT_EQ(name_key("Aminata  Diop"), name_key("aminata diop"));  // spaces collapse
    EXPECT_EQ(name_key("Aminata\xC2\xA0" "Diop"), name_key("Aminata Diop"));  // no-break space
    EXPECT_EQ(name_key("A\xC2\xAD" "wa"), awa);  // soft hyphen is ignorable
}

TEST(NameKey, DifferentNamesStayDifferent) {
    EXPECT_NE(name_key("L\xC3\xA9" "a"), name_key("Lea"));  // accents are significant
    EXPECT_NE(name_key("Awa"), name_key("Awaa"));
    EXPECT_NE(name_key("Mei"), name_key("Mai"));
}

TEST(NameKey, RefusesInvalidUtf8) { EXPECT_THROW(name_key("A\xFFwa"), InputError); }

TEST(UserName, UsesTheDisplayTextRules) {
    EXPECT_NO_THROW(check_user_name("Awa"));
    EXPECT_THROW(check_user_name("A\xE2\x80\xAEwa"), InputError);
    EXPECT_THROW(check_user_name(std::string(kMaxPersonNameChars + 1, 'a')), InputError);
    EXPECT_NO_THROW(check_user_name(std::string(kMaxPersonNameChars, 'a')));
}

// --- VAT --------------------------------------------------------------------------------------

TEST(VatRates, OnlyKnownRatesAreAccepted) {
    for (const char* ok : {"20", "10", "5,5", "5.5", "2,1", "0"}) EXPECT_NO_THROW(check_known_vat_rate(VatRate::parse_percent(ok))) << ok;
    for (const char* bad : {"19,6", "7", "8,5", "13", "100", "5"})
        EXPECT_THROW(check_known_vat_rate(VatRate::parse_percent(bad)), InputError) << bad;
    const std::string m = error_of([] { check_known_vat_rate(VatRate::parse_percent("19,6")); });
    EXPECT_THAT(m, HasSubstr("19,6"));
    EXPECT_THAT(m, HasSubstr("20\xC2\xA0%, 10\xC2\xA0%, 5,5\xC2\xA0%, 2,1\xC2\xA0%, 0\xC2\xA0%"));  // the list, largest first
    EXPECT_THAT(m, HasSubstr("vat.extra_rates"));
}

TEST(VatRates, ConfiguredExtraRatesAreAccepted) {
    const auto extra = parse_vat_rate_list("8.5,13");
    ASSERT_EQ(extra.size(), 2u);
    EXPECT_EQ(extra[0].bp, 850);
    EXPECT_EQ(extra[1].bp, 1300);
    EXPECT_NO_THROW(check_known_vat_rate(VatRate{850}, extra));
    EXPECT_NO_THROW(check_known_vat_rate(VatRate{1300}, extra));
    EXPECT_THROW(check_known_vat_rate(VatRate{700}, extra), InputError);
    EXPECT_THAT(error_of([&] { check_known_vat_rate(VatRate{700}, extra); }), HasSubstr("13\xC2\xA0%, 10\xC2\xA0%, 8,5\xC2\xA0%"));
    EXPECT_EQ(vat_rate_list_text(extra), "8.5,13");
    EXPECT_EQ(vat_rate_list_text(parse_vat_rate_list(" 8.5 ; 13 ")), "8.5,13");
    EXPECT_TRUE(parse_vat_rate_list("").empty());
}

TEST(VatRates, ExtraListRefusesNonsense) {
    EXPECT_EQ(parse_vat_rate_list("8,5").size(), 2u);  // decimals take a dot: "8,5" is 8 % and 5 % (documented)
    EXPECT_THAT(error_of([] { parse_vat_rate_list("abc"); }), HasSubstr("not a percentage"));
    EXPECT_THAT(error_of([] { parse_vat_rate_list("8.5%"); }), HasSubstr("not a percentage"));
    EXPECT_THAT(error_of([] { parse_vat_rate_list("20"); }), HasSubstr("already a standard rate"));
    EXPECT_THAT(error_of([] { parse_vat_rate_list("8.5,8.50"); }), HasSubstr("twice"));
    EXPECT_THAT(error_of([] { parse_vat_rate_list("101"); }), HasSubstr("above 100"));
    EXPECT_THAT(error_of([] { parse_vat_rate_list("1,3,4,6,7,8,9,11,12"); }), HasSubstr("at most 8"));
    EXPECT_EQ(parse_vat_rate_list("1,3,4,6,7,8,9,11").size(), kMaxExtraVatRates);
}

// --- Catalogue --------------------------------------------------------------------------------

const std::string kHeader = "sku,name,price,vat,entrepreneur,category\n";

TEST(CatalogueLimits, RefusesAnUnknownVatRateNamingTheLine) {
    const std::string m = error_of([] { parse_catalogue_csv(kHeader + "A,a,1,10,E,C\nB,b,1,19.6,E,C\n"); });
    EXPECT_THAT(m, HasSubstr("line 3:"));
    EXPECT_THAT(m, HasSubstr("19,6"));
    const VatRate extra[] = {VatRate{850}};
    EXPECT_THROW(parse_catalogue_csv(kHeader + "A,a,1,8.5,E,C\n"), InputError);
    EXPECT_EQ(parse_catalogue_csv(kHeader + "A,a,1,8.5,E,C\n", extra).at(0).vat.bp, 850);
}

TEST(CatalogueLimits, PriceCeiling) {
    EXPECT_EQ(parse_catalogue_csv(kHeader + "A,a,100000.00,10,E,C\n").at(0).price.value(), kMaxUnitPriceCents);
    const std::string m = error_of([] { parse_catalogue_csv(kHeader + "A,a,100000.01,10,E,C\n"); });
    EXPECT_THAT(m, HasSubstr("line 2:"));
    EXPECT_THAT(m, HasSubstr("mistyped"));
    EXPECT_EQ(kMaxUnitPriceCents, 10'000'000);
}

TEST(CatalogueLimits, RowCount) {
    std::string csv = kHeader;
    // Appended piece by piece: `"S" + std::to_string(i)` trips GCC 12's -Wrestrict false positive at
    // -O3 (GCC bug 105651).
    for (int i = 0; i < kMaxCatalogueRows; ++i) {
        csv += 'S';
        csv += std::to_string(i);
        csv += ",n,1,10,E,C\n";
    }
    EXPECT_EQ(parse_catalogue_csv(csv).size(), static_cast<std::size_t>(kMaxCatalogueRows));
    csv += "LAST,n,1,10,E,C\n";
    EXPECT_THAT(error_of([&] { parse_catalogue_csv(csv); }), HasSubstr("10001 products, more than the 10000"));
}

TEST(CatalogueLimits, FileSize) {
    std::string csv = kHeader + "A,a,1,10,E,C\n";
    csv += std::string(static_cast<std::size_t>(kMaxCatalogueBytes) - csv.size(), '\n');
    EXPECT_EQ(parse_catalogue_csv(csv).size(), 1u);
    csv += '\n';
    EXPECT_THAT(error_of([&] { parse_catalogue_csv(csv); }), HasSubstr("larger than 8 MiB"));
}

TEST(CatalogueLimits, NamesPassTheTextChecks) {
    struct Case {
        std::string row, also;
    } cases[] = {
        {"A,\"a\xE2\x80\xAE" "b\",1,10,E,C\n", "the product name contains an invisible formatting character"},
        {"A,a,1,10,\"E\xE2\x81\xA6x\",C\n", "the entrepreneur's name contains an invisible"},
        {"A,a,1,10,E,\"C\nD\"\n", "the category name contains a control character"},
        {"A," + std::string(kMaxProductNameChars + 1, 'n') + ",1,10,E,C\n", "the product name is longer than 80"},
        {"A,a,1,10," + std::string(kMaxPersonNameChars + 1, 'e') + ",C\n", "the entrepreneur's name is longer than 64"},
        {"A,a,1,10,E," + std::string(kMaxCategoryNameChars + 1, 'c') + "\n", "the category name is longer than 40"},
    };
    for (const auto& c : cases) {
        const std::string m = error_of([&] { parse_catalogue_csv(kHeader + c.row); });
        EXPECT_THAT(m, HasSubstr("line 2:")) << c.row;
        EXPECT_THAT(m, HasSubstr(c.also)) << c.row;
    }
    EXPECT_NO_THROW(parse_catalogue_csv(kHeader + "A," + std::string(kMaxProductNameChars, 'n') + ",1,10," +
                                        std::string(kMaxPersonNameChars, 'e') + "," + std::string(kMaxCategoryNameChars, 'c') + "\n"));
}

// --- Tenders ----------------------------------------------------------------------------------

TEST(TenderLimits, CashFarAboveWhatIsDueLooksMistyped) {
    // 9,50 due: 20 typed as 2000 (the comma forgotten) is refused, saying why.
    const std::string m = error_of([] { settle(Money::cents(950), {TenderRequest::parse("cash:2000")}); });
    EXPECT_THAT(m, HasSubstr("looks mistyped"));
    EXPECT_THAT(m, HasSubstr("1\xE2\x80\xAF" "990,50"));
    // The limit is the change: 500 € exactly is accepted, one cent more is not.
    EXPECT_EQ(settle(Money::cents(950), {TenderRequest::parse("cash:509,50")}).change, Money::cents(kMaxCashChangeCents));
    EXPECT_THROW(settle(Money::cents(950), {TenderRequest::parse("cash:509,51")}), InputError);
    // Everyday sales: a 50 € note for a 2 € coffee, a 500 € note for a 120 € basket.
    EXPECT_EQ(settle(Money::cents(200), {TenderRequest::parse("cash:50")}).change, Money::cents(4800));
    EXPECT_EQ(settle(Money::cents(12000), {TenderRequest::parse("cash:500")}).change, Money::cents(38000));
    // Cash with a card part: the change still counts.
    EXPECT_THROW(settle(Money::cents(1000), {TenderRequest::parse("card:5"), TenderRequest::parse("cash:600")}), InputError);
}

TEST(TenderLimits, NonCashNeverAboveWhatIsDue) {
    EXPECT_THROW(settle(Money::cents(950), {TenderRequest::parse("card:10")}), InputError);
    EXPECT_THROW(settle(Money::cents(950), {TenderRequest::parse("cheque:10")}), InputError);
    EXPECT_NO_THROW(settle(Money::cents(950), {TenderRequest::parse("card:9,50")}));
    // Meal vouchers above the bill are kept without change, up to 25 € of excess (issue 12 item 2).
    EXPECT_EQ(settle(Money::cents(950), {TenderRequest::parse("voucher:10")}).voucher_excess, Money::cents(50));
    EXPECT_NO_THROW(settle(Money::cents(950), {TenderRequest::parse("voucher:34,50")}));
    EXPECT_THROW(settle(Money::cents(950), {TenderRequest::parse("voucher:34,51")}), InputError);
}

// --- Quantities, prices, counts ---------------------------------------------------------------

TEST(CartLimits, QuantityAndPrice) {
    Product p{"A", "a", Money::cents(100), VatRate{1000}, 1, 1, "", false, true};
    Cart cart;
    EXPECT_NO_THROW(cart.add(p, kMaxQuantity));
    EXPECT_THROW(cart.add(p, kMaxQuantity + 1), InputError);
    p.open_price = true;
    EXPECT_NO_THROW(cart.add(p, 1, Money::cents(kMaxUnitPriceCents)));
    EXPECT_THROW(cart.add(p, 1, Money::cents(kMaxUnitPriceCents + 1)), InputError);
    EXPECT_EQ(kMaxQuantity, 9999);
}

TEST(CashCountLimits, PiecesPerDenomination) {
    CashCount c;
    EXPECT_NO_THROW(c.set(2000, kMaxPiecesPerDenomination));
    EXPECT_THROW(c.set(2000, kMaxPiecesPerDenomination + 1), InputError);
    EXPECT_THROW(CashCount::parse("20x10000"), InputError);
    EXPECT_EQ(kMaxDrawerCents, 10'000'000);
}

}  // namespace
}  // namespace caisse
