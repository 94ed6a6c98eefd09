#include "db/migrations.hpp"

#include <string>

#include "app/core/money.hpp"

namespace caisse::db {

int latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

void migrate(Database& db) {
    const int current = static_cast<int>(db.scalar("PRAGMA user_version"));
    if (current > latest_schema_version())
        throw InputError("ledger {0} was written by a newer caisse (schema {1}, this program knows up to {2}): "
                         "upgrade caisse; nothing was changed",
                         db.path(), current, latest_schema_version());
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        WriteTransaction tx(db);
        db.exec(m.sql);
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
        tx.commit();
    }
}

}  // namespace caisse::db
