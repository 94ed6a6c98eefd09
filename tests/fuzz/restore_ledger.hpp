#pragma once
// Puts a ledger back as a template file holds it, under the open connection of a Till (SQLite's
// backup API copies every page in), so a fuzz target that changed the ledger starts the next run
// from the same state without reopening the till (and signing in again: Argon2id per run).
#include <sqlite3.h>

#include <cstdlib>
#include <string>

namespace caisse::fuzz {
inline void restore_ledger(sqlite3* live, const std::string& template_path) {
    sqlite3* from = nullptr;
    if (sqlite3_open_v2(template_path.c_str(), &from, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) std::abort();
    sqlite3_backup* b = sqlite3_backup_init(live, "main", from, "main");
    if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK) std::abort();
    sqlite3_close(from);
}
}  // namespace caisse::fuzz
