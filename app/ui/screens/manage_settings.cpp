// The manager's screens, settings (issue 12 item 13): the business identity printed on receipts
// (name, address, SIRET) and the printer's URI, beside what invoices need of the seller (postcode,
// city, VAT number, IBAN, BIC: issue 14), typed on the on-screen keyboard; "Save" stores the
// fields changed through set_till_settings (manager role, each value checked, all or nothing,
// journaled), "Test print" queues a test page on the print queue (its own thread: the screen never
// waits for the printer) and shows how the job went.
#include <algorithm>
#include <utility>
#include <vector>

#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/receipt_paper.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

struct Field {
    ManageUi::Typing typing;
    const char* id;
    const char* key;    // the setting
    const char* title;  // English msgid
    std::string ManageUi::*text;
    bool invoices;  // shown in the invoices column
};

const Field kFields[] = {
    {ManageUi::Typing::business_name, "ms_name", "business.name", "Business name (legal)", &ManageUi::business_name, false},
    {ManageUi::Typing::business_address, "ms_address", "business.address", "Address", &ManageUi::business_address, false},
    {ManageUi::Typing::siret, "ms_siret", "business.siret", "SIRET (14 digits)", &ManageUi::siret, false},
    {ManageUi::Typing::printer_uri, "ms_printer", "printer.uri", "Printer (usb:auto, tcp://HOST:9100, screen:, auto)",
     &ManageUi::printer_uri, false},
    {ManageUi::Typing::business_postcode, "ms_postcode", "business.postcode", "Postcode", &ManageUi::business_postcode, true},
    {ManageUi::Typing::business_city, "ms_city", "business.city", "City", &ManageUi::business_city, true},
    {ManageUi::Typing::vat_number, "ms_vat", "business.vat_number", "VAT number", &ManageUi::vat_number, true},
    {ManageUi::Typing::iban, "ms_iban", "invoice.iban", "IBAN customers pay invoices to", &ManageUi::iban, true},
    {ManageUi::Typing::bic, "ms_bic", "invoice.bic", "BIC (optional)", &ManageUi::bic, true},
};

// One column of fields, each a title (wrapped to the column) over a button showing what is typed
// (tap: type it).
void field_column(S& s, bool invoices, float w) {
    auto& m = s.manage;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::PushFont(s.fonts.large);
    ImGui::TextUnformatted(s.tr(invoices ? "On invoices" : "On receipts").c_str());
    ImGui::PopFont();
    for (const auto& f : kFields) {
        if (f.invoices != invoices) continue;
        ImGui::PushFont(s.fonts.bold);
        text_wrapped(s.tr(f.title).c_str());
        ImGui::PopFont();
        const std::string& text = m.*(f.text);
        // The address has several lines: its button is as high as they are.
        const auto lines = static_cast<float>(1 + std::count(text.begin(), text.end(), '\n'));
        const float h = std::max(s.px(48), lines * ImGui::GetTextLineHeight() + s.px(20));
        if (touch_button(s, f.id, text.empty() ? s.tr("Tap to type it") : text, ImVec2(w, h))) {
            m.typing = f.typing;
            s.keyboard_shift = false;
            s.keyboard_accents = false;
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

void save(S& s) {
    auto& m = s.manage;
    try {
        const auto set = till_settings(*s.till);
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto& f : kFields) {
            const std::string& now = m.*(f.text);
            const std::string before = set.count(f.key) ? set.at(f.key) : std::string();
            if (now != before) pairs.emplace_back(f.key, now);
        }
        if (pairs.empty()) return say(s, s.tr("Nothing changed: nothing recorded"), false);
        set_till_settings(*s.till, *s.actor, pairs);
        say(s, s.tr("Settings saved"), false);
        manage_open(s, Screen::manage_settings);
    } catch (const std::exception& e) {
        say_error(s, e);  // the fields stay as typed
    }
}

std::string job_state(const S& s, const PrintJobInfo& job) {
    switch (job.state) {
        case PrintJobState::queued: return s.tr("Test page queued");
        case PrintJobState::printing: return s.tr("Test page printing…");
        case PrintJobState::held: return s.tr("Test page waiting for the printer: {0}", job.detail);
        case PrintJobState::done: return s.tr("Test page printed");
        case PrintJobState::failed: return s.tr("Test page failed: {0}", job.detail);
    }
    return {};
}

}  // namespace

void manage_settings_read(S& s) {
    const auto set = till_settings(*s.till);
    for (const auto& f : kFields) s.manage.*(f.text) = set.count(f.key) ? set.at(f.key) : std::string();
}

void manage_settings_screen(S& s) {
    if (!enter_manage_tab(s, Screen::manage_settings)) return;
    auto& m = s.manage;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    for (const auto& f : kFields) {
        if (m.typing != f.typing) continue;
        const float w = std::min(avail.x, s.px(900));
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(s.tr(f.title).c_str());
        ImGui::PopFont();
        big_text(s.fonts.large, m.*(f.text) + "_");
        text_keyboard(s, m.*(f.text), w, 200);
        if (touch_button(s, "ms_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) m.typing = ManageUi::Typing::none;
        return;
    }
    if (!m.test_paper.empty()) {
        // The screen printer's test page, as it would print, and one button back to the settings.
        const float paper = std::min(receipt_paper_width(s, kScreenReceiptColumns), avail.x);
        std::string qr;
        receipt_paper(s, "test_paper", m.test_paper, ImVec2(paper, avail.y - s.px(84)), m.test_paper_scroll, qr);
        if (touch_button(s, "ms_test_close", s.tr("Close the test page"), ImVec2(paper, s.px(72)), kDark, kWhite, s.fonts.bold))
            m.test_paper.clear();
        return;
    }
    // Two columns side by side (receipts, invoices): nine fields one under the other would not fit
    // a 768-pixel-high screen.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = std::min(avail.x, s.px(1200));
    const float column = (w - s.px(24)) / 2;
    const ImVec2 top = ImGui::GetCursorPos();
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.02f, 0.5f));
    field_column(s, false, column);
    const float left_bottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(top.x + column + s.px(24), top.y));
    field_column(s, true, column);
    ImGui::PopStyleVar();
    ImGui::SetCursorPos(ImVec2(top.x, std::max(left_bottom, ImGui::GetCursorPosY())));
    ImGui::Spacing();
    const float third = (w - 2 * gap) / 3;
    if (touch_button(s, "ms_cancel", s.tr("Cancel"), ImVec2(third, s.px(64)))) manage_open(s, Screen::manage_settings);
    ImGui::SameLine();
    if (touch_button(s, "ms_test", s.tr("Test print"), ImVec2(third, s.px(64)), kDark, kWhite, s.fonts.bold)) {
        if (!s.printer) {
            say(s, s.tr("No printer on this till"), true);
        } else {
            try {
                // Queued only: the print queue's thread talks to the printer.
                auto page = test_page(s.till.get(), s.printer->printer());
                if (s.printer->printer().rfind("screen:", 0) == 0) m.test_paper = screen_receipt(page, kScreenReceiptColumns);
                m.test_job = s.printer->submit(PrintJobKind::test_page, std::move(page));
            } catch (const std::exception& e) {
                say_error(s, e);
            }
        }
    }
    ImGui::SameLine();
    if (touch_button(s, "ms_save", s.tr("Save"), ImVec2(third, s.px(64)), kGreen, kWhite, s.fonts.large)) save(s);
    if (s.printer) {
        ImGui::PushTextWrapPos(w);
        text_wrapped(s.tr("Printer in use: {0} (a new printer is used from the next start)", s.printer->printer()).c_str());
        ImGui::PopTextWrapPos();
        if (m.test_job)
            if (const auto job = s.printer->job(*m.test_job)) ImGui::TextUnformatted(job_state(s, *job).c_str());
    }
}

}  // namespace caisse::ui
