#include "db/verify.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"
#include "app/core/tender.hpp"
#include "app/core/text.hpp"
#include "db/canonical_json.hpp"
#include "db/journal.hpp"
#include "db/ledger.hpp"
#include "db/migrations.hpp"
#include "db/sha256_batch.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

namespace {

using nlohmann::json;

// Kinds other than sale that verify knows: the small projected kinds and the closures.
bool known_other_kind(std::string_view k) {
    if (k == kind::genesis || k == kind::closure_day || k == kind::closure_month || k == kind::closure_year) return true;
    for (const auto& p : projected_kinds())
        if (p.kind == k) return true;
    return false;
}

// Enough to find the first broken record even when a whole range is damaged; sorted afterwards.
constexpr std::size_t kMaxProblems = 100000;

class Problems {
public:
    // rank orders problems of the same record: the chain's verdict (0) before the projections' (1).
    void add(const std::string& terminal, std::int64_t seq, Message reason, int rank = 0) {
        std::lock_guard lock(mu_);
        if (list_.size() < kMaxProblems) {
            std::string english = reason.english();
            list_.push_back({{terminal, seq, std::move(english), std::move(reason)}, rank});
        }
    }
    void add(const std::string& terminal, std::int64_t seq, const char* reason, int rank = 0) {
        add(terminal, seq, Message{reason, {}}, rank);
    }
    std::vector<VerifyProblem> sorted() {
        std::lock_guard lock(mu_);
        // Problems tied to a record come first, in chain order; ledger-wide ones (seq 0) after them.
        std::stable_sort(list_.begin(), list_.end(), [](const Ranked& a, const Ranked& b) {
            return std::make_tuple(a.p.seq == 0, a.p.terminal, a.p.seq, a.rank) <
                   std::make_tuple(b.p.seq == 0, b.p.terminal, b.p.seq, b.rank);
        });
        std::vector<VerifyProblem> out;
        for (auto& r : list_) out.push_back(r.p);
        return out;
    }

private:
    struct Ranked {
        VerifyProblem p;
        int rank;
    };
    std::mutex mu_;
    std::vector<Ranked> list_;
};

std::unique_ptr<Database> open_read(const std::string& path) {
    auto db = std::make_unique<Database>(path, Database::Mode::ReadOnly);
    db->exec("PRAGMA query_only=ON");
    db->exec("PRAGMA mmap_size=8589934592");  // scans read pages in place instead of copying them
    return db;
}

// Points at the first place two JSON values differ, with both values, for an auditor to act on.
std::string first_difference(const json& a, const json& b, const std::string& path = "") {
    const std::string here = path.empty() ? "(root)" : path;
    auto join = [&](const std::string& k) { return path.empty() ? k : path + "." + k; };
    if (a.type() == b.type() && a.is_object()) {
        std::set<std::string> keys;
        for (auto& [k, v] : a.items()) keys.insert(k);
        for (auto& [k, v] : b.items()) keys.insert(k);
        for (const auto& k : keys) {
            if (!a.contains(k)) return join(k) + " (only in the journal)";
            if (!b.contains(k)) return join(k) + " (only in the projection)";
            if (a[k] != b[k]) return first_difference(a[k], b[k], join(k));
        }
    } else if (a.type() == b.type() && a.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return first_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
    } else if (a.is_array() && b.is_array()) {
        return here + " (projection has " + std::to_string(a.size()) + " rows, journal " + std::to_string(b.size()) + ")";
    }
    return here + " (projection " + a.dump() + ", journal " + b.dump() + ")";
}

Message describe_mismatch(const std::string& projection, const std::string& journal, const std::string& table) {
    try {
        return Message{"projection ({0}) differs from the journal payload at {1}",
                       {table, first_difference(json::parse(projection), json::parse(journal))}};
    } catch (const std::exception&) {
        return Message{"projection ({0}) differs from the journal payload (payload is not valid JSON)", {table}};
    }
}

Hash to_hash(std::string_view b) {
    Hash h{};
    if (b.size() == 32) std::copy(b.begin(), b.end(), h.begin());
    return h;
}

// The numbers of a sale that its rules are about, gathered while its payload is rebuilt.
struct SaleNumbers {
    struct Line {
        std::int64_t qty, unit, disc, share, total, vat;
    };
    struct Pay {
        bool cash, known;
        std::int64_t amount;
    };
    std::int64_t discount = 0, total = 0, change = 0;
    std::vector<Line> lines;
    std::vector<Pay> payments;
    std::vector<VatRecord> vat;
    void clear() {
        lines.clear();
        payments.clear();
        vat.clear();
    }
};

// The arithmetic every ticket obeys (docs/ledger-format.md, "sale"). A chain rewritten without the
// key still has to get all of this right.
std::optional<Message> sale_rule_broken(const SaleNumbers& s) {
    // 128-bit sums: the values come from the file and may be absurd.
    __int128 total = 0, shares = 0, cash = 0, non_cash = 0;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& l = s.lines[i];
        if (l.qty <= 0 || l.unit < 0 || l.disc < 0 || l.share < 0 || l.total < 0)
            return Message{"line {0}: negative or zero amount", {i + 1}};
        if (l.total != static_cast<__int128>(l.qty) * l.unit - l.disc - l.share)
            return Message{"line {0}: total is not qty * unit - disc - share", {i + 1}};
        total += l.total;
        shares += l.share;
    }
    if (s.lines.empty()) return Message{"no lines", {}};
    if (total != s.total) return Message{"line totals do not add up to the ticket total", {}};
    if (shares != s.discount) return Message{"discount shares do not add up to the discount", {}};
    // s.vat is rebuilt from the lines by the rule (see SaleProjection::check), so the rates match.
    for (const auto& p : s.payments) {
        if (!p.known) return Message{"unknown payment method", {}};
        if (p.amount <= 0) return Message{"payment of zero or less", {}};
        (p.cash ? cash : non_cash) += p.amount;
    }
    if (cash + non_cash - s.change != static_cast<__int128>(s.total)) return Message{"payments minus change do not equal the total", {}};
    if (s.change < 0 || s.change > cash) return Message{"change is not covered by cash", {}};
    if (non_cash > s.total) return Message{"non-cash payments exceed the total", {}};
    return std::nullopt;
}

// What one worker saw of one terminal's chain within its rowid range.
struct Span {
    bool empty = true;
    Hash first_prev{}, last_hash{};
    std::int64_t first_seq = 0, last_seq = 0, first_ticket = 0, last_ticket = 0;
};

// A record of a small kind, kept from the chain scan for the catalogue and people check.
struct OtherRecord {
    std::string terminal;
    std::int64_t seq;
    std::string kind, payload;
};

std::int64_t ticket_of(std::string_view payload) {
    // The top-level "ticket" comes after every string field, so the last occurrence is the right one.
    const auto at = payload.rfind(",\"ticket\":");
    std::int64_t t = 0;
    if (at == std::string_view::npos) return 1;
    for (std::size_t i = at + 10; i < payload.size() && payload[i] >= '0' && payload[i] <= '9' && t < 1'000'000'000'000; ++i)
        t = t * 10 + (payload[i] - '0');
    return t > 0 ? t : 1;
}

// Walks the sale projections of one terminal in ticket order beside the journal's sale records, and
// rebuilds each payload from its rows for a byte-for-byte comparison.
class SaleProjection {
public:
    SaleProjection(Database& db, const std::string& terminal, std::int64_t from_ticket, Problems& problems)
        : terminal_(terminal),
          problems_(problems),
          sales_(db.prepare("SELECT ticket, seq, session_id, user_id, day, discount, total, change FROM sales "
                            "WHERE terminal = ?1 AND ticket >= ?2 ORDER BY ticket")),
          lines_(db.prepare("SELECT ticket, sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, "
                            "line_discount, discount_share, total, line_no FROM sale_lines "
                            "WHERE terminal = ?1 AND ticket >= ?2 ORDER BY ticket, line_no")),
          pays_(db.prepare("SELECT ticket, method, amount, idx FROM sale_payments WHERE terminal = ?1 AND ticket >= ?2 "
                           "ORDER BY ticket, idx")) {
        for (Statement* st : {&sales_, &lines_, &pays_}) st->bind(1, terminal).bind(2, from_ticket);
        s_ok_ = sales_.step();
        l_ok_ = lines_.step();
        p_ok_ = pays_.step();
    }

    // Checks the journal's sale record at seq against its projection rows.
    void check(std::int64_t seq, std::string_view payload) {
        while (s_ok_ && sales_.i64(1) < seq) {
            problems_.add(terminal_, sales_.i64(1),
                          Message{"sales projection for ticket {0} points at seq {1}, which is not a sale record",
                                  {sales_.i64(0), sales_.i64(1)}});
            skip_sale();
        }
        if (!s_ok_ || sales_.i64(1) > seq) {
            problems_.add(terminal_, seq, "sale record has no row in the sales projection");
            return;
        }
        const std::int64_t ticket = sales_.i64(0);
        nums_.clear();
        nums_.discount = sales_.i64(5);
        nums_.total = sales_.i64(6);
        nums_.change = sales_.i64(7);
        drop_orphans(ticket);
        rebuilt_.clear();
        bool text_ok = true;
        SalePayloadWriter w(rebuilt_);
        w.header(nums_.change, sales_.text(4), nums_.discount);
        for (; l_ok_ && lines_.i64(0) == ticket; l_ok_ = lines_.step()) {
            SaleNumbers::Line l{lines_.i64(6), lines_.i64(7), lines_.i64(8), lines_.i64(9), lines_.i64(10), lines_.i64(5)};
            const std::string_view name = lines_.text(2), sku = lines_.text(1);
            if (!valid_utf8_text(name) || !valid_utf8_text(sku)) text_ok = false;  // canonical JSON holds text only
            w.line(lines_.i64(4), l.disc, lines_.i64(3), name, l.qty, l.share, sku, l.total, l.unit, l.vat);
            nums_.lines.push_back(l);
        }
        w.payments();
        for (; p_ok_ && pays_.i64(0) == ticket; p_ok_ = pays_.step()) {
            const std::string_view method = pays_.text(1);
            const std::int64_t amount = pays_.i64(2);
            w.payment(amount, method);
            nums_.payments.push_back({method == "cash", parse_method(method).has_value(), amount});
        }
        w.footer(sales_.i64(2), ticket, nums_.total, sales_.i64(3));
        // The VAT table is not projected: it is what the VAT rule makes of the lines, by rate.
        bool in_range = true;
        if (!text_ok) problems_.add(terminal_, seq, "payload is not canonical JSON");
        for (const auto& l : nums_.lines) {
            auto it = std::find_if(nums_.vat.begin(), nums_.vat.end(), [&](const VatRecord& v) { return v.rate == l.vat; });
            if (it == nums_.vat.end()) nums_.vat.push_back(VatRecord{l.vat, 0, 0, l.total});
            else if (__builtin_add_overflow(it->ttc, l.total, &it->ttc)) in_range = false;
        }
        std::sort(nums_.vat.begin(), nums_.vat.end(), [](const VatRecord& a, const VatRecord& b) { return a.rate < b.rate; });
        for (auto& v : nums_.vat) {
            if (v.rate < 0 || v.rate > 10000 || v.ttc > Money::kMax || v.ttc < -Money::kMax) {
                in_range = false;
                break;
            }
            v.vat = div_round_half_up(static_cast<__int128>(v.ttc) * v.rate, 10000 + v.rate);
            v.ht = v.ttc - v.vat;
            w.vat(v.ht, v.rate, v.ttc, v.vat);
        }
        w.finish();
        if (!in_range) {
            problems_.add(terminal_, seq, "sale amounts or VAT rates are out of range", 1);
            s_ok_ = sales_.step();
            return;
        }
        if (last_ticket_ != 0 && ticket != last_ticket_ + 1)
            problems_.add(terminal_, seq, Message{"ticket numbers jump from {0} to {1}", {last_ticket_, ticket}});
        if (first_ticket_ == 0) first_ticket_ = ticket;
        last_ticket_ = ticket;
        if (rebuilt_ != payload)
            problems_.add(terminal_, seq,
                          describe_mismatch(rebuilt_, std::string(payload), "sales, sale_lines, sale_payments; VAT by the rule"), 1);
        else if (auto broken = sale_rule_broken(nums_))
            problems_.add(terminal_, seq, Message{"sale breaks the ticket rules: {0}", {MessageArg(*broken)}}, 1);
        s_ok_ = sales_.step();
    }

    // Rows left over: within this range they point at records that are not sales; after the last
    // range of the terminal they belong to no record at all.
    void finish(std::int64_t range_last, bool last_of_terminal) {
        while (s_ok_ && (last_of_terminal || sales_.i64(1) <= range_last)) {
            problems_.add(terminal_, sales_.i64(1),
                          Message{"sales projection for ticket {0} has no sale record at seq {1}", {sales_.i64(0), sales_.i64(1)}});
            skip_sale();
        }
        if (last_of_terminal) drop_orphans(std::numeric_limits<std::int64_t>::max());
    }

    std::int64_t first_ticket() const { return first_ticket_; }
    std::int64_t last_ticket() const { return last_ticket_; }

private:
    void skip_sale() {
        const std::int64_t t = sales_.i64(0);
        drop_orphans(t);
        for (; l_ok_ && lines_.i64(0) == t; l_ok_ = lines_.step()) {}
        for (; p_ok_ && pays_.i64(0) == t; p_ok_ = pays_.step()) {}
        s_ok_ = sales_.step();
    }
    // Child rows of tickets before `ticket` that no sales row claimed.
    void drop_orphans(std::int64_t ticket) {
        auto drop = [&](Statement& st, bool& ok, const char* table) {
            for (; ok && st.i64(0) < ticket; ok = st.step())
                problems_.add(terminal_, 0, Message{"{0} row for ticket {1} has no sale", {table, st.i64(0)}});
        };
        drop(lines_, l_ok_, "sale_lines");
        drop(pays_, p_ok_, "sale_payments");
    }

    std::string terminal_;
    Problems& problems_;
    Statement sales_, lines_, pays_;
    bool s_ok_ = false, l_ok_ = false, p_ok_ = false;
    std::int64_t first_ticket_ = 0, last_ticket_ = 0;
    std::string rebuilt_;
    SaleNumbers nums_;
};

struct RangeResult {
    std::map<std::string, Span> spans;
    std::int64_t bytes = 0, records = 0;
    std::vector<OtherRecord> others;
};

// Checks the records stored in one rowid range, in storage order. A till writes each chain in seq
// order, and imports append in seq order, so within a terminal rowid order is seq order: a record
// out of place there has been moved. Checks hashes, links, gaps, signatures, and the sale
// projections of the sales in the range; records of other kinds are handed back for later.
RangeResult check_rowid_range(const std::string& path, std::int64_t from, std::int64_t to,
                              const std::map<std::string, PublicKey>& keys, Problems& problems) {
    auto db = open_read(path);
    auto st = db->prepare(
        "SELECT terminal, seq, kind, at_utc, payload, prev_hash, hash, sig FROM journal "
        "WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid");
    st.bind(1, from).bind(2, to);
    struct State {
        std::string terminal;
        Span* span = nullptr;
        const PublicKey* key = nullptr;
        std::optional<SaleProjection> sales;
    };
    RangeResult result;
    std::map<std::string, State> states;
    State* cur = nullptr;
    // Hashes are checked in batches, eight records per SIMD lane set (see sha256_batch.hpp).
    struct Pending {
        const std::string* terminal;
        std::int64_t seq;
        Hash stored;
    };
    struct BatchSink {
        Sha256Batch& batch;
        bool started = false;
        void update(const void* p, std::size_t n) {
            if (started) batch.extend(p, n);
            else { batch.add(p, n); started = true; }
        }
    };
    Sha256Batch batch;
    std::vector<Pending> pending;
    auto check_hashes = [&] {
        batch.run();
        for (std::size_t i = 0; i < pending.size(); ++i)
            if (batch.digest(i) != pending[i].stored)
                problems.add(*pending[i].terminal, pending[i].seq,
                             "hash mismatch: the record's content was changed after it was written");
        batch.clear();
        pending.clear();
    };
    while (st.step()) {
        const std::string_view terminal = st.text(0);
        if (!cur || cur->terminal != terminal) {
            const std::string t(terminal);
            cur = &states[t];
            if (!cur->span) {
                cur->terminal = t;
                cur->span = &result.spans[t];
                auto k = keys.find(t);
                cur->key = k == keys.end() ? nullptr : &k->second;
            }
        }
        Span& span = *cur->span;
        const std::string& term = cur->terminal;
        const std::int64_t seq = st.i64(1);
        const std::string_view kind = st.text(2), at = st.text(3), payload = st.text(4);
        const std::string_view prev = st.blob(5), stored = st.blob(6), sig = st.blob(7);
        if (span.empty) {
            span.empty = false;
            span.first_seq = seq;
            span.first_prev = to_hash(prev);
        } else {
            if (seq > span.last_seq + 1)
                problems.add(term, span.last_seq + 1,
                             Message{"record missing: the chain jumps from seq {0} to {1}", {span.last_seq, seq}});
            else if (seq <= span.last_seq)
                problems.add(term, seq, Message{"record out of place: stored after seq {0}", {span.last_seq}});
            if (prev.size() != 32 || to_hash(prev) != span.last_hash)
                problems.add(term, seq, "prev_hash does not match the hash of the record before it (deleted, inserted or reordered)");
        }
        if (prev.size() != 32 || stored.size() != 32) {
            problems.add(term, seq, "malformed hash column");
        } else {
            BatchSink sink{batch};
            write_framing(sink, reinterpret_cast<const std::uint8_t*>(prev.data()), term, seq, kind, at, payload);
            pending.push_back(Pending{&cur->terminal, seq, to_hash(stored)});
            if (pending.size() == 1024) check_hashes();
        }
        if (is_signed_kind(kind)) {
            if (!cur->key || !verify_signature(*cur->key, to_hash(stored), sig))
                problems.add(term, seq, Message{"signature of the {0} record is missing or invalid", {kind}});
        } else if (!sig.empty()) {
            problems.add(term, seq, Message{"record of unsigned kind {0} carries a signature", {kind}});
        }
        if (kind == kind::sale) {
            if (!cur->sales) cur->sales.emplace(*db, term, ticket_of(payload), problems);
            cur->sales->check(seq, payload);
        } else {
            if (!known_other_kind(kind))
                problems.add(term, seq, Message{"unknown record kind {0}", {kind}});
            if (!is_canonical_json(payload)) problems.add(term, seq, "payload is not canonical JSON");
            result.others.push_back(OtherRecord{term, seq, std::string(kind), std::string(payload)});
        }
        result.bytes += static_cast<std::int64_t>(32 + 4 + term.size() + 8 + 4 + kind.size() + 4 + at.size() + 4 + payload.size());
        span.last_hash = to_hash(stored);
        span.last_seq = seq;
        ++result.records;
    }
    check_hashes();
    for (auto& [t, state] : states) {
        if (!state.sales) continue;
        state.sales->finish(state.span->last_seq, false);
        state.span->first_ticket = state.sales->first_ticket();
        state.span->last_ticket = state.sales->last_ticket();
    }
    return result;
}

// Sale projection rows after a terminal's last sale record belong to no record.
// Sale projection rows outside the tickets the chain scan matched belong to no record, except
// sales committed after verify took its snapshot of the journal (a till may keep selling).
void check_projection_tail(Database& db, const std::string& terminal, std::int64_t first_ticket, std::int64_t last_ticket,
                           std::int64_t last_seq, Problems& problems) {
    if (first_ticket == 0) first_ticket = last_ticket + 1;  // no sale matched: every row is outside
    auto later = db.prepare("SELECT 1 FROM journal WHERE terminal = ?1 AND seq = ?2 AND kind = 'sale'");
    // Two range scans on the primary key (an OR would scan the whole table).
    auto sales = db.prepare("SELECT ticket, seq FROM sales WHERE terminal = ?1 AND ticket < ?3 "
                            "UNION ALL SELECT ticket, seq FROM sales WHERE terminal = ?1 AND ticket > ?2");
    sales.bind(1, terminal).bind(2, last_ticket).bind(3, first_ticket);
    std::set<std::int64_t> after_snapshot;
    while (sales.step()) {
        const std::int64_t ticket = sales.i64(0), seq = sales.i64(1);
        if (ticket > last_ticket && seq > last_seq) {
            later.bind(1, terminal).bind(2, seq);
            const bool recorded = later.step();
            later.reset();
            if (recorded) {
                after_snapshot.insert(ticket);
                continue;
            }
        }
        problems.add(terminal, seq, Message{"sales projection for ticket {0} has no sale record at seq {1}", {ticket, seq}});
    }
    for (const char* table : {"sale_lines", "sale_payments"}) {
        auto rows = db.prepare(std::string("SELECT DISTINCT ticket FROM ") + table + " WHERE terminal = ?1 AND ticket < ?3 " +
                               "UNION SELECT DISTINCT ticket FROM " + table + " WHERE terminal = ?1 AND ticket > ?2");
        rows.bind(1, terminal).bind(2, last_ticket).bind(3, first_ticket);
        while (rows.step())
            if (!after_snapshot.count(rows.i64(0)))
                problems.add(terminal, 0, Message{"{0} row for ticket {1} has no sale", {table, rows.i64(0)}});
    }
}

// Terminals that have projection rows but no chain: their rows are checked by nothing else.
void check_unknown_terminals(Database& db, const std::vector<std::string>& chained, Problems& problems) {
    for (const char* table : {"sales", "sale_lines", "sale_payments"}) {
        // A skip scan over the primary key: one probe per distinct terminal.
        auto next = db.prepare(std::string("SELECT terminal FROM ") + table + " WHERE terminal > ?1 ORDER BY terminal LIMIT 1");
        std::string after;
        for (;;) {
            next.bind(1, after);
            if (!next.step()) break;
            after = next.str(0);
            next.reset();
            if (std::find(chained.begin(), chained.end(), after) == chained.end())
                problems.add(after, 0, Message{"{0} rows of terminal {1}, which has no chain", {table, after}});
        }
    }
}

// The small projections: rebuilt as JSON from each row, compared with the record it came from.
void check_catalogue_and_people(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    const auto& tables = projected_kinds();
    auto later = db.prepare("SELECT 1 FROM journal WHERE terminal = ?1 AND seq = ?2 AND kind = ?3");
    std::map<std::pair<std::string, std::int64_t>, const OtherRecord*> by_key;
    for (const auto& r : others) by_key[{r.terminal, r.seq}] = &r;
    for (const auto& t : tables) {
        std::set<std::pair<std::string, std::int64_t>> seen;
        auto rows = db.prepare(t.sql);
        while (rows.step()) {
            const std::string terminal = rows.str(0);
            const std::int64_t seq = rows.i64(1);
            seen.emplace(terminal, seq);
            auto it = by_key.find({terminal, seq});
            if (it == by_key.end()) {
                // Not seen by the scan: fine only if written after verify's snapshot of the journal.
                later.bind(1, terminal).bind(2, seq).bind(3, t.kind);
                const bool recorded = later.step();
                later.reset();
                if (recorded) continue;
            }
            if (it == by_key.end() || it->second->kind != t.kind) {
                problems.add(terminal, seq, Message{"projection row points at seq {0}, which is not a {1} record", {seq, t.kind}});
                continue;
            }
            std::string rebuilt;
            try {
                rebuilt = canonical_json(t.payload(db, rows));
            } catch (const std::invalid_argument&) {  // bytes that are not UTF-8 text (found by fuzz_verify_ledger)
                problems.add(terminal, seq, Message{"{0} projection row holds bytes that are not UTF-8 text", {t.kind}});
                continue;
            }
            if (rebuilt != it->second->payload)
                problems.add(terminal, seq, describe_mismatch(rebuilt, it->second->payload, std::string(t.kind)));
        }
        for (const auto& r : others)
            if (r.kind == t.kind && !seen.count({r.terminal, r.seq}))
                problems.add(r.terminal, r.seq, Message{"{0} record has no projection row", {t.kind}});
    }
}

}  // namespace

VerifyResult verify_ledger(const std::string& path, const VerifyOptions& options) {
    VerifyResult result;
    if (!std::filesystem::exists(path)) throw InputError("no ledger at {0} (create one with: caisse init --db {0})", path);
    auto db = open_read(path);
    std::int64_t app_id = 0;
    try {
        app_id = db->scalar("PRAGMA application_id");
    } catch (const SqliteError& e) {
        throw InputError("{0} is not a Caisse Commune ledger (not a database)", path);
    }
    if (app_id != kApplicationId) throw InputError("{0} is not a Caisse Commune ledger", path);
    const auto version = db->scalar("PRAGMA user_version");
    if (version > latest_schema_version())
        throw InputError("ledger {0} was written by a newer caisse (schema {1}, this program knows up to {2}): "
                         "upgrade caisse; nothing was changed",
                         path, version, latest_schema_version());

    Problems problems;

    // The anchor first, the journal after: a till selling meanwhile only moves the journal further
    // ahead of the anchor read here, never behind it.
    std::optional<std::vector<HeadAnchor>> slots;
    std::optional<Message> anchor_unreadable;
    try {
        slots = read_head_anchor_slots(Ledger::head_path(path));
    } catch (const InputError& e) {
        anchor_unreadable = e.message();
    }

    // Triggers that keep the ledger append-only must all be there.
    std::set<std::string> triggers;
    for (auto st = db->prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'"); st.step();) triggers.insert(st.str(0));
    for (const char* table : {"journal", "terminals", "entrepreneurs", "categories", "product_versions", "users", "sessions",
                              "sales", "sale_lines", "sale_payments", "duplicates", "cash_counts", "cash_moves", "day_closures",
                              "period_closures"})
        for (const char* op : {"_no_update", "_no_delete"})
            if (!triggers.count(std::string(table) + op))
                problems.add("", 0, Message{"trigger {0} is missing: someone disabled append-only protection",
                                            {std::string(table) + op}});

    // Genesis of each terminal: its public key anchors its signatures.
    std::map<std::string, PublicKey> keys;
    std::vector<std::string> terminals;
    std::string local_terminal;
    if (auto st = db->prepare("SELECT value FROM local_settings WHERE key = 'terminal'"); st.step()) local_terminal = st.str(0);
    // Terminals come from their genesis projection; a chain without one is caught below.
    for (auto st = db->prepare("SELECT terminal FROM terminals ORDER BY terminal"); st.step();) {
        const std::string terminal = st.str(0);
        auto g = db->prepare("SELECT kind, payload FROM journal WHERE terminal = ?1 AND seq = 1");
        g.bind(1, terminal);
        if (!g.step() || g.text(0) != kind::genesis) {
            problems.add(terminal, 1, "genesis record is missing");
        } else {
            try {
                auto p = json::parse(g.text(1));
                PublicKey pk{};
                if (!from_hex(p.at("public_key").get<std::string>(), pk.data(), pk.size()) || p.at("terminal") != terminal)
                    throw std::runtime_error("bad genesis");
                keys[terminal] = pk;
                if (options.pinned_key && terminal == local_terminal && *options.pinned_key != pk)
                    problems.add(terminal, 1,
                                 Message{"public key {0}... differs from the pinned key {1}...: the chain was rebuilt with another key",
                                         {to_hex(pk).substr(0, 16), to_hex(*options.pinned_key).substr(0, 16)}});
            } catch (const std::exception&) {
                problems.add(terminal, 1, "genesis payload is malformed");
            }
        }
        terminals.push_back(terminal);
    }

    // The key beside the ledger must be the one its genesis announced.
    if (!local_terminal.empty() && keys.count(local_terminal)) {
        try {
            if (public_of(read_secret_key(Ledger::key_path(path))) != keys[local_terminal])
                problems.add(local_terminal, 1,
                             Message{"signing key file {0} does not match the public key of the genesis record", {Ledger::key_path(path)}});
        } catch (const InputError& e) {
            result.warnings.push_back(e.message());
        }
    }

    // Split the journal's storage into one rowid range per core.
    std::int64_t min_rowid = 0, max_rowid = -1;
    if (auto st = db->prepare("SELECT rowid FROM journal ORDER BY rowid LIMIT 1"); st.step()) min_rowid = st.i64(0);
    if (auto st = db->prepare("SELECT rowid FROM journal ORDER BY rowid DESC LIMIT 1"); st.step()) max_rowid = st.i64(0);
    const std::int64_t parts = std::max(1u, options.chain_threads);
    // In 128 bits: a tampered rowid near the int64 limits must not overflow the split.
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    if (max_rowid >= min_rowid) {
        const __int128 span = static_cast<__int128>(max_rowid) - min_rowid + 1;
        const __int128 width = (span + parts - 1) / parts;
        for (__int128 a = min_rowid; a <= max_rowid; a += width)
            ranges.emplace_back(static_cast<std::int64_t>(a),
                                static_cast<std::int64_t>(std::min<__int128>(max_rowid, a + width - 1)));
    }
    std::vector<RangeResult> results(ranges.size());
    {
        std::vector<std::thread> workers;
        for (std::size_t i = 0; i < ranges.size(); ++i)
            workers.emplace_back([&, i] {
                try {
                    results[i] = check_rowid_range(path, ranges[i].first, ranges[i].second, keys, problems);
                } catch (const std::exception& e) {
                    // A damaged file or absurd values must give a verdict, never end the process.
                    problems.add("", 0, Message{"the ledger could not be read to the end: {0}", {std::string(e.what())}});
                }
            });
        for (auto& w : workers) w.join();
    }
    std::vector<OtherRecord> all_others;
    for (auto& r : results) {
        std::move(r.others.begin(), r.others.end(), std::back_inserter(all_others));
        result.bytes_hashed += r.bytes;
        result.records += r.records;
        for (const auto& [terminal, span] : r.spans)
            if (std::find(terminals.begin(), terminals.end(), terminal) == terminals.end()) {
                problems.add(terminal, 1, Message{"chain of terminal {0} has no genesis in the terminals projection", {terminal}});
                terminals.push_back(terminal);
            }
    }
    check_catalogue_and_people(*db, all_others, problems);
    {
        // Closures: each Z equals its session, periods equal their Zs (records/closure_verify.cpp).
        std::vector<ClosureRecord> closures;
        for (const auto& r : all_others)
            if (r.kind == kind::closure_day || r.kind == kind::closure_month || r.kind == kind::closure_year)
                closures.push_back(ClosureRecord{r.terminal, r.seq, r.kind, r.payload});
        std::sort(closures.begin(), closures.end(),
                  [](const ClosureRecord& a, const ClosureRecord& b) { return std::tie(a.terminal, a.seq) < std::tie(b.terminal, b.seq); });
        for (auto& p : check_closures(*db, closures)) problems.add(p.terminal, p.seq, std::move(p.message));
    }

    // Each terminal's chain across the ranges: starts at genesis, links at every boundary.
    std::map<std::string, Span> chains;  // terminal -> first record .. last record
    for (const auto& terminal : terminals) {
        Span whole;
        for (const auto& r : results) {
            auto it = r.spans.find(terminal);
            if (it == r.spans.end() || it->second.empty) continue;
            const Span& s = it->second;
            if (whole.empty) {
                whole = s;
                if (s.first_seq != 1)
                    problems.add(terminal, 1, Message{"record missing: the chain starts at seq {0}", {s.first_seq}});
                else if (s.first_prev != Hash{})
                    problems.add(terminal, 1, "prev_hash of the first record is not zero");
                continue;
            }
            if (s.first_seq > whole.last_seq + 1)
                problems.add(terminal, whole.last_seq + 1,
                             Message{"record missing: the chain jumps from seq {0} to {1}", {whole.last_seq, s.first_seq}});
            else if (s.first_seq <= whole.last_seq)
                problems.add(terminal, s.first_seq, Message{"record out of place: stored after seq {0}", {whole.last_seq}});
            if (s.first_prev != whole.last_hash)
                problems.add(terminal, s.first_seq,
                             "prev_hash does not match the hash of the record before it (deleted, inserted or reordered)");
            if (s.first_ticket != 0 && whole.last_ticket != 0 && s.first_ticket != whole.last_ticket + 1)
                problems.add(terminal, s.first_seq,
                             Message{"ticket numbers jump from {0} to {1}", {whole.last_ticket, s.first_ticket}});
            whole.last_seq = s.last_seq;
            whole.last_hash = s.last_hash;
            if (s.last_ticket != 0) whole.last_ticket = s.last_ticket;
            if (whole.first_ticket == 0) whole.first_ticket = s.first_ticket;
        }
        check_projection_tail(*db, terminal, whole.first_ticket, whole.last_ticket, whole.last_seq, problems);
        if (whole.first_ticket > 1)
            problems.add(terminal, whole.first_seq, Message{"ticket numbers start at {0}, not 1", {whole.first_ticket}});
        chains[terminal] = whole;
    }
    check_unknown_terminals(*db, terminals, problems);

    // Tail: the head anchor records the last record this till wrote. This till's name is local
    // state outside the ledger, so its absence, or a name without a chain, is itself a problem.
    if (local_terminal.empty())
        problems.add("", 0, "this till's terminal name (local_settings) is missing: the head anchor cannot be checked");
    else if (!keys.count(local_terminal))
        problems.add(local_terminal, 0, Message{"terminal {0} named in local_settings has no genesis", {local_terminal}});
    if (!local_terminal.empty()) {
        try {
            if (anchor_unreadable) throw InputError(*anchor_unreadable);
            if (!slots) {
                // Without the anchor a rewritten or shortened chain cannot be told from the real one.
                problems.add(local_terminal, 0,
                             Message{"head anchor {0} is missing: the newest records may have been deleted or the chain rewritten",
                                     {Ledger::head_path(path)}});
            } else if (keys.count(local_terminal)) {
                // The newest slot with a valid signature counts; the other may be torn by a power cut.
                std::optional<HeadAnchor> anchor;
                int invalid = 0;
                for (const auto& slot : *slots) {
                    const bool valid = slot.seq >= 0 && slot.terminal == local_terminal &&
                                       verify_signature(keys[local_terminal], head_anchor_message(slot.terminal, slot.seq, slot.hash),
                                                        std::string_view(reinterpret_cast<const char*>(slot.sig.data()), 64));
                    if (!valid) ++invalid;
                    else if (!anchor || slot.seq > anchor->seq) anchor = slot;
                }
                const std::int64_t last = chains[local_terminal].last_seq;
                const Hash last_hash = chains[local_terminal].last_hash;
                if (!anchor) {
                    problems.add(local_terminal, 0, "head anchor has no validly signed slot");
                } else if (anchor->seq > last) {
                    problems.add(local_terminal, last + 1,
                                 Message{"records deleted at the end: the journal stops at seq {0} but the signed head anchor records seq {1}",
                                         {last, anchor->seq}});
                } else if (anchor->seq == last && anchor->hash != last_hash) {
                    problems.add(local_terminal, last, "last record differs from the one the signed head anchor records");
                } else if (anchor->seq < last) {
                    auto h = db->prepare("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
                    h.bind(1, local_terminal).bind(2, anchor->seq);
                    if (h.step() && to_hash(h.blob(0)) != anchor->hash)
                        problems.add(local_terminal, anchor->seq, "record differs from the one the signed head anchor records");
                    else
                        result.warnings.push_back(Message{"head anchor lags {0} record(s) behind the journal (normal after a power cut)",
                                                          {last - anchor->seq}});
                }
                if (anchor && invalid > 0)
                    result.warnings.push_back(Message{"one head anchor slot is torn or invalid (normal after a power cut)", {}});
            }
        } catch (const InputError& e) {
            problems.add(local_terminal, 0, e.message());
        }
    }
    result.problems = problems.sorted();
    result.ok = result.problems.empty();
    return result;
}

}  // namespace caisse::db
