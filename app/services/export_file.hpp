#pragma once
// Where an export (FEC, CSV, PDF, Factur-X, roster) is written. A file option that names the ledger
// or its key must never destroy them (a newcomer's trial: `cape statement --pdf coord.db` turned the
// coordinator's ledger into a PDF), and a write that fails must leave what was there.
#include <string>
#include <string_view>

namespace caisse {

// Refuses, with an InputError naming `path` and why, a path an export must not replace: a folder;
// one of the files of the ledger at `ledger_path` (the database, -wal, -shm, -journal, .key, .head,
// .credentials), whatever its spelling; any SQLite database (another ledger); a file kept beside
// any ledger (its .key, .head, .credentials, .receipts, -wal, -shm, -journal), existing or not. An
// ordinary existing file (yesterday's CSV) may be replaced. Call it before a long rendering.
void check_export_path(const std::string& path, const std::string& ledger_path);

// check_export_path, then `bytes` written to a temporary file beside `path`, synced and renamed
// over it: a failed write leaves `path` as it was and no partial file. Throws InputError naming the
// file (its folder missing, permission denied, disk full...).
void write_export_file(const std::string& path, std::string_view bytes, const std::string& ledger_path);

}  // namespace caisse
