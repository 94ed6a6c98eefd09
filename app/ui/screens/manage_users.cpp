// The manager's screens, users (issue 12 item 13): the till's users with their role; "Add a user"
// (the name on the on-screen keyboard, the role, the PIN typed twice on the PIN pad) through
// Till::add_user, "Role" for one user (the three roles, a user.role record through
// Till::set_user_role) and "New PIN" for one user through Till::reset_pin; all check the roles (never
// a role above the manager's own, never the last admin's) and the PIN in the service. Changing one's
// own role signs one out, so that the new role applies.
#include <algorithm>
#include <vector>

#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/pin_pad.hpp"
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

void open_form(S& s, ManageUi::UserForm form, const std::string& name) {
    auto& m = s.manage;
    m.user_form = form;
    m.user_name = name;
    m.user_role = Role::Seller;
    for (const auto& u : m.users)
        if (form == ManageUi::UserForm::role && u.name == name) m.user_role = u.role;
    m.pin.clear();
    m.pin_again.clear();
    m.pin_second = false;
    m.typing = ManageUi::Typing::none;
    s.keyboard_shift = false;
    s.keyboard_accents = false;
}

void user_list(S& s) {
    auto& m = s.manage;
    if (touch_button(s, "mu_new", s.tr("Add a user"), ImVec2(s.px(260), s.px(64)), kGreen, kWhite, s.fonts.bold))
        return open_form(s, ManageUi::UserForm::add, "");
    ImGui::BeginChild("mu_list", ImVec2(0, 0), false);
    if (dragged_here(s, "mu_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    const float button_w = std::min(s.px(220), w * 0.22f);
    std::optional<std::string> reset, role;
    const float row_h = s.px(56);
    for (const auto& u : m.users) {
        // The name and the role centred on the height of the row's button.
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + (row_h - ImGui::GetTextLineHeight()) / 2);
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(u.name.c_str());
        ImGui::PopFont();
        ImGui::SameLine(w * 0.4f);
        ImGui::TextUnformatted(role_label(s, u.role).c_str());
        ImGui::SameLine(w - 2 * button_w - ImGui::GetStyle().ItemSpacing.x);
        ImGui::SetCursorPosY(y);
        // Someone above one's own role: the services refuse both, so neither is offered.
        if (!s.user || static_cast<int>(u.role) > static_cast<int>(s.user->role)) {
            ImGui::Dummy(ImVec2(2 * button_w + ImGui::GetStyle().ItemSpacing.x, row_h));
            continue;
        }
        if (touch_button(s, "mu_change_role:" + u.name, s.tr("Role"), ImVec2(button_w, s.px(56)))) role = u.name;
        ImGui::SameLine();
        if (touch_button(s, "mu_reset:" + u.name, s.tr("New PIN"), ImVec2(button_w, s.px(56)))) reset = u.name;
    }
    ImGui::EndChild();
    if (reset) open_form(s, ManageUi::UserForm::reset, *reset);
    if (role) open_form(s, ManageUi::UserForm::role, *role);
}

void save(S& s) {
    auto& m = s.manage;
    if (m.pin != m.pin_again) {
        m.pin_again.clear();
        return say(s, s.tr("The two PINs differ: type it again"), true);
    }
    try {
        if (m.user_form == ManageUi::UserForm::add) {
            s.till->add_user(*s.actor, m.user_name, std::string(role_name(m.user_role)), m.pin);
            say(s, s.tr("{0} added: they can log in with their PIN", m.user_name), false);
        } else {
            s.till->reset_pin(*s.actor, m.user_name, m.pin);
            say(s, s.tr("{0} has a new PIN", m.user_name), false);
        }
        manage_open(s, Screen::manage_users);
    } catch (const std::exception& e) {
        say_error(s, e);
        m.pin.clear(), m.pin_again.clear(), m.pin_second = false;  // a refused PIN is typed afresh
    }
}

// The roles the signed-in user may give: none above their own. Till::add_user and set_user_role
// refuse the others anyway; not offering them spares typing a PIN twice for a refusal (newcomer trial).
std::vector<Role> offered_roles(const S& s) {
    std::vector<Role> roles;
    for (const Role r : {Role::Seller, Role::Manager, Role::Admin})
        if (s.user && static_cast<int>(r) <= static_cast<int>(s.user->role)) roles.push_back(r);
    return roles;
}

void role_form(S& s) {
    auto& m = s.manage;
    const float w = std::min(ImGui::GetContentRegionAvail().x, s.px(900));
    label(s, s.tr("Role of {0}", m.user_name));
    for (const Role r : offered_roles(s)) {
        if (r != Role::Seller) ImGui::SameLine();
        if (chip(s, "mu_set_role:" + std::string(role_name(r)), role_label(s, r), m.user_role == r)) m.user_role = r;
    }
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    text_wrapped(s.tr("Sales: sell. Management: also cash in and out, close the day, change products and users. "
                                  "Administration: also give the administration role. The till keeps at least one.").c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "mu_cancel", s.tr("Cancel"), ImVec2(half, s.px(72)))) m.user_form = ManageUi::UserForm::none;
    ImGui::SameLine();
    if (!touch_button(s, "mu_save_role", s.tr("Save the role"), ImVec2(half, s.px(72)), kGreen, kWhite, s.fonts.bold)) return;
    try {
        const User changed = s.till->set_user_role(*s.actor, m.user_name, std::string(role_name(m.user_role)));
        if (s.user && s.user->id == changed.id) {
            // One's own role: signed in again, the new role applies.
            log_out(s);
            return say(s, s.tr("Your role is now {0}: sign in again", role_label(s, changed.role)), false);
        }
        say(s, s.tr("{0} now has the role {1}", changed.name, role_label(s, changed.role)), false);
        manage_open(s, Screen::manage_users);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void user_form(S& s) {
    auto& m = s.manage;
    if (m.user_form == ManageUi::UserForm::role) return role_form(s);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (m.typing == ManageUi::Typing::user_name) {
        const float w = std::min(avail.x, s.px(900));
        label(s, s.tr("Name"));
        big_text(s.fonts.large, m.user_name + "_");
        text_keyboard(s, m.user_name, w, 120);
        if (touch_button(s, "mu_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) m.typing = ManageUi::Typing::none;
        return;
    }
    const float right_w = std::min(s.px(330), avail.x * 0.36f);
    const float left_w = avail.x - right_w - s.px(24);
    ImGui::BeginGroup();
    if (m.user_form == ManageUi::UserForm::add) {
        label(s, s.tr("Name"));
        if (touch_button(s, "mu_name", m.user_name.empty() ? s.tr("Tap to type the name") : m.user_name, ImVec2(left_w, s.px(56)), 0, 0,
                         s.fonts.bold))
            m.typing = ManageUi::Typing::user_name;
        label(s, s.tr("Role"));
        for (const Role r : offered_roles(s)) {
            if (r != Role::Seller) ImGui::SameLine();
            if (chip(s, "mu_role:" + std::string(role_name(r)), role_label(s, r), m.user_role == r)) m.user_role = r;
        }
    } else {
        label(s, s.tr("New PIN for {0}", m.user_name));
    }
    ImGui::Spacing();
    // Wrapped within the left column: a wrap at the window's edge would push the PIN pad off screen.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left_w);
    text_wrapped(s.tr("The PIN is 4 to 8 digits, typed twice. Only its hash is kept, beside the ledger.").c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float half = (left_w - gap) / 2;
    if (touch_button(s, "mu_cancel", s.tr("Cancel"), ImVec2(half, s.px(72)))) m.user_form = ManageUi::UserForm::none;
    ImGui::SameLine();
    if (m.pin_second) {
        if (touch_button(s, "mu_save", m.user_form == ManageUi::UserForm::add ? s.tr("Add the user") : s.tr("Save the PIN"), ImVec2(half, s.px(72)),
                         kGreen, kWhite, s.fonts.bold))
            save(s);
    } else if (touch_button(s, "mu_pin_next", s.tr("Confirm the PIN"), ImVec2(half, s.px(72)), kDark, kWhite, s.fonts.bold)) {
        if (m.pin.size() < 4) say(s, s.tr("The PIN is 4 to 8 digits"), true);
        else m.pin_second = true;
    }
    ImGui::EndGroup();
    ImGui::SameLine(0, s.px(24));
    ImGui::BeginGroup();
    label(s, m.pin_second ? s.tr("The PIN again") : s.tr("PIN"));
    const float key_w = (right_w - 2 * gap) / 3;
    pin_pad(s, "mu_pin", m.pin_second ? m.pin_again : m.pin, key_w, s.px(60), s.px(40));
    ImGui::EndGroup();
}

}  // namespace

void manage_users_screen(S& s) {
    if (!enter_manage_tab(s, Screen::manage_users)) return;
    if (s.manage.user_form != ManageUi::UserForm::none) return user_form(s);
    user_list(s);
}

}  // namespace caisse::ui
