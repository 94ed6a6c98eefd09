#pragma once
// Schema migrations: numbered db/migrations/NNN_name.sql files, embedded at build time, each
// applied in its own transaction and recorded in PRAGMA user_version.
#include <vector>

#include "db/sqlite.hpp"

namespace caisse::db {

struct Migration {
    int version;
    const char* sql;
};

const std::vector<Migration>& migrations();  // generated from db/migrations/*.sql
int latest_schema_version();
void migrate(Database& db);  // throws when the file was written by a newer caisse

// "CCM1": marks a SQLite file as a Caisse Commune ledger.
constexpr int kApplicationId = 0x43434D31;

}  // namespace caisse::db
