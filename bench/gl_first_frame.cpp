// The reference for the till window's start-up (bench/ui_startup.sh): the least any GLFW + OpenGL 3
// program pays on this machine's display and GL driver before its first frame is on screen —
// glfwInit, a 1280x800 window with a 3.0 context, one clear and one swap, nothing of the till.
// Timed like the till (app/ui/window.cpp): from static initialisation to after the first swap, in
// milliseconds, with the phases; printed on stdout as startup_ms= and startup_phases=.
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace {
using Clock = std::chrono::steady_clock;
const Clock::time_point g_start = Clock::now();

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
}  // namespace

int main() {
    std::string phases;
    Clock::time_point last = g_start;
    auto phase = [&](const char* name) {
        phases += std::string(phases.empty() ? "" : " ") + name + "=" + std::to_string(static_cast<long>(ms_since(last)));
        last = Clock::now();
    };
    if (!glfwInit()) {
        std::fprintf(stderr, "gl_first_frame: glfwInit failed (no display?)\n");
        return 1;
    }
    phase("glfw");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "gl_first_frame", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "gl_first_frame: no window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    phase("window");
    glfwPollEvents();
    glClearColor(0.9f, 0.9f, 0.9f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glfwSwapBuffers(window);
    phase("first_frame");
    std::printf("startup_ms=%ld\nstartup_phases=%s\n", static_cast<long>(ms_since(g_start)), phases.c_str());
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
