#pragma once
// The till's touch screen, its public face: TillApp draws every screen (app/ui/screens/) under the
// status bar. Pure Dear ImGui: draw() builds one frame between ImGui::NewFrame() and ImGui::Render();
// the window loop (window.cpp) and the headless test harness (tests/ui) both drive it.
#include <cstdint>
#include <optional>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <imgui.h>

#include "app/services/print_queue.hpp"
#include "app/services/sale_draft.hpp"
#include "app/services/till.hpp"
#include "app/ui/theme.hpp"

namespace caisse::ui {

class Textures;  // app/ui/picture_cache.hpp

enum class Screen { login, open_session, sell, pay, after_sale, recent, cash_move, x_report, close, z_view, events, refund,
                    cape_statement, cape_what_if, cape_charges, cape_hours, manage_products, manage_users, manage_settings,
                    manage_entrepreneurs, catering_orders, catering_customers, catering_order, quote_editor };

// Every touch target drawn in the last frame, by a stable id ("tile:MAFE", "pay", "key:7"...):
// tests click them and check their size.
struct Target {
    ImVec2 min, max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    ImVec2 centre() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};
using Targets = std::map<std::string, Target>;

// A product tile's layout in the last frame, in pixels (window y): the bottom of its wrapped name,
// the top and side of its picture's square.
struct TileLayout {
    float name_bottom = 0, picture_top = 0, picture_side = 0;
};

class TillApp {
public:
    // The printer queue may be null (tests without printing). idle_clock times the idle lock (the
    // tests' clock steps only when told).
    TillApp(std::unique_ptr<Till> till, std::unique_ptr<PrintQueue> printer, Fonts fonts, float scale,
            Clock idle_clock = system_clock());
    ~TillApp();
    TillApp(const TillApp&) = delete;
    TillApp& operator=(const TillApp&) = delete;

    // Call between the platform backend's NewFrame and ImGui::NewFrame (the window loop and the
    // headless harness both do): a finger lifted leaves nothing hovered (LiftedPointer).
    void prepare_input();
    void draw();                  // one frame of the whole screen (io.DisplaySize)
    bool animating() const;       // drag inertia, a toast fading, a background read: keep drawing frames
    bool settling() const;        // the screen changed less than kSettleSeconds ago: taps are not taken yet
    bool reading() const;         // a statement is being read in the background (screens/cape_tabs)
    // Run on the background thread before each such read: tests hold a read back with it.
    void set_read_gate(std::function<void()> gate);
    void set_wake(std::function<void()> wake);  // called from worker threads (printer) to wake the loop
    // Where the tiles' pictures become textures (GL in the window, a fake in tests); without any,
    // tiles show no pictures and no pictograms, only a plain placeholder.
    void set_textures(std::shared_ptr<Textures> textures);
    bool pictures_busy() const;  // pictures asked for are still being decoded or uploaded
    int pictures_decoded() const;
    void set_picture_gate(std::function<void()> gate);  // run on the picture thread before each decoding (tests)  // picture files and pictograms decoded so far (each once)
    // What each product tile of the sell screen showed in the last frame, by SKU: "picture",
    // "pictogram:<emoji>" or "placeholder" (tests; tiles not drawn are absent).
    std::map<std::string, std::string> shown_tiles() const;
    // Where a tile drawn in the last frame has its name end and its picture start (nullopt: not drawn).
    std::optional<TileLayout> tile_layout(const std::string& sku) const;

    Screen screen() const;
    // Opens the quote editor (issue 14 item 8) on `quote` (none: a new one), Save and Cancel going
    // back to `back`: as screens/open_quote_editor, for the tests and the tools.
    void open_quote_editor(std::optional<std::int64_t> quote, Screen back);
    const Targets& targets() const;  // of the last frame
    const std::string& message() const;  // the message shown to the user, "" when none
    // What the QR code of the receipt on screen holds (the screen printer's after-sale view), "" when
    // no such QR code was drawn in the last frame.
    const std::string& shown_qr() const;
    Till& till();
    const SaleDraft& draft() const;  // the ticket being rung up, with the payments already taken

    struct State;  // the screens' state, defined in app_state.hpp

private:
    std::unique_ptr<State> s_;
};

}  // namespace caisse::ui
