// The screen printer (issue 12 item 12): after a sale with `screen:` the receipt is on screen as it
// would print, with a real QR code holding its text and the record's hash; an entrepreneur's brand
// header shows on it.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "app/services/receipt_brand.hpp"
#include "db/crypto.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

// Whether the frame's glyphs hold `what`, spaces aside (blank glyphs draw nothing).
bool shows(const std::string& text, std::string what) {
    for (const std::string blank : {" ", "\u00a0", "\u202f"})
        for (std::size_t at; (at = what.find(blank)) != std::string::npos;) what.erase(at, blank.size());
    return text.find(what) != std::string::npos;
}

void cash_sale(Harness& h) {
    h.tap("tile:MAFE");  // Aminata Diop's, 9,50 €
    h.tap("pay");
    h.tap("cash:20");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
}

TEST(UiReceiptView, AfterACashSaleTheReceiptAndItsQrCodeAreOnScreen) {
    for (const ImVec2 size : {ImVec2(1024, 768), ImVec2(1920, 1080)}) {
        Harness h(size);
        h.login("Lucie", "1111");
        cash_sale(h);
        h.frame();  // the strip scrolls to the QR code once laid out
        // Scrolled down to the QR code: the end of the receipt (its fingerprint) above it.
        EXPECT_TRUE(shows(h.text(), "Empreinte")) << h.text();
        EXPECT_TRUE(h.has("next_sale"));
        // The QR code is wholly on screen, big enough for a phone, and holds the receipt and its hash.
        ASSERT_TRUE(h.has("sale_receipt:qr")) << size.x;
        const auto qr = h.app().targets().at("sale_receipt:qr");
        EXPECT_GE(qr.width(), 200.0f);
        EXPECT_LE(qr.max.x, size.x);
        EXPECT_LE(qr.max.y, size.y);
        const auto hash = h.till().recorded_sale(h.till().last_ticket()).value().hash;
        const std::string data = h.app().shown_qr();
        EXPECT_NE(data.find("SHA-256 " + db::to_hex(hash)), std::string::npos) << data;
        EXPECT_NE(data.find("Mafé poulet"), std::string::npos) << data;
        EXPECT_NE(data.find("TOTAL TTC  9,50"), std::string::npos) << data;
        // Dragged back up: the receipt as printed (lines, total, change given), beside the change due.
        for (int i = 0; i < 3; ++i) h.swipe(ImVec2(qr.min.x + 20, 120), ImVec2(qr.min.x + 20, size.y - 30));
        const std::string text = h.text();
        EXPECT_TRUE(shows(text, "Mafé poulet [AD]")) << text;
        EXPECT_TRUE(shows(text, "TOTAL TTC")) << text;
        EXPECT_TRUE(shows(text, "Rendu monnaie")) << text;
        EXPECT_TRUE(shows(text, "10,50")) << text;
        if (size.x < 1500) {
            EXPECT_FALSE(h.has("sale_receipt:qr"));  // scrolled out of view (a tall screen shows both)
        }
        EXPECT_EQ(h.app().shown_qr(), data);  // still the receipt's
        // Next sale: the receipt and its QR code are gone.
        h.tap("next_sale");
        EXPECT_EQ(h.app().screen(), Screen::sell);
        EXPECT_FALSE(h.has("sale_receipt:qr"));
        EXPECT_TRUE(h.app().shown_qr().empty());
    }
}

TEST(UiReceiptView, TheBrandHeaderIsOnTheReceiptOnScreen) {
    Harness h;
    set_entrepreneur_brand(h.till(), caisse::testing::as(h.till(), "Karim"), "Aminata Diop", "Chez Aminata", "Cuisine du Sénégal");
    h.login("Lucie", "1111");
    cash_sale(h);
    h.frame();
    // The QR code holds it; the strip shows it once scrolled back to the top.
    EXPECT_NE(h.app().shown_qr().find("Chez Aminata\nCuisine du Sénégal\n"), std::string::npos) << h.app().shown_qr();
    ASSERT_TRUE(h.has("sale_receipt:qr"));
    const auto strip = h.app().targets().at("sale_receipt:qr");
    EXPECT_FALSE(shows(h.text(), "C h e z A m i n a t a"));  // scrolled down to the QR code
    for (int i = 0; i < 3; ++i) h.swipe(ImVec2(strip.min.x + 20, 120), ImVec2(strip.min.x + 20, 740));
    const std::string text = h.text();
    EXPECT_TRUE(shows(text, "C h e z A m i n a t a")) << text;  // printed double width
    EXPECT_TRUE(shows(text, "Cuisine du Sénégal")) << text;
}

// The change due, in its biggest font, stays in the left column beside the receipt: at 1024x768 its
// "€" used to be drawn under the paper and clipped (a newcomer's trial of the .deb).
TEST(UiReceiptView, TheChangeDueIsNotCutByTheReceipt) {
    Harness h(ImVec2(1024, 768));
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");  // 9,50 €
    h.tap("tile:BISSAP");
    h.tap("pay");
    h.tap("cash:50");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    h.frame();
    const ImGuiWindow* left = nullptr;
    for (const ImGuiWindow* w : GImGui->Windows)
        if (std::string(w->Name).find("after_sale_left") != std::string::npos && w->Active) left = w;
    ASSERT_NE(left, nullptr);
    const float edge = left->InnerClipRect.Max.x;
    float widest = 0;
    for (const ImDrawVert& v : left->DrawList->VtxBuffer) widest = std::max(widest, v.pos.x);
    EXPECT_LE(widest, edge + 0.5f) << "drawn up to x=" << widest << " past the column's edge " << edge;
    EXPECT_GT(widest, edge - 400) << "nothing drawn in the column?";
}

}  // namespace
}  // namespace caisse::ui::testing
