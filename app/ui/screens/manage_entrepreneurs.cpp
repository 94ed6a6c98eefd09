// The manager's screens, entrepreneurs (issue 12 item 13): every entrepreneur with their badge
// (colour and initials), their receipt header if they have one; "Add an entrepreneur" (the name on
// the on-screen keyboard) through Till::add_entrepreneur (a new member of the group, the next
// colour), and "Receipt header" for one through set_entrepreneur_brand (an empty header removes it).
// Roles and text checks are the services'.
#include <algorithm>

#include "app/core/text.hpp"
#include "app/services/receipt_brand.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

void label(S& s, const std::string& t) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(t.c_str());
    ImGui::PopFont();
}

void open_form(S& s, ManageUi::EntrepreneurForm form, const Entrepreneur* e) {
    auto& m = s.manage;
    m.entrepreneur_form = form;
    m.entrepreneur_name = e ? e->name : "";
    const auto brand = e ? m.brands.find(e->id) : m.brands.end();
    m.brand_header = brand != m.brands.end() ? brand->second.first : "";
    m.brand_line = brand != m.brands.end() ? brand->second.second : "";
    m.typing = ManageUi::Typing::none;
    s.keyboard_shift = false;
    s.keyboard_accents = false;
}

void entrepreneur_list(S& s) {
    auto& m = s.manage;
    if (touch_button(s, "me_new", s.tr("Add an entrepreneur"), ImVec2(s.px(320), s.px(64)), kGreen, kWhite, s.fonts.bold))
        return open_form(s, ManageUi::EntrepreneurForm::add, nullptr);
    ImGui::SameLine(0, s.px(20));
    ImGui::PushTextWrapPos(0);
    text_wrapped(s.tr("Each entrepreneur sells their own products; their header, if any, is printed above their lines on receipts.").c_str());
    ImGui::PopTextWrapPos();
    ImGui::BeginChild("me_list", ImVec2(0, 0), false);
    if (dragged_here(s, "me_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    const float button_w = std::min(s.px(260), w * 0.3f);
    const float row_h = s.px(64), d = s.px(44);
    const Entrepreneur* chosen = nullptr;
    for (const auto& e : m.entrepreneurs) {
        const float y = ImGui::GetCursorPosY();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        badge(s, ImVec2(at.x, at.y + (row_h - d) / 2), d, colour_of(e.colour), initials(e.name));
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + d + s.px(14), y + (row_h - ImGui::GetTextLineHeight()) / 2));
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(e.name.c_str());
        ImGui::PopFont();
        ImGui::SameLine(w * 0.42f);
        const auto brand = m.brands.find(e.id);
        if (brand != m.brands.end()) {
            ImGui::TextUnformatted(brand->second.first.c_str());
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
            ImGui::TextUnformatted(s.tr("no receipt header").c_str());
            ImGui::PopStyleColor();
        }
        ImGui::SameLine(w - button_w);
        ImGui::SetCursorPosY(y + (row_h - s.px(56)) / 2);
        if (touch_button(s, "me_brand:" + e.name, s.tr("Receipt header"), ImVec2(button_w, s.px(56)))) chosen = &e;
        ImGui::SetCursorPosY(y + row_h + s.px(6));
    }
    ImGui::EndChild();
    if (chosen) open_form(s, ManageUi::EntrepreneurForm::brand, chosen);
}

void save(S& s) {
    auto& m = s.manage;
    try {
        if (m.entrepreneur_form == ManageUi::EntrepreneurForm::add) {
            const Entrepreneur e = s.till->add_entrepreneur(*s.actor, m.entrepreneur_name);
            say(s, s.tr("{0} added: their products can be added under Products", e.name), false);
        } else {
            set_entrepreneur_brand(*s.till, *s.actor, m.entrepreneur_name, m.brand_header, m.brand_line);
            say(s, m.brand_header.empty() ? s.tr("{0} has no receipt header any more", m.entrepreneur_name)
                                          : s.tr("Receipt header of {0} saved", m.entrepreneur_name),
                false);
        }
        reload_catalogue(s);
        manage_open(s, Screen::manage_entrepreneurs);
    } catch (const std::exception& e) {
        say_error(s, e);  // the fields stay as typed
    }
}

// The field being typed on the on-screen keyboard; false when none is.
bool typing(S& s) {
    auto& m = s.manage;
    std::string* text = nullptr;
    std::string title;
    std::size_t max = 120;
    switch (m.typing) {
        case ManageUi::Typing::entrepreneur_name: text = &m.entrepreneur_name, title = s.tr("Name"); break;
        case ManageUi::Typing::brand_header: text = &m.brand_header, title = s.tr("Header (brand name)"), max = 128; break;
        case ManageUi::Typing::brand_line: text = &m.brand_line, title = s.tr("Short line under it"), max = 192; break;
        default: return false;
    }
    const float w = std::min(ImGui::GetContentRegionAvail().x, s.px(900));
    label(s, title);
    big_text(s.fonts.large, *text + "_");
    text_keyboard(s, *text, w, max);
    if (touch_button(s, "me_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) m.typing = ManageUi::Typing::none;
    return true;
}

void field(S& s, const char* id, const std::string& title, const std::string& text, ManageUi::Typing which, float w) {
    label(s, title);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.02f, 0.5f));
    if (touch_button(s, id, text.empty() ? s.tr("Tap to type it") : text, ImVec2(w, s.px(56)), 0, 0, s.fonts.bold)) {
        s.manage.typing = which;
        s.keyboard_shift = false;
        s.keyboard_accents = false;
    }
    ImGui::PopStyleVar();
}

void entrepreneur_form(S& s) {
    auto& m = s.manage;
    if (typing(s)) return;
    const float w = std::min(ImGui::GetContentRegionAvail().x, s.px(900));
    if (m.entrepreneur_form == ManageUi::EntrepreneurForm::add) {
        field(s, "me_name", s.tr("Name"), m.entrepreneur_name, ManageUi::Typing::entrepreneur_name, w);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        text_wrapped(s.tr("A new entrepreneur is a new member of the group, with the next colour.").c_str());
        ImGui::PopTextWrapPos();
    } else {
        label(s, s.tr("Receipt header of {0}", m.entrepreneur_name));
        field(s, "me_header", s.tr("Header (brand name)"), m.brand_header, ManageUi::Typing::brand_header, w);
        field(s, "me_line", s.tr("Short line under it"), m.brand_line, ManageUi::Typing::brand_line, w);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        text_wrapped(s.tr("An empty header removes it: the receipt then shows the business only.").c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "me_cancel", s.tr("Cancel"), ImVec2(half, s.px(72)))) m.entrepreneur_form = ManageUi::EntrepreneurForm::none;
    ImGui::SameLine();
    if (touch_button(s, "me_save", m.entrepreneur_form == ManageUi::EntrepreneurForm::add ? s.tr("Add the entrepreneur") : s.tr("Save"),
                     ImVec2(half, s.px(72)), kGreen, kWhite, s.fonts.bold))
        save(s);
}

}  // namespace

void manage_entrepreneurs_read(S& s) {
    auto& m = s.manage;
    m.entrepreneurs = s.till->entrepreneurs();
    m.brands.clear();
    for (const auto& [id, brand] : entrepreneur_brands(*s.till)) m.brands[id] = {brand.header, brand.line};
    m.entrepreneur_form = ManageUi::EntrepreneurForm::none;
}

void manage_entrepreneurs_screen(S& s) {
    if (!enter_manage_tab(s, Screen::manage_entrepreneurs)) return;
    if (s.manage.entrepreneur_form != ManageUi::EntrepreneurForm::none) return entrepreneur_form(s);
    entrepreneur_list(s);
}

}  // namespace caisse::ui
