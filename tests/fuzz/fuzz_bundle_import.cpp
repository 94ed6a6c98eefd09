// Bundle import (docs/bundle-format.md) on any bytes: a bundle comes from another till on a USB
// stick, an e-mail or a synced folder. Whatever the file holds, import_bundles (the service the CLI
// and the screen call) stores it or refuses it with a reason; it never crashes or hangs, a refused
// bundle leaves the coordinator's ledger exactly as it was (every table's row count), and a ledger
// that took a bundle still verifies without crashing ("not ok" always names a problem).
//
// The first input byte picks how the rest is used:
//   bit 0  the coordinator: 0 holds nothing of the stall's terminal T2; 1 already holds its first
//          records (imported from an earlier bundle), so the bundle must continue that chain
//   bit 1  0: the rest is the bundle file as is (signatures and hashes as the bytes say: a genuine
//          bundle of another run imports into coordinator 0, its key is new there);
//          1: the rest is re-hashed and re-signed with the stall's key before the import (header
//          key and genesis, every record's prev_hash, hash and signature, the signed head and the
//          file signature), as a dishonest till holding its own key would: the import then goes past
//          the signature checks and stores whatever payloads the records carry
// Seeds (tests/fuzz/corpus/fuzz_bundle_import/): bundles written by the real exporter
// (CAISSE_FUZZ_WRITE_SEEDS=DIR writes them) and near-valid ones.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/cash_count.hpp"
#include "app/services/bundle.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/members.hpp"
#include "app/services/refund.hpp"
#include "app/services/till.hpp"
#include "db/archive/lines.hpp"
#include "db/bundle/bundle.hpp"
#include "db/bundle/record_line.hpp"
#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"
#include "tests/fuzz/restore_ledger.hpp"
#include "tests/fuzz/scratch_file.hpp"

namespace fs = std::filesystem;
using namespace caisse;
using caisse::fuzz::fixed_clock;
using caisse::fuzz::read_all;
using caisse::fuzz::write_all;
using nlohmann::json;

namespace {

// A coordinator's ledger, open, and a copy of it as made (put back after a run that changed it).
struct Coordinator {
    std::string db, template_db, head;
    std::unique_ptr<Till> till;
    std::string count_sql;  // every table's row count, as one text
    bool dirty = false;

    void made() {
        template_db = db + ".template";
        fs::copy_file(db, template_db);
        head = read_all(db::Ledger::head_path(db));
        till = Till::open(db, fixed_clock());
        count_sql = "SELECT ''";
        for (auto st = till->ledger().db().prepare(
                 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
             st.step();)
            count_sql += " || (SELECT count(*) FROM \"" + st.str(0) + "\") || ','";
    }
    void restore() {
        till->ledger().flush_head_anchor();
        fuzz::restore_ledger(till->ledger().db().handle(), template_db);
        write_all(db::Ledger::head_path(db), head.data(), head.size());
        dirty = false;
    }
    std::string counts() {
        auto st = till->ledger().db().prepare(count_sql);
        st.step();
        return st.str(0);
    }
};

struct Template {
    std::string dir, bundle;
    db::SecretKey key{};
    std::string public_hex;
    std::vector<db::Hash> stall_hash;  // [seq] -> the stall's record hash (index 0 unused)
    Coordinator coord[2];
};

SellRequest sale(const char* item, const char* pay, const char* discount) {
    SellRequest r;
    r.items.push_back(ItemSpec::parse(item));
    r.items.push_back(ItemSpec::parse("CAFE*3"));
    r.payments.push_back(TenderRequest::parse(pay));
    if (*discount) r.discount = TicketDiscount::parse(discount);
    return r;
}

Template& make_template() {
    static Template t;
    if (!t.dir.empty()) return t;
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/caisse-fuzz-bundle-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    t.dir = tmpl;
    t.bundle = t.dir + "/in.bundle";
    static std::string dir = t.dir;
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(dir, ec);
    });
    const std::string stall_db = t.dir + "/stall/stall.db";
    fs::create_directories(t.dir + "/stall");
    const std::string early = t.dir + "/stall/early.bundle";
    {
        // The stall T2: a user, a small catalogue of two entrepreneurs, a session, sales (discount,
        // change, split payment), then (after the early bundle) a refund, a member and the day's Z.
        auto stall = Till::init(stall_db, "T2", false, fixed_clock());
        stall->add_user(std::nullopt, "Lucie", "admin", "1111");
        const Actor lucie = stall->sign_in("Lucie", "1111");
        stall->import_catalogue(lucie,
                                "sku;name;price;vat;entrepreneur;category;open_price;picture\n"
                                "MAFE;Mafé;9,50;10;Aminata Diop;Plats;0;\n"
                                "CAFE;Café;1,50;5,5;Aminata Diop;Boissons;0;\n"
                                "PLATJ;Plat du jour;0;20;Karim B;Plats;1;\n");
        open_cash_session(*stall, lucie, OpenSessionRequest{{}, Money::cents(15000)});
        stall->sell(lucie, sale("MAFE*2", "cash:50", ""));
        stall->sell(lucie, sale("PLATJ@7,50", "card", "10%"));
        t.key = db::read_secret_key(db::Ledger::key_path(stall_db));
        t.public_hex = db::to_hex(db::public_of(t.key));
        db::export_bundle(stall->ledger().db(), "T2", 1, t.key, early, "2026-11-02T12:00:00.000Z");
        SellRequest split = sale("MAFE", "voucher:5", "");
        split.payments.push_back(TenderRequest::parse("cash"));
        stall->sell(lucie, split);
        RefundRequest back;
        back.ticket = 1;
        refund_ticket(*stall, lucie, back);
        add_member(*stall, lucie, NewMember{"Zoé Martin", "", "2026-01-01", "2026-12-31"}, false);
        CloseRequest close{CashCount::parse("50x3"), std::nullopt, std::nullopt, "écart de test", 1};
        close_day(*stall, lucie, close);
        auto st = stall->ledger().db().prepare("SELECT seq, hash FROM journal WHERE terminal = 'T2' ORDER BY seq");
        t.stall_hash.emplace_back();
        while (st.step()) {
            db::Hash h{};
            const auto b = st.blob(1);
            if (b.size() != h.size()) std::abort();
            std::memcpy(h.data(), b.data(), h.size());
            t.stall_hash.push_back(h);
        }
        if (const char* seeds = std::getenv("CAISSE_FUZZ_WRITE_SEEDS")) {
            // The seed corpus, written by the real exporter: prefix byte, then the file.
            const std::string last = std::to_string(t.stall_hash.size() - 1);
            const std::string whole = t.dir + "/stall/whole.bundle", rest = t.dir + "/stall/rest.bundle";
            db::export_bundle(stall->ledger().db(), "T2", 1, t.key, whole, "2026-11-02T18:00:00.000Z");
            auto early_seq = db::peek_bundle_header(early)->last_seq;
            db::export_bundle(stall->ledger().db(), "T2", early_seq + 1, t.key, rest, "2026-11-02T18:00:00.000Z");
            auto seed = [&](const std::string& name, char prefix, const std::string& file) {
                const std::string bytes = prefix + read_all(file);
                write_all(std::string(seeds) + "/" + name, bytes.data(), bytes.size());
            };
            seed("raw-whole", 0, whole);
            seed("raw-early", 0, early);
            seed("raw-rest-coord1", 1, rest);
            seed("resign-whole", 2, whole);
            seed("resign-whole-coord1", 3, whole);
            seed("resign-rest-coord1", 3, rest);
            seed("resign-early", 2, early);
        }
    }
    for (int i = 0; i < 2; ++i) {
        Coordinator& c = t.coord[i];
        fs::create_directories(t.dir + "/c" + std::to_string(i));
        c.db = t.dir + "/c" + std::to_string(i) + "/coord.db";
        {
            auto till = Till::init(c.db, "T1", false, fixed_clock());
            till->add_user(std::nullopt, "Awa", "admin", "1234");
            if (i == 1) {
                const auto r = import_bundles(*till, std::nullopt, {early});
                if (!r.all_imported() || r.added == 0) std::abort();
            }
        }
        c.made();
    }
    return t;
}

std::optional<db::JournalRecord> loose_record(const json& j, const std::string& terminal) {
    if (!j.is_object()) return std::nullopt;
    db::JournalRecord r;
    r.terminal = terminal;
    auto s = [&](const char* k, std::string& v) {
        if (j.contains(k) && j[k].is_string()) v = j[k].get<std::string>();
    };
    if (j.contains("seq") && j["seq"].is_number_integer()) r.seq = j["seq"].get<std::int64_t>();
    s("kind", r.kind);
    s("at_utc", r.at_utc);
    s("payload", r.payload);
    return r;
}

// Re-hashes and re-signs a bundle's text with the stall's key (mode bit 1).
std::string resign(const Template& t, std::string_view text) {
    std::vector<std::string> lines;
    std::string tail;  // an unfinished last line, kept as is
    for (std::size_t at = 0; at < text.size();) {
        const auto nl = text.find('\n', at);
        if (nl == std::string_view::npos) {
            tail = std::string(text.substr(at));
            break;
        }
        lines.emplace_back(text.substr(at, nl - at));
        at = nl + 1;
    }
    if (lines.empty()) return std::string(text);
    json header = json::parse(lines.front(), nullptr, false);
    if (!header.is_object()) return std::string(text);
    std::string terminal = "T2";
    if (header.contains("terminal") && header["terminal"].is_string()) terminal = header["terminal"].get<std::string>();
    header["public_key"] = t.public_hex;
    db::Sha256 sha;
    auto seal = [&](db::JournalRecord& r, const db::Hash& prev) {
        if (r.kind == db::kind::genesis) {  // the genesis names the key: ours now
            json gp = json::parse(r.payload, nullptr, false);
            if (gp.is_object() && gp.contains("public_key")) {
                gp["public_key"] = t.public_hex;
                r.payload = db::canonical_json(gp);
            }
        }
        r.prev_hash = prev;
        r.hash = db::record_hash(sha, r.prev_hash.data(), terminal, r.seq, r.kind, r.at_utc, r.payload);
        if (db::is_signed_kind(r.kind)) r.sig = db::sign(t.key, r.hash);
        else r.sig.reset();
    };
    auto hex = [](const auto& a) { return db::to_hex(a); };
    if (header.contains("genesis")) {
        if (auto g = loose_record(header["genesis"], terminal)) {
            seal(*g, db::Hash{});
            header["genesis"] = {{"at_utc", g->at_utc}, {"hash", hex(g->hash)},       {"kind", g->kind},
                                 {"payload", g->payload}, {"prev_hash", hex(g->prev_hash)}, {"seq", g->seq},
                                 {"sig", g->sig ? json(hex(*g->sig)) : json()}};
        }
    }
    const json last = lines.size() >= 2 ? json::parse(lines.back(), nullptr, false) : json();
    const bool trailer = tail.empty() && last.is_object() && last.contains("sha256");
    const std::size_t end = lines.size() - (trailer ? 1 : 0);
    std::string body;
    db::Hash prev{};
    bool first = true;
    for (std::size_t i = 1; i < end; ++i) {
        auto r = db::read_record_line(lines[i], terminal);
        if (!r) r = loose_record(json::parse(lines[i], nullptr, false), terminal);
        if (!r) {
            body += lines[i] + "\n";
            continue;
        }
        if (first && r->seq > 1 && r->seq < static_cast<std::int64_t>(t.stall_hash.size())) prev = t.stall_hash[r->seq - 1];
        first = false;
        seal(*r, prev);
        prev = r->hash;
        db::append_record_line(body, r->seq, r->kind, r->at_utc, r->payload,
                               std::string_view(reinterpret_cast<const char*>(r->prev_hash.data()), 32),
                               std::string_view(reinterpret_cast<const char*>(r->hash.data()), 32),
                               r->sig ? std::optional<std::string_view>(std::string_view(reinterpret_cast<const char*>(r->sig->data()), 64))
                                      : std::nullopt);
    }
    std::int64_t last_seq = 0;
    if (header.contains("last_seq") && header["last_seq"].is_number_integer()) last_seq = header["last_seq"].get<std::int64_t>();
    header["last_hash"] = hex(prev);
    header["head_sig"] = hex(db::sign(t.key, db::head_anchor_message(terminal, last_seq, prev)));
    std::string out = db::canonical_json(header) + "\n" + body;
    if (trailer) {
        const db::Hash digest = db::sha256(out);
        out += db::canonical_json(json{{"sha256", hex(digest)}, {"signature", hex(db::sign(t.key, digest))}}) + "\n";
    }
    return out + tail;
}

}  // namespace

// The ledgers are made before the first run (Argon2id PIN hashing is slow: not part of any input's time).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    make_template();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Template& t = make_template();
    if (size == 0) return 0;
    Coordinator& c = t.coord[data[0] & 1];
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string bytes;
    try {
        bytes = data[0] & 2 ? resign(t, rest) : std::string(rest);
    } catch (const std::exception&) {  // nlohmann refusing to dump a string that is not UTF-8: use the bytes
        bytes = std::string(rest);
    }
    write_all(t.bundle, bytes.data(), bytes.size());
    if (c.dirty) c.restore();
    const std::string before = c.counts();
    try {
        (void)db::peek_bundle_header(t.bundle);
    } catch (const InputError&) {
    }
    const auto report = import_bundles(*c.till, std::nullopt, {t.bundle});
    if (report.bundles.size() != 1) __builtin_trap();
    const auto& b = report.bundles.front();
    if (b.refused.has_value() == b.imported.has_value()) __builtin_trap();
    if (b.refused) {
        if (std::getenv("CAISSE_FUZZ_SAY")) std::fprintf(stderr, "refused: %s\n", b.refused->english().c_str());
        if (b.refused->english().empty()) __builtin_trap();
        if (c.counts() != before) __builtin_trap();  // a refused bundle changes nothing
        return 0;
    }
    if (b.imported->added == 0) {
        if (c.counts() != before) __builtin_trap();  // importing twice equals once
        return 0;
    }
    c.dirty = true;
    db::VerifyOptions options;
    options.chain_threads = 1;
    try {
        const auto v = db::verify_ledger(c.db, options);
        if (!v.ok && v.problems.empty()) __builtin_trap();  // broken must say why
    } catch (const InputError&) {
        __builtin_trap();  // the ledger is ours and sound: verify must read it
    }
    return 0;
}
