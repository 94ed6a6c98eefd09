#include "app/ui/widgets/wrapped_text.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

namespace caisse::ui {

void text_wrapped(const char* text) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    // As TextWrapped: the pushed wrap position, or the content region's edge when none is pushed.
    const float wrap_pos = window->DC.TextWrapPos < 0.0f ? 0.0f : window->DC.TextWrapPos;
    const float width = std::max(1.0f, ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos));
    const std::string lines = wrap_at_spaces(text, [&](std::string_view line) {
        return ImGui::CalcTextSize(line.data(), line.data() + line.size()).x <= width;
    });
    ImGui::PushTextWrapPos(-1.0f);  // the lines are already cut: ImGui must not cut them again
    ImGui::TextUnformatted(lines.data(), lines.data() + lines.size());
    ImGui::PopTextWrapPos();
}

}  // namespace caisse::ui
