// The group's charges (issue 11, item 3): the period's list (day, for whom, category, supplier,
// TTC and VAT) and its total; "Add a charge": the amount on the keypad, the VAT rate (the VAT
// computed by the service), for one member or the group, the category from chips or typed, the
// supplier typed, the day. Recorded by add_charge (manager), paid otherwise than from the drawer
// (a cash out of the drawer goes through Caisse > Cash out).
#include <algorithm>

#include "app/core/calendar_day.hpp"
#include "app/core/text.hpp"
#include "app/ui/screens/cape_tabs.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

void charge_list(S& s) {
    auto& c = s.cape;
    const float w = ImGui::GetContentRegionAvail().x;
    if (touch_button(s, "charge_new", s.tr("Add a charge"), ImVec2(s.px(260), s.px(64)), kGreen, kWhite, s.fonts.bold)) {
        c.charge_form = true;
        c.charge_ttc.clear();
        c.charge_supplier.clear();
        c.charge_category.clear();
        c.typing = CapeUi::Typing::none;
        c.charge_day = std::min(s.till->today(), c.to);
    }
    ImGui::BeginChild("charge_list", ImVec2(0, 0), false);
    if (dragged_here(s, "charge_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    Money total, vat;
    const float x[] = {0, s.px(140), s.px(360), s.px(560), w - s.px(260), w - s.px(120)};
    auto head = [&](int i, const std::string& t) {
        if (i) ImGui::SameLine(x[i]);
        ImGui::TextUnformatted(t.c_str());
    };
    ImGui::PushFont(s.fonts.bold);
    head(0, s.tr("Day"));
    head(1, s.tr("For"));
    head(2, s.tr("Category"));
    head(3, s.tr("Supplier"));
    head(4, s.tr("TTC"));
    head(5, s.tr("VAT"));
    ImGui::PopFont();
    ImGui::Separator();
    for (const auto& l : c.charges) {
        head(0, l.record.day);
        head(1, l.member.empty() ? s.tr("Group") : l.member);
        head(2, l.record.category);
        head(3, l.record.supplier + (l.record.cash_move_seq ? " (" + s.tr("drawer") + ")" : ""));
        head(4, Money::cents(l.record.ttc).format());
        head(5, Money::cents(l.record.vat).format());
        total += Money::cents(l.record.ttc);
        vat += Money::cents(l.record.vat);
    }
    if (c.charges.empty()) ImGui::TextUnformatted(s.tr("No charges in this period.").c_str());
    ImGui::Separator();
    ImGui::PushFont(s.fonts.bold);
    head(0, s.tr("Total"));
    head(4, total.format());
    head(5, vat.format());
    ImGui::PopFont();
    ImGui::EndChild();
}

void record(S& s) {
    auto& c = s.cape;
    try {
        ChargeRequest r;
        r.day = c.charge_day;
        r.ttc = c.charge_ttc.value().value_or(Money());
        r.vat = charge_vat(r.ttc, c.charge_vat_bp);
        r.category = c.charge_category;
        r.supplier = c.charge_supplier;
        r.entrepreneur = c.charge_member;
        add_charge(*s.till, *s.actor, r);
        say(s, s.tr("Charge of {0} recorded", r.ttc.format()), false);
        c.charge_form = false;
        cape_open(s, Screen::cape_charges);
    } catch (const std::exception& e) {
        say_error(s, e);  // the form stays as typed
    }
}

void charge_form(S& s) {
    auto& c = s.cape;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::min(s.px(340), avail.x * 0.35f);
    ImGui::BeginGroup();
    ImGui::TextUnformatted(s.tr("Amount incl. VAT").c_str());
    big_text(s.fonts.huge, (c.charge_ttc.empty() ? "0" : c.charge_ttc.text()) + " €");
    const Money ttc = c.charge_ttc.value().value_or(Money());
    ImGui::TextUnformatted(s.tr("of which VAT {0}", charge_vat(ttc, c.charge_vat_bp).format()).c_str());
    const float key_w = (left_w - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    if (const char key = keypad_grid(s, "charge_pad", key_w, s.px(60), ','))
        if (auto refused = c.charge_ttc.press(key)) say(s, s.translator.translate(*refused), true);
    ImGui::Spacing();
    // "Record" the wider: its label is the longer, and the one aimed at.
    const float cancel_w = (left_w - ImGui::GetStyle().ItemSpacing.x) * 0.32f;
    if (touch_button(s, "charge_cancel", s.tr("Cancel"), ImVec2(cancel_w, s.px(72)))) c.charge_form = false;
    ImGui::SameLine();
    if (touch_button(s, "charge_record", s.tr("Record"), ImVec2(left_w - cancel_w - ImGui::GetStyle().ItemSpacing.x, s.px(72)), kGreen, kWhite,
                     s.fonts.bold))
        record(s);
    ImGui::EndGroup();
    ImGui::SameLine(0, s.px(24));
    const float right_w = avail.x - left_w - s.px(24);
    ImGui::BeginGroup();
    auto label = [&](const std::string& t) {
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(t.c_str());
        ImGui::PopFont();
    };
    // Typing a text: the keyboard takes the right side, "OK" gives the form back.
    if (c.typing != CapeUi::Typing::none) {
        std::string& text = c.typing == CapeUi::Typing::supplier ? c.charge_supplier : c.charge_category;
        label(c.typing == CapeUi::Typing::supplier ? s.tr("Supplier") : s.tr("Category"));
        big_text(s.fonts.large, text + "_");
        text_keyboard(s, text, right_w, c.typing == CapeUi::Typing::supplier ? 120 : 60);
        if (touch_button(s, "charge_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) c.typing = CapeUi::Typing::none;
        ImGui::EndGroup();
        return;
    }
    label(s.tr("VAT rate"));
    for (const std::int32_t bp : {2000, 1000, 550, 0}) {
        if (bp != 2000) ImGui::SameLine();
        if (chip(s, "charge_vat:" + std::to_string(bp), VatRate{bp}.percent(), c.charge_vat_bp == bp)) c.charge_vat_bp = bp;
    }
    ImGui::SameLine(0, s.px(28));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.tr("Day").c_str());
    ImGui::SameLine();
    const ImVec2 step(s.px(56), s.px(kChipHeight));
    try {
        if (touch_button(s, "charge_day-", "-", step, 0, 0, s.fonts.bold)) c.charge_day = add_days(c.charge_day, -1);
        ImGui::SameLine();
        ImGui::TextUnformatted(c.charge_day.c_str());
        ImGui::SameLine();
        if (touch_button(s, "charge_day+", "+", step, 0, 0, s.fonts.bold)) c.charge_day = add_days(c.charge_day, 1);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
    label(s.tr("For"));
    // Pages of chips with each member's badge: the roster of a group is longer than a row.
    std::vector<Chip> who{{"charge_for:group", s.tr("Group"), !c.charge_member, 0, ""}};
    for (const auto& m : c.roster)
        who.push_back({"charge_for:" + m.name, m.name, c.charge_member == m.name, colour_of(m.colour), initials(m.name)});
    if (const int i = paged_chips(s, "charge_for", right_w, who); i == 0) c.charge_member.reset();
    else if (i > 0) c.charge_member = c.roster[static_cast<std::size_t>(i - 1)].name;
    label(s.tr("Category"));
    chip_row(s, "charge_cats", right_w, [&] {
        int n = 0;
        for (const char* cat : {"ingredients", "packaging", "pitch", "transport", "equipment", "fees"}) {
            const std::string name = s.tr(cat);
            if (n++) ImGui::SameLine();
            if (chip(s, std::string("charge_cat:") + cat, name, c.charge_category == name)) c.charge_category = name;
        }
        ImGui::SameLine();
        if (chip(s, "charge_cat_type", s.tr("Type it…"), false)) c.charge_category.clear(), c.typing = CapeUi::Typing::category;
    });
    label(s.tr("Supplier"));
    if (touch_button(s, "charge_supplier", c.charge_supplier.empty() ? s.tr("Tap to type the supplier") : c.charge_supplier,
                     ImVec2(right_w, s.px(52))))
        c.typing = CapeUi::Typing::supplier;
    ImGui::EndGroup();
}

}  // namespace

void cape_charges_screen(S& s) {
    if (!is_manager(s)) return void(s.screen = Screen::sell);
    cape_tabs(s, Screen::cape_charges);
    if (s.cape.charge_form) return charge_form(s);
    if (cape_period_bar(s)) cape_open(s, Screen::cape_charges);
    charge_list(s);
}

}  // namespace caisse::ui
