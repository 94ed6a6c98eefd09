// The catering customers (issue 14 item 8; manager): the list, and "Add a customer": name, street,
// postcode, city, SIRET, VAT number typed on the on-screen keyboard, a public buyer (Chorus Pro)
// with its service code and commitment number. add_customer checks every field (SIRET key, VAT
// number, a public buyer's mentions); a refusal is said and the form stays as typed.
#include <algorithm>

#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

using Field = CateringUi::Field;

void label(S& s, const std::string& t) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(t.c_str());
    ImGui::PopFont();
}

struct FieldInfo {
    Field field;
    const char* id;  // the target "cc_field:<id>"
    std::string title, hint;
    std::string* text;
    std::size_t max_bytes;
};

std::vector<FieldInfo> fields(S& s) {
    auto& p = s.catering.customer.party;
    auto& c = s.catering.customer;
    return {{Field::name, "name", s.tr("Name"), s.tr("Tap to type the name"), &p.name, 200},
            {Field::street, "street", s.tr("Street"), s.tr("Tap to type the street"), &p.address, 200},
            {Field::postcode, "postcode", s.tr("Postcode"), s.tr("Postcode"), &p.postcode, 10},
            {Field::city, "city", s.tr("City"), s.tr("City"), &p.city, 100},
            {Field::siret, "siret", s.tr("SIRET (14 digits)"), s.tr("none"), &p.siret, 14},
            {Field::vat_number, "vat", s.tr("VAT number"), s.tr("none"), &p.vat_number, 13},
            {Field::service_code, "service_code", s.tr("Chorus Pro service code"), s.tr("none"), &c.service_code, 100},
            {Field::commitment, "commitment", s.tr("Commitment number"), s.tr("none"), &c.commitment_number, 50}};
}

void open_form(S& s) {
    auto& c = s.catering;
    c.customer_form = true;
    c.customer = invoice::Customer{};
    c.typing = Field::none;
    s.keyboard_shift = false;
    s.keyboard_accents = false;
}

void customer_list(S& s) {
    auto& c = s.catering;
    const float y = ImGui::GetCursorPosY();
    if (touch_button(s, "cc_new", s.tr("Add a customer"), ImVec2(s.px(260), s.px(64)), kGreen, kWhite, s.fonts.bold)) return open_form(s);
    ImGui::SameLine(0, s.px(20));
    ImGui::SetCursorPosY(y + (s.px(64) - ImGui::GetTextLineHeight()) / 2);  // centred on the button
    ImGui::TextUnformatted(s.tr("{0} customers", static_cast<std::int64_t>(c.customers.size())).c_str());
    ImGui::BeginChild("cc_list", ImVec2(0, 0), false);
    if (dragged_here(s, "cc_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    for (const auto& r : c.customers) {
        const auto& p = r.customer.party;
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(p.name.c_str());
        ImGui::PopFont();
        if (r.customer.public_buyer) {
            ImGui::SameLine(0, s.px(16));
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kGreen), "%s", s.tr("public buyer (Chorus Pro)").c_str());
        }
        ImGui::PushTextWrapPos(w);
        std::string line = p.address + ", " + p.postcode + " " + p.city;
        if (!p.siret.empty()) line += "  ·  " + s.tr("SIRET {0}", p.siret);
        if (!p.vat_number.empty()) line += "  ·  " + s.tr("VAT {0}", p.vat_number);
        text_wrapped(line.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Separator();
    }
    if (c.customers.empty()) ImGui::TextUnformatted(s.tr("No customer yet.").c_str());
    ImGui::EndChild();
}

void save(S& s) {
    auto& c = s.catering;
    invoice::Customer typed = c.customer;
    if (!typed.public_buyer) {
        typed.service_code_required = typed.commitment_required = false;
        typed.service_code.clear();
        typed.commitment_number.clear();
    }
    try {
        const auto added = add_customer(*s.till, *s.actor, typed);
        say(s, s.tr("Customer {0} added", added.customer.party.name), false);
        catering_open(s, Screen::catering_customers);
    } catch (const std::exception& e) {
        say_error(s, e);  // the form stays as typed
    }
}

// A yes/no pair of chips setting `value`.
void yes_no(S& s, const std::string& id, const std::string& title, bool& value) {
    ImGui::AlignTextToFramePadding();
    label(s, title);
    ImGui::SameLine();
    if (chip(s, id + ":no", s.tr("No"), !value)) value = false;
    ImGui::SameLine();
    if (chip(s, id + ":yes", s.tr("Yes"), value)) value = true;
}

void customer_form(S& s) {
    auto& c = s.catering;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    auto all = fields(s);
    if (c.typing != Field::none) {
        for (auto& f : all) {
            if (f.field != c.typing) continue;
            const float w = std::min(avail.x, s.px(900));
            label(s, f.title);
            big_text(s.fonts.large, *f.text + "_");
            text_keyboard(s, *f.text, w, f.max_bytes);
            if (touch_button(s, "cc_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) c.typing = Field::none;
        }
        return;
    }
    const float gap = s.px(24);
    const float col = (avail.x - gap) / 2;
    const float h = s.px(56);
    auto field = [&](const FieldInfo& f, float width) {
        label(s, f.title);
        if (touch_button(s, std::string("cc_field:") + f.id, f.text->empty() ? f.hint : *f.text, ImVec2(width, h), 0, f.text->empty() ? kMuted : 0))
            c.typing = f.field;
    };
    const float half = (col - ImGui::GetStyle().ItemSpacing.x) / 2;
    ImGui::BeginGroup();
    field(all[0], col);
    field(all[1], col);
    const float row_y = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    field(all[2], half);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(row_y);  // level with the postcode, not shifted by its button's frame
    ImGui::BeginGroup();
    field(all[3], half);
    ImGui::EndGroup();
    field(all[4], col);
    field(all[5], col);
    ImGui::EndGroup();
    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    yes_no(s, "cc_public", s.tr("Public buyer (Chorus Pro)"), c.customer.public_buyer);
    if (c.customer.public_buyer) {
        field(all[6], col);
        yes_no(s, "cc_code_required", s.tr("Service code required"), c.customer.service_code_required);
        field(all[7], col);
        yes_no(s, "cc_commitment_required", s.tr("Commitment number required"), c.customer.commitment_required);
    } else {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
        text_wrapped(s.tr("A public buyer (a city hall, a school) is invoiced through Chorus Pro: its SIRET, "
                                      "service code and commitment number are then asked.")
                                     .c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    const float button_w = (col - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "cc_cancel", s.tr("Cancel"), ImVec2(button_w, s.px(72)))) c.customer_form = false;
    ImGui::SameLine();
    if (touch_button(s, "cc_save", s.tr("Add the customer"), ImVec2(button_w, s.px(72)), kGreen, kWhite, s.fonts.bold)) save(s);
    ImGui::EndGroup();
}

}  // namespace

void catering_customers_screen(S& s) {
    if (!enter_catering_tab(s, Screen::catering_customers)) return;
    if (s.catering.customer_form) return customer_form(s);
    customer_list(s);
}

}  // namespace caisse::ui
