#pragma once
// Drives the real screens headless: an ImGui context without a window or GL, synthetic touches
// through io.MousePos / io.MouseDown (Dear ImGui 1.86 has no input queue: a tap is a frame with the
// finger down, then a frame with it up).
#include <chrono>
#include <cstdint>
#include <map>
#include <functional>
#include <memory>
#include <string>

#include "app/ui/picture_cache.hpp"
#include "app/ui/till_app.hpp"
#include "tests/db/test_support.hpp"

namespace caisse::ui::testing {

// Textures without GL: each picture gets a new id (1, 2, ...) and is kept, so that a test can see
// which picture a tile's draw command uses.
class FakeTextures final : public Textures {
public:
    Texture create(const Picture& picture) override;
    void destroy(const Texture& texture) override;
    std::map<std::uintptr_t, Picture> made;  // by id, still alive
    int created = 0, destroyed = 0;
};

class Harness {
public:
    // A demo ledger (Lucie's session open, unless session_open is false) in a temporary directory;
    // screen-only printer. The till's clock starts an hour after the demo was made and steps one
    // second a reading; advance() moves it on (a session left open overnight).
    explicit Harness(ImVec2 size = ImVec2(1024, 768), float scale = 1.0f, bool session_open = true);
    ~Harness();

    void frame();                       // one frame, no input change
    // One frame, returning the glyphs it drew (every window and overlay, in drawing order, one
    // line per draw list), without spaces: compare with shows() of payment_test.
    std::string text();
    // Whether one frame's glyphs hold `what`, spaces (plain, no-break, narrow) aside.
    bool shows(std::string what);
    void tap(const std::string& id);    // fails the test when the target is not on screen
    void tap_at(ImVec2 where);          // a finger anywhere, once the screen has settled (TillApp::settling)
    void double_tap_at(ImVec2 where);   // two taps there, the second at once (67 ms after the first)
    // A finger on a touch screen: down and up at `where`, and the pointer stays there (GLFW's
    // emulated mouse), as on the real till; tap_at moves it away afterwards like a mouse leaving.
    void touch(ImVec2 where);
    void swipe(ImVec2 from, ImVec2 to); // a finger dragged across several frames
    // Swipes from `anchor` by (dx, dy) until `id` is on screen (scrolling a row or the grid).
    void reveal(const std::string& id, const std::string& anchor, float dx, float dy);
    // Turns the pages of a chip row ("categories", "entrepreneurs") until chip `id` is on screen.
    void reveal_chip(const std::string& id, const std::string& row);
    void type(const std::string& keys, const std::string& pad);  // "pad:1", "pad:2"... for each key
    void login(const std::string& user, const std::string& pin);
    void wait(float seconds);  // frames without input for that long (1/60 s each)
    // Frames until every picture asked for is decoded and uploaded (at most 10 s); false on timeout.
    bool wait_pictures();
    // Replaces the fake textures (the screenshot tool's OpenGL ones), for this app and after restart().
    void use_textures(std::shared_ptr<Textures> textures);
    FakeTextures& fake_textures() { return *fake_; }
    // Answers "payment accepted?" (card, cheque, transfer) yes, once its answer is armed.
    void accept_payment();
    bool has(const std::string& id) const { return app_->targets().count(id) > 0; }
    int taps() const { return taps_; }
    void advance(std::chrono::seconds by) { *now_ += by; }
    // The till closed and started again on the same ledger (same fonts, same clock).
    void restart();
    void reset_taps() { taps_ = 0; }

    // After each tap, frames are drawn until the background reads it started are done (a user
    // waits for the figures too); a test of the waiting itself turns it off.
    bool settle_reads = true;
    // Likewise for the tiles' pictures being decoded (the picture thread): a test of a tile before its
    // picture is ready turns it off.
    bool settle_pictures = true;

    // Hooks around each frame (the screenshot tool renders frames with OpenGL through them).
    std::function<void()> before_frame, after_render;

    TillApp& app() { return *app_; }
    Till& till() { return app_->till(); }
    const std::string& path() const { return path_; }
    ImVec2 size() const { return size_; }

private:
    void open_app();
    void press_at(ImVec2 where);  // down and up there, then the pointer leaves; no settling wait
    void settle();                // frames until a new screen takes taps (TillApp::settling), 1 s at most
    caisse::testing::TempDir dir_;
    std::string path_;
    ImVec2 size_;
    ImGuiContext* context_ = nullptr;
    std::unique_ptr<TillApp> app_;
    Fonts fonts_;
    float scale_ = 1;
    int taps_ = 0;
    std::shared_ptr<std::chrono::system_clock::time_point> now_;
    std::shared_ptr<FakeTextures> fake_ = std::make_shared<FakeTextures>();
    std::shared_ptr<Textures> textures_ = fake_;
};

}  // namespace caisse::ui::testing
