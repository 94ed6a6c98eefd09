#include "tests/ui/harness.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include <map>

#include "app/services/print_queue.hpp"

namespace caisse::ui::testing {

Harness::Harness(ImVec2 size, float scale, bool session_open) : size_(size) {
    path_ = dir_.file("ui.db");
    if (session_open) caisse::testing::demo_till(path_).reset();  // demo catalogue, users, an open session
    else Till::init(path_, "T1", true, caisse::testing::stepping_clock()).reset();
    // The demo is made at 2026-03-02 10:00 by a stepping clock: the screens' till goes on from 11:00.
    now_ = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} +
                                                                  std::chrono::hours{11});
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    fonts_ = load_fonts(io, scale);
    scale_ = scale;
    apply_style(scale);
    open_app();
}

void Harness::open_app() {
    Clock clock = [now = now_] { return *now += std::chrono::seconds{1}; };
    PrinterConfig printer;
    printer.uri = "screen:";
    printer.transport.screen_dir = dir_.file("receipts");
    // The idle lock reads the same time without stepping it: only advance() makes the screen idle.
    app_ = std::make_unique<TillApp>(Till::open(path_, clock), std::make_unique<PrintQueue>(printer), fonts_, scale_,
                                     [now = now_] { return *now; });
    app_->set_textures(textures_);
    frame();
}

Texture FakeTextures::create(const Picture& picture) {
    const auto id = static_cast<std::uintptr_t>(++created);
    made[id] = picture;
    return Texture{reinterpret_cast<ImTextureID>(id), picture.width, picture.height};
}

void FakeTextures::destroy(const Texture& texture) {
    ++destroyed;
    made.erase(reinterpret_cast<std::uintptr_t>(texture.id));
}

bool Harness::wait_pictures() {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
        frame();
        if (!app_->pictures_busy()) return true;
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void Harness::use_textures(std::shared_ptr<Textures> textures) {
    textures_ = std::move(textures);
    app_->set_textures(textures_);
}

void Harness::restart() {
    app_.reset();
    open_app();
}

void Harness::reveal_chip(const std::string& id, const std::string& row) {
    for (int i = 0; i < 12 && !has(id) && has(row + ":next"); ++i) tap(row + ":next");
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
    app_->prepare_input();
    ImGui::NewFrame();
    app_->draw();
    ImGui::Render();
    if (after_render) after_render();
}

void Harness::touch(ImVec2 where) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = where;
    settle();  // as tap_at: the screen settles first
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    ++taps_;
}

namespace {
void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
}  // namespace

// Each glyph is a textured quad whose first three vertices carry its U0,V0 / U1,V0 / U1,V1
// (ImDrawList::PrimRectUV): the glyphs of the frame are read back from the draw lists, in
// drawing order. Spaces draw nothing, so the text has none.
bool Harness::shows(std::string what) {
    for (const std::string blank : {" ", "\u00a0", "\u202f"})
        for (std::size_t at; (at = what.find(blank)) != std::string::npos;) what.erase(at, blank.size());
    return text().find(what) != std::string::npos;
}

std::string Harness::text() {
    frame();
    std::map<std::pair<float, float>, unsigned> by_uv;  // a glyph's (U0, V0) -> code point, every font
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) by_uv[{g.U0, g.V0}] = g.Codepoint;
    std::string out;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const auto& v = data->CmdLists[l]->VtxBuffer;
        for (int i = 0; i + 2 < v.Size; ++i) {
            const auto it = by_uv.find({v[i].uv.x, v[i].uv.y});
            if (it == by_uv.end() || v[i + 1].uv.y != v[i].uv.y || v[i + 1].uv.x <= v[i].uv.x || v[i + 2].uv.x != v[i + 1].uv.x)
                continue;
            append_utf8(out, it->second);
            i += 3;
        }
        out += '\n';
    }
    return out;
}

void Harness::tap_at(ImVec2 where) {
    // A finger reaching for a spot is slower than a new screen's settling (kSettleSeconds): the
    // finger arriving is input, so the idle lock does not count these frames as idle.
    ImGui::GetIO().MousePos = where;
    settle();
    press_at(where);
}

void Harness::settle() {
    for (int i = 0; i < 60 && app_->settling(); ++i) frame();
}

void Harness::double_tap_at(ImVec2 where) {
    tap_at(where);
    press_at(where);  // the second tap follows at once, whatever the first one opened
}

void Harness::press_at(ImVec2 where) {
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
    const auto start = std::chrono::steady_clock::now();
    while (settle_reads && app_->reading() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // few frames: each reads the till's clock
        frame();
    }
    while (settle_pictures && app_->pictures_busy() && std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        frame();
    }
}

void Harness::wait(float seconds) {
    for (float t = 0; t < seconds; t += 1.0f / 60.0f) frame();
}

void Harness::accept_payment() {
    wait(0.5f);
    tap("pay_confirm_yes");
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
