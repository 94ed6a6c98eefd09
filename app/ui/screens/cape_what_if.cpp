// The what-if before the vote (issue 11, item 5): the same period split by two or three rules side
// by side (equal, pro rata to own net, hybrid 30 % pooled... chosen with chips), each member's
// envelope with a bar, the distributable amount; "Vote this rule" asks, then records the one the
// group chose (a cape.rule record, the contribution and charge key in effect kept). Reads only until then.
#include <algorithm>
#include <optional>

#include "app/services/cape_export.hpp"
#include "app/ui/screens/cape_tabs.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/bar_chart.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

// The rules offered: the three of cape_view's what_if_rules and a few more.
std::vector<cape::SplitRule> offered() {
    return {{cape::SplitMethod::equal, 0},     {cape::SplitMethod::own_net, 0},   {cape::SplitMethod::hours, 0},
            {cape::SplitMethod::hybrid, 2000}, {cape::SplitMethod::hybrid, 3000}, {cape::SplitMethod::hybrid, 5000}};
}


void choose_rules(S& s) {
    auto& rules = s.cape.rules;
    chip_row(s, "whatif_rules", ImGui::GetContentRegionAvail().x, [&] {
        int n = 0;
        for (const auto& r : offered()) {
            if (n++) ImGui::SameLine();
            const auto it = std::find(rules.begin(), rules.end(), r);
            const bool on = it != rules.end();
            if (!chip(s, "whatif:" + cape::split_name(r), what_if_rule_label(s, r), on)) continue;
            if (on && rules.size() == 1) say(s, s.tr("Keep at least one rule to compare"), true);
            else if (on) rules.erase(it);
            else if (rules.size() == 3) say(s, s.tr("Three rules at most side by side: take one off first"), true);
            else rules.push_back(r);
            cape_open(s, Screen::cape_what_if);
        }
    });
}

}  // namespace

void vote_rule(S& s, const cape::SplitRule& split) {
    try {
        cape::Rule rule = rule_in_effect(*s.till).rule;
        rule.split = split;
        const auto rec = set_rule(*s.till, *s.actor, rule);
        say(s, s.tr("Split rule recorded (seq {0}): {1}.", rec.seq, s.translator.translate(rule_description(RuleInEffect{rec.rule, RuleInEffect::Source::Recorded, rec}))),
            false);
        cape_open(s, Screen::cape_what_if);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

std::string what_if_rule_label(const S& s, const cape::SplitRule& r) {
    switch (r.method) {
        case cape::SplitMethod::equal: return s.tr("Equal shares");
        case cape::SplitMethod::own_net: return s.tr("Own net sales");
        case cape::SplitMethod::hours: return s.tr("Hours worked");
        case cape::SplitMethod::hybrid: break;
    }
    return s.tr("Hybrid, {0} % pooled", static_cast<std::int64_t>(r.pooled_bp / 100));
}

void cape_what_if_screen(S& s) {
    if (!is_manager(s)) return void(s.screen = Screen::sell);
    cape_tabs(s, Screen::cape_what_if);
    if (cape_period_bar(s)) cape_open(s, Screen::cape_what_if);
    choose_rules(s);
    cape_reading_note(s);
    const auto& cols = s.cape.compared;
    if (cols.empty() || cols.size() != s.cape.rules.size()) return;
    const auto& recorded = cols[0].rule.recorded;  // the newest rule voted, read with the statements
    text_wrapped(s.tr("Each column splits the same period by another rule (contribution and charge key as in effect); nothing is recorded until a rule is voted.")
                                 .c_str());
    ImGui::BeginChild("whatif_body", ImVec2(0, 0), false);
    if (dragged_here(s, "whatif_body")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float width = ImGui::GetContentRegionAvail().x, name_w = s.px(200), gap = s.px(16);
    const float col_w = (width - name_w - gap * static_cast<float>(cols.size())) / static_cast<float>(cols.size());
    std::int64_t max = 0;
    for (const auto& c : cols)
        for (const auto& m : c.members) max = std::max(max, m.split.share.value());
    // Headings: the rule, whether it is the one voted, and its vote button. A vote reloads the
    // columns, so it waits until nothing here points into them any more.
    const float top = ImGui::GetCursorPosY();
    std::optional<cape::SplitRule> chosen;
    float bottom = top;  // the lowest heading: a column voted already is shorter than one with a button
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const cape::SplitRule& r = s.cape.rules[i];
        ImGui::SetCursorPos(ImVec2(name_w + (col_w + gap) * static_cast<float>(i), top));
        ImGui::BeginGroup();
        big_text(s.fonts.bold, what_if_rule_label(s, r));
        const bool voted = recorded && recorded->rule.split == r;
        if (voted) big_text(s.fonts.body, s.tr("the rule voted"), kGreen);
        else if (touch_button(s, "whatif_vote:" + cape::split_name(r), s.tr("Vote this rule"), ImVec2(col_w, s.px(56))))
            chosen = r;
        ImGui::EndGroup();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    if (chosen) {
        // A vote is journaled for good: asked first (questions.cpp), "yes" armed after a moment.
        Question q{Question::Kind::vote_rule};
        q.rule = *chosen;
        q.asked_at = ImGui::GetTime();
        s.question = q;
    }
    ImGui::SetCursorPosY(bottom);
    ImGui::Separator();
    // One row per member: their envelope under each rule, with a bar on one scale for all columns.
    const float row_h = s.px(44);
    for (std::size_t m = 0; m < cols[0].members.size(); ++m) {
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + (row_h - ImGui::GetTextLineHeight()) / 2);
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(cols[0].members[m].split.name.c_str());
        ImGui::PopFont();
        for (std::size_t i = 0; i < cols.size(); ++i) {
            if (m >= cols[i].members.size()) continue;
            ImGui::SetCursorPos(ImVec2(name_w + (col_w + gap) * static_cast<float>(i), y));
            const auto& p = cols[i].members[m].split;
            bar_rows(s, {Bar{"", p.share.value(), kGreen}}, max, col_w, row_h, 0);
        }
        ImGui::SetCursorPosY(y + row_h + s.px(4));
    }
    ImGui::Separator();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Distributable").c_str());
    const float y = ImGui::GetCursorPosY() - ImGui::GetTextLineHeightWithSpacing();
    for (std::size_t i = 0; i < cols.size(); ++i) {
        ImGui::SetCursorPos(ImVec2(name_w + (col_w + gap) * static_cast<float>(i), y));
        ImGui::TextUnformatted(cols[i].split.distributable.format().c_str());
    }
    ImGui::PopFont();
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].split.weights_fell_back_to_equal)
            big_text(s.fonts.body, what_if_rule_label(s, s.cape.rules[i]) + ": " + s.tr("Nobody has a weight under this rule: the distributable is split equally."), kRed);
    ImGui::EndChild();
}

}  // namespace caisse::ui
