// The CAPE statement on paper (see cape_pdf.hpp): cairo's PDF surface through the shared page
// helpers (app/services/pdf_draw: DejaVu Sans by fontconfig, points as units).
#include "app/services/cape_pdf.hpp"

#include <algorithm>

#include "app/core/bar_scale.hpp"
#include "app/services/cape_export.hpp"
#include "app/services/cape_view.hpp"
#include "app/services/export_file.hpp"
#include "app/services/i18n.hpp"
#include "app/services/pdf_draw.hpp"

namespace caisse {

using i18n::tr;

namespace {

constexpr double kWidth = pdf::kA4Height, kHeight = pdf::kA4Width, kMargin = 36;  // A4 landscape, half-inch margins

using pdf::Page;
using pdf::Rgb;
using pdf::kInk, pdf::kGrey, pdf::kRed, pdf::kGreen, pdf::kRule, pdf::kBand;
constexpr Rgb kBlue = pdf::kAccent;

std::string money(std::int64_t cents) { return Money::cents(cents).format(); }

// One row of the member table: the name, then right-aligned cells.
struct Columns {
    double name_w = 150;
    std::vector<double> rights;  // right edge of each figure column
    Columns(std::size_t n) {
        const double w = (kWidth - 2 * kMargin - name_w) / static_cast<double>(n);
        for (std::size_t i = 1; i <= n; ++i) rights.push_back(kMargin + name_w + w * static_cast<double>(i));
    }
};

void table_row(Page& p, const Columns& c, const std::string& name, const std::vector<std::string>& cells, bool bold, bool band,
               Rgb name_colour = kInk) {
    const double h = 15;
    p.need(h);
    if (band) p.fill_rect(kMargin, p.y + 2, kWidth - 2 * kMargin, h, kBand);
    p.y += h;
    p.font(8.5, bold, name_colour);
    p.text_at(kMargin + 3, p.y - 2, name);
    p.font(8.5, bold);
    for (std::size_t i = 0; i < cells.size() && i < c.rights.size(); ++i) p.right_at(c.rights[i] - 3, p.y - 2, cells[i]);
}

void hline(Page& p, Rgb c = kRule) { p.hline(kMargin, kWidth - kMargin, p.y + 3, c); }

void member_table(Page& p, const CapeStatement& st) {
    const auto& s = st.split;
    const std::vector<std::string> head = {tr("Sales incl. VAT"), tr("Sales excl. VAT"), tr("VAT"), tr("Tickets"), tr("Own charges excl. VAT"),
                                           tr("Share of group charges"), tr("Share of the contribution"), tr("Hours"), tr("Envelope (share)")};
    const Columns c(head.size());
    // Headings wrapped to their narrow column, bottom-aligned over the figures.
    p.font(7.5, true, kGrey);
    const double col_w = c.rights[1] - c.rights[0] - 6;
    std::vector<std::vector<std::string>> lines(head.size());
    std::size_t most = 1;
    for (std::size_t i = 0; i < head.size(); ++i) {
        std::string line, word;
        for (std::size_t k = 0; k <= head[i].size(); ++k) {
            if (k < head[i].size() && head[i][k] != ' ') {
                word += head[i][k];
                continue;
            }
            const std::string tried = line.empty() ? word : line + " " + word;
            if (!line.empty() && p.width_of(tried) > col_w) lines[i].push_back(line), line = word;
            else line = tried;
            word.clear();
        }
        lines[i].push_back(line);
        most = std::max(most, lines[i].size());
    }
    const double line_h = 9.5, block = line_h * static_cast<double>(most);
    p.need(block + 20);
    p.text_at(kMargin + 3, p.y + block, tr("Member"));
    for (std::size_t i = 0; i < head.size(); ++i)
        for (std::size_t l = 0; l < lines[i].size(); ++l)
            p.right_at(c.rights[i] - 3, p.y + block - line_h * static_cast<double>(lines[i].size() - 1 - l), lines[i][l]);
    p.y += block + 2;
    hline(p, kGrey);
    std::int64_t minutes = 0;
    bool band = false;
    for (const auto& m : st.members) {
        const auto& x = m.split;
        minutes += x.minutes;
        const bool apart = x.flags.charges_exceed_sales || x.flags.no_hours;
        table_row(p, c, x.name + (apart ? " (!)" : ""),
                  {money(x.sales_ttc.value()), money(x.sales_ht.value()), money((x.sales_ttc - x.sales_ht).value()), std::to_string(m.tickets),
                   money(x.own_charges_ht.value()), money(x.group_charges.value()), money(x.contribution.value()),
                   cape::minutes_text(x.minutes), money(x.share.value())},
                  false, band, apart ? kRed : kInk);
        band = !band;
    }
    hline(p, kGrey);
    table_row(p, c, tr("Group"),
              {money(s.sales_ttc.value()), money(s.sales_ht.value()), money((s.sales_ttc - s.sales_ht).value()), std::to_string(st.tickets),
               money(s.own_charges_ht.value()), money(s.group_charges_ht.value()), money(s.contribution.value()), cape::minutes_text(minutes),
               money(s.distributable.value())},
              true, false);
}

void summary(Page& p, const CapeStatement& st) {
    const auto& s = st.split;
    p.gap(8);
    p.paragraph(tr("Sales {0} TTC, {1} HT; charges {2} HT of which group {3}; gross margin {4}", s.sales_ttc.format(), s.sales_ht.format(),
                   (s.own_charges_ht + s.group_charges_ht).format(), s.group_charges_ht.format(), s.gross_margin.format()),
                9);
    p.paragraph(tr("CAE contribution {0} ({1} fixed, months begun: {2}; {3} of the margin); distributable {4}", s.contribution.format(),
                   s.contribution_fixed.format(), s.months, s.contribution_variable.format(), s.distributable.format()),
                9, true);
    if (s.shortfall > Money{}) p.paragraph(tr("The contribution exceeds the margin by {0}: nothing to split.", s.shortfall.format()), 9, true, kRed);
    if (s.weights_fell_back_to_equal) p.paragraph(tr("Nobody has a weight under this rule: the distributable is split equally."), 9, true, kRed);
    for (const auto& m : st.members) {
        const auto& x = m.split;
        if (x.flags.charges_exceed_sales)
            p.paragraph(cape::splits_by_own_net(st.rule.rule.split)
                            ? tr("(!) {0}: charges exceed sales (own net {1}): no weight in the split by own net", x.name, x.net.format())
                            : tr("(!) {0}: charges exceed sales (own net {1})", x.name, x.net.format()),
                        9, false, kRed);
        if (x.flags.no_hours) p.paragraph(tr("(!) {0}: no hours recorded: no weight in the split by hours", x.name), 9, false, kRed);
        if (s.has_salary_estimate)
            p.paragraph(x.name + ": " + tr("salary estimate: gross {0}, net {1} (an estimate, not a payslip)", x.gross_salary_estimate.format(),
                                           x.net_salary_estimate.format()),
                        9);
    }
}

void coverage(Page& p, const CapeStatement& st) {
    p.gap(8);
    p.paragraph(tr("Coverage: the tills and records this statement counts"), 11, true);
    const auto lines = coverage_view(st);
    if (lines.empty()) p.paragraph(tr("No till in this ledger."), 9, false, kRed);
    for (const auto& l : lines) {
        const auto& c = l.terminal;
        std::string text = c.first_seq == 0
                               ? tr("Till {0}: no sale nor refund in the period", c.terminal)
                               : tr("Till {0}: records {1} to {2}, tickets {3} to {4} (tickets: {5}, refunds: {6})", c.terminal, c.first_seq,
                                    c.last_seq, c.first_ticket, c.last_ticket, c.tickets, c.refunds);
        text += "; " + tr("newest record held: seq {0} of {1}", c.held_last_seq, c.held_last_at.empty() ? "-" : c.held_last_at.substr(0, 16));
        p.paragraph(text, 9);
        if (l.bundle_may_be_missing)
            p.paragraph(tr("Till {0} stops before the others: a bundle of it may be missing; import it before the meeting.", c.terminal), 9, true, kRed);
    }
}

// Sales HT and envelope per member, side by side.
void member_bars(Page& p, const CapeStatement& st) {
    p.paragraph(tr("Sales excl. VAT and envelope per member"), 11, true);
    std::int64_t max = 0;
    for (const auto& m : st.members) max = std::max({max, m.split.sales_ht.value(), m.split.share.value()});
    const double label_w = 130, full = kWidth - 2 * kMargin - label_w - 80, bar_h = 9;
    p.gap(4);
    p.font(8, false, kBlue);
    p.text_at(kMargin + label_w, p.y + 8, "■ " + tr("Sales excl. VAT"));
    p.colour(kGreen);
    p.text_at(kMargin + label_w + 140, p.y + 8, "■ " + tr("Envelope (share)"));
    p.gap(14);
    for (const auto& m : st.members) {
        p.need(2 * bar_h + 8);
        p.font(8.5, true);
        p.text_at(kMargin, p.y + bar_h + 3, m.split.name);
        const std::int64_t values[] = {m.split.sales_ht.value(), m.split.share.value()};
        const Rgb colours[] = {kBlue, kGreen};
        for (int i = 0; i < 2; ++i) {
            // Tenths of a point from cents, then to points: the only division by a float is the last.
            const double len = static_cast<double>(bar_length(values[i], max, static_cast<std::int64_t>(full * 10))) / 10;
            p.colour(colours[i]);
            cairo_rectangle(p.cr(), kMargin + label_w, p.y, len, bar_h);
            cairo_fill(p.cr());
            p.font(7.5, false, kInk);
            p.text_at(kMargin + label_w + len + 4, p.y + bar_h - 1.5, money(values[i]));
            p.y += bar_h + 1;
        }
        p.y += 6;
    }
}

// The group's sales TTC per day, one bar a day.
void day_bars(Page& p, const CapeStatement& st) {
    const auto days = group_sales_by_day(st);
    p.need(200);
    p.gap(10);
    p.paragraph(tr("Sales incl. VAT per day"), 11, true);
    if (days.empty()) return p.paragraph(tr("No sales in this period."), 9, false, kGrey);
    std::int64_t max = 0;
    for (const auto& d : days) max = std::max(max, d.ttc);
    const double left = kMargin + 60, width = kWidth - kMargin - left, height = std::min(150.0, p.bottom() - p.y - 30);
    const double top = p.y + 8, base = top + height;
    const double step = width / static_cast<double>(days.size());
    p.font(7, false, kGrey);
    p.right_at(left - 4, top + 6, money(max));
    p.right_at(left - 4, base, money(0));
    p.colour(kRule);
    cairo_set_line_width(p.cr(), 0.6);
    cairo_move_to(p.cr(), left, top);
    cairo_line_to(p.cr(), left, base);
    cairo_line_to(p.cr(), left + width, base);
    cairo_stroke(p.cr());
    // A label every few days so that they do not overlap (about 40 points each).
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(40 / step) + 1);
    for (std::size_t i = 0; i < days.size(); ++i) {
        const double h = static_cast<double>(bar_length(days[i].ttc, max, static_cast<std::int64_t>(height * 10))) / 10;
        p.colour(kBlue);
        const double bar_w = std::min(step * 0.7, 28.0);  // one day of a week is not a wall
        cairo_rectangle(p.cr(), left + step * static_cast<double>(i) + (step - bar_w) / 2, base - h, bar_w, h);
        cairo_fill(p.cr());
        if (i % every == 0) {
            p.font(7, false, kGrey);
            const std::string label = days[i].day.substr(8, 2) + "/" + days[i].day.substr(5, 2);
            p.text_at(left + step * static_cast<double>(i) + step / 2 - p.width_of(label) / 2, base + 10, label);
        }
    }
    p.y = base + 14;
}

}  // namespace

void write_statement_pdf(const CapeStatement& st, const std::string& path, const std::string& ledger_path) {
    check_export_path(path, ledger_path);  // said before anything is drawn
    pdf::Canvas canvas(kWidth, kHeight, pdf::Metadata{tr("CAPE statement {0} to {1}", st.from, st.to), "", "", "", ""});
    Page p(canvas.cr(), kWidth, kHeight, kMargin, [](int n) { return tr("Caisse Commune: CAPE statement, page {0}", n); });

    p.paragraph(tr("CAPE statement {0} to {1}", st.from, st.to), 17, true);
    p.gap(2);
    if (st.rule.source == RuleInEffect::Source::Default) p.paragraph(tr("No rule voted yet: equal shares, no CAE contribution."), 10, true, kRed);
    else if (st.rule.source == RuleInEffect::Source::WhatIf) p.paragraph(tr("What-if: this is not the rule the group voted."), 10, true, kRed);
    p.paragraph(tr("Rule: {0}", tr(rule_description(st.rule))), 9);
    p.gap(6);
    member_table(p, st);
    summary(p, st);
    coverage(p, st);

    p.next();
    p.paragraph(tr("Charts: CAPE statement {0} to {1}", st.from, st.to), 14, true);
    p.gap(6);
    member_bars(p, st);
    day_bars(p, st);
    p.draw_footer();
    std::string bytes;
    try {
        bytes = canvas.finish();
    } catch (const std::runtime_error& e) {
        throw InputError("cannot write the PDF {0}: {1}", path, std::string(e.what()));
    }
    write_export_file(path, bytes, ledger_path);
}

}  // namespace caisse
