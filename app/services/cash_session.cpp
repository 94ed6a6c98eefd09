#include "app/services/cash_session.hpp"

#include <algorithm>

#include "app/core/text.hpp"
#include "app/services/backup.hpp"
#include "app/services/catering_revenue.hpp"
#include "app/services/parked_tickets.hpp"
#include "db/records/catering.hpp"

namespace caisse {

namespace {

void check_reason(const std::string& reason) {
    if (reason.empty() || reason.find_first_not_of(" ") == std::string::npos)
        throw InputError("a cash move needs a reason, e.g. \"{0}\"", cash_move_reasons(true).front());
    check_display_text(reason, "the reason", kMaxReasonChars);
}

Money expected_cash(const db::SessionInfo& s, const db::ClosureTotals& t) {
    return Money::cents(s.float_cents) + Money::cents(t.cash_kept()) + Money::cents(t.cash_in) - Money::cents(t.cash_out);
}

std::int64_t tender_total(const db::ClosureTotals& t, const char* method) {
    auto it = t.by_tender.find(method);
    return it == t.by_tender.end() ? 0 : it->second;
}

int fiscal_start_month(Till& till) {
    const auto v = till.ledger().setting("fiscal.year_start_month").value_or("1");
    const int m = std::atoi(v.c_str());
    return m >= 1 && m <= 12 ? m : 1;
}

// First day of the fiscal year named `year`, and of the next one ("YYYY-MM-01").
std::pair<std::string, std::string> fiscal_year_bounds(int start_month, const std::string& year) {
    const int y = std::stoi(year);
    const std::string m = (start_month < 10 ? "-0" : "-") + std::to_string(start_month) + "-01";
    return {std::to_string(y) + m, std::to_string(y + 1) + m};
}

std::string fiscal_year_of_month(int start_month, const std::string& month) {
    const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
    return std::to_string(m >= start_month ? y : y - 1);
}

// Closes every month before `month` (and every fiscal year before `year`) whose Zs are not yet
// in a closure: the day close that crosses a boundary makes them (fiscal-fr.md, "Conservation").
void close_periods_before(Till& till, const std::string& month, const std::string& year, const std::string& at) {
    auto& ledger = till.ledger();
    const int start = fiscal_start_month(till);
    const auto last_month = db::last_period_closure(ledger, "month");
    const auto days = db::day_closures_after(ledger, last_month ? last_month->last_z : 0);
    for (std::size_t i = 0; i < days.size();) {
        const std::string label = days[i].date.substr(0, 7);
        if (label >= month) break;  // the current month (or a clock gone wrong): stays open
        db::PeriodClosure c;
        c.kind = "month";
        c.period = label;
        c.first_z = days[i].z;
        c.first_day = days[i].date;
        for (; i < days.size() && days[i].date.substr(0, 7) == label; ++i) {
            c.totals.add(days[i].totals);
            c.last_z = days[i].z;
            c.last_day = days[i].date;
            c.grand_total = days[i].grand_total;
            c.grand_total_abs = days[i].grand_total_abs;
            ++c.days;
        }
        db::record_period_closure(ledger, c, at);
    }
    const auto last_year = db::last_period_closure(ledger, "year");
    const std::int64_t covered = last_year ? last_year->last_z : 0;
    std::vector<db::PeriodClosure> months;
    for (auto& m : db::month_closures_after(ledger, 0))
        if (m.first_z > covered) months.push_back(std::move(m));
    for (std::size_t i = 0; i < months.size();) {
        const std::string label = fiscal_year_of_month(start, months[i].period);
        if (label >= year) break;
        db::PeriodClosure c;
        c.kind = "year";
        c.period = label;
        c.first_z = months[i].first_z;
        c.first_day = months[i].first_day;
        for (; i < months.size() && fiscal_year_of_month(start, months[i].period) == label; ++i) {
            c.totals.add(months[i].totals);
            c.last_z = months[i].last_z;
            c.last_day = months[i].last_day;
            c.grand_total = months[i].grand_total;
            c.grand_total_abs = months[i].grand_total_abs;
            c.days += months[i].days;
        }
        db::record_period_closure(ledger, c, at);
    }
}

}  // namespace

std::vector<std::string> cash_move_reasons(bool out) {
    if (out) return {"achat ingrédients", "achat fournitures", "dépôt en banque", "remboursement de frais", "autre"};
    return {"complément de fonds de caisse", "apport", "autre"};
}

std::string fiscal_year_of(Till& till, const std::string& date) {
    return fiscal_year_of_month(fiscal_start_month(till), date.substr(0, 7));
}

std::int64_t open_cash_session(Till& till, const Actor& by, const OpenSessionRequest& request) {
    const Money float_cash = request.float_amount ? *request.float_amount : request.count.total();
    if (request.float_amount && !request.count.empty())
        throw InputError("give the float either counted by denomination or as one amount, not both");
    if (float_cash < Money()) throw InputError("the opening float cannot be negative");
    if (float_cash.value() > kMaxDrawerCents)
        throw InputError("a float of {0} is above {1}: check the count", float_cash.format(), Money::cents(kMaxDrawerCents).format());
    const User user = till.authorise(by, Role::Manager, "open a session");
    std::int64_t id = 0;
    till.ledger().write([&] {
        till.journal_override(by, Role::Manager, "open a session", "float " + float_cash.format());
        if (auto s = db::open_session_of(till.ledger()))
            throw InputError("session {0} of {1} is still open on this till: close it first (caisse close)", s->id, s->day);
        id = db::record_session_open(till.ledger(), user.id, float_cash.value(), request.count.pieces(), till.today(),
                                     till.now_utc());
    });
    return id;
}

db::CashMoveRecord record_cash_move(Till& till, const Actor& by, const CashMoveRequest& request) {
    if (request.amount <= Money()) throw InputError("a cash move must be more than zero");
    if (request.amount.value() > kMaxDrawerCents)
        throw InputError("a cash move of {0} is above {1}: check the amount", request.amount.format(),
                         Money::cents(kMaxDrawerCents).format());
    check_reason(request.reason);
    const char* action = request.out ? "take cash out" : "put cash in";
    const User user = till.authorise(by, Role::Manager, action);
    db::CashMoveRecord move;
    till.ledger().write([&] {
        std::optional<std::int64_t> entrepreneur;
        if (request.entrepreneur) {
            entrepreneur = db::entrepreneur_id(till.ledger(), *request.entrepreneur);
            if (!entrepreneur) throw InputError("unknown entrepreneur \"{0}\"", *request.entrepreneur);
        }
        move = cash_move_in_commit(till, user, request.out, request.amount, request.reason, entrepreneur);
        till.journal_override(by, Role::Manager, action, request.amount.format());
    });
    return move;
}

db::CashMoveRecord cash_move_in_commit(Till& till, const User& user, bool out, Money amount, const std::string& reason,
                                       std::optional<std::int64_t> entrepreneur) {
    auto& ledger = till.ledger();
    const auto session = db::open_session_of(ledger);
    if (!session) throw InputError("no session is open on this till: open one with caisse session open");
    if (out) {
        const Money drawer = expected_cash(*session, db::session_totals(ledger, session->id));
        if (amount > drawer)
            throw InputError("the drawer should hold {0}: a cash out of {1} is more than that", drawer.format(), amount.format());
    }
    db::CashMoveRecord move;
    move.session = session->id;
    move.user = user.id;
    move.amount = out ? -amount.value() : amount.value();
    move.reason = reason;
    move.entrepreneur = entrepreneur;
    db::record_cash_move(ledger, move, till.now_utc());
    return move;
}

XReport x_report(Till& till) {
    XReport x;
    auto& ledger = till.ledger();
    // One read transaction: the totals and the moves are of one moment even while another process sells.
    ledger.db().exec("BEGIN");
    try {
        const auto session = db::open_session_of(ledger);
        if (!session) throw InputError("no session is open on this till: there is nothing to report");
        x.session = *session;
        x.totals = db::session_totals(ledger, session->id);
        std::tie(x.first_ticket, x.last_ticket) = db::session_ticket_range(ledger.db(), ledger.terminal(), session->id);
        x.expected_cash = expected_cash(*session, x.totals);
        x.cash_moves = db::cash_moves_of_session(ledger, session->id);
        ledger.db().exec("COMMIT");
    } catch (...) {
        ledger.db().exec("ROLLBACK");
        throw;
    }
    return x;
}

bool CloseCheck::balanced() const {
    return cash_over_short == Money() && (!card_over_short || *card_over_short == Money()) &&
           (!voucher_over_short || *voucher_over_short == Money());
}

namespace {
CloseCheck compare(const db::SessionInfo& session, const db::ClosureTotals& totals, const CloseRequest& request) {
    CloseCheck c;
    c.expected_cash = expected_cash(session, totals);
    c.counted_cash = request.count.total();
    c.cash_over_short = c.counted_cash - c.expected_cash;
    c.card_expected = Money::cents(tender_total(totals, "card"));
    // The voucher stack holds the vouchers' face value: what paid the sales plus what they exceeded them by.
    c.voucher_expected = Money::cents(tender_total(totals, "voucher") + totals.voucher_excess);
    if (request.card_declared) c.card_over_short = *request.card_declared - c.card_expected;
    if (request.voucher_declared) c.voucher_over_short = *request.voucher_declared - c.voucher_expected;
    return c;
}

void check_declared(const CloseRequest& request) {
    if (request.count.total().value() > kMaxDrawerCents)
        throw InputError("a count of {0} is above {1}: check the count", request.count.total().format(),
                         Money::cents(kMaxDrawerCents).format());
    // A card batch may be negative: card refunds of the day can exceed its card sales. Vouchers are
    // never given back (refunds refuse them), so their stack cannot be.
    if (const auto& d = request.card_declared; d && (d->value() < -kMaxDrawerCents * 10 || d->value() > kMaxDrawerCents * 10))
        throw InputError("{0} is not a plausible batch total", d->format());
    if (const auto& d = request.voucher_declared; d && (*d < Money() || d->value() > kMaxDrawerCents * 10))
        throw InputError("{0} is not a plausible batch total", d->format());
    if (request.counts < 1 || request.counts > 9) throw InputError("the drawer was counted {0} times: 1 to 9", request.counts);
    if (request.note.find_first_not_of(" \n") != std::string::npos)
        check_display_text(request.note, "the note", kMaxNoteChars, TextLines::multi);
}
}  // namespace

CloseCheck check_close(Till& till, const CloseRequest& request) {
    check_declared(request);
    auto& ledger = till.ledger();
    const auto session = db::open_session_of(ledger);
    if (!session) throw InputError("no session is open on this till: there is nothing to close");
    refuse_close_with_paid_parked(till);
    return compare(*session, db::session_totals(ledger, session->id), request);
}

db::DayClosure close_day(Till& till, const Actor& by, const CloseRequest& request) {
    check_declared(request);
    const User user = till.authorise(by, Role::Manager, "close the day");
    db::DayClosure z;
    till.ledger().write([&] {
        till.journal_override(by, Role::Manager, "close the day", "");
        auto& ledger = till.ledger();
        const auto session = db::open_session_of(ledger);
        if (!session) throw InputError("no session is open on this till: there is nothing to close");
        refuse_close_with_paid_parked(till);
        z.totals = db::session_totals(ledger, session->id);
        const CloseCheck check = compare(*session, z.totals, request);
        if (!check.balanced() && request.note.find_first_not_of(" ") == std::string::npos) {
            if (check.cash_over_short != Money())
                throw InputError("counted cash {0} differs from the expected {1} by {2}: count again; if the count is right, "
                                 "close with a note that explains the difference",
                                 check.counted_cash.format(), check.expected_cash.format(), check.cash_over_short.format());
            throw InputError("the card or voucher total typed differs from the sales (card {0}, vouchers {1}): check the "
                             "batch; if it is right, close with a note that explains the difference",
                             check.card_expected.format(), check.voucher_expected.format());
        }
        const std::string at = till.now_utc();
        z.session = session->id;
        z.closed_by = user.id;
        z.date = session->day;
        z.opened_at = session->opened_at;
        z.month = z.date.substr(0, 7);
        z.year = fiscal_year_of(till, z.date);
        close_periods_before(till, z.month, z.year, at);

        std::tie(z.first_ticket, z.last_ticket) = db::session_ticket_range(ledger.db(), ledger.terminal(), session->id);
        z.float_cents = session->float_cents;
        z.expected_cash = check.expected_cash.value();
        z.counted_cash = check.counted_cash.value();
        z.over_short = check.cash_over_short.value();
        z.count = request.count.pieces();
        if (request.card_declared) z.card_declared = request.card_declared->value();
        if (request.voucher_declared) z.voucher_declared = request.voucher_declared->value();
        z.counts = request.counts;
        z.note = request.note;
        z.cash_moves = db::cash_moves_of_session(ledger, session->id);
        const std::int64_t last = ledger.last_seq();
        z.clock_backwards = db::clock_steps_back(ledger, session->seq, last);
        {
            auto st = ledger.db().prepare("SELECT at_utc FROM journal WHERE terminal = ?1 AND seq = ?2");
            st.bind(1, ledger.terminal()).bind(2, last);
            if (st.step() && at < st.text(0)) z.clock_backwards.push_back(db::ClockStep{last + 1, at, st.str(0)});
        }
        const auto previous = db::last_day_closure(ledger);
        z.grand_total = (previous ? previous->grand_total : 0) + z.totals.total;
        z.grand_total_abs = (previous ? previous->grand_total_abs : 0) + z.totals.total_abs;
        z.month_total = (previous && previous->month == z.month ? previous->month_total : 0) + z.totals.total;
        z.year_total = (previous && previous->year == z.year ? previous->year_total : 0) + z.totals.total;
        db::record_day_closure(ledger, z, at);
    });
    // After the commit, off this thread: a copy of the ledger to the backup folder (issue 9, item 7).
    start_backup_after_z(till);
    return z;
}

namespace {
// A Z's payload lists its cash moves by seq; readers get them whole, from the session.
db::DayClosure with_moves(Till& till, db::DayClosure z) {
    z.cash_moves = db::cash_moves_of_session(till.ledger(), z.session);
    return z;
}
db::DayClosure find_z_record(Till& till, std::optional<std::int64_t> number, const std::optional<std::string>& date);
}  // namespace

db::DayClosure find_z(Till& till, std::optional<std::int64_t> number, const std::optional<std::string>& date) {
    return with_moves(till, find_z_record(till, number, date));
}

namespace {
db::DayClosure find_z_record(Till& till, std::optional<std::int64_t> number, const std::optional<std::string>& date) {
    auto& ledger = till.ledger();
    if (number) {
        auto z = db::day_closure(ledger, *number);
        if (!z) throw InputError("there is no Z number {0} on this till", *number);
        return *z;
    }
    if (date) {
        check_date(*date);
        auto zs = db::day_closures_on(ledger, *date);
        if (zs.empty()) throw InputError("no Z was made for {0}", *date);
        return zs.back();
    }
    auto z = db::last_day_closure(ledger);
    if (!z) throw InputError("no day has been closed on this till yet (caisse close)");
    return *z;
}
}  // namespace

PeriodReport period_report(Till& till, const std::optional<std::string>& month, const std::optional<std::string>& year) {
    PeriodReport r;
    auto& ledger = till.ledger();
    std::string from, to;
    if (month) {
        bool ok = month->size() == 7 && (*month)[4] == '-';
        if (ok) {
            try {
                check_date(*month + "-01");
            } catch (const InputError&) {
                ok = false;
            }
        }
        if (!ok) throw InputError("month \"{0}\" is not YYYY-MM, e.g. 2026-11", *month);
        r.closure.kind = "month";
        r.closure.period = *month;
        from = *month + "-01";
        to = *month + "-99";
    } else if (year) {
        if (year->size() != 4 || year->find_first_not_of("0123456789") != std::string::npos)
            throw InputError("year \"{0}\" is not YYYY", *year);
        r.closure.kind = "year";
        r.closure.period = *year;
        std::tie(from, to) = fiscal_year_bounds(fiscal_start_month(till), *year);
    } else {
        throw InputError("say which period: --month YYYY-MM or --year YYYY");
    }
    for (const auto& [who, amounts] : invoiced_revenue(ledger.db(), from, to)) {
        r.invoiced_ht += amounts.ht;
        r.invoiced_vat += amounts.vat;
    }
    r.invoices = static_cast<std::int64_t>(db::invoices_between(ledger.db(), from, to).size());
    auto closed = db::period_closures(ledger, r.closure.kind, r.closure.period);
    if (!closed.empty()) {
        r.closure = closed.back();
        r.closed = true;
        return r;
    }
    for (const auto& z : db::day_closures_between(ledger, from, to)) {
        if (r.closure.days == 0) {
            r.closure.first_z = z.z;
            r.closure.first_day = z.date;
        }
        r.closure.totals.add(z.totals);
        r.closure.last_z = z.z;
        r.closure.last_day = z.date;
        r.closure.grand_total = z.grand_total;
        r.closure.grand_total_abs = z.grand_total_abs;
        ++r.closure.days;
    }
    return r;
}

}  // namespace caisse
