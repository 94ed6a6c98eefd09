#pragma once
// Bundles (issue 11, item 2; docs/bundle-format.md): a till exports its journal from a seq
// onwards, signed; the coordinator imports the bundles of the group's tills beside its own chain,
// so that reports and the CAPE statement read every till's sales. File exchange, not replication.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/core/message.hpp"
#include "app/services/till.hpp"
#include "db/bundle/bundle.hpp"

namespace caisse {

struct BundleExportResult {
    db::BundleSummary summary;
    std::int64_t event_seq = 0;  // the bundle.export event journaled after the file was written
};

// Writes this till's chain from `since` (by default: one past the last bundle exported, from its
// bundle.export event; 1 for the first) to its newest record into out_path, signed with the key,
// and journals a `bundle.export` event (detail: records A-B, SHA-256, file name). Like an archive
// export it needs the writable ledger and its key, and no role (`by`, when given, is who asked).
// Throws InputError (nothing journaled): since past the newest record, an existing file, no key.
BundleExportResult export_bundle(Till& till, const std::optional<Actor>& by, std::optional<std::int64_t> since,
                                 const std::string& out_path);

// One bundle file as the import found it.
struct BundleOutcome {
    std::string file;
    std::optional<db::BundleImport> imported;  // set when stored (added may be 0: it was all here)
    std::optional<Message> refused;            // why it was refused (nothing of it stored)
};

struct BundleImportReport {
    std::vector<BundleOutcome> bundles;   // in the order they were imported: by terminal, then first seq
    std::int64_t skipped_files = 0;       // files of a folder that are not bundles
    std::int64_t added = 0;               // records appended over all bundles
    bool all_imported() const;
};

// Imports the bundles at `paths` (files, or folders: every file in them that starts like a bundle;
// hidden files and sub-folders are skipped), ordered by terminal and first seq so that a folder
// holding several bundles of one till imports in chain order. Each bundle is checked and stored in
// its own transaction (db::import_bundle); a refused bundle changes nothing and the others go on.
// A bundle that added records journals a `bundle.import` event in the same commit (detail:
// terminal, records, SHA-256, file name); one that added nothing changes nothing (importing twice
// equals once). progress(file, done, total) reports each bundle's records checked. No role is
// needed (the records are the other tills' own, signed); `by` is who asked. Throws InputError for a
// path that is neither a file nor a folder, or a ledger that cannot be written.
BundleImportReport import_bundles(Till& till, const std::optional<Actor>& by, const std::vector<std::string>& paths,
                                  const std::function<void(const std::string&, std::int64_t, std::int64_t)>& progress = {});

}  // namespace caisse
