#pragma once
// Period archives (issue 9, item 6; fiscal-fr.md, "Archivage"): the till exports a month or a
// fiscal year of its records and closures, signed with its key, and journals the export.
// Format: docs/archive-format.md (db/archive/).
#include <cstdint>
#include <optional>
#include <string>

#include "app/services/till.hpp"
#include "db/archive/archive.hpp"

namespace caisse {

struct ArchiveExportResult {
    db::ArchiveSummary summary;
    std::int64_t event_seq = 0;  // the archive.export event journaled after the file was written
};

// Writes the archive of this till's terminal for `period` to out_path and journals an
// `archive.export` event (detail: period, seqs, SHA-256, file name). Reading needs no PIN, but the
// export writes an event and signs with the key: it needs a writable ledger with its key. `by`,
// when given (CLI --user/--pin), is recorded as who asked; without it the event's user is null.
// No role is needed: whoever holds the file can read it anyway (issue 10, item 1).
// Throws InputError (nothing journaled): bad period, no Z in it, existing file, no key.
ArchiveExportResult export_period_archive(Till& till, const std::optional<Actor>& by, const db::ArchivePeriod& period,
                                          const std::string& out_path);

}  // namespace caisse
