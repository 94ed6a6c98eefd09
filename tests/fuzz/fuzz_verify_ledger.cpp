// verify on a damaged or forged ledger: a small valid ledger (a user, a catalogue, a session, sales),
// made once, is altered by the input and verified. Whatever the bytes, verify reports problems,
// or refuses a file that is no database with InputError / SqliteError; it never crashes.
//
// The first input byte picks the mode:
//   0  byte patches of the database file: (3-byte offset, length-1, bytes)...; reaches SQLite's
//      page reader and verify on half-broken pages
//   1  edits of rows, as a tamperer with sqlite3 would (triggers dropped and put back):
//      (table.column, row, type, length, bytes)... on payloads, hashes, projections, keys
//   2  the rest of the input is the whole database file
#include <unistd.h>

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/services/cash_session.hpp"
#include "app/services/till.hpp"
#include "db/ledger.hpp"
#include "db/sqlite.hpp"
#include "db/verify.hpp"

namespace fs = std::filesystem;
using namespace caisse;

namespace {

struct Column {
    std::string update;  // UPDATE t SET c = ?1 WHERE <key> IN (SELECT <key> FROM t LIMIT 1 OFFSET ?2)
    std::string remove;  // DELETE FROM t WHERE <key> IN (...OFFSET ?1)
};

struct Template {
    std::string dir, db;                 // scratch folder and the ledger the runs write
    std::string db_bytes, head, key;     // the valid ledger's files
    std::vector<Column> columns;         // every column of every table of the ledger
    std::vector<std::string> triggers;   // CREATE TRIGGER statements, put back after edits
};

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_all(const std::string& path, const char* p, std::size_t n) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();
    if (n) std::fwrite(p, 1, n, f);
    std::fclose(f);
}

Template make_template() {
    Template t;
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/caisse-fuzz-verify-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    t.dir = tmpl;
    const std::string made = t.dir + "/made.db";
    {
        // Small on purpose (each run writes and verifies it): one user, three products of two
        // entrepreneurs, a session, three sales with a discount, change and a split payment.
        auto at = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 3 / 2});
        auto till = Till::init(made, "T1", false, [at] { return *at += std::chrono::seconds{7}; });
        till->add_user(std::nullopt, "Lucie", "admin", "1111");
        const Actor lucie = till->sign_in("Lucie", "1111");
        till->import_catalogue(lucie, 
            "sku;name;price;vat;entrepreneur;category;open_price;picture\n"
            "MAFE;Mafé;9,50;10;Aminata Diop;Plats;0;\n"
            "CAFE;Café;1,50;5,5;Aminata Diop;Boissons;0;\n"
            "PLATJ;Plat du jour;0;20;Karim B;Plats;1;\n");
        open_cash_session(*till, lucie, OpenSessionRequest{{}, Money::cents(15000)});
        const char* sales[][3] = {{"MAFE*2", "cash:50", ""}, {"PLATJ@7,50", "card", "10%"}, {"MAFE", "voucher:5", ""}};
        for (const auto& s : sales) {
            SellRequest r;
            r.items.push_back(ItemSpec::parse(s[0]));
            r.items.push_back(ItemSpec::parse("CAFE*3"));
            r.payments.push_back(TenderRequest::parse(s[1]));
            if (std::strcmp(s[1], "voucher:5") == 0) r.payments.push_back(TenderRequest::parse("cash"));
            if (*s[2]) r.discount = TicketDiscount::parse(s[2]);
            till->sell(lucie, r);
        }
    }  // closed: the WAL is checkpointed into the file
    t.db_bytes = read_all(made);
    t.head = read_all(db::Ledger::head_path(made));
    t.key = read_all(db::Ledger::key_path(made));
    db::Database d(made, db::Database::Mode::ReadOnly);
    for (auto st = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
         st.step();) {
        const std::string table = st.str(0);
        std::vector<std::string> cols, key;
        for (auto info = d.prepare("SELECT name, pk FROM pragma_table_info('" + table + "') ORDER BY cid"); info.step();) {
            cols.push_back(info.str(0));
            if (info.i64(1) > 0) key.push_back(info.str(0));
        }
        std::string k;
        for (const auto& c : key) k += (k.empty() ? "" : ", ") + c;
        if (k.empty()) k = "rowid";
        const std::string where = " WHERE (" + k + ") IN (SELECT " + k + " FROM " + table + " LIMIT 1 OFFSET ?2)";
        for (const auto& c : cols) t.columns.push_back({"UPDATE " + table + " SET " + c + " = ?1" + where,
                                                        "DELETE FROM " + table + " WHERE (" + k + ") IN (SELECT " + k + " FROM " +
                                                            table + " LIMIT 1 OFFSET ?1)"});
    }
    for (auto st = d.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'"); st.step();) t.triggers.push_back(st.str(0));
    t.db = t.dir + "/fuzz.db";
    static std::string dir = t.dir;
    std::atexit([] { std::error_code ec; fs::remove_all(dir, ec); });
    return t;
}

// Mode 1: edits through SQL, as someone with the sqlite3 shell would.
void edit_rows(const Template& t, const std::uint8_t* p, std::size_t n) {
    sqlite3* h = nullptr;
    if (sqlite3_open(t.db.c_str(), &h) != SQLITE_OK) {
        sqlite3_close(h);
        return;
    }
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    for (auto st = t.triggers.begin(); st != t.triggers.end(); ++st) {
        const std::string& sql = *st;
        const auto name_at = sql.find("TRIGGER ") + 8;
        const std::string name = sql.substr(name_at, sql.find(' ', name_at) - name_at);
        sqlite3_exec(h, ("DROP TRIGGER IF EXISTS " + name).c_str(), nullptr, nullptr, nullptr);
    }
    std::size_t i = 0;
    while (i + 4 <= n) {
        const Column& c = t.columns[(p[i] | p[i + 1] << 8) % t.columns.size()];
        const int row = p[i + 2];
        const int type = p[i + 3] % 6;
        i += 4;
        std::size_t len = i < n ? p[i++] : 0;
        if (len > n - i) len = n - i;
        const std::uint8_t* v = p + i;
        i += len;
        sqlite3_stmt* st = nullptr;
        if (type == 5) {
            if (sqlite3_prepare_v2(h, c.remove.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
            sqlite3_bind_int(st, 1, row);
        } else {
            if (sqlite3_prepare_v2(h, c.update.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
            std::int64_t x = 0;
            std::memcpy(&x, v, len < 8 ? len : 8);
            switch (type) {
                case 0: sqlite3_bind_int64(st, 1, x); break;
                case 1: sqlite3_bind_int64(st, 1, static_cast<std::int8_t>(x)); break;  // small numbers: off by a few
                case 2: sqlite3_bind_text(st, 1, reinterpret_cast<const char*>(v), static_cast<int>(len), SQLITE_TRANSIENT); break;
                case 3: sqlite3_bind_blob(st, 1, v, static_cast<int>(len), SQLITE_TRANSIENT); break;
                default: sqlite3_bind_null(st, 1); break;
            }
            sqlite3_bind_int(st, 2, row);
        }
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    for (const auto& sql : t.triggers) sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(h);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Template t = make_template();
    if (size == 0) return 0;
    std::error_code ec;
    fs::remove(t.db + "-wal", ec);
    fs::remove(t.db + "-shm", ec);
    write_all(db::Ledger::head_path(t.db), t.head.data(), t.head.size());
    write_all(db::Ledger::key_path(t.db), t.key.data(), t.key.size());
    const std::uint8_t* p = data + 1;
    const std::size_t n = size - 1;
    switch (data[0] % 3) {
        case 0: {
            std::string bytes = t.db_bytes;
            for (std::size_t i = 0; i + 4 <= n;) {
                const std::size_t at = (p[i] | p[i + 1] << 8 | static_cast<std::size_t>(p[i + 2]) << 16) % bytes.size();
                std::size_t len = (p[i + 3] & 15) + 1;
                i += 4;
                for (std::size_t k = 0; k < len && i < n && at + k < bytes.size(); ++k) bytes[at + k] = static_cast<char>(p[i++]);
            }
            write_all(t.db, bytes.data(), bytes.size());
            break;
        }
        case 1:
            write_all(t.db, t.db_bytes.data(), t.db_bytes.size());
            edit_rows(t, p, n);
            break;
        default: write_all(t.db, reinterpret_cast<const char*>(p), n); break;
    }
    try {
        db::VerifyOptions options;
        options.chain_threads = 1;
        const auto r = db::verify_ledger(t.db, options);
        if (!r.ok && r.problems.empty()) __builtin_trap();  // broken must say why
    } catch (const InputError&) {
    } catch (const db::SqliteError&) {
    }
    return 0;
}
