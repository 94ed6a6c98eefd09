// The quote editor (issue 14 item 8, manager): a catering quote (devis) written or changed on the
// touch screen. On the left the header: the customer (chips), the number of guests (a stepper with
// big steps, or the keypad), the date of service and the validity (day steppers), the place and a
// note (on-screen keyboard). On the right the lines, each with its quantity stepper, "per guest"
// and remove; lines come from the catalogue (search typed, category chips) or are free (description
// typed, unit price on the keypad, VAT rate and entrepreneur chips); under them the live totals,
// computed by invoice::compute_totals (the services' arithmetic, never the screen's). Everything
// stays on screen until "Save", which records the whole quote in one commit (save_quote); a refusal
// is said and the draft kept. "Cancel" with unsaved changes asks first (questions.cpp).
#include <algorithm>

#include "app/core/calendar_day.hpp"
#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "app/services/catering.hpp"
#include "app/services/manage.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// Back where the editor was opened from, read again now: a catering list or order that showed the
// quote before it was saved would otherwise offer to accept the old amount (newcomer trial).
void go_back(S& s, Screen back, std::optional<std::int64_t> quote) {
    s.quote_editor = QuoteEditorUi{};
    if (back == Screen::catering_orders) catering_open(s, back);
    else if (back == Screen::catering_order && quote) open_catering_order(s, *quote);
    else s.screen = back;
}

using Panel = QuoteEditorUi::Panel;

constexpr std::int64_t kGuestsMax = 100'000;  // new_quote's limit

void label(S& s, const std::string& t) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(t.c_str());
    ImGui::PopFont();
}

// "2026-12-09" as the French read it: "09/12/2026".
std::string shown_date(const std::string& day) {
    if (day.size() != 10) return day;
    return day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
}

// A quantity in thousandths as typed: "60", "7,5", "0,25".
std::string shown_quantity(std::int64_t milli) {
    std::string t = std::to_string(milli / 1000);
    if (const std::int64_t rest = milli % 1000) {
        std::string frac = std::to_string(1000 + rest).substr(1);
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        t += "," + frac;
    }
    return t;
}

std::string entrepreneur_name(const S& s, std::int64_t id) {
    for (const auto& e : s.entrepreneurs)
        if (e.id == id) return e.name;
    return "";
}

invoice::Line line_of(const QuoteDraftLine& l) {
    return invoice::Line{l.description, l.quantity_milli, l.unit_code, l.unit_price, l.rate, l.entrepreneur};
}

// What one line comes to by the quote's basis (incl. VAT: its agreed amount; excl. VAT: its net),
// by the invoices' arithmetic. None when the line is not valid (said by the totals).
std::optional<Money> line_amount(const QuoteEditorUi& q, const QuoteDraftLine& l) {
    try {
        invoice::Document one;
        one.basis = q.draft.basis;
        one.lines.push_back(line_of(l));
        const auto t = invoice::compute_totals(one, q.extra_rates);
        return q.draft.basis == invoice::PriceBasis::incl_vat ? t.agreed_total : t.line_total;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void open_panel(S& s, Panel p) {
    auto& q = s.quote_editor;
    q.panel = p;
    q.entry.clear();
    s.keyboard_accents = false;
    s.keyboard_shift = p == Panel::place || p == Panel::free_description;  // a name starts with a capital
}

void add_line(S& s, QuoteDraftLine l) {
    auto& q = s.quote_editor;
    if (q.draft.lines.size() >= kMaxInvoiceLines) return say(s, s.tr("a quote has at most {0} lines", kMaxInvoiceLines), true);
    q.draft.lines.push_back(std::move(l));
    q.scroll_to = q.draft.lines.size() - 1;
    q.panel = Panel::none;
}

// --- The header (left) ----------------------------------------------------------------------------

void customer_field(S& s, float width) {
    auto& q = s.quote_editor;
    std::string chosen;
    for (const auto& c : q.customers)
        if (c.id == q.draft.customer) chosen = c.customer.party.name;
    label(s, chosen.empty() ? s.tr("Customer") : s.tr("Customer: {0}", chosen));
    if (q.customers.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRed), "%s",
                           s.tr("No customer yet: add one first (on the command line: caisse customer add --name ... --address ...), then come back to write the quote.")
                               .c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    std::vector<Chip> chips;
    for (const auto& c : q.customers)
        chips.push_back({"qe_customer:" + std::to_string(c.id), c.customer.party.name, c.id == q.draft.customer, 0, ""});
    if (const int i = paged_chips(s, "qe_customers", width, chips); i >= 0) q.draft.customer = q.customers[static_cast<std::size_t>(i)].id;
}

void guests_field(S& s) {
    auto& q = s.quote_editor;
    label(s, s.tr("Guests"));
    const float h = s.px(56), w = s.px(64);
    std::int64_t& g = q.draft.guests;
    if (touch_button(s, "qe_guests-10", "−10", ImVec2(w, h), 0, 0, s.fonts.bold)) g = std::max<std::int64_t>(0, g - 10);
    ImGui::SameLine();
    if (touch_button(s, "qe_guests-", "−", ImVec2(w, h), 0, 0, s.fonts.large)) g = std::max<std::int64_t>(0, g - 1);
    ImGui::SameLine();
    // The number itself opens the keypad (60 typed is quicker than 60 taps).
    if (touch_button(s, "qe_guests", std::to_string(g), ImVec2(s.px(96), h), kWhite, g > 0 ? kInk : kMuted, s.fonts.large))
        open_panel(s, Panel::guests);
    ImGui::SameLine();
    if (touch_button(s, "qe_guests+", "+", ImVec2(w, h), kWhite, kInk, s.fonts.large)) g = std::min(kGuestsMax, g + 1);
    ImGui::SameLine();
    if (touch_button(s, "qe_guests+10", "+10", ImVec2(w, h), kWhite, kInk, s.fonts.bold)) g = std::min(kGuestsMax, g + 10);
}

// A date with −7, −1, +1, +7 days around it ("id-7", "id-", "id+", "id+7").
void date_field(S& s, const std::string& id, const std::string& title, std::string& day) {
    label(s, title);
    const float h = s.px(56), w = s.px(52);
    try {
        if (touch_button(s, id + "-7", "−7", ImVec2(w, h), 0, 0, s.fonts.bold)) day = add_days(day, -7);
        ImGui::SameLine();
        if (touch_button(s, id + "-", "−", ImVec2(w, h), 0, 0, s.fonts.large)) day = add_days(day, -1);
        ImGui::SameLine();
        const std::string text = shown_date(day);
        ImGui::PushFont(s.fonts.large);
        const float text_w = ImGui::CalcTextSize(text.c_str()).x + s.px(12);
        const ImVec2 at = ImGui::GetCursorScreenPos(), ts = ImGui::CalcTextSize(text.c_str());
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (text_w - ts.x) / 2, at.y + (h - ts.y) / 2),
                                            day < s.quote_editor.today ? kRed : kInk, text.c_str());
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(text_w, h));
        ImGui::SameLine();
        if (touch_button(s, id + "+", "+", ImVec2(w, h), kWhite, kInk, s.fonts.large)) day = add_days(day, 1);
        ImGui::SameLine();
        if (touch_button(s, id + "+7", "+7", ImVec2(w, h), kWhite, kInk, s.fonts.bold)) day = add_days(day, 7);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

// A text field as a button: tapping it opens the keyboard.
void text_field(S& s, const char* id, const std::string& text, const std::string& empty, Panel panel, float width) {
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.03f, 0.5f));
    // One line on the button: the start of a long note is enough to recognise it.
    std::string shown = text.substr(0, std::min(text.find('\n'), text.size()));
    if (shown.size() > 28) {
        std::size_t cut = 26;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
        shown = shown.substr(0, cut) + "…";
    }
    if (touch_button(s, id, text.empty() ? empty : shown, ImVec2(width, s.px(56)), kWhite, text.empty() ? kMuted : kInk))
        open_panel(s, panel);
    ImGui::PopStyleVar();
}

void header(S& s, float width, float height) {
    auto& q = s.quote_editor;
    ImGui::BeginChild("qe_head", ImVec2(width, height), false);
    if (dragged_here(s, "qe_head")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    customer_field(s, w);
    guests_field(s);
    date_field(s, "qe_date", s.tr("Date of service"), q.draft.service_date);
    date_field(s, "qe_valid", s.tr("Valid until"), q.draft.valid_until);
    // Place and note side by side: the header fits 1024x768 without scrolling.
    const float gap = ImGui::GetStyle().ItemSpacing.x, half = (w - gap) / 2, x = ImGui::GetCursorPosX();
    label(s, s.tr("Place"));
    ImGui::SameLine(0, 0);
    ImGui::SetCursorPosX(x + half + gap);
    label(s, s.tr("Note on the quote"));
    text_field(s, "qe_place", q.draft.place, s.tr("Tap to type it"), Panel::place, half);
    ImGui::SameLine();
    text_field(s, "qe_note", q.draft.note, s.tr("Tap to type it"), Panel::note, half);
    ImGui::EndChild();
}

// --- The lines and totals (right) -------------------------------------------------------------------

// One line: description and amount; unit price, VAT, entrepreneur; its quantity stepper, "per
// guest", remove. Returns false when it was removed (the caller stops drawing this frame).
bool line_row(S& s, std::size_t i, float width) {
    auto& q = s.quote_editor;
    QuoteDraftLine& l = q.draft.lines[i];
    const std::string n = std::to_string(i + 1);
    // Tight rows: two or three lines in sight at 1024x768.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, s.px(4)));
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const auto amount = line_amount(q, l);
    const std::string amount_text = amount ? amount->format() : "—";
    ImGui::PushFont(s.fonts.bold);
    const float amount_w = ImGui::CalcTextSize(amount_text.c_str()).x;
    ImGui::PushClipRect(top, ImVec2(top.x + width - amount_w - s.px(16), top.y + s.px(40)), true);
    ImGui::TextUnformatted(l.description.c_str());
    ImGui::PopClipRect();
    ImGui::GetWindowDrawList()->AddText(ImVec2(top.x + width - amount_w, top.y), kInk, amount_text.c_str());
    ImGui::PopFont();
    std::string details = l.unit_price.format() + " × " + shown_quantity(l.quantity_milli) + "  ·  " + s.tr("VAT") + " " + l.rate.percent();
    if (const std::string who = entrepreneur_name(s, l.entrepreneur); !who.empty()) details += "  ·  " + who;
    if (l.sku.empty()) details += "  ·  " + s.tr("free line");
    const ImVec2 second = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(second, ImVec2(second.x + width, second.y + s.px(40)), true);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", details.c_str());
    ImGui::PopClipRect();
    const float h = s.px(56), step_w = s.px(56);
    const std::int64_t most = kMaxInvoiceQuantityMilli;
    if (l.quantity_milli > 1000) {
        if (touch_button(s, "qe_line-:" + n, "−", ImVec2(step_w, h), 0, 0, s.fonts.large)) l.quantity_milli -= 1000;
    } else {
        disabled_button("−", ImVec2(step_w, h), s.fonts.large);
    }
    ImGui::SameLine();
    if (touch_button(s, "qe_qty:" + n, shown_quantity(l.quantity_milli), ImVec2(s.px(84), h), kWhite, kInk, s.fonts.large)) {
        open_panel(s, Panel::quantity);
        q.line = i;
    }
    ImGui::SameLine();
    if (l.quantity_milli + 1000 <= most) {
        if (touch_button(s, "qe_line+:" + n, "+", ImVec2(step_w, h), kWhite, kInk, s.fonts.large)) l.quantity_milli += 1000;
    } else {
        disabled_button("+", ImVec2(step_w, h), s.fonts.large);
    }
    ImGui::SameLine();
    const std::string per_guest = s.tr("× {0} guests", q.draft.guests);
    const float per_w = std::max(s.px(120), ImGui::CalcTextSize(per_guest.c_str()).x + s.px(24));
    if (q.draft.guests > 0) {
        if (touch_button(s, "qe_per_guest:" + n, per_guest, ImVec2(per_w, h))) l.quantity_milli = q.draft.guests * 1000;
    } else {
        disabled_button(per_guest, ImVec2(per_w, h));
    }
    ImGui::SameLine();
    const float remove_w = std::max(s.px(kMinTarget), std::min(s.px(130), width - (ImGui::GetCursorScreenPos().x - top.x)));
    if (touch_button(s, "qe_remove:" + n, s.tr("Remove"), ImVec2(remove_w, h), kPaleRed, kRed)) {
        q.draft.lines.erase(q.draft.lines.begin() + static_cast<std::ptrdiff_t>(i));
        ImGui::PopStyleVar();
        return false;
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::PopStyleVar();
    return true;
}

// The totals of the lines (EN 16931, by invoice::compute_totals), or why there are none.
struct Shown {
    std::optional<invoice::Totals> totals;
    std::string problem;
};

Shown totals_of(S& s) {
    const auto& q = s.quote_editor;
    Shown r;
    if (q.draft.lines.empty()) return r;
    invoice::Document d;
    d.basis = q.draft.basis;
    for (const auto& l : q.draft.lines) d.lines.push_back(line_of(l));
    try {
        r.totals = invoice::compute_totals(d, q.extra_rates);
    } catch (const InputError& e) {
        r.problem = s.translator.translate(e.message());
    } catch (const std::exception& e) {
        r.problem = e.what();
    }
    return r;
}

float totals_height(S& s, const Shown& t) {
    const float line = ImGui::GetTextLineHeightWithSpacing();
    if (!t.totals) return line * 3;
    return line * static_cast<float>(2 + t.totals->vat.size()) + s.fonts.large->FontSize + ImGui::GetStyle().ItemSpacing.y;
}

void totals(S& s, const Shown& t, float width) {
    const auto& q = s.quote_editor;
    auto row = [&](const std::string& what, const std::string& amount, ImFont* font) {
        ImGui::PushFont(font);
        const float aw = ImGui::CalcTextSize(amount.c_str()).x;
        const float x = ImGui::GetCursorPosX();
        ImGui::TextUnformatted(what.c_str());
        ImGui::SameLine();
        ImGui::SetCursorPosX(x + width - aw);  // not SameLine(x): it would count the group's indent twice
        ImGui::TextUnformatted(amount.c_str());
        ImGui::PopFont();
    };
    const std::string basis = q.draft.basis == invoice::PriceBasis::incl_vat ? s.tr("prices agreed incl. VAT") : s.tr("prices agreed excl. VAT");
    if (!t.totals) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        if (!t.problem.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRed), "%s", t.problem.c_str());
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", basis.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    row(s.tr("Total excl. VAT") + "  (" + basis + ")", t.totals->tax_basis.format(), s.fonts.body);
    for (const auto& v : t.totals->vat)
        row(s.tr("VAT {0} on {1}", v.rate.percent(), v.taxable.format()), v.tax.format(), s.fonts.body);
    // What the customer pays: the agreed total (BT-112 + the rounding BT-114 of an agreed incl. VAT price).
    row(s.tr("Total incl. VAT"), t.totals->agreed_total.format(), s.fonts.large);
}

void lines_side(S& s, float width, float height) {
    auto& q = s.quote_editor;
    ImGui::BeginGroup();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float bw = (width - gap) / 2, bh = s.px(56);
    if (touch_button(s, "qe_add_catalogue", s.tr("Add from the catalogue"), ImVec2(bw, bh), kDark, kWhite, s.fonts.bold)) {
        open_panel(s, Panel::catalogue);
        q.search.clear();
        q.category = 0;
    }
    ImGui::SameLine();
    if (touch_button(s, "qe_add_free", s.tr("Add a free line"), ImVec2(bw, bh), kDark, kWhite, s.fonts.bold)) {
        open_panel(s, Panel::free_line);
        q.free = QuoteDraftLine{};
        q.free.rate = VatRate{1000};  // food, delivery: most of a buffet's lines; staff and hire choose 20 %
        q.free_price.clear();
        if (!s.entrepreneurs.empty()) q.free.entrepreneur = s.entrepreneurs.front().id;
    }
    const Shown t = totals_of(s);
    const float list_h = std::max(s.px(120), height - bh - totals_height(s, t) - 3 * ImGui::GetStyle().ItemSpacing.y);
    ImGui::BeginChild("qe_lines", ImVec2(width, list_h), true);
    if (dragged_here(s, "qe_lines")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < q.draft.lines.size(); ++i) {
        if (q.scroll_to == i) {
            ImGui::SetScrollHereY(0.0f);
            q.scroll_to.reset();
        }
        if (!line_row(s, i, w)) break;
    }
    if (q.draft.lines.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", s.tr("No line yet: add some from the catalogue or a free line.").c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
    totals(s, t, width);
    ImGui::EndGroup();
}

// --- Panels over the right-hand side -----------------------------------------------------------------

// The keypad of the guests or a line's quantity: whole numbers, and hundredths for a quantity
// (7,5 hours).
void keypad_panel(S& s, float width) {
    auto& q = s.quote_editor;
    const bool guests = q.panel == Panel::guests;
    if (!guests && q.line >= q.draft.lines.size()) {
        q.panel = Panel::none;
        return;
    }
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float pad_w = std::min(width, s.px(420));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - pad_w) / 2);  // in the middle, under the finger
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + pad_w);
    label(s, guests ? s.tr("Number of guests") : s.tr("Quantity of {0}", q.draft.lines[q.line].description));
    ImGui::PopTextWrapPos();
    big_text(s.fonts.huge, q.entry.empty() ? "0" : q.entry.text());
    const float key_w = (pad_w - 2 * gap) / 3;
    if (const char key = keypad_grid(s, "qe_pad", key_w, s.px(64), guests ? 'C' : ',')) {
        if (key == 'C') q.entry.clear();
        else if (auto refused = q.entry.press(key)) say(s, s.translator.translate(*refused), true);
    }
    const float half = (pad_w - gap) / 2;
    if (touch_button(s, "qe_pad_cancel", s.tr("Cancel"), ImVec2(half, s.px(64)))) q.panel = Panel::none;
    ImGui::SameLine();
    const bool ok = touch_button(s, "qe_pad_ok", s.tr("OK"), ImVec2(half, s.px(64)), kGreen, kWhite, s.fonts.large);
    ImGui::EndGroup();
    if (!ok) return;
    // The keypad types euros and cents: a number is the whole part, a quantity keeps hundredths.
    const std::int64_t hundredths = q.entry.value().value_or(Money()).value();
    if (guests) {
        const std::int64_t n = hundredths / 100;
        if (n > kGuestsMax) return say(s, s.tr("{0} guests: give a number from 0 to 100000", n), true);
        q.draft.guests = n;
    } else {
        const std::int64_t milli = hundredths * 10;
        if (milli <= 0) return say(s, s.tr("Type a quantity above zero"), true);
        if (milli > kMaxInvoiceQuantityMilli) return say(s, s.tr("That quantity is too large for a quote"), true);
        q.draft.lines[q.line].quantity_milli = milli;
    }
    q.panel = Panel::none;
}

void keyboard_panel(S& s, float width) {
    auto& q = s.quote_editor;
    std::string* text = &q.draft.place;
    std::string title = s.tr("Place of the service");
    std::size_t max = kMaxBusinessFieldChars;
    if (q.panel == Panel::note) text = &q.draft.note, title = s.tr("Note printed on the quote"), max = kMaxNoteChars;
    if (q.panel == Panel::free_description) text = &q.free.description, title = s.tr("Description of the line"), max = kMaxBusinessFieldChars;
    label(s, title);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushFont(s.fonts.large);
    ImGui::TextWrapped("%s_", text->c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    const float kb_w = std::min(width, s.px(900));
    text_keyboard(s, *text, kb_w, max);
    if (touch_button(s, "qe_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold))
        q.panel = q.panel == Panel::free_description ? Panel::free_line : Panel::none;
    if (q.panel != Panel::free_description) {
        ImGui::SameLine();
        if (touch_button(s, "qe_clear_text", s.tr("Clear"), ImVec2(s.px(160), s.px(64)), kPaleRed, kRed)) text->clear();
    }
}

// The catalogue: the products on sale, by category chip or by a search typed; a tap adds one.
void catalogue_panel(S& s, float width) {
    auto& q = s.quote_editor;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // The keyboard at least as wide as its ten keys of the minimum size (text_keyboard's rows).
    const float kb_w = std::max(10 * s.px(kMinTarget) + 9 * gap, std::min(s.px(620), width * 0.5f));
    const float list_w = width - kb_w - gap;
    ImGui::BeginGroup();
    std::vector<Chip> cats{{"qe_cat:all", s.tr("All"), q.category == 0, 0, ""}};
    for (const auto& c : s.categories) cats.push_back({"qe_cat:" + c.name, display_name(c, s.language), q.category == c.id, 0, ""});
    if (const int i = paged_chips(s, "qe_cats", list_w, cats); i >= 0) q.category = i == 0 ? 0 : s.categories[static_cast<std::size_t>(i - 1)].id;
    const std::string key = name_key(q.search);
    ImGui::BeginChild("qe_products", ImVec2(list_w, std::max(s.px(120), ImGui::GetContentRegionAvail().y)), true);
    if (dragged_here(s, "qe_products")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.03f, 0.5f));
    std::optional<Product> chosen;
    int shown = 0;
    for (const auto& p : s.products) {
        if (!p.active || (q.category && p.category_id != q.category)) continue;
        const std::string name = product_label(s, p);
        if (!key.empty() && name_key(name).find(key) == std::string::npos && name_key(p.name).find(key) == std::string::npos &&
            name_key(p.sku).find(key) == std::string::npos)
            continue;
        ++shown;
        if (touch_button(s, "qe_product:" + p.sku, name + "  ·  " + p.price.format(), ImVec2(w, s.px(56)))) chosen = p;
    }
    ImGui::PopStyleVar();
    if (!shown) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", s.tr("No product matches.").c_str());
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    label(s, s.tr("Search"));
    ImGui::PushFont(s.fonts.large);
    ImGui::TextUnformatted((q.search + "_").c_str());
    ImGui::PopFont();
    text_keyboard(s, q.search, kb_w, 60);
    if (touch_button(s, "qe_search_clear", s.tr("Clear the search"), ImVec2(s.px(240), s.px(56)), kPaleRed, kRed)) q.search.clear();
    ImGui::EndGroup();
    if (chosen) {
        QuoteDraftLine l;
        l.sku = chosen->sku;
        l.description = chosen->name;  // French on the quote, whatever the screen's language
        l.unit_price = chosen->price;   // catalogue prices are incl. VAT
        l.rate = chosen->vat;
        l.entrepreneur = chosen->entrepreneur_id;
        if (q.draft.basis == invoice::PriceBasis::excl_vat)
            return say(s, s.tr("This quote is priced excluding VAT: add the product as a free line with its price excl. VAT"), true);
        add_line(s, std::move(l));
        say(s, s.tr("{0} added: tap × guests to serve everyone", product_label(s, *chosen)), false);
    }
}

// A free line: its description typed, unit price on the keypad, VAT rate and entrepreneur chips.
void free_line_panel(S& s, float width) {
    auto& q = s.quote_editor;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float left_w = std::min(s.px(330), width * 0.36f);
    ImGui::BeginGroup();
    label(s, q.draft.basis == invoice::PriceBasis::incl_vat ? s.tr("Unit price incl. VAT") : s.tr("Unit price excl. VAT"));
    big_text(s.fonts.huge, (q.free_price.empty() ? "0" : q.free_price.text()) + " €");
    const float key_w = (left_w - 2 * gap) / 3;
    if (const char key = keypad_grid(s, "qe_price", key_w, s.px(60), ','))
        if (auto refused = q.free_price.press(key)) say(s, s.translator.translate(*refused), true);
    ImGui::EndGroup();
    ImGui::SameLine(0, s.px(24));
    const float right_w = width - left_w - s.px(24);
    ImGui::BeginGroup();
    label(s, s.tr("Description"));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.03f, 0.5f));
    if (touch_button(s, "qe_free_description", q.free.description.empty() ? s.tr("Tap to type the description") : q.free.description,
                     ImVec2(right_w, s.px(56)), kWhite, q.free.description.empty() ? kMuted : kInk, s.fonts.bold))
        open_panel(s, Panel::free_description);
    ImGui::PopStyleVar();
    label(s, s.tr("VAT rate"));
    std::vector<Chip> vat;
    for (const VatRate r : q.rates) vat.push_back({"qe_vat:" + std::to_string(r.bp), r.percent(), q.free.rate == r, 0, ""});
    if (const int i = paged_chips(s, "qe_vats", right_w, vat); i >= 0) q.free.rate = q.rates[static_cast<std::size_t>(i)];
    label(s, s.tr("Made by: {0}", entrepreneur_name(s, q.free.entrepreneur)));
    std::vector<Chip> who;
    for (const auto& e : s.entrepreneurs)
        who.push_back({"qe_ent:" + e.name, e.name, q.free.entrepreneur == e.id, colour_of(e.colour), initials(e.name)});
    if (const int i = paged_chips(s, "qe_ents", right_w, who); i >= 0) q.free.entrepreneur = s.entrepreneurs[static_cast<std::size_t>(i)].id;
    ImGui::Spacing();
    const float cancel_w = std::min(s.px(200), (right_w - gap) * 0.4f);
    if (touch_button(s, "qe_free_cancel", s.tr("Cancel"), ImVec2(cancel_w, s.px(64)))) q.panel = Panel::none;
    ImGui::SameLine();
    if (touch_button(s, "qe_free_add", s.tr("Add the line"), ImVec2(right_w - cancel_w - gap, s.px(64)), kGreen, kWhite, s.fonts.large)) {
        // The line's own checks here, so that "Save" meets no half-made line; save_quote checks again.
        try {
            if (q.free.description.empty()) throw InputError("type the line's description");
            const auto price = q.free_price.value();
            if (!price) throw InputError("a free line needs its unit price");
            QuoteDraftLine l = q.free;
            l.unit_price = *price;
            invoice::Document one;
            one.lines.push_back(line_of(l));
            invoice::validate_lines(one, q.extra_rates);
            add_line(s, std::move(l));
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::EndGroup();
}

// --- The whole screen ------------------------------------------------------------------------------

void save(S& s) {
    auto& q = s.quote_editor;
    const QuoteDraft& d = q.draft;
    if (d.customer == 0) return say(s, s.tr("Choose the customer first"), true);
    QuoteRequest r{d.customer, d.basis, d.guests, d.service_date, d.place, d.valid_until, d.note};
    std::vector<QuoteLineRequest> lines;
    for (const auto& l : d.lines) {
        QuoteLineRequest x;
        x.sku = l.sku;
        x.description = l.description;
        x.quantity_milli = l.quantity_milli;
        x.unit_code = l.unit_code;
        x.unit_price = l.unit_price;  // as on screen: a price changed in the catalogue since does not move it
        x.rate = l.rate;
        x.entrepreneur = entrepreneur_name(s, l.entrepreneur);
        lines.push_back(std::move(x));
    }
    try {
        const db::QuoteRecord saved = save_quote(*s.till, *s.actor, q.quote, r, lines);
        say(s, q.quote ? s.tr("Quote {0} saved: its lines replaced", saved.id) : s.tr("Quote {0} saved", saved.id), false);
        go_back(s, q.back, saved.id);
    } catch (const std::exception& e) {
        say_error(s, e);  // the draft stays as it is
    }
}

void top_bar(S& s, float width) {
    auto& q = s.quote_editor;
    const float h = s.px(64), gap = ImGui::GetStyle().ItemSpacing.x;
    const float save_w = s.px(200), cancel_w = s.px(180);
    const ImVec2 start = ImGui::GetCursorPos();
    std::string title = q.quote ? s.tr("Quote {0}", *q.quote) : s.tr("New catering quote");
    if (q.panel != Panel::none) {
        ImGui::PushFont(s.fonts.large);
        ImGui::SetCursorPosY(start.y + (h - ImGui::GetFontSize()) / 2);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        ImGui::SetCursorPos(ImVec2(start.x + width - cancel_w, start.y));
        if (touch_button(s, "qe_panel_back", s.tr("Back to the quote"), ImVec2(cancel_w, h), 0, 0, s.fonts.bold))
            q.panel = q.panel == Panel::free_description ? Panel::free_line : Panel::none;
        return;
    }
    if (q.draft != q.opened) title += "  ·  " + s.tr("not saved");
    ImGui::PushFont(s.fonts.large);
    ImGui::SetCursorPosY(start.y + (h - ImGui::GetFontSize()) / 2);
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(ImGui::GetCursorScreenPos().x + width - save_w - cancel_w - 2 * gap, ImGui::GetCursorScreenPos().y + h), true);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopClipRect();
    ImGui::PopFont();
    ImGui::SetCursorPos(ImVec2(start.x + width - save_w - cancel_w - gap, start.y));
    if (touch_button(s, "qe_cancel", s.tr("Cancel"), ImVec2(cancel_w, h), 0, 0, s.fonts.bold)) {
        if (q.draft == q.opened) leave_quote_editor(s);
        else s.question = Question{Question::Kind::leave_quote};
        return;
    }
    ImGui::SameLine();
    if (touch_button(s, "qe_save", s.tr("Save"), ImVec2(save_w, h), kGreen, kWhite, s.fonts.large)) save(s);
}

}  // namespace

void open_quote_editor(S& s, std::optional<std::int64_t> quote, std::optional<std::int64_t> customer, Screen back) {
    if (!is_manager(s)) return say(s, s.tr("Only a manager writes quotes"), true);
    try {
        QuoteEditorUi q;
        q.quote = quote;
        q.back = back;
        q.customers = list_customers(*s.till);
        q.rates = known_vat_rates(*s.till);
        q.extra_rates = extra_vat_rates(*s.till);
        const std::string today = s.till->today();
        q.today = today;
        QuoteDraft& d = q.draft;
        if (quote) {
            const QuoteView v = quote_view(*s.till, *quote);
            if (v.order) throw InputError("quote {0} was accepted: its lines can no longer change", *quote);
            d.customer = v.quote.customer;
            d.basis = v.quote.basis == "excl_vat" ? invoice::PriceBasis::excl_vat : invoice::PriceBasis::incl_vat;
            d.guests = v.quote.guests;
            d.service_date = v.quote.service_date;
            d.valid_until = v.quote.valid_until;
            d.place = v.quote.place;
            d.note = v.quote.note;
            for (const auto& l : v.lines)
                d.lines.push_back(QuoteDraftLine{l.sku, l.description, l.quantity_milli, l.unit_code, Money::cents(l.unit_price),
                                                 VatRate{static_cast<std::int32_t>(l.vat_bp)}, l.entrepreneur});
        } else {
            d.customer = customer.value_or(0);
            d.service_date = add_days(today, 7);   // a buffet is rarely ordered for tomorrow
            d.valid_until = add_days(today, 30);   // new_quote's default, shown
        }
        q.opened = q.draft;
        reload_catalogue(s);  // the products and entrepreneurs as they are now
        s.quote_editor = std::move(q);
        s.screen = Screen::quote_editor;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void leave_quote_editor(S& s) { go_back(s, s.quote_editor.back, s.quote_editor.quote); }

void quote_editor_screen(S& s) {
    if (!is_manager(s)) {
        s.quote_editor = QuoteEditorUi{};
        s.screen = Screen::sell;
        return;
    }
    auto& q = s.quote_editor;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    top_bar(s, avail.x);
    const float body_h = ImGui::GetContentRegionAvail().y;
    const float width = ImGui::GetContentRegionAvail().x;
    switch (q.panel) {
        case Panel::guests:
        case Panel::quantity: keypad_panel(s, width); return;
        case Panel::place:
        case Panel::note:
        case Panel::free_description: keyboard_panel(s, width); return;
        case Panel::catalogue: catalogue_panel(s, width); return;
        case Panel::free_line: free_line_panel(s, width); return;
        case Panel::none: break;
    }
    const float gap = s.px(20);
    const float left_w = std::clamp(width * 0.42f, std::min(s.px(440), width * 0.5f), s.px(620));
    header(s, left_w, body_h);
    ImGui::SameLine(0, gap);
    lines_side(s, width - left_w - gap, body_h);
}

}  // namespace caisse::ui
