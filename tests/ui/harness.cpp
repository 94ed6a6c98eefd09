#include "tests/ui/harness.hpp"

#include <gtest/gtest.h>

#include "app/services/print_queue.hpp"

namespace caisse::ui::testing {

Harness::Harness(ImVec2 size, float scale, bool session_open) : size_(size) {
    path_ = dir_.file("ui.db");
    if (session_open) caisse::testing::demo_till(path_).reset();  // demo catalogue, users, an open session
    else Till::init(path_, "T1", true, caisse::testing::stepping_clock()).reset();
    // The demo is made at 2026-03-02 10:00 by a stepping clock: the screens' till goes on from 11:00.
    now_ = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} +
                                                                  std::chrono::hours{11});
    Clock clock = [now = now_] { return *now += std::chrono::seconds{1}; };
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    const Fonts fonts = load_fonts(io, scale);
    apply_style(scale);
    PrinterConfig printer;
    printer.uri = "screen:";
    printer.transport.screen_dir = dir_.file("receipts");
    // The idle lock reads the same time without stepping it: only advance() makes the screen idle.
    app_ = std::make_unique<TillApp>(Till::open(path_, clock), std::make_unique<PrintQueue>(printer), fonts, scale,
                                     [now = now_] { return *now; });
    frame();
}

Harness::~Harness() {
    app_.reset();
    ImGui::DestroyContext(context_);
}

void Harness::frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = size_;
    io.DeltaTime = 1.0f / 60.0f;
    if (before_frame) before_frame();
    ImGui::NewFrame();
    app_->draw();
    ImGui::Render();
    if (after_render) after_render();
}

void Harness::tap_at(ImVec2 where) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = where;
    frame();  // the finger arrives: hover
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();  // released: the button reports the click here
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
    ++taps_;
}

void Harness::swipe(ImVec2 from, ImVec2 to) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = from;
    frame();
    io.MouseDown[0] = true;
    frame();
    constexpr int kSteps = 8;
    for (int i = 1; i <= kSteps; ++i) {
        io.MousePos = ImVec2(from.x + (to.x - from.x) * static_cast<float>(i) / kSteps, from.y + (to.y - from.y) * static_cast<float>(i) / kSteps);
        frame();
    }
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (int i = 0; i < 60 && app_->animating(); ++i) frame();  // let the inertia settle
}

void Harness::reveal(const std::string& id, const std::string& anchor, float dx, float dy) {
    const auto it = app_->targets().find(anchor);
    if (it == app_->targets().end()) return;
    const ImVec2 from = it->second.centre();  // the same spot each time, whatever scrolled under it
    for (int i = 0; i < 12 && !has(id); ++i) swipe(from, ImVec2(from.x + dx, from.y + dy));
}

void Harness::tap(const std::string& id) {
    const auto& targets = app_->targets();
    const auto it = targets.find(id);
    if (it == targets.end()) {
        std::string shown;
        for (const auto& [name, _] : targets) shown += name + " ";
        ADD_FAILURE() << "no touch target \"" << id << "\" on screen; there are: " << shown;
        return;
    }
    tap_at(it->second.centre());
}

void Harness::type(const std::string& keys, const std::string& pad) {
    for (char k : keys) tap(pad + ":" + std::string(1, k));
}

void Harness::login(const std::string& user, const std::string& pin) {
    tap("user:" + user);
    type(pin, "pin");
    tap("login");
}

}  // namespace caisse::ui::testing
