// The CAPE statement of a period on screen (issue 11, item 5): the rule used (said plainly when the
// group has voted none), bars per member (sales excl. VAT and envelope), the group's sales per day,
// the table of members with the group's totals, the coverage of the tills (a probably missing
// bundle in red). A member's row, tapped, shows their details. Reads only.
#include <algorithm>

#include "app/services/cape_export.hpp"
#include "app/ui/screens/cape_tabs.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/bar_chart.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

constexpr ImU32 kSalesBlue = IM_COL32(70, 108, 158, 255);

// A member's colour: the roster's (a member who sells only on another till has one too); else
// their entrepreneur's here, by name; else grey.
ImU32 member_colour(const S& s, const MemberStatement& m) {
    if (!m.colour.empty()) return colour_of(m.colour);
    for (const auto& e : s.entrepreneurs)
        if (e.name == m.split.name) return colour_of(e.colour);
    return IM_COL32(120, 120, 120, 255);
}

void charts(S& s, const CapeStatement& st, float width, float height) {
    const float half = (width - s.px(24)) / 2;
    ImGui::BeginGroup();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Sales excl. VAT and envelope per member").c_str());
    ImGui::PopFont();
    std::vector<Bar> bars;
    std::int64_t max = 0;
    for (const auto& m : st.members) {
        bars.push_back({m.split.name, m.split.sales_ht.value(), kSalesBlue});
        bars.push_back({"", m.split.share.value(), member_colour(s, m)});
        max = std::max({max, m.split.sales_ht.value(), m.split.share.value()});
    }
    // A row holds its amount's text: the chart grows rather than overlap (the body scrolls).
    const float row_h = std::max((height - ImGui::GetTextLineHeightWithSpacing()) / static_cast<float>(std::max<std::size_t>(1, bars.size())),
                                 ImGui::GetTextLineHeight() + s.px(2));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    bar_rows(s, bars, max, half, row_h, s.px(150));
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    ImGui::SameLine(0, s.px(24));
    ImGui::BeginGroup();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Sales incl. VAT per day").c_str());
    ImGui::PopFont();
    day_columns(s, group_sales_by_day(st), ImVec2(half, height - ImGui::GetTextLineHeightWithSpacing()), kSalesBlue);
    ImGui::EndGroup();
}

void table(S& s, const CapeStatement& st, float width) {
    const float name_w = s.px(230), row_h = s.px(48);
    // Short headings: the columns are narrow on a 1024-pixel screen (the PDF has the long ones).
    const char* heads[] = {"Sales TTC", "Sales HT", "VAT", "Own charges", "Group charges", "Contribution", "Envelope"};
    const int n = static_cast<int>(std::size(heads));
    const float col_w = (width - name_w) / static_cast<float>(n);
    auto right = [&](int col, const std::string& text, ImFont* font = nullptr) {
        if (font) ImGui::PushFont(font);
        ImGui::SameLine(name_w + col_w * static_cast<float>(col + 1) - ImGui::CalcTextSize(text.c_str()).x - s.px(8));
        ImGui::TextUnformatted(text.c_str());
        if (font) ImGui::PopFont();
    };
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Member").c_str());
    ImGui::PopFont();
    // A heading wider than its column goes on two lines, split at its last space; placed absolutely.
    const float head_y = ImGui::GetCursorPosY() - ImGui::GetTextLineHeightWithSpacing();
    auto put = [&](int col, float y, const std::string& text) {
        ImGui::SetCursorPos(ImVec2(name_w + col_w * static_cast<float>(col + 1) - ImGui::CalcTextSize(text.c_str()).x - s.px(8), y));
        ImGui::TextUnformatted(text.c_str());
    };
    for (int i = 0; i < n; ++i) {
        const std::string h = s.tr(heads[i]);
        const auto cut = h.rfind(' ');
        if (ImGui::CalcTextSize(h.c_str()).x <= col_w - s.px(12) || cut == std::string::npos) {
            put(i, head_y, h);
        } else {
            put(i, head_y, h.substr(0, cut));
            put(i, head_y + ImGui::GetTextLineHeight(), h.substr(cut + 1));
        }
    }
    ImGui::SetCursorPosY(head_y + 2 * ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y);
    ImGui::Separator();
    for (const auto& m : st.members) {
        const auto& p = m.split;
        const bool apart = p.flags.charges_exceed_sales || p.flags.no_hours;
        const bool on = s.cape.selected == p.id;
        const float row_y = ImGui::GetCursorPosY();
        if (touch_button(s, "cape_member:" + p.name, p.name + (apart ? " (!)" : ""), ImVec2(name_w - s.px(8), row_h),
                         on ? kDark : member_colour(s, m), kWhite, s.fonts.bold))
            s.cape.selected = on ? "" : p.id;
        const Money figures[] = {p.sales_ttc, p.sales_ht, p.sales_ttc - p.sales_ht, p.own_charges_ht, p.group_charges, p.contribution, p.share};
        // The figures centred on the button's height, at absolute positions (no drift row to row).
        for (int i = 0; i < n; ++i) {
            ImFont* font = i == n - 1 ? s.fonts.bold : s.fonts.body;
            ImGui::PushFont(font);
            const std::string text = figures[i].format();
            ImGui::SameLine(name_w + col_w * static_cast<float>(i + 1) - ImGui::CalcTextSize(text.c_str()).x - s.px(8));
            ImGui::SetCursorPosY(row_y + (row_h - ImGui::GetTextLineHeight()) / 2);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopFont();
        }
        ImGui::SetCursorPosY(row_y + row_h + ImGui::GetStyle().ItemSpacing.y);
        if (on) {
            std::string best;
            for (const auto& b : m.best_sellers) best += (best.empty() ? "" : ", ") + b.name + " ×" + std::to_string(b.quantity);
            ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(70, 70, 70, 255));
            text_wrapped(s.tr("tickets: {0}, refunds: {1}, hours: {2}; own net {3}; best sellers: {4}", m.tickets, m.refunds,
                                          cape::minutes_text(p.minutes), p.net.format(), best.empty() ? "-" : best)
                                         .c_str());
            ImGui::PopStyleColor();
        }
        if (p.flags.charges_exceed_sales)
            big_text(s.fonts.body,
                     cape::splits_by_own_net(st.rule.rule.split)
                         ? s.tr("(!) {0}: charges exceed sales (own net {1}): no weight in the split by own net", p.name, p.net.format())
                         : s.tr("(!) {0}: charges exceed sales (own net {1})", p.name, p.net.format()),
                     kRed);
        if (p.flags.no_hours) big_text(s.fonts.body, s.tr("(!) {0}: no hours recorded: no weight in the split by hours", p.name), kRed);
    }
    ImGui::Separator();
    const auto& t = st.split;
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Group").c_str());
    ImGui::PopFont();
    const Money totals[] = {t.sales_ttc, t.sales_ht, t.sales_ttc - t.sales_ht, t.own_charges_ht, t.group_charges_ht, t.contribution, t.distributable};
    for (int i = 0; i < n; ++i) right(i, totals[i].format(), s.fonts.bold);
    text_wrapped(s.tr("CAE contribution {0} ({1} fixed, months begun: {2}; {3} of the margin); distributable {4}", t.contribution.format(),
                                  t.contribution_fixed.format(), t.months, t.contribution_variable.format(), t.distributable.format())
                                 .c_str());
    if (t.shortfall > Money{}) big_text(s.fonts.bold, s.tr("The contribution exceeds the margin by {0}: nothing to split.", t.shortfall.format()), kRed);
    if (t.weights_fell_back_to_equal) big_text(s.fonts.bold, s.tr("Nobody has a weight under this rule: the distributable is split equally."), kRed);
}

void coverage(S& s, const CapeStatement& st) {
    ImGui::Spacing();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Coverage: the tills and records this statement counts").c_str());
    ImGui::PopFont();
    for (const auto& l : coverage_view(st)) {
        const auto& c = l.terminal;
        std::string text = c.first_seq == 0 ? s.tr("Till {0}: no sale nor refund in the period", c.terminal)
                                            : s.tr("Till {0}: records {1} to {2}, tickets {3} to {4} (tickets: {5}, refunds: {6})", c.terminal,
                                                   c.first_seq, c.last_seq, c.first_ticket, c.last_ticket, c.tickets, c.refunds);
        text_wrapped(text.c_str());
        if (l.bundle_may_be_missing)
            big_text(s.fonts.bold, s.tr("Till {0} stops before the others: a bundle of it may be missing; import it before the meeting.", c.terminal),
                     kRed);
    }
}

}  // namespace

void cape_statement_screen(S& s) {
    if (!is_manager(s)) return void(s.screen = Screen::sell);  // members' pay is for the managers
    cape_tabs(s, Screen::cape_statement);
    if (cape_period_bar(s)) cape_open(s, Screen::cape_statement);
    cape_reading_note(s);
    if (!s.cape.statement) return;
    const CapeStatement& st = *s.cape.statement;
    if (st.rule.source == RuleInEffect::Source::Default)
        big_text(s.fonts.bold, s.tr("No rule voted yet: equal shares, no CAE contribution."), kRed);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(s.tr("Rule: {0}", s.translator.translate(rule_description(st.rule))).c_str());
    ImGui::PopTextWrapPos();
    ImGui::BeginChild("cape_statement_body", ImVec2(0, 0), false);
    if (dragged_here(s, "cape_statement_body")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float width = ImGui::GetContentRegionAvail().x;
    charts(s, st, width, std::clamp(ImGui::GetContentRegionAvail().y * 0.45f, s.px(200), s.px(340)));
    ImGui::Spacing();
    table(s, st, width);
    coverage(s, st);
    ImGui::EndChild();
}

}  // namespace caisse::ui
