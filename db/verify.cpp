// verify_ledger: takes one snapshot, runs the chain workers, then the per-kind, schema and tail
// checks (db/verify/*, db/records/*_verify.cpp) and gathers their problems.
#include "db/verify.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <iterator>
#include <thread>
#include <tuple>

#include "app/core/money.hpp"
#include "db/journal.hpp"
#include "db/ledger.hpp"
#include "db/migrations.hpp"
#include "db/records/closure.hpp"
#include "db/records/imported_verify.hpp"
#include "db/records/record_verify.hpp"
#include "db/records/sale_verify.hpp"
#include "db/verify/chain.hpp"
#include "db/verify/schema.hpp"
#include "db/verify/snapshot.hpp"
#include "db/verify/witnesses.hpp"

namespace caisse::db {

ZFingerprint parse_z_fingerprint(std::string_view text) {
    const auto colon = text.find(':');
    ZFingerprint f;
    std::string_view number = text.substr(0, colon);
    if (colon == std::string_view::npos || number.empty() || number.size() > 9 ||
        number.find_first_not_of("0123456789") != std::string_view::npos)
        throw InputError("--z-fingerprint \"{0}\": expected Z_NUMBER:HEX, e.g. 12:3f2a9c01d4e5b6a7", std::string(text));
    for (char c : number) f.z = f.z * 10 + (c - '0');
    for (char c : text.substr(colon + 1)) {
        if (c == ' ') continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            throw InputError("--z-fingerprint \"{0}\": the fingerprint must be hexadecimal digits", std::string(text));
        f.hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (f.z < 1 || f.hex.size() < 8 || f.hex.size() > 64)
        throw InputError("--z-fingerprint \"{0}\": give the Z number and 8 to 64 hex digits of its fingerprint", std::string(text));
    return f;
}

VerifyResult verify_ledger(const std::string& path, const VerifyOptions& options) {
    VerifyResult result;
    if (!std::filesystem::exists(path)) throw InputError("no ledger at {0} (create one with: caisse init --db {0})", path);

    // The anchor first, the journal after: a till selling meanwhile only moves the journal further
    // ahead of the anchor read here, never behind it.
    std::optional<std::vector<HeadAnchor>> slots;
    std::optional<Message> anchor_unreadable;
    try {
        slots = read_head_anchor_slots(Ledger::head_path(path));
    } catch (const InputError& e) {
        anchor_unreadable = e.message();
    }

    const unsigned workers = std::max(1u, options.chain_threads);
    std::unique_ptr<ReadSnapshot> snap;
    std::int64_t version = 0;
    try {
        snap = std::make_unique<ReadSnapshot>(path, workers + 1);
        if (snap->at(0).scalar("PRAGMA application_id") != kApplicationId) throw InputError("{0} is not a Caisse Commune ledger", path);
        version = snap->at(0).scalar("PRAGMA user_version");
    } catch (const SqliteError&) {
        throw InputError("{0} is not a Caisse Commune ledger (not a database)", path);
    }
    if (version > latest_schema_version())
        throw InputError("ledger {0} was written by a newer caisse (schema {1}, this program knows up to {2}): "
                         "upgrade caisse; nothing was changed",
                         path, version, latest_schema_version());
    Database& db = snap->at(0);
    Problems problems;

    // A damaged file or absurd values must give a verdict, never end the process.
    auto guarded = [&](const char* part, const std::function<void()>& fn) {
        try {
            fn();
        } catch (const std::exception& e) {
            problems.add("", 0, Message{"the ledger could not be read to the end ({0}): {1}", {part, std::string(e.what())}});
        }
    };

    guarded("schema", [&] {
        check_schema(db, version, problems);
        check_column_types(db, version, problems);
    });

    // Chains and their keys: from the journal's own genesis records.
    std::vector<ChainRange> ranges;
    std::vector<std::string> terminals;
    std::map<std::string, PublicKey> keys;
    guarded("journal", [&] {
        ranges = split_chains(db, workers);
        for (const auto& r : ranges)
            if (terminals.empty() || terminals.back() != r.terminal) terminals.push_back(r.terminal);
        keys = check_genesis(db, terminals, problems);
    });
    SessionSpans sessions;
    guarded("sessions", [&] { sessions = session_spans(db); });

    // The key beside the ledger must be the one its genesis announced; an auditor's copy has none.
    std::string local_terminal;
    guarded("local settings", [&] {
        if (auto st = db.prepare("SELECT value FROM local_settings WHERE key = 'terminal'"); st.step()) local_terminal = st.str(0);
    });
    if (local_terminal.empty()) problems.add("", 0, "this till's terminal name (local_settings) is missing");
    if (keys.count(local_terminal) && std::filesystem::exists(Ledger::key_path(path))) {
        try {
            if (public_of(read_secret_key(Ledger::key_path(path))) != keys[local_terminal])
                problems.add(local_terminal, 1,
                             Message{"signing key file {0} does not match the public key of the genesis record", {Ledger::key_path(path)}});
        } catch (const InputError& e) {
            result.warnings.push_back(e.message());
        }
    }
    if (options.pinned_key) {
        const auto it = keys.find(local_terminal);
        const bool match = it != keys.end() ? it->second == *options.pinned_key
                                            : std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.second == *options.pinned_key; });
        if (!match)
            problems.add(it != keys.end() ? local_terminal : "", it != keys.end() ? 1 : 0,
                         Message{"public key {0}... differs from the pinned key {1}...: the chain was rebuilt with another key",
                                 {it != keys.end() ? to_hex(it->second).substr(0, 16) : std::string("(none)"),
                                  to_hex(*options.pinned_key).substr(0, 16)}});
    }

    // The chain workers, one connection each, all in the same snapshot; integrity check beside them.
    std::vector<RangeResult> results(ranges.size());
    {
        std::vector<std::thread> threads;
        for (unsigned w = 0; w < workers; ++w)
            threads.emplace_back([&, w] {
                for (std::size_t i = w; i < ranges.size(); i += workers) {
                    try {
                        results[i] = check_chain_range(snap->at(w + 1), ranges[i], keys, sessions, problems);
                    } catch (const std::exception& e) {
                        problems.add(ranges[i].terminal, 0,
                                     Message{"the ledger could not be read to the end: {0}", {std::string(e.what())}});
                    }
                }
            });
        result.integrity_mode = options.integrity == IntegrityCheck::full ? "full" : "quick";
        result.integrity_check = check_integrity(db, options.integrity == IntegrityCheck::full, problems);
        for (auto& t : threads) t.join();
    }

    std::vector<OtherRecord> others;
    std::map<std::string, Span> chains;
    std::map<std::string, std::vector<ClockStep>> steps_back;
    {
        std::map<std::string, std::vector<const RangeResult*>> parts;
        for (std::size_t i = 0; i < ranges.size(); ++i) {
            auto& r = results[i];
            std::move(r.others.begin(), r.others.end(), std::back_inserter(others));
            result.bytes_hashed += r.bytes;
            result.records += r.records;
            parts[ranges[i].terminal].push_back(&r);
        }
        for (const auto& terminal : terminals) {
            Span whole = join_spans(terminal, parts[terminal], problems, steps_back[terminal]);
            guarded("sales", [&] {
                check_projection_tail(db, terminal, whole.first_ticket, whole.last_ticket, problems);
                if (whole.first_ticket > 1)
                    problems.add(terminal, whole.first_seq, Message{"ticket numbers start at {0}, not 1", {whole.first_ticket}});
            });
            chains[terminal] = whole;
        }
    }
    std::sort(others.begin(), others.end(),
              [](const OtherRecord& a, const OtherRecord& b) { return std::tie(a.terminal, a.seq) < std::tie(b.terminal, b.seq); });
    guarded("sales", [&] { check_unknown_terminals(db, terminals, problems); });
    guarded("catalogue, users, sessions", [&] {
        check_projected_kinds(db, others, problems);
        check_imported_sides(db, local_terminal, problems);
    });
    guarded("duplicates", [&] { check_duplicates(db, others, problems); });
    guarded("user roles", [&] { check_user_roles(db, others, problems); });
    guarded("training sales", [&] { check_training_tickets(others, problems); });
    guarded("sessions", [&] { check_sessions(others, sessions, problems); });
    guarded("refunds", [&] { check_refunds(db, others, sessions, problems); });
    guarded("charges, hours, split rules", [&] { check_cape_records(db, others, problems); });
    guarded("catering", [&] { check_catering_records(db, others, problems); });
    guarded("closures", [&] {
        // Each Z equals its session, periods equal their Zs (records/closure_verify.cpp).
        std::vector<ClosureRecord> closures;
        for (const auto& r : others)
            if (r.kind == kind::closure_day || r.kind == kind::closure_month || r.kind == kind::closure_year)
                closures.push_back(ClosureRecord{r.terminal, r.seq, r.kind, r.payload});
        for (auto& p : check_closures(db, closures, steps_back)) problems.add(p.terminal, p.seq, std::move(p.message));
    });

    // The tail: the head anchor of every chain, then the witnesses the auditor brought.
    WitnessInputs in{db, keys, chains, problems, result, local_terminal};
    guarded("head anchor", [&] { check_head_anchor(in, Ledger::head_path(path), slots, anchor_unreadable); });
    if (options.backup_dir)
        guarded("backup", [&] {
            check_backup_head(in, (std::filesystem::path(*options.backup_dir) / std::filesystem::path(path).filename()).string() + ".head");
        });
    guarded("Z fingerprints", [&] { check_z_fingerprints(in, others, options.z_fingerprints); });
    guarded("bundles", [&] {
        check_bundles(in);
        check_bundle_files(in, options.bundle_files);
    });

    result.problems = problems.sorted();
    result.ok = result.problems.empty();
    return result;
}

}  // namespace caisse::db
