#include "db/verify.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"
#include "db/canonical_json.hpp"
#include "db/journal.hpp"
#include "db/ledger.hpp"
#include "db/migrations.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxProblems = 200;

class Problems {
public:
    void add(const std::string& terminal, std::int64_t seq, std::string reason) {
        std::lock_guard lock(mu_);
        if (list_.size() < kMaxProblems) list_.push_back({terminal, seq, std::move(reason)});
    }
    std::vector<VerifyProblem> sorted() {
        std::lock_guard lock(mu_);
        // Problems tied to a record come first, in chain order; ledger-wide ones (seq 0) after them.
        std::stable_sort(list_.begin(), list_.end(), [](const auto& a, const auto& b) {
            return std::make_tuple(a.seq == 0, a.terminal, a.seq) < std::make_tuple(b.seq == 0, b.terminal, b.seq);
        });
        return list_;
    }

private:
    std::mutex mu_;
    std::vector<VerifyProblem> list_;
};

std::unique_ptr<Database> open_read(const std::string& path) {
    auto db = std::make_unique<Database>(path, Database::Mode::ReadOnly);
    db->exec("PRAGMA query_only=ON");
    return db;
}

Hash to_hash(std::string_view b) {
    Hash h{};
    if (b.size() == 32) std::copy(b.begin(), b.end(), h.begin());
    return h;
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

std::string describe_mismatch(const std::string& projection, const std::string& journal, const std::string& table) {
    try {
        return "projection (" + table + ") differs from the journal payload at " +
               first_difference(json::parse(projection), json::parse(journal));
    } catch (const std::exception&) {
        return "projection (" + table + ") differs from the journal payload (payload is not valid JSON)";
    }
}

struct ChainRange {
    std::string terminal;
    std::int64_t first = 0, last = 0;
};

struct ChainEnd {
    Hash first_prev{}, last_hash{};
    std::int64_t first_seq = 0, last_seq = 0, count = 0, bytes = 0;
    bool empty = true;
};

// Checks one contiguous seq range of one terminal: hashes, in-range links, gaps, signatures.
ChainEnd check_chain_range(const std::string& path, const ChainRange& range, const std::map<std::string, PublicKey>& keys,
                           Problems& problems) {
    auto db = open_read(path);
    auto st = db->prepare(
        "SELECT seq, kind, at_utc, payload, prev_hash, hash, sig FROM journal "
        "WHERE terminal = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq");
    st.bind(1, range.terminal).bind(2, range.first).bind(3, range.last);
    Sha256 sha;
    ChainEnd end;
    Hash expected_prev{};
    std::int64_t expected_seq = range.first;
    auto key = keys.find(range.terminal);
    while (st.step()) {
        const std::int64_t seq = st.i64(0);
        const std::string_view kind = st.text(1), at = st.text(2), payload = st.text(3);
        const std::string_view prev = st.blob(4), stored = st.blob(5), sig = st.blob(6);
        if (end.empty) {
            end.empty = false;
            end.first_seq = seq;
            end.first_prev = to_hash(prev);
        } else {
            if (seq != expected_seq)
                problems.add(range.terminal, expected_seq,
                             "record missing: the chain jumps from seq " + std::to_string(expected_seq - 1) + " to " +
                                 std::to_string(seq));
            if (prev.size() != 32 || to_hash(prev) != expected_prev)
                problems.add(range.terminal, seq,
                             "prev_hash does not match the hash of the record before it (deleted, inserted or reordered)");
        }
        if (prev.size() != 32 || stored.size() != 32) {
            problems.add(range.terminal, seq, "malformed hash column");
        } else {
            Hash h = record_hash(sha, reinterpret_cast<const std::uint8_t*>(prev.data()), range.terminal, seq, kind, at, payload);
            if (!std::equal(h.begin(), h.end(), reinterpret_cast<const std::uint8_t*>(stored.data())))
                problems.add(range.terminal, seq, "hash mismatch: the record's content was changed after it was written");
        }
        if (is_signed_kind(kind)) {
            if (key == keys.end() || !verify_signature(key->second, to_hash(stored), sig))
                problems.add(range.terminal, seq, "signature of the " + std::string(kind) + " record is missing or invalid");
        }
        if (kind != kind::sale && !is_canonical_json(payload))
            problems.add(range.terminal, seq, "payload is not canonical JSON");
        end.bytes += static_cast<std::int64_t>(32 + 4 + range.terminal.size() + 8 + 4 + kind.size() + 4 + at.size() + 4 + payload.size());
        end.last_hash = to_hash(stored);
        end.last_seq = seq;
        expected_prev = end.last_hash;
        expected_seq = seq + 1;
        ++end.count;
    }
    return end;
}

// The arithmetic every ticket obeys (docs/ledger-format.md, "sale"). A chain rewritten without the
// key still has to get all of this right.
std::optional<std::string> sale_rule_broken(const SaleRecord& s) {
    std::int64_t total = 0, shares = 0, cash = 0, non_cash = 0;
    std::map<std::int64_t, std::int64_t> ttc;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& l = s.lines[i];
        const std::string at = "line " + std::to_string(i + 1) + ": ";
        if (l.quantity <= 0 || l.unit_price < 0 || l.line_discount < 0 || l.discount_share < 0 || l.total < 0)
            return at + "negative or zero amount";
        if (l.total != l.quantity * l.unit_price - l.line_discount - l.discount_share) return at + "total is not qty * unit - disc - share";
        total += l.total;
        shares += l.discount_share;
        ttc[l.vat_bp] += l.total;
    }
    if (s.lines.empty()) return "no lines";
    if (total != s.total) return "line totals do not add up to the ticket total";
    if (shares != s.discount) return "discount shares do not add up to the discount";
    if (s.vat.size() != ttc.size()) return "VAT table does not list exactly the rates of the lines";
    for (const auto& v : s.vat) {
        auto it = ttc.find(v.rate);
        if (it == ttc.end() || it->second != v.ttc) return "VAT base of rate " + std::to_string(v.rate) + " is wrong";
        if (v.vat != div_round_half_up(static_cast<__int128>(v.ttc) * v.rate, 10000 + v.rate) || v.ht != v.ttc - v.vat)
            return "VAT of rate " + std::to_string(v.rate) + " does not follow the rounding rule";
    }
    for (const auto& p : s.payments) {
        if (p.amount <= 0) return "payment of zero or less";
        (p.method == "cash" ? cash : non_cash) += p.amount;
    }
    if (cash + non_cash - s.change != s.total) return "payments minus change do not equal the total";
    if (s.change < 0 || s.change > cash) return "change is not covered by cash";
    if (non_cash > s.total) return "non-cash payments exceed the total";
    return std::nullopt;
}

// Rebuilds each sale payload from the projections and compares it byte for byte with the journal.
void check_sales(const std::string& path, Problems& problems) {
    auto db = open_read(path);
    auto journal = db->prepare("SELECT terminal, seq, payload FROM journal WHERE kind = 'sale' ORDER BY terminal, seq");
    auto sales = db->prepare(
        "SELECT terminal, ticket, seq, session_id, user_id, day, discount, total, change FROM sales ORDER BY terminal, ticket");
    auto lines = db->prepare(
        "SELECT terminal, ticket, sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, line_discount, "
        "discount_share, total, line_no FROM sale_lines ORDER BY terminal, ticket, line_no");
    auto pays = db->prepare("SELECT terminal, ticket, method, amount, idx FROM sale_payments ORDER BY terminal, ticket, idx");
    auto vats = db->prepare("SELECT terminal, ticket, vat_bp, ht, vat, ttc FROM sale_vat ORDER BY terminal, ticket, vat_bp");
    bool j_ok = journal.step(), l_ok = lines.step(), p_ok = pays.step(), v_ok = vats.step();
    std::string terminal, rebuilt;
    std::int64_t last_ticket = 0;
    std::string last_terminal;
    // Rows of a child table that sort before the current sale belong to no sale.
    auto before = [](Statement& st, const std::string& t, std::int64_t ticket) {
        int c = st.text(0).compare(t);
        return c < 0 || (c == 0 && st.i64(1) < ticket);
    };
    auto same = [](Statement& st, const std::string& t, std::int64_t ticket) { return st.text(0) == t && st.i64(1) == ticket; };
    auto orphans = [&](Statement& st, bool& ok, const std::string& t, std::int64_t ticket, const char* table) {
        while (ok && before(st, t, ticket)) {
            problems.add(st.str(0), 0, std::string(table) + " row for ticket " + std::to_string(st.i64(1)) + " has no sale");
            ok = st.step();
        }
    };
    while (sales.step()) {
        SaleRecord s;
        terminal = sales.str(0);
        s.ticket = sales.i64(1);
        const std::int64_t seq = sales.i64(2);
        s.session = sales.i64(3);
        s.user = sales.i64(4);
        s.day = sales.str(5);
        s.discount = sales.i64(6);
        s.total = sales.i64(7);
        s.change = sales.i64(8);
        if (terminal != last_terminal) last_ticket = 0;
        if (s.ticket != last_ticket + 1)
            problems.add(terminal, seq, "ticket numbers jump from " + std::to_string(last_ticket) + " to " + std::to_string(s.ticket));
        last_ticket = s.ticket;
        last_terminal = terminal;
        orphans(lines, l_ok, terminal, s.ticket, "sale_lines");
        orphans(pays, p_ok, terminal, s.ticket, "sale_payments");
        orphans(vats, v_ok, terminal, s.ticket, "sale_vat");
        for (; l_ok && same(lines, terminal, s.ticket); l_ok = lines.step())
            s.lines.push_back(SaleLineRecord{lines.str(2), lines.str(3), lines.i64(4), lines.i64(5), lines.i64(6),
                                             lines.i64(7), lines.i64(8), lines.i64(9), lines.i64(10), lines.i64(11)});
        for (; p_ok && same(pays, terminal, s.ticket); p_ok = pays.step())
            s.payments.push_back(PaymentRecord{pays.str(2), pays.i64(3)});
        for (; v_ok && same(vats, terminal, s.ticket); v_ok = vats.step())
            s.vat.push_back(VatRecord{vats.i64(2), vats.i64(3), vats.i64(4), vats.i64(5)});
        // Journal sale records before this one have lost their projection.
        while (j_ok && (journal.text(0).compare(terminal) < 0 || (journal.text(0) == terminal && journal.i64(1) < seq))) {
            problems.add(journal.str(0), journal.i64(1), "sale record has no row in the sales projection");
            j_ok = journal.step();
        }
        if (!j_ok || journal.text(0) != terminal || journal.i64(1) != seq) {
            problems.add(terminal, seq, "sales projection for ticket " + std::to_string(s.ticket) + " points at seq " +
                                             std::to_string(seq) + ", which is not a sale record");
            continue;
        }
        rebuilt.clear();
        append_sale_payload(rebuilt, s);
        if (rebuilt != journal.text(2))
            problems.add(terminal, seq, describe_mismatch(rebuilt, journal.str(2), "sales, sale_lines, sale_payments, sale_vat"));
        else if (auto broken = sale_rule_broken(s))
            problems.add(terminal, seq, "sale breaks the ticket rules: " + *broken);
        j_ok = journal.step();
    }
    for (; j_ok; j_ok = journal.step())
        problems.add(journal.str(0), journal.i64(1), "sale record has no row in the sales projection");
    orphans(lines, l_ok, "\x7f", 0, "sale_lines");
    orphans(pays, p_ok, "\x7f", 0, "sale_payments");
    orphans(vats, v_ok, "\x7f", 0, "sale_vat");
}

// The small projections: rebuilt as JSON from each row, compared with the record it came from.
void check_catalogue_and_people(Database& db, Problems& problems) {
    struct Table {
        std::string_view kind;
        const char* sql;  // terminal, seq, then the payload's fields
        std::function<json(Statement&)> payload;
    };
    const Table tables[] = {
        {kind::entrepreneur, "SELECT terminal, seq, colour, id, name FROM entrepreneurs",
         [](Statement& s) { return json{{"colour", s.str(2)}, {"id", s.i64(3)}, {"name", s.str(4)}}; }},
        {kind::category, "SELECT terminal, seq, id, name FROM categories",
         [](Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}}; }},
        {kind::product,
         "SELECT terminal, seq, active, category_id, entrepreneur_id, name, open_price, picture, price, sku, vat_bp "
         "FROM product_versions",
         [](Statement& s) {
             return json{{"active", s.i64(2) != 0}, {"category", s.i64(3)}, {"entrepreneur", s.i64(4)},
                         {"name", s.str(5)},        {"open_price", s.i64(6) != 0}, {"picture", s.str(7)},
                         {"price", s.i64(8)},       {"sku", s.str(9)},             {"vat", s.i64(10)}};
         }},
        {kind::user, "SELECT terminal, seq, id, name, role FROM users",
         [](Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}, {"role", s.str(4)}}; }},
        {kind::session_open, "SELECT terminal, seq, day, float, id, opened_by FROM sessions",
         [](Statement& s) { return json{{"day", s.str(2)}, {"float", s.i64(3)}, {"id", s.i64(4)}, {"opened_by", s.i64(5)}}; }},
    };
    auto record = db.prepare("SELECT kind, payload FROM journal WHERE terminal = ?1 AND seq = ?2");
    for (const auto& t : tables) {
        std::set<std::pair<std::string, std::int64_t>> seen;
        auto rows = db.prepare(t.sql);
        while (rows.step()) {
            const std::string terminal = rows.str(0);
            const std::int64_t seq = rows.i64(1);
            seen.emplace(terminal, seq);
            record.bind(1, terminal).bind(2, seq);
            if (!record.step() || record.text(0) != t.kind) {
                problems.add(terminal, seq, "projection row points at seq " + std::to_string(seq) + ", which is not a " +
                                                std::string(t.kind) + " record");
            } else {
                std::string rebuilt = canonical_json(t.payload(rows));
                if (rebuilt != record.text(1)) problems.add(terminal, seq, describe_mismatch(rebuilt, record.str(1), std::string(t.kind)));
            }
            record.reset();
        }
        auto all = db.prepare("SELECT terminal, seq FROM journal WHERE kind = ?1");
        all.bind(1, t.kind);
        while (all.step())
            if (!seen.count({all.str(0), all.i64(1)}))
                problems.add(all.str(0), all.i64(1), std::string(t.kind) + " record has no projection row");
    }
}

}  // namespace

VerifyResult verify_ledger(const std::string& path, const VerifyOptions& options) {
    VerifyResult result;
    if (!std::filesystem::exists(path)) throw InputError("no ledger at " + path);
    auto db = open_read(path);
    std::int64_t app_id = 0;
    try {
        app_id = db->scalar("PRAGMA application_id");
    } catch (const SqliteError& e) {
        throw InputError(path + " is not a Caisse Commune ledger (not a database)");
    }
    if (app_id != kApplicationId) throw InputError(path + " is not a Caisse Commune ledger");
    const auto version = db->scalar("PRAGMA user_version");
    if (version > latest_schema_version())
        throw InputError(path + " was written by a newer caisse (schema " + std::to_string(version) + "): upgrade caisse");

    Problems problems;

    // Triggers that keep the ledger append-only must all be there.
    std::set<std::string> triggers;
    for (auto st = db->prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'"); st.step();) triggers.insert(st.str(0));
    for (const char* table : {"journal", "terminals", "entrepreneurs", "categories", "product_versions", "users", "sessions",
                              "sales", "sale_lines", "sale_payments", "sale_vat"})
        for (const char* op : {"_no_update", "_no_delete"})
            if (!triggers.count(std::string(table) + op))
                problems.add("", 0, "trigger " + std::string(table) + op + " is missing: someone disabled append-only protection");

    // Genesis of each terminal: its public key anchors its signatures.
    std::map<std::string, PublicKey> keys;
    std::vector<ChainRange> ranges;
    std::string local_terminal;
    if (auto st = db->prepare("SELECT value FROM local_settings WHERE key = 'terminal'"); st.step()) local_terminal = st.str(0);
    for (auto st = db->prepare("SELECT terminal, MIN(seq), MAX(seq), COUNT(*) FROM journal GROUP BY terminal"); st.step();) {
        const std::string terminal = st.str(0);
        const std::int64_t first = st.i64(1), last = st.i64(2);
        result.records += st.i64(3);
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
                    problems.add(terminal, 1, "public key " + to_hex(pk).substr(0, 16) +
                                                  "... differs from the pinned key " + to_hex(*options.pinned_key).substr(0, 16) +
                                                  "...: the chain was rebuilt with another key");
            } catch (const std::exception&) {
                problems.add(terminal, 1, "genesis payload is malformed");
            }
        }
        // Split long chains so that both cores hash.
        const unsigned parts = std::max(1u, options.chain_threads);
        const std::int64_t span = (last - first + 1 + parts - 1) / parts;
        for (std::int64_t a = first; a <= last; a += span) ranges.push_back({terminal, a, std::min(last, a + span - 1)});
    }

    // The key beside the ledger must be the one its genesis announced.
    if (!local_terminal.empty() && keys.count(local_terminal)) {
        try {
            if (public_of(read_secret_key(Ledger::key_path(path))) != keys[local_terminal])
                problems.add(local_terminal, 1, "signing key file " + Ledger::key_path(path) +
                                                    " does not match the public key of the genesis record");
        } catch (const InputError& e) {
            result.warnings.push_back(e.what());
        }
    }

    std::vector<ChainEnd> ends(ranges.size());
    {
        std::vector<std::thread> workers;
        for (std::size_t i = 0; i < ranges.size(); ++i)
            workers.emplace_back([&, i] { ends[i] = check_chain_range(path, ranges[i], keys, problems); });
        workers.emplace_back([&] { check_sales(path, problems); });
        check_catalogue_and_people(*db, problems);
        for (auto& w : workers) w.join();
    }
    // Links across the ranges' boundaries.
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].terminal != ranges[i - 1].terminal || ends[i].empty || ends[i - 1].empty) continue;
        if (ends[i].first_seq != ends[i - 1].last_seq + 1)
            problems.add(ranges[i].terminal, ends[i - 1].last_seq + 1,
                         "record missing: the chain jumps from seq " + std::to_string(ends[i - 1].last_seq) + " to " +
                             std::to_string(ends[i].first_seq));
        if (ends[i].first_prev != ends[i - 1].last_hash)
            problems.add(ranges[i].terminal, ends[i].first_seq,
                         "prev_hash does not match the hash of the record before it (deleted, inserted or reordered)");
    }
    for (auto& e : ends) result.bytes_hashed += e.bytes;

    // Tail: the head anchor records the last record this till wrote.
    if (!local_terminal.empty()) {
        try {
            auto anchor = read_head_anchor(Ledger::head_path(path));
            if (!anchor) {
                // Without the anchor a rewritten or shortened chain cannot be told from the real one.
                problems.add(local_terminal, 0,
                             "head anchor " + Ledger::head_path(path) +
                                 " is missing: the newest records may have been deleted or the chain rewritten");
            } else if (keys.count(local_terminal)) {
                std::int64_t last = 0;
                Hash last_hash{};
                for (std::size_t i = 0; i < ranges.size(); ++i)
                    if (ranges[i].terminal == local_terminal && !ends[i].empty) { last = ends[i].last_seq; last_hash = ends[i].last_hash; }
                if (anchor->terminal != local_terminal ||
                    !verify_signature(keys[local_terminal], head_anchor_message(anchor->terminal, anchor->seq, anchor->hash),
                                      std::string_view(reinterpret_cast<const char*>(anchor->sig.data()), 64))) {
                    problems.add(local_terminal, anchor->seq, "head anchor signature is invalid");
                } else if (anchor->seq > last) {
                    problems.add(local_terminal, last + 1,
                                 "records deleted at the end: the journal stops at seq " + std::to_string(last) +
                                     " but the signed head anchor records seq " + std::to_string(anchor->seq));
                } else if (anchor->seq == last && anchor->hash != last_hash) {
                    problems.add(local_terminal, last, "last record differs from the one the signed head anchor records");
                } else if (anchor->seq < last) {
                    auto h = db->prepare("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
                    h.bind(1, local_terminal).bind(2, anchor->seq);
                    if (h.step() && to_hash(h.blob(0)) != anchor->hash)
                        problems.add(local_terminal, anchor->seq, "record differs from the one the signed head anchor records");
                    else
                        result.warnings.push_back("head anchor lags " + std::to_string(last - anchor->seq) +
                                                  " record(s) behind the journal (normal after a power cut)");
                }
            }
        } catch (const InputError& e) {
            problems.add(local_terminal, 0, e.what());
        }
    }
    result.problems = problems.sorted();
    result.ok = result.problems.empty();
    return result;
}

}  // namespace caisse::db
