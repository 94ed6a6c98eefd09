// The message strip at the bottom of the screen.
#include "app/ui/message_strip.hpp"

#include "app/core/text.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {

void message_strip(S& s, float height) {
    if (s.message.empty()) return;
    if (Steady::now() - s.message_at > std::chrono::seconds(8)) {
        s.message.clear();
        return;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, display.y - height));
    ImGui::SetNextWindowSize(ImVec2(display.x, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, s.message_error ? kRed : kGreen);
    ImGui::PushStyleColor(ImGuiCol_Text, kWhite);
    ImGui::Begin("message", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
    ImGui::PushFont(s.fonts.bold);
    text_wrapped(sentence_case(s.message).c_str());  // composed messages may start lower-case
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor(2);
}

}  // namespace caisse::ui
