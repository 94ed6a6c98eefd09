#include "db/verify/schema.hpp"

#include <map>
#include <mutex>
#include <vector>
#include <tuple>

#include "db/migrations.hpp"

namespace caisse::db {

namespace {

using Objects = std::map<std::string, std::pair<std::string, std::string>>;  // name -> (type, sql)

Objects objects_of(Database& db) {
    Objects out;
    for (auto st = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')");
         st.step();)
        out[st.str(1)] = {st.str(0), st.is_null(2) ? "" : st.str(2)};
    return out;
}

// Tables of local state (not ledger) and the journal and sale tables, typed as they are scanned.
bool typed_elsewhere(const std::string& table) {
    return table == "journal" || table == "sales" || table == "sale_lines" || table == "sale_payments" ||
           table == "local_settings" || table == "credentials";
}

// What a schema version must look like: its objects' SQL and, per projection table, the typeof()
// condition that finds a row of the wrong storage class.
struct Reference {
    Objects objects;
    std::vector<std::pair<std::string, std::string>> typeof_checks;  // (table, WHERE condition)
};

Reference build_reference(std::int64_t version) {
    Database ref(":memory:", Database::Mode::Create);
    for (const auto& m : migrations())
        if (m.version <= version) ref.exec(m.sql);
    Reference out;
    out.objects = objects_of(ref);
    for (const auto& [table, what] : out.objects) {
        if (what.first != "table" || typed_elsewhere(table)) continue;
        std::string cond;
        bool has_terminal = false, has_seq = false;
        auto col = ref.prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?1)");
        col.bind(1, table);
        while (col.step()) {
            const std::string name = col.str(0), type = col.str(1);
            const std::string storage = type == "INTEGER" ? "integer" : type == "TEXT" ? "text" : type == "BLOB" ? "blob" : "";
            if (storage.empty()) continue;
            has_terminal = has_terminal || name == "terminal";
            has_seq = has_seq || name == "seq";
            if (!cond.empty()) cond += " OR ";
            cond += "typeof(\"" + name + "\") NOT IN ('" + storage + "'" + (col.i64(2) ? "" : ", 'null'") + ")";
        }
        if (!cond.empty() && has_terminal && has_seq) out.typeof_checks.emplace_back(table, cond);
    }
    return out;
}

// Built once per version and process: running every migration into a memory database costs more
// than verifying a small ledger (the verify fuzzer runs it hundreds of thousands of times).
const Reference& reference(std::int64_t version) {
    static std::mutex mutex;
    static std::map<std::int64_t, Reference> cache;
    const std::lock_guard lock(mutex);
    auto it = cache.find(version);
    if (it == cache.end()) it = cache.emplace(version, build_reference(version)).first;
    return it->second;
}

}  // namespace

void check_schema(Database& db, std::int64_t version, Problems& problems) {
    if (version < 1 || version > latest_schema_version()) {
        problems.add("", 0, Message{"schema version {0} is unknown", {version}});
        return;
    }
    const Objects& expected = reference(version).objects;
    const Objects actual = objects_of(db);
    for (const auto& [name, want] : expected) {
        auto it = actual.find(name);
        const bool trigger = want.first == "trigger";
        if (it == actual.end())
            problems.add("", 0,
                         trigger ? Message{"trigger {0} is missing: someone disabled append-only protection", {name}}
                                 : Message{"{0} {1} of schema {2} is missing", {want.first, name, version}});
        else if (it->second != want)
            problems.add("", 0,
                         trigger ? Message{"trigger {0} is not the documented one (its SQL text differs): append-only protection "
                                           "may have been changed",
                                           {name}}
                                 : Message{"{0} {1} differs from schema {2}", {want.first, name, version}});
    }
    for (const auto& [name, have] : actual)
        if (!expected.count(name) && name.rfind("sqlite_", 0) != 0)
            problems.add("", 0, Message{"{0} {1} is not part of schema {2}", {have.first, name, version}});
}

void check_column_types(Database& db, std::int64_t version, Problems& problems) {
    if (version < 1 || version > latest_schema_version()) return;
    for (const auto& [table, cond] : reference(version).typeof_checks) {
        try {
            auto bad = db.prepare("SELECT terminal, seq FROM \"" + table + "\" WHERE " + cond + " LIMIT 20");
            while (bad.step())
                problems.add(bad.type(0) == SQLITE_TEXT ? bad.str(0) : "", bad.type(1) == SQLITE_INTEGER ? bad.i64(1) : 0,
                             Message{"{0} row holds a value of the wrong storage type (typeof)", {table}});
        } catch (const SqliteError&) {
            // A table or column missing: check_schema has said so.
        }
    }
}

std::string check_integrity(Database& db, bool full, Problems& problems) {
    std::string first = "ok";
    try {
        auto st = db.prepare(full ? "PRAGMA integrity_check(20)" : "PRAGMA quick_check(20)");
        for (bool top = true; st.step(); top = false) {
            const std::string line = st.str(0);
            if (top && line == "ok") break;
            if (top) first = line;
            problems.add("", 0, Message{"SQLite integrity check: {0}", {line}});
        }
    } catch (const SqliteError& e) {
        first = e.what();
        problems.add("", 0, Message{"SQLite integrity check could not run: {0}", {std::string(e.what())}});
    }
    return first;
}

}  // namespace caisse::db
