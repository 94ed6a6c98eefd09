#pragma once
// The till's window: GLFW + OpenGL3 + Dear ImGui, drawing only when something changed.
#include <optional>
#include <string>

namespace caisse::ui {

struct WindowOptions {
    std::string db;                 // empty: the default ledger in the XDG data directory
    bool fullscreen = false;        // kiosk mode
    int width = 1280, height = 800;  // pixels; without size_given, shrunk to the monitor's work area
    bool size_given = false;         // --size: kept as asked, even if larger than the screen
    std::optional<std::string> lang;
    std::optional<std::string> screenshot;  // write a PNG of the last frame before quitting
    int quit_after_frames = 0;              // 0: run until closed
    bool timing = false;                    // print startup and frame figures to stderr
};

// Runs the till until the window closes; returns the process exit code.
int run_window(const WindowOptions& options);

}  // namespace caisse::ui
