#include "db/verify/witnesses.hpp"

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"
#include "db/bundle/bundle.hpp"
#include "db/journal.hpp"

namespace caisse::db {

namespace {

void witness(WitnessInputs& in, const char* kind, std::string subject, bool ok, Message detail) {
    in.result.witnesses.push_back(WitnessCheck{kind, std::move(subject), ok ? "ok" : "failed", std::move(detail)});
}

// The newest slot of `terminal` validly signed with its genesis key; counts the others.
std::optional<HeadAnchor> best_slot(const std::vector<HeadAnchor>& slots, const std::string& terminal, const PublicKey& key,
                                    int& invalid) {
    std::optional<HeadAnchor> best;
    for (const auto& slot : slots) {
        const bool valid = slot.seq >= 1 && slot.terminal == terminal &&
                           verify_signature(key, head_anchor_message(slot.terminal, slot.seq, slot.hash),
                                            std::string_view(reinterpret_cast<const char*>(slot.sig.data()), 64));
        if (!valid) ++invalid;
        else if (!best || slot.seq > best->seq) best = slot;
    }
    return best;
}

// The record the anchor names is in the journal with the anchored hash. Returns the problem, if any.
std::optional<std::pair<std::int64_t, Message>> anchored_record_missing(Database& db, const HeadAnchor& a, const Span& chain) {
    if (a.seq > chain.last_seq)
        return std::make_pair(chain.last_seq + 1,
                              Message{"records deleted at the end: the journal stops at seq {0} but the signed head anchor "
                                      "records seq {1}; a copy of the ledger made while the till was open, without its -wal "
                                      "file, looks the same: copy a ledger in use with caisse backup",
                                      {chain.last_seq, a.seq}});
    auto h = db.prepare("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
    h.bind(1, a.terminal).bind(2, a.seq);
    if (!h.step() || to_hash(h.blob(0)) != a.hash)
        return std::make_pair(a.seq, Message{"record differs from the one the signed head anchor records", {}});
    return std::nullopt;
}

}  // namespace

void check_head_anchor(WitnessInputs& in, const std::string& head_path, const std::optional<std::vector<HeadAnchor>>& slots,
                       const std::optional<Message>& unreadable) {
    for (const auto& entry : in.chains) {
        const auto& terminal = entry.first;  // a name, not a structured binding: lambdas capture it (clang)
        const auto& chain = entry.second;
        if (chain.empty) continue;
        if (!in.local_terminal.empty() && terminal != in.local_terminal) continue;  // imported: check_bundles
        auto fail = [&](std::int64_t seq, Message m) {
            witness(in, "head_anchor", terminal, false, m);
            in.problems.add(terminal, seq, std::move(m));
        };
        if (unreadable) {
            fail(0, *unreadable);
            continue;
        }
        if (!slots) {
            // Without the anchor a rewritten or shortened chain cannot be told from the real one.
            fail(0, Message{"head anchor {0} is missing: the newest records may have been deleted or the chain rewritten; a copy "
                            "of the ledger (for an auditor, a backup) must take this file with it (caisse backup does)",
                            {head_path}});
            continue;
        }
        auto key = in.keys.find(terminal);
        int invalid = 0;
        std::optional<HeadAnchor> anchor;
        if (key != in.keys.end()) anchor = best_slot(*slots, terminal, key->second, invalid);
        if (!anchor) {
            fail(0, Message{"no validly signed head anchor covers terminal {0}: its newest records cannot be vouched for", {terminal}});
            continue;
        }
        if (auto missing = anchored_record_missing(in.db, *anchor, chain)) {
            fail(missing->first, missing->second);
            continue;
        }
        witness(in, "head_anchor", terminal, true, Message{"seq {0} anchored", {anchor->seq}});
        if (anchor->seq < chain.last_seq)
            in.result.warnings.push_back(
                Message{"head anchor lags {0} record(s) behind the journal (normal after a power cut)", {chain.last_seq - anchor->seq}});
        if (invalid > 0 && in.chains.size() == 1)
            in.result.warnings.push_back(Message{"one head anchor slot is torn or invalid (normal after a power cut)", {}});
    }
}

void check_backup_head(WitnessInputs& in, const std::string& backup_head_path) {
    std::optional<std::vector<HeadAnchor>> slots;
    try {
        slots = read_head_anchor_slots(backup_head_path);
    } catch (const InputError& e) {
        witness(in, "backup_head", backup_head_path, false, e.message());
        in.problems.add("", 0, e.message());
        return;
    }
    if (!slots) {
        Message m{"no copy of the head anchor at {0}", {backup_head_path}};
        witness(in, "backup_head", backup_head_path, false, m);
        in.problems.add("", 0, std::move(m));
        return;
    }
    bool any = false;
    for (const auto& [terminal, chain] : in.chains) {
        auto key = in.keys.find(terminal);
        int invalid = 0;
        if (key == in.keys.end()) continue;
        auto copy = best_slot(*slots, terminal, key->second, invalid);
        if (!copy) continue;
        any = true;
        if (auto missing = anchored_record_missing(in.db, *copy, chain)) {
            Message m{"the backup's copy of the head anchor records seq {0}, which this ledger lacks or holds changed: {1}",
                      {copy->seq, MessageArg(missing->second)}};
            witness(in, "backup_head", backup_head_path, false, m);
            in.problems.add(terminal, missing->first, std::move(m));
        } else {
            witness(in, "backup_head", backup_head_path, true, Message{"terminal {0} reaches seq {1} of the backup", {terminal, copy->seq}});
        }
    }
    if (!any) {
        Message m{"the copy of the head anchor at {0} has no slot signed by a terminal of this ledger", {backup_head_path}};
        witness(in, "backup_head", backup_head_path, false, m);
        in.problems.add("", 0, std::move(m));
    }
}

void check_z_fingerprints(WitnessInputs& in, const std::vector<OtherRecord>& others, const std::vector<ZFingerprint>& printed) {
    for (const auto& p : printed) {
        const std::string subject = "Z " + std::to_string(p.z);
        std::vector<const OtherRecord*> zs;
        for (const auto& r : others) {
            if (r.kind != kind::closure_day) continue;
            try {
                if (nlohmann::json::parse(r.payload).at("z") == p.z) zs.push_back(&r);
            } catch (const std::exception&) {
                // Malformed: the closure check reports it.
            }
        }
        bool matched = false;
        for (const auto* r : zs) matched = matched || to_hex(r->hash).rfind(p.hex, 0) == 0;
        if (matched) {
            witness(in, "z_fingerprint", subject, true, Message{"fingerprint {0} found", {p.hex}});
            continue;
        }
        Message m = zs.empty() ? Message{"the Z {0} printed on paper (fingerprint {1}) is not in the ledger: records were removed",
                                         {p.z, p.hex}}
                               : Message{"the Z {0} printed on paper has fingerprint {1} but the ledger's has {2}: the ledger "
                                         "was rewritten after it was printed",
                                         {p.z, p.hex, to_hex(zs.front()->hash).substr(0, p.hex.size())}};
        witness(in, "z_fingerprint", subject, false, m);
        in.problems.add(zs.empty() ? "" : zs.front()->terminal, zs.empty() ? 0 : zs.front()->seq, std::move(m));
    }
}

void check_bundles(WitnessInputs& in) {
    bool any = false;
    for (const auto& entry : in.chains) {
        const auto& terminal = entry.first;
        const auto& chain = entry.second;
        if (chain.empty || in.local_terminal.empty() || terminal == in.local_terminal) continue;
        any = true;
        auto fail = [&](std::int64_t seq, Message m) {
            witness(in, "bundles", terminal, false, m);
            in.problems.add(terminal, seq, std::move(m));
        };
        auto has = in.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bundle_heads'");
        std::vector<HeadAnchor> heads;
        if (has.step()) {
            auto st = in.db.prepare("SELECT last_seq, hash, sig FROM bundle_heads WHERE terminal = ?1 ORDER BY last_seq");
            st.bind(1, terminal);
            while (st.step()) {
                HeadAnchor h;
                h.terminal = terminal;
                h.seq = st.i64(0);
                h.hash = to_hash(st.blob(1));
                const auto sig = st.blob(2);
                if (sig.size() == h.sig.size()) std::copy(sig.begin(), sig.end(), h.sig.begin());
                heads.push_back(h);
            }
        }
        if (heads.empty()) {
            fail(0, Message{"terminal {0} is another till's chain but no signed bundle head vouches for it: its records cannot be "
                            "vouched for",
                            {terminal}});
            continue;
        }
        const auto key = in.keys.find(terminal);
        bool ok = true;
        for (const auto& h : heads) {
            const bool valid = key != in.keys.end() &&
                               verify_signature(key->second, head_anchor_message(terminal, h.seq, h.hash),
                                                std::string_view(reinterpret_cast<const char*>(h.sig.data()), 64));
            if (!valid) {
                fail(h.seq, Message{"the signed head of a bundle imported for seq {0} does not verify with the terminal's genesis key",
                                    {h.seq}});
                ok = false;
            } else if (auto missing = anchored_record_missing(in.db, h, chain)) {
                // The till exported this head: a chain that no longer reaches it, or differs there, was cut or forked.
                fail(missing->first, Message{"a bundle imported from this till reached seq {0}, but: {1}", {h.seq, MessageArg(missing->second)}});
                ok = false;
            }
        }
        if (chain.last_seq > heads.back().seq) {
            fail(heads.back().seq + 1, Message{"records {0} to {1} came in no signed bundle", {heads.back().seq + 1, chain.last_seq}});
            ok = false;
        }
        if (ok) witness(in, "bundles", terminal, true, Message{"{0} bundle head(s), up to seq {1}", {heads.size(), heads.back().seq}});
    }
    if (!any)
        in.result.witnesses.push_back(
            WitnessCheck{"bundles", "coordinator", "not_checked", Message{"no other till's chain was imported into this ledger", {}}});
}

namespace {

void not_checked(WitnessInputs& in, const std::string& file, Message why) {
    in.result.witnesses.push_back(WitnessCheck{"bundle_file", file, "not_checked", std::move(why)});
}

// The seq of this ledger's own bundle.import event for `terminal`, if any (read from the signed
// journal, not from a projection that could be edited).
std::optional<std::int64_t> import_event_of(WitnessInputs& in, const std::string& terminal) {
    if (in.local_terminal.empty()) return std::nullopt;
    auto st = in.db.prepare(
        "SELECT seq FROM journal WHERE terminal = ?1 AND kind = 'event' AND instr(payload, '\"code\":\"bundle.import\"') > 0 "
        "AND instr(payload, '\"detail\":\"terminal ' || ?2 || ',') > 0 ORDER BY seq LIMIT 1");
    st.bind(1, in.local_terminal).bind(2, terminal);
    if (!st.step()) return std::nullopt;
    return st.i64(0);
}

}  // namespace

void check_bundle_files(WitnessInputs& in, const std::vector<std::string>& files) {
    for (const auto& file : files) {
        auto fail = [&](const std::string& terminal, std::int64_t seq, Message m) {
            witness(in, "bundle_file", file, false, m);
            in.problems.add(terminal, seq, std::move(m));
        };
        std::optional<BundleHeader> h;
        try {
            h = peek_bundle_header(file);
        } catch (const InputError& e) {
            not_checked(in, file, e.message());  // a file that cannot be read says nothing of the ledger
            continue;
        }
        if (!h) {
            // A wrong file says nothing of the ledger: not checked, not a fault.
            not_checked(in, file, Message{"{0} is not a Caisse Commune bundle (its first line is not a bundle header)", {file}});
            continue;
        }
        const auto chain = in.chains.find(h->terminal);
        const auto key = in.keys.find(h->terminal);
        if (chain == in.chains.end() || key == in.keys.end()) {
            // Another till's bundle given to this till is a wrong file; a chain this ledger's own
            // signed events say it imported, and no longer holds, was removed.
            if (const auto seq = import_event_of(in, h->terminal))
                fail(h->terminal, 0,
                     Message{"the bundle {0} is of terminal {1}, which this ledger imported (its event seq {2}) but no longer holds: "
                             "that chain was removed",
                             {file, h->terminal, *seq}});
            else
                not_checked(in, file,
                            Message{"the bundle {0} is of terminal {1}, which this ledger does not hold: check it with that till's "
                                    "ledger, or import it here first (caisse bundle import)",
                                    {file, h->terminal}});
            continue;
        }
        HeadAnchor head{h->terminal, h->last_seq, h->last_hash, h->head_sig};
        if (!verify_signature(key->second, head_anchor_message(head.terminal, head.seq, head.hash),
                              std::string_view(reinterpret_cast<const char*>(head.sig.data()), 64))) {
            fail(h->terminal, 0, Message{"the head of bundle {0} is not signed with terminal {1}'s key", {file, h->terminal}});
            continue;
        }
        if (auto missing = anchored_record_missing(in.db, head, chain->second)) {
            fail(h->terminal, missing->first,
                 Message{"a bundle this till exported reached seq {0}, but: {1}", {h->last_seq, MessageArg(missing->second)}});
            continue;
        }
        // The signed head vouches on its own; a file changed elsewhere is said too (import refuses it).
        bool whole = false;
        try {
            whole = bundle_file_signed(file, key->second);
        } catch (const InputError&) {
        }
        if (whole)
            witness(in, "bundle_file", file, true, Message{"terminal {0} reaches seq {1} of the bundle", {h->terminal, h->last_seq}});
        else
            witness(in, "bundle_file", file, true,
                    Message{"terminal {0} reaches seq {1} of the bundle; the file itself was damaged or changed after its head (its "
                            "own signature does not verify: import refuses it), its signed head still vouches",
                            {h->terminal, h->last_seq}});
    }
}

}  // namespace caisse::db
