// Issue 12 item 10: the sell screen names products and categories in the screen's language (English
// from the catalogue's name_en and category_en, French the fallback), the receipt stays French.
// Item 13: Gestion > Entrepreneurs (one added with the on-screen keyboard, a receipt header set) and
// a user's role changed on Gestion > Utilisateurs.
#include <gtest/gtest.h>

#include "app/services/receipt_brand.hpp"
#include "db/records/user.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }

void open_manage(Harness& h) {
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:manage");
    ASSERT_EQ(h.app().screen(), Screen::manage_products) << h.app().message();
}

// Lower-case letters and spaces only (the keyboard's own keys).
void type_plain(Harness& h, const std::string& text) {
    for (char c : text) h.tap(c == ' ' ? std::string("kbd:space") : "kbd:" + std::string(1, c));
}

TEST(UiNames, SwitchingLanguageRenamesTilesAndChipsButNotTheReceipt) {
    Harness h;
    h.login("Lucie", "1111");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    ASSERT_TRUE(h.has("tile:MAFE"));
    std::string shown = h.text();
    EXPECT_NE(shown.find("Mafépoulet"), std::string::npos);
    EXPECT_EQ(shown.find("Chickenmafé"), std::string::npos);
    EXPECT_NE(shown.find("Plats"), std::string::npos);
    h.tap("lang");
    shown = h.text();
    EXPECT_NE(shown.find("Chickenmafé"), std::string::npos) << "the tile follows the language";
    EXPECT_EQ(shown.find("Mafépoulet"), std::string::npos);
    EXPECT_NE(shown.find("Mains"), std::string::npos) << "the category chip follows the language";
    EXPECT_TRUE(h.has("cat:Plats"));  // the chip's target stays the same
    // In the cart too; the recorded sale keeps the French name.
    h.tap("tile:MAFE");
    shown = h.text();
    EXPECT_GE(static_cast<int>(shown.find("Chickenmafé")), 0);
    h.tap("lang");
    EXPECT_NE(h.text().find("Mafépoulet"), std::string::npos) << "back to French";
}

TEST(UiNames, AnEntrepreneurAddedOnScreenAndTheirReceiptHeader) {
    Harness h;
    open_manage(h);
    h.tap("manage_tab:entrepreneurs");
    ASSERT_EQ(h.app().screen(), Screen::manage_entrepreneurs);
    const std::size_t before = h.till().entrepreneurs().size();
    EXPECT_TRUE(h.has("me_brand:Aminata Diop"));
    h.tap("me_new");
    h.tap("me_name");
    h.tap("kbd:shift");
    h.tap("kbd:n");
    h.tap("kbd:shift");
    type_plain(h, "adia");
    h.tap("me_typed");
    h.tap("me_save");
    ASSERT_EQ(h.till().entrepreneurs().size(), before + 1) << h.app().message();
    EXPECT_EQ(h.till().entrepreneurs().back().name, "Nadia");
    for (int i = 0; i < 8 && !h.has("me_brand:Nadia"); ++i) h.swipe(ImVec2(500, 650), ImVec2(500, 400));  // the list's end
    ASSERT_TRUE(h.has("me_brand:Nadia"));
    // The same name again is refused, nothing recorded.
    const auto records = count(h, "SELECT COUNT(*) FROM journal");
    h.tap("me_new");
    h.tap("me_name");
    type_plain(h, "nadia");
    h.tap("me_typed");
    h.tap("me_save");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM journal"), records);
    EXPECT_FALSE(h.app().message().empty());
    h.tap("me_cancel");
    // Nadia's receipt header.
    for (int i = 0; i < 8 && !h.has("me_brand:Nadia"); ++i) h.swipe(ImVec2(500, 650), ImVec2(500, 400));
    h.tap("me_brand:Nadia");
    h.tap("me_header");
    h.tap("kbd:shift");
    h.tap("kbd:c");
    h.tap("kbd:shift");
    type_plain(h, "hez nadia");
    h.tap("me_typed");
    h.tap("me_save");
    const auto brands = entrepreneur_brands(h.till());
    const auto id = h.till().entrepreneurs().back().id;
    ASSERT_TRUE(brands.count(id)) << h.app().message();
    EXPECT_EQ(brands.at(id).header, "Chez nadia");
    for (int i = 0; i < 8 && !h.has("me_brand:Nadia"); ++i) h.swipe(ImVec2(500, 650), ImVec2(500, 400));
    EXPECT_NE(h.text().find("Cheznadia"), std::string::npos) << "the list shows the header";
}

TEST(UiNames, AManagerChangesARoleOnScreen) {
    Harness h;
    open_manage(h);
    h.tap("manage_tab:users");
    ASSERT_EQ(h.app().screen(), Screen::manage_users);
    h.tap("mu_change_role:Lucie");
    h.tap("mu_set_role:manager");
    h.tap("mu_save_role");
    EXPECT_EQ(db::user_by_name(h.till().ledger(), "Lucie")->role, Role::Manager) << h.app().message();
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM user_roles WHERE role = 'manager'"), 1);
    // The admin role is above Karim's: not offered (the service refuses it anyway:
    // tests/services/names_roles_test.cpp).
    EXPECT_FALSE(h.has("mu_change_role:Awa")) << "Awa is an admin: Karim may change neither her role nor her PIN";
    EXPECT_FALSE(h.has("mu_reset:Awa"));
    h.tap("mu_change_role:Mei");
    EXPECT_TRUE(h.has("mu_set_role:manager"));
    EXPECT_FALSE(h.has("mu_set_role:admin")) << "a role above the manager's own is offered";
    EXPECT_EQ(db::user_by_name(h.till().ledger(), "Mei")->role, Role::Seller);
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM journal WHERE kind = 'user.role'"), 1);
    // Lucie, now a manager, reaches Gestion.
    h.tap("mu_cancel");
    h.tap("manage_back");
    h.tap("switch_user");
    h.login("Lucie", "1111");
    h.tap("cash");
    EXPECT_TRUE(h.has("menu:manage"));
}

}  // namespace
}  // namespace caisse::ui::testing
