// Training mode and the event log on the real screens, headless (issue "Corrections and
// conservation", items 5 and 8): the manager's switch, the MODE ÉCOLE band on every screen,
// training tickets kept out of the Z, the events list for managers only.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "app/services/cash_session.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }

// Whether the band was drawn in the last frame.
bool band_shown() {
    ImGuiWindow* w = ImGui::FindWindowByName("training_band");
    return w && w->Active;
}

void sell_mafe_cash(Harness& h) {
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash_exact");
}

TEST(UiTraining, AManagerSwitchesItOnTheBandShowsOnEveryScreenAndTheZLeavesItOut) {
    Harness h;
    h.login("Karim", "2345");
    EXPECT_FALSE(band_shown());
    sell_mafe_cash(h);  // a real ticket first
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    h.tap("next_sale");
    h.tap("cash");
    h.tap("menu:training");
    ASSERT_TRUE(h.till().training().on) << h.app().message();
    h.frame();
    EXPECT_TRUE(band_shown()) << "sell screen";
    sell_mafe_cash(h);
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    EXPECT_TRUE(band_shown()) << "after the sale";
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM training_sales"), 1);
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM sales"), 1);
    h.tap("print_receipt");  // the training receipt goes to the (screen) printer
    EXPECT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    // Every screen: the X report, the login screen after switching user.
    h.tap("cash");
    h.tap("menu:x");
    EXPECT_TRUE(band_shown()) << "X report";
    EXPECT_EQ(h.app().screen(), Screen::x_report);
    h.tap("x_back");
    h.tap("switch_user");
    h.frame();
    EXPECT_TRUE(band_shown()) << "login";
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:training");
    EXPECT_FALSE(h.till().training().on);
    h.frame();
    EXPECT_FALSE(band_shown());
    const auto z = close_day(h.till(), h.till().sign_in("Karim", "2345"),
                             CloseRequest{CashCount::parse("50x3,5x1,2x2,0.5x1"), std::nullopt, std::nullopt, "", 1});
    EXPECT_EQ(z.totals.tickets, 1) << "the training ticket is not in the Z";
    EXPECT_EQ(z.totals.total, 950);
    EXPECT_EQ(z.over_short, 0);
}

TEST(UiTraining, ASellerSeesNeitherTheSwitchNorTheEventLog) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("cash");
    EXPECT_TRUE(h.has("menu:x"));
    EXPECT_FALSE(h.has("menu:training"));
    EXPECT_FALSE(h.has("menu:events"));
}

TEST(UiTraining, NoSwitchWithATicketHalfRungUp) {
    Harness h;
    h.login("Karim", "2345");
    h.tap("tile:MAFE");
    h.tap("cash");
    h.tap("menu:training");
    EXPECT_FALSE(h.till().training().on);
    EXPECT_NE(h.app().message().find("ticket"), std::string::npos) << h.app().message();
}

TEST(UiEvents, AManagerReadsTheLogNewestFirst) {
    Harness h;
    h.login("Lucie", "0000");  // a wrong PIN: journaled
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:events");
    ASSERT_EQ(h.app().screen(), Screen::events) << h.app().message();
    EXPECT_GE(count(h, "SELECT COUNT(*) FROM events WHERE code = 'pin.failed'"), 1);
    EXPECT_GE(count(h, "SELECT COUNT(*) FROM events WHERE code = 'auth.login'"), 1);
    const auto log = h.till().event_log();
    EXPECT_EQ(log.back().code, "auth.login") << "Karim's sign-in is the newest";
    h.tap("events_back");
    EXPECT_EQ(h.app().screen(), Screen::sell);
    h.tap("switch_user");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM events WHERE code = 'auth.logout'"), 1);
}

}  // namespace
}  // namespace caisse::ui::testing
