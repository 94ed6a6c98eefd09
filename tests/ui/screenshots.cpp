// Screenshots of the real screens for docs/screenshots/: the headless harness drives them, and each
// frame is also rendered with OpenGL into a hidden GLFW window (run under xvfb-run).
//   caisse-ui-screenshots OUTDIR
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/ui/harness.hpp"

using caisse::ui::testing::Harness;

namespace {

void save(const std::string& path, int w, int h) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);
    if (!stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3)) std::fprintf(stderr, "cannot write %s\n", path.c_str());
    else std::printf("%s\n", path.c_str());
}

void shoot(const std::string& dir, int w, int h) {
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(w, h, "screenshots", nullptr, nullptr);
    glfwMakeContextCurrent(window);
    Harness ui(ImVec2(static_cast<float>(w), static_cast<float>(h)), caisse::ui::scale_for(w, h, 1.0f));
    ImGui_ImplOpenGL3_Init("#version 130");
    ui.before_frame = [] { ImGui_ImplOpenGL3_NewFrame(); };
    ui.after_render = [&] {
        glViewport(0, 0, w, h);
        glClearColor(0.96f, 0.95f, 0.93f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    };
    const std::string size = std::to_string(w) + "x" + std::to_string(h);
    auto shot = [&](const std::string& name) {
        ui.frame();
        save(dir + "/" + name + "-" + size + ".png", w, h);
    };
    ui.tap("user:Lucie");
    ui.type("11", "pin");
    shot("login");
    ui.type("11", "pin");
    ui.tap("login");
    for (const char* sku : {"MAFE", "COUSC", "BOBUN", "BOBUN", "CEVI"}) ui.tap(std::string("tile:") + sku);
    ui.tap("cat:Boissons");
    ui.tap("tile:EAU");
    ui.tap("tile:BISSAP");
    ui.tap("cat:all");
    shot("sell");
    ui.tap("pay");
    ui.type("60", "tender");
    shot("pay");
    ui.tap("tender:cash");
    shot("after-sale");
    ui.tap("next_sale");
    ui.tap("tile:MAFE");
    ui.tap("pay");
    ui.tap("tender:card");
    ui.tap("recent");
    ui.tap("ticket:" + std::to_string(ui.till().last_ticket() - 1));
    shot("recent");
    // A seller's duplicate: a manager approves it with their PIN.
    ui.tap("duplicate");
    ui.tap("approver:Karim");
    ui.type("23", "approval_pin");
    shot("approval");
    ui.tap("approval_cancel");
    // The end of the day, by the manager: X, the blind count 2 € short, the result, the note, the Z.
    ui.tap("back_to_sale");
    // A refund: the first ticket found by its number, two lines picked, by card; Lucie (a seller)
    // asks a manager's approval. Then a ticket cancelled at once by its seller.
    ui.tap("cash");
    ui.tap("menu:refund");
    ui.type("1", "rkey");
    ui.tap("refund_find");
    ui.tap("rline:1+");
    ui.tap("rline:3+");
    ui.tap("rmethod:card");
    shot("refund");
    ui.tap("refund_confirm");
    ui.tap("approver:Karim");
    ui.type("2345", "approval_pin");
    ui.tap("approval_ok");
    shot("refund-done");
    ui.tap("refund_back");
    ui.tap("tile:MAFE");
    ui.tap("pay");
    ui.tap("tender:card");
    ui.tap("cancel_ticket");
    ui.tap("switch_user");
    ui.login("Karim", "2345");
    // Training mode (MODE ÉCOLE): the band over every screen, a training ticket; then back to real.
    ui.tap("cash");
    ui.tap("menu:training");
    ui.tap("tile:MAFE");
    ui.tap("tile:BISSAP");
    shot("training-sell");
    ui.tap("pay");
    ui.tap("cash_exact");
    shot("training-after-sale");
    ui.tap("next_sale");
    ui.tap("cash");
    ui.tap("menu:training");
    ui.tap("cash");
    ui.tap("menu:events");
    shot("events");
    ui.tap("events_back");
    ui.tap("cash");
    shot("cash-menu");
    ui.tap("menu:x");
    shot("x-report");
    ui.tap("x_close");
    for (int i = 0; i < 4; ++i) ui.tap("den+:5000");
    for (int i = 0; i < 2; ++i) ui.tap("den+:2000");
    for (int i = 0; i < 3; ++i) ui.tap("den+:200");
    ui.tap("den+:50");
    shot("close-count");
    ui.tap("count_done");
    ui.type("9,50", "declared");
    ui.tap("count_confirm");
    shot("close-result");
    ui.tap("recount");
    ui.tap("count_done");
    ui.tap("count_confirm");
    ui.tap("note:erreur de rendu");
    shot("close-note");
    ui.tap("close_with_note");
    shot("z");
    ui.tap("z_done");
    for (int i = 0; i < 3; ++i) ui.tap("den+:5000");
    ui.tap("den+:1000");
    ui.tap("den+:50");
    shot("open-session");
    // Backups go to a USB stick that is not plugged in: the status bar says so.
    ui.till().ledger().set_setting("backup.dir", "/media/caisse-usb");
    shot("backup-missing");
    ImGui_ImplOpenGL3_Shutdown();
    ui.before_frame = nullptr;
    ui.after_render = nullptr;
    glfwDestroyWindow(window);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: caisse-ui-screenshots OUTDIR (under xvfb-run)\n");
        return 2;
    }
    std::filesystem::create_directories(argv[1]);
    if (!glfwInit()) {
        std::fprintf(stderr, "no display: run under xvfb-run\n");
        return 4;
    }
    shoot(argv[1], 1024, 768);
    shoot(argv[1], 1920, 1080);
    glfwTerminate();
    return 0;
}
