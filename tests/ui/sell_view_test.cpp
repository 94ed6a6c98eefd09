// The sell screen at a glance (issue 12): filters always visible and never cut (item 5), the cart
// following what is added with its count and entrepreneurs, keypads that dim and block without
// covering the total (item 6), colour never the only cue and AA contrast (item 7), feedback on every
// tap and no hover left behind by a finger (item 9).
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <algorithm>
#include <optional>
#include <set>

#include "app/core/text.hpp"
#include "app/ui/widgets/cash_count_pad.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

constexpr ImU32 kRgb = ~IM_COL32_A_MASK;

// The colours of the vertices drawn inside `r` in the last frame; alpha dropped when `rgb_only`.
std::set<ImU32> colours_in(ImVec2 min, ImVec2 max, bool rgb_only = false) {
    std::set<ImU32> found;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if (v.pos.x >= min.x && v.pos.x <= max.x && v.pos.y >= min.y && v.pos.y <= max.y)
                found.insert(rgb_only ? (v.col & kRgb) : v.col);
    return found;
}
std::set<ImU32> colours_in(const Target& t, bool rgb_only = false) { return colours_in(t.min, t.max, rgb_only); }

std::vector<std::string> targets_with(Harness& h, const std::string& prefix) {
    std::vector<std::string> ids;
    for (const auto& [id, _] : h.app().targets())
        if (id.rfind(prefix, 0) == 0) ids.push_back(id);
    return ids;
}

// ---- item 5: filters

TEST(UiFilters, ChipsAreWholeOrNotDrawnAndEveryOneIsReachable) {
    Harness h;  // 1024x768: neither row fits on one line
    h.login("Lucie", "1111");
    for (const std::string row : {"categories", "entrepreneurs"}) {
        const std::string prefix = row == "categories" ? "cat:" : "ent:";
        std::vector<std::string> names;
        if (row == "categories")
            for (const auto& c : h.till().categories()) names.push_back(c.name);
        else
            for (const auto& e : h.till().entrepreneurs()) names.push_back(e.name);
        std::set<std::string> seen;
        for (int page = 0; page < 10; ++page) {
            // Every chip on the page is whole (a chip cut by the row's edge would be no target).
            for (const auto& n : names)
                if (h.has(prefix + n)) seen.insert(n);
            if (!h.has(row + ":next")) break;
            h.tap(row + ":next");
        }
        EXPECT_EQ(seen.size(), names.size()) << "some " << row << " cannot be reached";
        EXPECT_TRUE(h.has(row + ":prev"));
    }
}

TEST(UiFilters, FiltersInForceStayNamedAndAllResetsBoth) {
    Harness h;
    h.login("Lucie", "1111");
    const std::string last = h.till().categories().back().name;
    h.reveal_chip("cat:" + last, "categories");
    h.tap("cat:" + last);
    h.reveal_chip("ent:Jeanne Morel", "entrepreneurs");
    h.tap("ent:Jeanne Morel");
    while (h.has("categories:prev")) h.tap("categories:prev");
    while (h.has("entrepreneurs:prev")) h.tap("entrepreneurs:prev");
    ASSERT_FALSE(h.has("cat:" + last)) << "the chosen chip should be on another page for this test";
    ASSERT_FALSE(h.has("ent:Jeanne Morel"));
    EXPECT_TRUE(h.has("summary:cat:" + last)) << "the category filter in force is not named";
    EXPECT_TRUE(h.has("summary:ent:Jeanne Morel")) << "the entrepreneur filter in force is not named";
    h.tap("summary:ent:Jeanne Morel");  // dropped alone
    EXPECT_FALSE(h.has("summary:ent:Jeanne Morel"));
    EXPECT_TRUE(h.has("summary:cat:" + last));
    // "All" (Tout) of the first row drops both filters.
    h.tap("cat:all");
    EXPECT_FALSE(h.has("filters:all")) << "a filter is still in force";
    h.tap("cat:Boissons");
    h.reveal_chip("ent:Mei Nguyen", "entrepreneurs");
    h.tap("ent:Mei Nguyen");
    ASSERT_TRUE(h.has("filters:all"));
    h.tap("filters:all");
    EXPECT_FALSE(h.has("filters:all"));
    EXPECT_TRUE(h.has("tile:MAFE")) << "Aminata's dish is shown again";
}

// ---- item 6: the cart

TEST(UiCart, TheLineJustAddedIsInViewWithItsCountAndEntrepreneur) {
    Harness h;
    h.login("Lucie", "1111");
    std::vector<std::string> tiles = targets_with(h, "tile:");
    ASSERT_GE(tiles.size(), 7u);
    tiles.resize(7);
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        h.tap(tiles[i]);
        EXPECT_TRUE(h.has("qty:" + std::to_string(i))) << "line " << i << " added but out of view";
    }
    ASSERT_FALSE(h.has("qty:0")) << "seven lines should not fit at 1024x768 for this test";
    h.tap(tiles[0]);  // one more of the first: its line comes back into view
    EXPECT_TRUE(h.has("qty:0"));
    EXPECT_EQ(h.app().draft().lines()[0].quantity, 2);
    // The line's entrepreneur: their colour beside the name (with initials, drawn as text on it).
    const auto& line = h.app().draft().lines()[0];
    ImU32 colour = 0;
    for (const auto& e : h.till().entrepreneurs())
        if (e.id == line.product.entrepreneur_id) colour = colour_of(e.colour);
    const Target minus = h.app().targets().at("minus:0");
    const Target remove = h.app().targets().at("remove:0");
    EXPECT_TRUE(colours_in(ImVec2(minus.min.x, minus.min.y - 40), ImVec2(remove.max.x, minus.min.y)).count(colour))
        << "no badge in the entrepreneur's colour on the line";
}

TEST(UiCart, AKeypadDimsAndBlocksTheScreenButNeverCoversTheTotal) {
    for (const ImVec2 size : {ImVec2(1024, 768), ImVec2(1920, 1080)}) {
        Harness h(size, size.x > 1500 ? 1.35f : 1.0f);
        h.login("Lucie", "1111");
        h.tap("tile:MAFE");
        const Target pay = h.app().targets().at("pay");  // the total sits just above it, as wide
        const Targets before = h.app().targets();
        const Target switch_user = h.app().targets().at("switch_user");
        h.tap("discount");
        ASSERT_TRUE(h.has("keypad_ok"));
        ImVec2 kmin(1e9f, 1e9f), kmax(-1e9f, -1e9f);
        for (const auto& [id, t] : h.app().targets()) {
            EXPECT_LT(t.max.x, pay.min.x) << id << " covers the cart's total at " << size.x;
            kmin = ImVec2(std::min(kmin.x, t.min.x), std::min(kmin.y, t.min.y));
            kmax = ImVec2(std::max(kmax.x, t.max.x), std::max(kmax.y, t.max.y));
        }
        // The cart's + under the dimmed screen: a tap there would add one.
        const Target plus = before.at("plus:0");
        EXPECT_FALSE(h.has("pay")) << "the cart under the keypad can still be touched";
        EXPECT_FALSE(h.has("switch_user")) << "the status bar under the keypad can still be touched";
        EXPECT_TRUE(colours_in(ImVec2(0, 0), size).count(kDim)) << "nothing dims the screen behind the keypad";
        h.tap_at(plus.centre());
        h.tap_at(switch_user.centre());
        EXPECT_EQ(h.app().draft().lines()[0].quantity, 1) << "the cart under the keypad took a tap";
        EXPECT_EQ(h.app().screen(), Screen::sell);
        EXPECT_TRUE(h.has("keypad_ok"));
        h.tap("keypad_cancel");
        EXPECT_TRUE(h.has("pay"));
    }
}

// ---- item 7: colour never alone, contrast

TEST(UiContrast, EveryTextMeetsAaOnItsBackground) {
    for (const auto& p : text_pairs()) {
        EXPECT_GE(contrast_ratio(p.text, p.background), kMinTextContrast) << p.where;
        if (p.button) {
            EXPECT_GE(contrast_ratio(p.text, pressed_fill(p.background, p.text)), kMinTextContrast) << p.where << ", pressed";
        }
    }
    // The theme as applied is the theme tested.
    Harness h;
    EXPECT_EQ(ImGui::GetColorU32(ImGuiCol_Text), kThemeText);
    EXPECT_EQ(ImGui::GetColorU32(ImGuiCol_WindowBg), kWindowBg);
    EXPECT_EQ(ImGui::GetColorU32(ImGuiCol_Button), kButton);
    EXPECT_EQ(ImGui::GetColorU32(ImGuiCol_ButtonActive), pressed_fill(kButton, kThemeText));
    EXPECT_EQ(ImGui::GetColorU32(ImGuiCol_ButtonHovered), kButton) << "a hover colour would stay lit under a lifted finger";
}

TEST(UiContrast, NotesAndCoinsShowTheirValueReadably) {
    for (const std::int64_t cents : {50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}) {
        const ImU32 under = face_background(cents);
        EXPECT_GE(contrast_ratio(text_on(under), under), kMinTextContrast) << cents << " cents";
    }
}

TEST(UiContrast, DemoEntrepreneursCarryReadableInitials) {
    Harness h;
    std::set<std::string> seen;
    for (const auto& e : h.till().entrepreneurs()) {
        const ImU32 c = colour_of(e.colour);
        ASSERT_NE(c, colour_of("")) << e.name << " has no colour of their own";
        EXPECT_GE(contrast_ratio(text_on(c), c), kMinTextContrast) << e.name << " " << e.colour;
        EXPECT_GE(contrast_ratio(text_on(c), pressed_fill(c, text_on(c))), kMinTextContrast) << e.name << " chosen and pressed";
        const std::string in = initials(e.name);
        EXPECT_FALSE(in.empty()) << e.name;
        EXPECT_TRUE(seen.insert(in).second) << "two demo entrepreneurs share the initials " << in;
    }
}

TEST(UiContrast, TheRuleItselfCatchesLightColours) {
    EXPECT_NEAR(contrast_ratio(kWhite, IM_COL32(0, 0, 0, 255)), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(kWhite, kWhite), 1.0, 1e-9);
    EXPECT_LT(contrast_ratio(kWhite, IM_COL32(39, 174, 96, 255)), kMinTextContrast);  // a light green fails
    EXPECT_LT(contrast_ratio(kWhite, colour_of("#f1c40f")), kMinTextContrast);
    EXPECT_EQ(text_on(colour_of("#f1c40f")), kInk);  // so a yellow chip takes dark ink
    EXPECT_EQ(text_on(colour_of("#1f618d")), kWhite);
}

// ---- item 9: feedback

TEST(UiFeedback, TheTileJustAddedFlashesThenSettles) {
    Harness h;
    h.login("Lucie", "1111");
    const Target tile = h.app().targets().at("tile:MAFE");
    EXPECT_FALSE(colours_in(tile, true).count(kGreen & kRgb));
    h.touch(tile.centre());
    ASSERT_EQ(h.app().draft().lines().size(), 1u);
    h.frame();
    EXPECT_TRUE(colours_in(tile, true).count(kGreen & kRgb)) << "no flash on the tile just added";
    EXPECT_TRUE(h.app().animating()) << "the window would stop drawing before the flash ends";
    for (int i = 0; i < 40; ++i) h.frame();
    EXPECT_FALSE(colours_in(tile, true).count(kGreen & kRgb)) << "the flash does not end";
    EXPECT_FALSE(h.app().animating()) << "an idle till keeps drawing";
}

TEST(UiFeedback, AButtonTappedShowsPressedAndNoHoverStaysBehind) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    const Target plus = h.app().targets().at("plus:0");
    h.touch(plus.centre());  // a finger: down, up, and the pointer stays where it lifted
    ASSERT_EQ(h.app().draft().lines()[0].quantity, 2);
    h.frame();
    EXPECT_TRUE(colours_in(plus).count(pressed_fill(kButton, kThemeText))) << "no pressed state after the tap";
    for (int i = 0; i < 30; ++i) h.frame();
    EXPECT_FALSE(ImGui::IsAnyItemHovered()) << "the button under the lifted finger stays hovered";
    const auto now = colours_in(plus);
    EXPECT_TRUE(now.count(kButton)) << "the button does not look untouched again";
    EXPECT_FALSE(now.count(pressed_fill(kButton, kThemeText)));
    // A mouse that moves again hovers again (the pointer was only set aside).
    ImGui::GetIO().MousePos = ImVec2(plus.centre().x + 2, plus.centre().y);
    h.frame();
    h.frame();
    EXPECT_TRUE(ImGui::IsAnyItemHovered());
}

}  // namespace
}  // namespace caisse::ui::testing
