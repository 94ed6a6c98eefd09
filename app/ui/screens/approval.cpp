// "Manager approval": a seller asked for an action their role does not allow (opening the session,
// a cash move, closing the day, a ticket discount, a duplicate). A manager or admin picks their name
// and types their PIN; Till::approve checks it (a wrong PIN is journaled and counted there) and the
// action runs once with the approved actor, journaled as auth.override. Issue 10, item 1.
#include <imgui_internal.h>

#include <algorithm>

#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/pin_pad.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

std::string action_label(const S& s, PendingApproval::Action a) {
    switch (a) {
        case PendingApproval::Action::open_session: return s.tr("Open the session");
        case PendingApproval::Action::cash_move: return s.move_out ? s.tr("Cash out") : s.tr("Cash in");
        case PendingApproval::Action::close_day: return s.tr("Close the day");
        case PendingApproval::Action::discount: return s.tr("Ticket discount");
        case PendingApproval::Action::reprint: return s.tr("Print a duplicate");
        case PendingApproval::Action::cancel: return s.tr("Cancel the ticket");
        case PendingApproval::Action::refund: return s.tr("Refund");
    }
    return "";
}

void close_overlay(S& s) {
    s.approval.reset();
    s.approver.reset();
    s.approval_pin.clear();
}

void try_approve(S& s) {
    if (!s.actor || !s.approval) return close_overlay(s);
    if (!s.approver) return say(s, s.tr("Choose the manager who approves"), true);
    try {
        const Actor approved = s.till->approve(*s.actor, s.approver->name, s.approval_pin);
        const PendingApproval action = *s.approval;
        close_overlay(s);  // the approval is for this one action: the actor approved is not kept
        run_approved(s, action, approved);
    } catch (const std::exception& e) {
        s.approval_pin.clear();
        say_error(s, e);  // a wrong PIN: the service's message (journaled by the service)
    }
}

}  // namespace

void run_approved(S& s, const PendingApproval& action, const Actor& by) {
    switch (action.action) {
        case PendingApproval::Action::open_session: return open_session_as(s, by);
        case PendingApproval::Action::cash_move: return cash_move_as(s, by);
        case PendingApproval::Action::close_day: return close_day_as(s, by);
        case PendingApproval::Action::discount: return discount_as(s, action.discount, by);
        case PendingApproval::Action::reprint: return duplicate_as(s, action.ticket, by);
        case PendingApproval::Action::cancel: return cancel_as(s, action.ticket, by);
        case PendingApproval::Action::refund: return refund_as(s, by);
    }
}

void approval(S& s) {
    if (!s.approval) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float key_w = s.px(88), key_h = s.px(64);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad_w = 3 * key_w + 2 * style.ItemSpacing.x;
    const float list_w = s.px(260);
    // Dim what is behind, as the questions do: it cannot be touched while the approval is asked.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 90));
    ImGui::Begin("approval_dim", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::End();
    ImGui::PopStyleColor();
    const ImVec2 size(list_w + pad_w + s.px(24) + 2 * style.WindowPadding.x, 0);  // as high as its content
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(235, 232, 226, 255));
    ImGui::PushStyleColor(ImGuiCol_Border, kDark);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, s.px(3));
    ImGui::Begin("approval", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    big_text(s.fonts.large, s.tr("Manager approval"));
    ImGui::PushTextWrapPos(size.x - style.WindowPadding.x);
    text_wrapped(s.tr("{0} asks for: {1}", s.user ? s.user->name : "", action_label(s, s.approval->action)).c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    // The managers and admins who may approve (a locked one is refused by the service).
    ImGui::BeginGroup();
    for (const auto& u : s.till->users()) {
        if (!role_allows(u.role, Role::Manager)) continue;
        const bool chosen = s.approver && s.approver->id == u.id;
        if (touch_button(s, "approver:" + u.name, u.name + " · " + role_label(s, u.role), ImVec2(list_w, s.px(64)),
                         chosen ? user_colour(u.id) : kWhite, chosen ? kWhite : kInk, s.fonts.bold)) {
            s.approver = u;
            s.approval_pin.clear();
        }
    }
    ImGui::EndGroup();

    ImGui::SameLine(0, s.px(24));
    ImGui::BeginGroup();
    // The label wraps within the keypad's width and keeps two lines of room either way: the window
    // is sized by its content and centred, so a label changing width or height when a manager is
    // picked moved the keys under the finger (newcomer trial: a PIN typed on the wrong keys).
    const float label_top = ImGui::GetCursorPosY();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + pad_w);
    text_wrapped(s.approver ? s.tr("PIN of {0}", s.approver->name).c_str() : s.tr("Choose the manager who approves").c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), label_top + 2 * ImGui::GetTextLineHeightWithSpacing()));
    ImGui::Dummy(ImVec2(pad_w, 0));
    pin_pad(s, "approval_pin", s.approval_pin, key_w, key_h, s.px(44));
    const float half = (pad_w - style.ItemSpacing.x) / 2;
    if (touch_button(s, "approval_cancel", s.tr("Cancel"), ImVec2(half, s.px(72)))) close_overlay(s);
    ImGui::SameLine();
    if (touch_button(s, "approval_ok", s.tr("Approve"), ImVec2(half, s.px(72)), kGreen, kWhite, s.fonts.bold)) try_approve(s);
    ImGui::EndGroup();
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

}  // namespace caisse::ui
