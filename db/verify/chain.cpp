#include "db/verify/chain.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "db/canonical_json.hpp"
#include "db/journal.hpp"
#include "db/records/catering.hpp"
#include "db/records/projected_kind.hpp"
#include "db/records/sale_verify.hpp"
#include "db/verify/text_keys.hpp"

namespace caisse::db {

namespace {

// Kinds other than sale that verify knows: the small projected kinds and the closures.
bool known_other_kind(std::string_view k) {
    if (k == kind::genesis || k == kind::closure_day || k == kind::closure_month || k == kind::closure_year || k == kind::refund ||
        k == kind::charge || k == kind::hours || k == kind::cape_rule || k == kind::customer || k == kind::quote ||
        k == kind::quote_line || k == kind::quote_revise || k == kind::quote_accept || k == kind::invoice || k == kind::invoice_payment)
        return true;
    for (const auto& p : projected_kinds())
        if (p.kind == k) return true;
    return false;
}

struct ShaSink {
    Sha256& sha;
    void update(const void* p, std::size_t n) { sha.update(p, n); }
};

}  // namespace

bool valid_at_utc(std::string_view at) {
    if (at.size() != 24) return false;
    for (std::size_t i = 0; i < at.size(); ++i) {
        const char c = at[i];
        const char want = i == 4 || i == 7 ? '-' : i == 10 ? 'T' : i == 13 || i == 16 ? ':' : i == 19 ? '.' : i == 23 ? 'Z' : '0';
        if (want == '0' ? (c < '0' || c > '9') : c != want) return false;
    }
    auto num = [&](std::size_t at_, std::size_t n) {
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + (at[at_ + i] - '0');
        return v;
    };
    const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
    if (month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return false;
    return num(11, 2) < 24 && num(14, 2) < 60 && num(17, 2) < 60;
}

std::vector<ChainRange> split_chains(Database& db, unsigned parts) {
    // Each terminal and its newest seq, by a skip scan of the primary key.
    std::vector<std::pair<std::string, std::int64_t>> chains;
    auto top = db.prepare("SELECT MAX(seq) FROM journal WHERE terminal = ?1");
    for (const auto& terminal : distinct_terminals(db, "journal")) {
        top.bind(1, terminal);
        top.step();
        chains.emplace_back(terminal, std::max<std::int64_t>(1, top.i64(0)));
        top.reset();
    }
    __int128 total = 0;
    for (const auto& c : chains) total += c.second;
    const __int128 width = std::max<__int128>(1, (total + std::max(1u, parts) - 1) / std::max(1u, parts));
    std::vector<ChainRange> out;
    for (const auto& [terminal, last] : chains) {
        const std::size_t first = out.size();
        // In 128 bits: a tampered seq near the int64 limit must not overflow the split.
        for (__int128 a = 1; a <= last; a += width) {
            const __int128 b = std::min<__int128>(last, a + width - 1);
            out.push_back(ChainRange{terminal, static_cast<std::int64_t>(a), static_cast<std::int64_t>(b), b == last});
        }
        // Seqs below 1 exist only in a tampered file: the first range takes them.
        out[first].from_seq = std::numeric_limits<std::int64_t>::min();
    }
    return out;
}

RangeResult check_chain_range(Database& db, const ChainRange& range, const std::map<std::string, PublicKey>& keys,
                              const SessionSpans& sessions, Problems& problems) {
    auto st = db.prepare(
        "SELECT seq, kind, at_utc, payload, prev_hash, hash, sig, terminal FROM journal "
        "WHERE terminal = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq");
    st.bind(1, range.terminal).bind(2, range.from_seq).bind(3, range.to_seq);
    RangeResult result;
    Span& span = result.span;
    const std::string& term = range.terminal;
    const auto k = keys.find(term);
    const PublicKey* key = k == keys.end() ? nullptr : &k->second;
    std::optional<SaleProjection> sales;
    const auto own = sessions.find(term);
    static const std::map<std::int64_t, SessionSpan> none;
    const auto& spans = own == sessions.end() ? none : own->second;
    Sha256 sha;
    while (st.step()) {
        const std::int64_t seq = st.i64(0);
        const std::string_view kind = st.text(1), at = st.text(2), payload = st.text(3);
        const std::string_view prev = st.blob(4), stored = st.blob(5), sig = st.blob(6);
        // Storage types as the format declares them: the same bytes as a BLOB hash alike.
        if (st.type(0) != SQLITE_INTEGER || st.type(1) != SQLITE_TEXT || st.type(2) != SQLITE_TEXT ||
            st.type(3) != SQLITE_TEXT || st.type(4) != SQLITE_BLOB || st.type(5) != SQLITE_BLOB ||
            (st.type(6) != SQLITE_BLOB && st.type(6) != SQLITE_NULL) || st.type(7) != SQLITE_TEXT)
            problems.add(term, seq, "journal column of the wrong storage type (typeof)");
        if (span.empty) {
            span.empty = false;
            span.first_seq = seq;
            span.first_prev = to_hash(prev);
            span.first_at = std::string(at);
        } else {
            // Timestamps of one length compare as text; seq order is the truth, the clock may go back.
            if (at < std::string_view(span.last_at)) result.steps_back.push_back(ClockStep{seq, std::string(at), span.last_at});
            if (seq > span.last_seq + 1)
                problems.add(term, span.last_seq + 1,
                             Message{"record missing: the chain jumps from seq {0} to {1}", {span.last_seq, seq}});
            if (prev.size() != 32 || to_hash(prev) != span.last_hash)
                problems.add(term, seq, "prev_hash does not match the hash of the record before it (deleted, inserted or reordered)");
        }
        if (prev.size() != 32 || stored.size() != 32) {
            problems.add(term, seq, "malformed hash column");
        } else {
            sha.begin();
            ShaSink sink{sha};
            write_framing(sink, reinterpret_cast<const std::uint8_t*>(prev.data()), term, seq, kind, at, payload);
            if (sha.finish() != to_hash(stored))
                problems.add(term, seq, "hash mismatch: the record's content was changed after it was written");
        }
        if (!valid_at_utc(at)) problems.add(term, seq, "at_utc is not a UTC time written YYYY-MM-DDTHH:MM:SS.mmmZ");
        if (is_signed_kind(kind)) {
            if (!key || !verify_signature(*key, to_hash(stored), sig))
                problems.add(term, seq, Message{"signature of the {0} record is missing or invalid", {kind}});
        } else if (!sig.empty() || st.type(6) != SQLITE_NULL) {
            problems.add(term, seq, Message{"record of unsigned kind {0} carries a signature", {kind}});
        }
        if (kind == kind::genesis && seq != 1) problems.add(term, seq, "a genesis record after seq 1");
        if (kind == kind::sale) {
            if (!sales) sales.emplace(db, term, ticket_of(payload), spans, problems);
            sales->check(seq, payload);
        } else {
            if (!known_other_kind(kind)) problems.add(term, seq, Message{"unknown record kind {0}", {kind}});
            if (!is_canonical_json(payload)) problems.add(term, seq, "payload is not canonical JSON");
            result.others.push_back(OtherRecord{term, seq, std::string(kind), std::string(payload), to_hash(stored)});
        }
        result.bytes += static_cast<std::int64_t>(32 + 4 + term.size() + 8 + 4 + kind.size() + 4 + at.size() + 4 + payload.size());
        span.last_hash = to_hash(stored);
        span.last_seq = seq;
        span.last_at.assign(at);
        ++result.records;
    }
    if (sales) {
        sales->finish(span.last_seq, false);
        span.first_ticket = sales->first_ticket();
        span.last_ticket = sales->last_ticket();
    }
    return result;
}

Span join_spans(const std::string& terminal, const std::vector<const RangeResult*>& parts, Problems& problems,
                std::vector<ClockStep>& steps_back) {
    Span whole;
    for (const RangeResult* r : parts) {
        if (r->span.empty) continue;
        const Span& s = r->span;
        if (!whole.empty && s.first_at < whole.last_at) steps_back.push_back(ClockStep{s.first_seq, s.first_at, whole.last_at});
        steps_back.insert(steps_back.end(), r->steps_back.begin(), r->steps_back.end());
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
        if (s.first_prev != whole.last_hash)
            problems.add(terminal, s.first_seq,
                         "prev_hash does not match the hash of the record before it (deleted, inserted or reordered)");
        if (s.first_ticket != 0 && whole.last_ticket != 0 && s.first_ticket != whole.last_ticket + 1)
            problems.add(terminal, s.first_seq, Message{"ticket numbers jump from {0} to {1}", {whole.last_ticket, s.first_ticket}});
        whole.last_seq = s.last_seq;
        whole.last_hash = s.last_hash;
        whole.last_at = s.last_at;
        if (s.last_ticket != 0) whole.last_ticket = s.last_ticket;
        if (whole.first_ticket == 0) whole.first_ticket = s.first_ticket;
    }
    return whole;
}

}  // namespace caisse::db
