// Text in a big font and a colour.
#include "app/ui/widgets/big_amount.hpp"

namespace caisse::ui {

void big_text(ImFont* font, const std::string& text, ImU32 colour) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace caisse::ui
