#pragma once
// Copies of a live ledger and their restoration (issue 9, item 7): SQLite's online backup API
// reading one snapshot while the till goes on selling, the head anchor copied with it.
// Secrets are never copied: not FILE.key, not FILE.credentials (issue 10, item 2).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/crypto.hpp"

namespace caisse::db {

struct OnlineCopy {
    std::int64_t pages = 0, steps = 0;
    std::uintmax_t bytes = 0;
    double seconds = 0;
};

// Copies the ledger at src_path into dest_path (which must not exist; created 0600) with
// sqlite3_backup_*, `pages_per_step` pages at a time, sleeping `pause` between steps so that the
// disk is shared with the sellers. The source is read inside one read transaction: the copy is
// the snapshot of its first step, whatever commits meanwhile (WAL: a reader never blocks a
// writer). The head anchor (src_path.head) is copied to dest_path.head first, so that the copy
// holds every record the anchor names. Throws SqliteError / InputError.
OnlineCopy online_copy(const std::string& src_path, const std::string& dest_path, int pages_per_step = 256,
                       std::chrono::microseconds pause = std::chrono::microseconds(2000));

// The newest record of each terminal's chain.
struct ChainEnd {
    std::string terminal;
    std::int64_t seq = 0;
    Hash hash{};
};
// From the journal of the ledger at path (read only). Throws SqliteError when unreadable.
std::vector<ChainEnd> chain_ends(const std::string& path);
// The same from a head anchor file (validly signed slots are not checked here: it is a hint used
// only when the ledger itself cannot be read). Empty when there is no usable file.
std::vector<ChainEnd> chain_ends_from_head(const std::string& head_path);

// Records the target holds that a restore of the backup at backup_path would drop: per terminal,
// seqs first..last. Also `diverged` terminals, whose chains differ where both have records (the
// record at the shorter one's end: not the same ledger, or one was rewritten). target: the
// target's chain ends (from its journal, or its head anchor when the journal cannot be read).
struct LostRange {
    std::string terminal;
    std::int64_t first = 0, last = 0;
};
struct RestoreComparison {
    std::vector<LostRange> lost;
    std::vector<std::string> diverged;
};
RestoreComparison compare_for_restore(const std::string& backup_path, const std::vector<ChainEnd>& target,
                                      const std::string& target_path);

// Overwrites the ledger at target_path with the backup's content (the backup API, page by page,
// into the target's own connection, so that SQLite's WAL and locks stay right), and replaces
// target_path.head with the backup's. Throws SqliteError / InputError.
void restore_copy(const std::string& backup_path, const std::string& target_path);

}  // namespace caisse::db
