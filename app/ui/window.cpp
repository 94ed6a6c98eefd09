// The till's window: GLFW + OpenGL3 + Dear ImGui. It builds frames only when something may have
// changed: a few after input or a wake from a worker thread (printer), one a second for the clock
// of the status bar, one per refresh while the screens animate or a finger is down. A frame that
// would draw the same pixels as the one on screen is neither rendered nor swapped. Otherwise the
// loop sleeps in glfwWaitEventsTimeout, so an idle till uses next to no CPU.
#include "app/ui/window.hpp"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <pthread.h>
#include <stb_image_write.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/money.hpp"
#include "app/services/i18n.hpp"
#include "app/services/print_queue.hpp"
#include "app/services/printing.hpp"
#include "app/services/till.hpp"
#include "app/ui/gl_textures.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/till_app.hpp"

namespace caisse::ui {

namespace {

using i18n::tr;
using SteadyClock = std::chrono::steady_clock;

// Taken while the program's globals are initialised, before main(): --timing counts from here.
const SteadyClock::time_point g_process_start = SteadyClock::now();

constexpr int kFramesAfterEvent = 3;  // ImGui settles hover, active and released states in 1 to 3 frames

std::atomic<bool> g_stop{false};  // SIGTERM or SIGINT

void on_stop_signal(int) { g_stop.store(true); }

void error_line(const std::string& message) { std::cerr << tr("caisse: error: {0}", message) << "\n"; }

double ms_since(SteadyClock::time_point t) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t).count();
}

long cpu_ms() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000L + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000L;
}

long status_kb(const char* field) {  // "VmHWM:", "VmRSS:" of /proc/self/status
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field, 0) == 0) return std::strtol(line.c_str() + std::char_traits<char>::length(field), nullptr, 10);
    return -1;
}
long peak_rss_kb() { return status_kb("VmHWM:"); }

// --timing: where start-up goes, phase by phase (milliseconds since the previous phase, and RSS).
struct Phases {
    bool on = false;
    SteadyClock::time_point last = g_process_start;
    std::string text;
    void operator()(const char* name) {
        if (!on) return;
        const auto now = SteadyClock::now();
        text += std::string(text.empty() ? "" : " ") + name + ":" +
                std::to_string(static_cast<long>(std::chrono::duration<double, std::milli>(now - last).count())) + "ms/" +
                std::to_string(status_kb("VmRSS:") / 1024) + "MB(anon " + std::to_string(status_kb("RssAnon:") / 1024) + ")";
        last = now;
    }
};

// $XDG_DATA_HOME/caisse-commune/caisse.db, XDG_DATA_HOME defaulting to ~/.local/share.
std::string default_ledger_path() {
    std::filesystem::path data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/') data = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) data = std::filesystem::path(home) / ".local/share";
    else throw InputError("no data directory for the ledger: set HOME or XDG_DATA_HOME, or give --db");
    return (data / "caisse-commune" / "caisse.db").string();
}

std::unique_ptr<Till> open_ledger(const WindowOptions& options) {
    if (!options.db.empty()) return Till::open(options.db);
    const std::string path = default_ledger_path();
    if (std::filesystem::exists(path)) return Till::open(path);
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (ec) throw InputError("cannot create the directory of the ledger {0}: {1}", path, ec.message());
    return Till::init(path, "T1", /*demo*/ true);
}

// GLFW reports errors through a callback; the last one explains a failed init or window.
std::mutex g_glfw_error_mutex;
std::string g_glfw_error;
void on_glfw_error(int, const char* description) {
    std::lock_guard lock(g_glfw_error_mutex);
    g_glfw_error = description ? description : "?";
}
std::string last_glfw_error(const char* otherwise) {
    std::lock_guard lock(g_glfw_error_mutex);
    return g_glfw_error.empty() ? std::string(otherwise) : g_glfw_error;
}

struct GlfwSession {
    ~GlfwSession() { glfwTerminate(); }
};
struct ImGuiSession {
    bool glfw = false, gl = false;
    ~ImGuiSession() {
        if (gl) ImGui_ImplOpenGL3_Shutdown();
        if (glfw) ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
};

// SIGTERM and SIGINT end the loop (the --timing summary is printed at exit). Blocked while the
// threads (printer, GL driver) are created so that they never receive them, then unblocked for the
// loop's thread, where they interrupt glfwWaitEventsTimeout.
class StopSignals {
public:
    StopSignals() {
        g_stop.store(false);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
        struct sigaction sa {};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;  // select() (the event wait) is interrupted all the same
        sigaction(SIGTERM, &sa, &old_term_);
        sigaction(SIGINT, &sa, &old_int_);
    }
    void deliver_here() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    }
    ~StopSignals() {
        pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
        sigaction(SIGINT, &old_int_, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    sigset_t old_mask_{};
    struct sigaction old_term_ {}, old_int_ {};
};

// What happened since the last frame: input (GLFW callbacks, on this thread) or a wake (any thread).
struct LoopEvents {
    bool input = false;
    bool expose = true;  // the window's pixels must be drawn again (shown, resized, uncovered)
    bool iconified = false;
    std::atomic<bool> woken{false};
};

LoopEvents* events_of(GLFWwindow* w) { return static_cast<LoopEvents*>(glfwGetWindowUserPointer(w)); }
void mark_input(GLFWwindow* w) { events_of(w)->input = true; }
void mark_expose(GLFWwindow* w) { events_of(w)->input = events_of(w)->expose = true; }

// Installed before ImGui's: its backend calls them back (chains) for the callbacks it installs too.
void watch_input(GLFWwindow* window) {
    glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { mark_input(w); });
    glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { mark_input(w); });
    glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { mark_input(w); });
    glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { mark_input(w); });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { mark_input(w); });
    glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { mark_input(w); });
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { mark_input(w); });
    glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { mark_expose(w); });
    glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { mark_expose(w); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { mark_expose(w); });
    glfwSetWindowContentScaleCallback(window, [](GLFWwindow* w, float, float) { mark_expose(w); });
    glfwSetWindowIconifyCallback(window, [](GLFWwindow* w, int iconified) {
        events_of(w)->iconified = iconified != 0;
        mark_expose(w);
    });
}

bool any_button_down(GLFWwindow* window) {
    for (int b = GLFW_MOUSE_BUTTON_1; b <= GLFW_MOUSE_BUTTON_3; ++b)
        if (glfwGetMouseButton(window, b) == GLFW_PRESS) return true;
    return false;
}

// Seconds until the wall clock turns to the next second (the status bar's clock), a little after.
double seconds_to_next_tick() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto into = now - std::chrono::duration_cast<std::chrono::seconds>(now);
    return std::chrono::duration<double>(std::chrono::seconds(1) - into).count() + 0.002;
}
std::int64_t wall_second() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The content scale of the window (or of the monitor before there is one), within 1..3.
float clamp_scale(GLFWmonitor* monitor, GLFWwindow* window) {
    float x = 1.0f, y = 1.0f;
    if (window) glfwGetWindowContentScale(window, &x, &y);
    else if (monitor) glfwGetMonitorContentScale(monitor, &x, &y);
    const float s = std::max(x, y);
    return s > 0.0f ? std::clamp(s, 1.0f, 3.0f) : 1.0f;
}

// load_fonts, keeping the atlas as coverage only: the texture is made from it (create_device_objects),
// and the RGBA copy (4 bytes a pixel) is made again from it if GL needs one after all.
Fonts load_fonts_alpha(ImGuiIO& io, float scale) {
    Fonts fonts = load_fonts(io, scale);
    if (io.Fonts->TexPixelsAlpha8 && io.Fonts->TexPixelsRGBA32) {
        ImGui::MemFree(io.Fonts->TexPixelsRGBA32);
        io.Fonts->TexPixelsRGBA32 = nullptr;
    }
    return fonts;
}

bool has_texture_swizzle() {
    int major = 0, minor = 0;
    if (const auto* v = reinterpret_cast<const char*>(glGetString(GL_VERSION))) std::sscanf(v, "%d.%d", &major, &minor);
    if (major > 3 || (major == 3 && minor >= 3)) return true;
    const auto* ext = reinterpret_cast<const char*>(glGetString(GL_EXTENSIONS));
    return ext && (std::strstr(ext, "GL_ARB_texture_swizzle") || std::strstr(ext, "GL_EXT_texture_swizzle"));
}

// The backend's shaders and font texture. ImGui's OpenGL3 backend uploads the atlas as RGBA (4 bytes a
// pixel, 32 MB for a 2048x4096 atlas, plus the same again inside a software GL); the atlas is only
// coverage, so it goes up as one channel (GL_R8 read as white with alpha = coverage by a texture
// swizzle) and the CPU copies are freed once uploaded. Where GL lacks swizzles, the backend's way.
bool create_device_objects(ImGuiIO& io) {
    ImFontAtlas& atlas = *io.Fonts;
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
    if (!alpha || !has_texture_swizzle()) return ImGui_ImplOpenGL3_CreateDeviceObjects();
    // The backend creates its texture from a 1x1 white stand-in, then that texture gets the atlas.
    static unsigned int white = 0xFFFFFFFFu;
    unsigned int* const rgba = atlas.TexPixelsRGBA32;
    atlas.TexPixelsRGBA32 = &white;
    atlas.TexWidth = atlas.TexHeight = 1;
    const bool ok = ImGui_ImplOpenGL3_CreateDeviceObjects();
    atlas.TexPixelsRGBA32 = rgba;
    atlas.TexWidth = w;
    atlas.TexHeight = h;
    if (!ok) return false;
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(atlas.TexID)));
    while (glGetError() != GL_NO_ERROR) {
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, alpha);
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    if (glGetError() != GL_NO_ERROR) {  // the backend's way after all
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        return ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    atlas.ClearTexData();  // the GL texture holds it now (glyph positions and UVs stay)
    return true;
}

// A fingerprint of what a frame would draw: vertices, indices, commands and the target size. The
// same fingerprint as the frame on screen means the same pixels: nothing to render or swap.
std::size_t fingerprint(const ImDrawData* dd, int fb_w, int fb_h) {
    std::size_t h = 0;
    const auto mix = [&h](const void* data, std::size_t size) {
        const std::size_t v = std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), size));
        h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    };
    const float frame[] = {static_cast<float>(fb_w), static_cast<float>(fb_h), dd->DisplayPos.x, dd->DisplayPos.y,
                           dd->DisplaySize.x, dd->DisplaySize.y, dd->FramebufferScale.x, dd->FramebufferScale.y};
    mix(frame, sizeof frame);
    for (int i = 0; i < dd->CmdListsCount; ++i) {
        const ImDrawList* list = dd->CmdLists[i];
        mix(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            const std::uintptr_t c[] = {reinterpret_cast<std::uintptr_t>(cmd.TextureId), cmd.VtxOffset, cmd.IdxOffset,
                                        cmd.ElemCount, reinterpret_cast<std::uintptr_t>(cmd.UserCallback),
                                        reinterpret_cast<std::uintptr_t>(cmd.UserCallbackData)};
            mix(c, sizeof c);
            mix(&cmd.ClipRect, sizeof cmd.ClipRect);
        }
    }
    return h;
}

// Reads the back buffer (call before swapping) and writes it as a PNG, top row first.
bool write_screenshot(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return false;
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height)), flipped(pixels.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.data() + row * static_cast<std::size_t>(height - 1 - y), row, flipped.data() + row * static_cast<std::size_t>(y));
    return stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(row)) != 0;
}

}  // namespace

int run_window(const WindowOptions& options) {
    StopSignals signals;  // before any thread is created
    Phases phase;
    phase.on = options.timing;
    phase("main");

    if (options.screenshot) {  // a typo in the path is found now, not after the run
        const auto dir = std::filesystem::absolute(*options.screenshot).parent_path();
        if (!std::filesystem::is_directory(dir) || access(dir.c_str(), W_OK) != 0)
            throw InputError("cannot write the screenshot {0}", *options.screenshot);
    }
    // The ledger first: its errors (missing, busy, newer format) reach main's messages and exit codes.
    std::unique_ptr<Till> till = open_ledger(options);
    phase("ledger");

    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        error_line(tr("no display: {0}", last_glfw_error("glfwInit failed")));
        return 4;
    }
    GlfwSession glfw_session;
    phase("glfw");

    LoopEvents events;
    auto wake = [&events] {
        events.woken.store(true);
        glfwPostEmptyEvent();
    };
    const PrinterConfig printer = printer_config(*till, std::nullopt, std::nullopt);
    auto queue = std::make_unique<PrintQueue>(printer);
    queue->on_change(wake);
    till->set_on_background_done(wake);  // the backup after a Z ended: show it, journal it
    phase("printer");

    // The fonts' atlas is rasterised on a thread while the window and its GL context are made. The
    // scale comes from the primary monitor (on X11 the window's is the same); checked again below.
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiSession imgui_session;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWmonitor* monitor = nullptr;
    int width = options.width, height = options.height;
    if (options.fullscreen) {
        monitor = primary;
        if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
            glfwWindowHint(GLFW_RED_BITS, mode->redBits);
            glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
            glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
            glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
            width = mode->width;
            height = mode->height;
        }
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);  // a notification stealing focus must not hide the till
    }
    // The default size must fit a 1024x768 till screen: started from the menu with no window manager
    // to shrink it, a 1280x800 window would hide the PIN pad's lower rows.
    if (!options.fullscreen && !options.size_given && primary) {
        int x = 0, y = 0, w = 0, h = 0;
        glfwGetMonitorWorkarea(primary, &x, &y, &w, &h);
        if (w > 0 && h > 0) {
            width = std::min(width, w);
            height = std::min(height, h);
        }
    }
    // The monitor's DPI, and at least what makes a big window read from a step away (theme.hpp).
    float scale = scale_for(width, height, clamp_scale(primary, nullptr));
    auto fonts_loading = std::async(std::launch::async, [&io, scale] { return load_fonts_alpha(io, scale); });
    // The X11 class the desktop entry names (StartupWMClass): docks group the window with its launcher.
    glfwWindowHintString(GLFW_X11_CLASS_NAME, "caisse-commune");
    glfwWindowHintString(GLFW_X11_INSTANCE_NAME, "caisse-commune");
    GLFWwindow* window = glfwCreateWindow(width, height, "Caisse Commune", monitor, nullptr);
    if (!window) {
        error_line(tr("cannot open the till window: {0}", last_glfw_error("?")));
        return 4;
    }
    glfwSetWindowUserPointer(window, &events);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    phase("window");

    Fonts fonts = fonts_loading.get();  // rethrows "font missing"
    if (const float actual = scale_for(width, height, clamp_scale(primary, window)); actual != scale) {
        scale = actual;
        fonts = load_fonts_alpha(io, scale);
    }
    apply_style(scale);
    phase("fonts");
    if (options.timing)
        std::cerr << "font_atlas=" << io.Fonts->TexWidth << "x" << io.Fonts->TexHeight << " scale=" << scale << "\n";
    watch_input(window);
    imgui_session.glfw = ImGui_ImplGlfw_InitForOpenGL(window, true);
    imgui_session.gl = ImGui_ImplOpenGL3_Init("#version 130");
    if (!imgui_session.glfw || !imgui_session.gl || !create_device_objects(io)) {
        error_line(tr("cannot open the till window: {0}", std::string("OpenGL 3 / GLSL 1.30")));
        return 4;
    }
    phase("imgui");
    TillApp app(std::move(till), std::move(queue), fonts, scale);
    app.set_wake(wake);
    app.set_textures(std::make_shared<GlTextures>());  // tiles' pictures: decoded on a thread, uploaded in frames
    // JET: the till started and (below) stopped; a till that cannot write still runs (read-only).
    auto journal = [&](const char* code, const char* action) {
        try {
            app.till().journal(code, std::nullopt, action, "window");
        } catch (const std::exception&) {
        }
    };
    journal(db::event_code::app_start, "start");
    phase("screens");
    signals.deliver_here();

    // A little under the refresh period, so that a loop paced by vsync never waits here as well.
    GLFWmonitor* shown_on = monitor ? monitor : primary;
    const GLFWvidmode* video = shown_on ? glfwGetVideoMode(shown_on) : nullptr;
    const double frame_period = 0.9 / (video && video->refreshRate > 0 ? video->refreshRate : 60);
    const int quit_after = std::max(0, options.quit_after_frames);
    const bool continuous = quit_after > 0;  // tests and benchmarks: draw flat out, then quit
    bool screenshot_taken = false;
    long frames = 0, unchanged = 0;  // shown; built but identical to the frame on screen
    std::optional<std::size_t> shown;  // fingerprint of the frame on screen
    int pending = kFramesAfterEvent;  // the first frames lay the screen out
    std::int64_t drawn_second = 0;

    // --timing: frames and CPU from one second after the first frame (idle figures).
    std::optional<SteadyClock::time_point> first_frame, mark;
    long frames_at_mark = 0, cpu_at_mark = 0, unchanged_at_mark = 0;
    auto take_mark = [&] {
        if (!mark && first_frame && SteadyClock::now() - *first_frame >= std::chrono::seconds(1)) {
            mark = SteadyClock::now();
            frames_at_mark = frames;
            unchanged_at_mark = unchanged;
            cpu_at_mark = cpu_ms();
        }
    };

    // Builds the frame; renders and shows it unless it would show the same pixels as the one on
    // screen (the clock's tick when the minute has not changed, input that changed nothing).
    SteadyClock::time_point frame_started;
    auto draw_frame = [&](bool capture) {
        frame_started = SteadyClock::now();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        app.prepare_input();
        ImGui::NewFrame();
        app.draw();
        ImGui::Render();
        drawn_second = wall_second();
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        const std::size_t print = fingerprint(ImGui::GetDrawData(), fb_w, fb_h);
        if (!capture && !continuous && !events.expose && shown == print) {
            ++unchanged;
            return true;
        }
        events.expose = false;
        shown = print;
        glViewport(0, 0, fb_w, fb_h);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frames;
        bool ok = true;
        if (capture) {
            ok = write_screenshot(*options.screenshot, fb_w, fb_h);
            screenshot_taken = true;
        }
        glfwSwapBuffers(window);
        if (!first_frame) {
            first_frame = SteadyClock::now();
            if (options.timing) {
                phase("first_frame");
                std::cerr << "startup_ms=" << static_cast<long>(ms_since(g_process_start)) << "\n"
                          << "startup_phases=" << phase.text << std::endl;
            }
        }
        return ok;
    };

    bool screenshot_ok = true;
    while (!g_stop.load() && !glfwWindowShouldClose(window)) {
        const bool busy = continuous || pending > 0 || app.animating() || any_button_down(window);
        if (continuous) {
            glfwPollEvents();
        } else if (busy && !events.iconified) {
            // At most one frame per refresh: vsync paces frames that are swapped, this paces frames
            // found unchanged (not swapped) and displays without vsync (Xvfb).
            for (double left; (left = frame_period - ms_since(frame_started) / 1000.0) > 0.0 && !g_stop.load() &&
                              !glfwWindowShouldClose(window);)
                glfwWaitEventsTimeout(left);
            glfwPollEvents();
        } else {
            double timeout = events.iconified ? 1.0 : seconds_to_next_tick();
            if (options.timing && !mark && first_frame)
                timeout = std::min(timeout, std::max(0.0, 1.0 - ms_since(*first_frame) / 1000.0) + 0.001);
            glfwWaitEventsTimeout(timeout);
        }
        if (options.timing) take_mark();
        if (g_stop.load() || glfwWindowShouldClose(window)) break;
        if (events.input || events.woken.exchange(false)) {
            events.input = false;
            pending = std::max(pending, kFramesAfterEvent);
        }
        if (events.iconified) {
            pending = 0;
            continue;
        }
        const bool tick = wall_second() != drawn_second;  // the clock of the status bar
        if (!(continuous || pending > 0 || tick || app.animating() || any_button_down(window))) continue;
        const bool capture = options.screenshot && quit_after > 0 && frames + 1 == quit_after;
        screenshot_ok = draw_frame(capture) && screenshot_ok;
        if (pending > 0) --pending;
        if (quit_after > 0 && frames >= quit_after) break;
    }
    // "The last frame before quitting": closed by the user or a signal before --quit-after-frames.
    if (options.screenshot && !screenshot_taken) screenshot_ok = draw_frame(true) && screenshot_ok;

    glfwHideWindow(window);
    journal(db::event_code::app_stop, "stop");
    if (options.timing) {
        const double seconds = ms_since(g_process_start) / 1000.0;
        const long cpu = cpu_ms();
        // frames: rendered and shown; unchanged_frames: built, found identical to the one shown, skipped.
        std::cerr << "frames=" << frames << " seconds=" << seconds << " cpu_ms=" << cpu << " unchanged_frames=" << unchanged << "\n";
        if (mark)
            std::cerr << "frames_after_1s=" << frames - frames_at_mark << " seconds_after_1s="
                      << std::chrono::duration<double>(SteadyClock::now() - *mark).count()
                      << " cpu_ms_after_1s=" << cpu - cpu_at_mark << " unchanged_after_1s=" << unchanged - unchanged_at_mark << "\n";
        else
            std::cerr << "frames_after_1s=0 seconds_after_1s=0 cpu_ms_after_1s=0 unchanged_after_1s=0\n";
        std::cerr << "peak_rss_kb=" << peak_rss_kb() << " rss_kb=" << status_kb("VmRSS:") << " rss_anon_kb=" << status_kb("RssAnon:")
                  << " rss_file_kb=" << status_kb("RssFile:") << std::endl;
    }
    if (!screenshot_ok) {
        error_line(tr("cannot write the screenshot {0}", *options.screenshot));
        return 4;
    }
    return 0;
}

}  // namespace caisse::ui
