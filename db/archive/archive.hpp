#pragma once
// Signed period archives (issue 9, item 6; fiscal-fr.md, "Archivage"): one terminal's records of a
// month or fiscal year with their closures, in a JSON Lines file that can be checked without the
// ledger and without our code. The format is normative: docs/archive-format.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/message.hpp"
#include "app/core/money.hpp"  // InputError
#include "db/crypto.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

// A month ("2026-11") or a fiscal year ("2026", named like closure.year's `period`).
struct ArchivePeriod {
    int year = 0;
    int month = 0;  // 1..12; 0: the whole fiscal year
    std::string text() const;  // "2026-11" or "2026"
};
// "YYYY-MM" or "YYYY" (years 2000-2999); throws InputError naming the text.
ArchivePeriod parse_archive_period(const std::string& text);

// What an export wrote.
struct ArchiveSummary {
    std::string terminal, period;
    std::int64_t first_seq = 0, last_seq = 0, records = 0;
    std::int64_t first_z = 0, last_z = 0;
    std::optional<std::int64_t> closure_seq;  // the period's closure.month / closure.year, once made
    std::uintmax_t bytes = 0;
    std::string sha256_hex;  // the digest the archive's own signature covers
};

// Writes the archive of `terminal`'s records for `period` to out_path (docs/archive-format.md):
// the contiguous records from just after the previous period's last Z to the period's last Z, or
// to its period closure when that was made later; signed with `key` (the terminal's secret key,
// whose public half must be the genesis key). Reads db in one snapshot. Writes out_path.tmp,
// syncs it and renames it. Throws InputError: a malformed period, no Z in the period, an existing
// out_path, a key that is not this terminal's, a file that cannot be written.
ArchiveSummary export_archive(Database& db, const std::string& terminal, const ArchivePeriod& period,
                              const SecretKey& key, const std::string& out_path, const std::string& created_at);

struct ArchiveProblem {
    std::int64_t seq = 0;  // the record at fault (0: the file, its header or its signature)
    Message message;
};

struct ArchiveCheck {
    bool ok = false;
    std::string terminal, period, public_key_hex;
    std::int64_t first_seq = 0, last_seq = 0, records = 0, closures = 0;
    std::uintmax_t bytes = 0;
    std::vector<ArchiveProblem> problems;  // in file order; the first names the first bad record
};

// How verify reads the lines: `fast` reads the bytes export writes directly and hands anything
// else to the reference reader (nlohmann-json); `reference` reads every line and payload with it.
// Both give the same result (tests/db/archive_fast_path_test.cpp); `reference` is for tests.
enum class ArchiveReader { fast, reference };

// Checks an archive file alone (docs/archive-format.md, "How to verify"): its shape, every
// record's hash and chain link, the signatures of the signed kinds and of the archive itself,
// the genesis key (and the pinned key when given), and the closures against the records. Never
// throws for a bad file (the problems say what); throws InputError when path is not a readable
// regular file.
ArchiveCheck verify_archive(const std::string& path, const std::optional<PublicKey>& pinned_key = std::nullopt,
                            ArchiveReader reader = ArchiveReader::fast);

}  // namespace caisse::db
