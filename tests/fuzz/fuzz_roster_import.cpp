// Roster import (app/services/members.hpp) on any bytes: the roster file comes from another till
// on a USB stick or by e-mail. Whatever it holds, import_roster adds or updates members or throws
// InputError; it never crashes or hangs; a refused file leaves the ledger exactly as it was (every
// table's row count); an accepted one imported again changes nothing (importing twice equals once).
//
// Input: the roster file; a first byte '!' is dropped and asks for allow_similar (a new name one
// letter from a member's accepted). The till holds two entrepreneurs (Aminata Diop, Karim B) and the
// members Aminata Diop and Zoé Martin, so a file meets existing ids, names and lookalikes.
// Seeds (tests/fuzz/corpus/fuzz_roster_import/): rosters written by export_roster
// (CAISSE_FUZZ_WRITE_SEEDS=DIR writes them) and hand-made near-valid ones.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "app/services/members.hpp"
#include "app/services/till.hpp"
#include "db/ledger.hpp"
#include "tests/fuzz/restore_ledger.hpp"
#include "tests/fuzz/scratch_file.hpp"

namespace fs = std::filesystem;
using namespace caisse;
using caisse::fuzz::fixed_clock;
using caisse::fuzz::read_all;
using caisse::fuzz::write_all;

namespace {

struct Fixture {
    std::string dir, db, count_sql;
    std::string template_db, head;  // the ledger as made (a copy) and its head anchor file
    std::unique_ptr<Till> till;
    std::optional<Actor> manager;
    bool dirty = false;

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

Fixture& make_fixture() {
    static Fixture f;
    if (f.till) return f;
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/caisse-fuzz-roster-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    f.dir = tmpl;
    static std::string dir = f.dir;
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(dir, ec);
    });
    f.db = f.dir + "/till.db";
    {
        auto till = Till::init(f.db, "T1", false, fixed_clock());
        till->add_user(std::nullopt, "Awa", "admin", "1234");
        const Actor awa = till->sign_in("Awa", "1234");
        till->import_catalogue(awa,
                               "sku;name;price;vat;entrepreneur;category;open_price;picture\n"
                               "MAFE;Mafé;9,50;10;Aminata Diop;Plats;0;\n"
                               "PLATJ;Plat du jour;0;20;Karim B;Plats;1;\n");
        add_member(*till, awa, NewMember{"Zoé Martin", "#123456", "2026-01-01", "2026-12-31"}, false);
        if (const char* seeds = std::getenv("CAISSE_FUZZ_WRITE_SEEDS")) {
            const std::string here = export_roster(till->ledger().db());
            write_all(std::string(seeds) + "/export-this-till", here.data(), here.size());
            // Another till's roster: the same people, one renamed, one new, one lookalike.
            const std::string other_db = f.dir + "/other.db";
            auto other = Till::init(other_db, "T2", false, fixed_clock());
            other->add_user(std::nullopt, "Mei", "admin", "2222");
            const Actor mei = other->sign_in("Mei", "2222");
            add_member(*other, mei, NewMember{"Aminata Diop", "", "", ""}, false);
            add_member(*other, mei, NewMember{"Léa Dubois", "#abcdef", "2026-03-01", ""}, false);
            add_member(*other, mei, NewMember{"Karim Benali", "", "", "2027-02-28"}, false);
            const std::string there = export_roster(other->ledger().db());
            write_all(std::string(seeds) + "/export-other-till", there.data(), there.size());
            const std::string similar = "!" + there;
            write_all(std::string(seeds) + "/export-other-till-allow-similar", similar.data(), similar.size());
        }
    }
    f.template_db = f.dir + "/template.db";
    fs::copy_file(f.db, f.template_db);
    f.head = read_all(db::Ledger::head_path(f.db));
    f.till = Till::open(f.db, fixed_clock());
    f.manager = f.till->sign_in("Awa", "1234");
    f.count_sql = "SELECT ''";
    for (auto st = f.till->ledger().db().prepare(
             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
         st.step();)
        f.count_sql += " || (SELECT count(*) FROM \"" + st.str(0) + "\") || ','";
    return f;
}

}  // namespace

// The till is made before the first run (Argon2id PIN hashing is slow: not part of any input's time).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    make_fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture& f = make_fixture();
    const bool allow_similar = size > 0 && data[0] == '!';
    const std::string text(reinterpret_cast<const char*>(data) + (allow_similar ? 1 : 0), size - (allow_similar ? 1 : 0));
    if (f.dirty) f.restore();
    const std::string before = f.counts();
    RosterImportSummary s;
    try {
        s = import_roster(*f.till, *f.manager, text, allow_similar);
    } catch (const InputError& e) {
        if (e.message().english().empty()) __builtin_trap();
        if (f.counts() != before) __builtin_trap();  // a refused file changes nothing
        return 0;
    }
    f.dirty = true;
    const std::string after = f.counts();
    const auto again = import_roster(*f.till, *f.manager, text, allow_similar);
    if (again.added != 0 || again.updated != 0 || again.linked != 0) __builtin_trap();  // twice equals once
    if (f.counts() != after) __builtin_trap();
    return 0;
}
