#pragma once
// Bundles (issue 11, item 2): a till's journal from a seq onwards, with its public key, in a signed
// JSON Lines file that the coordinator imports beside its own chain. File exchange (USB stick,
// e-mail, a synced folder), not replication. The format is normative: docs/bundle-format.md; the
// record lines and the signature line are those of the archives (db/archive/lines.hpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "db/crypto.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

class Ledger;

inline constexpr const char* kBundleMagic = "caisse-commune-bundle";
inline constexpr int kBundleFormat = 1;

// What an export wrote.
struct BundleSummary {
    std::string terminal;
    std::int64_t first_seq = 0, last_seq = 0, records = 0;
    std::uintmax_t bytes = 0;
    std::string sha256_hex;  // the digest the bundle's own signature covers
    std::string last_hash_hex;
};

// Writes `terminal`'s records from seq `since` (>= 1) to its newest to out_path, signed with `key`
// (the terminal's secret key, whose public half must be its genesis key), read in one snapshot.
// Writes out_path.tmp, syncs it and renames it. Throws InputError: since < 1 or past the newest
// record, an existing out_path, a key that is not this terminal's, a file that cannot be written.
BundleSummary export_bundle(Database& db, const std::string& terminal, std::int64_t since, const SecretKey& key,
                            const std::string& out_path, const std::string& created_at);

// The first seq the next export starts from by default: one past the newest seq named by this
// terminal's latest bundle.export event ("records A-B" in its detail), 1 when there is none.
std::int64_t next_bundle_seq(Database& db, const std::string& terminal);

// The header line of a bundle file, read without checking the rest: a folder's bundles are imported
// in (terminal, first_seq) order. nullopt when the file does not start like a bundle.
struct BundleHeader {
    std::string terminal;
    std::int64_t first_seq = 0, last_seq = 0;
    Hash last_hash{};      // the hash of record last_seq
    Signature head_sig{};  // signed like a head anchor slot (not checked here)
};
std::optional<BundleHeader> peek_bundle_header(const std::string& path);

// Whether the bundle file ends with its signature line and that line's SHA-256 of every byte
// before it is right and signed with `key` (docs/bundle-format.md, "Records and signature line").
// False for a file cut short, changed anywhere, or signed by another key; throws InputError for a
// file that cannot be read.
bool bundle_file_signed(const std::string& path, const PublicKey& key);

struct BundleImport {
    std::string file, terminal;
    std::int64_t first_seq = 0, last_seq = 0, records = 0;  // as the bundle holds them
    std::int64_t held_before = 0;                           // the terminal's newest seq here before the import
    std::int64_t added = 0;                                 // records appended (0: everything was already here)
    bool new_terminal = false;
    std::string sha256_hex;
};
// Called every few thousand records: records checked so far, records in the bundle.
using BundleProgress = std::function<void(std::int64_t done, std::int64_t total)>;
// Called inside the import's transaction once the bundle is checked and stored (the service
// journals its event there), never for a refused bundle.
using BundleImported = std::function<void(const BundleImport&)>;

// Checks the bundle at `path` and stores the chain it carries beside the ledger's own, in ONE
// transaction (docs/bundle-format.md, "Import"): its shape, every record's hash, link and
// signature, the genesis key (the one already held for a known terminal), the file's signature
// and the signed head; records already held must be identical (same hash), the rest continue the
// held chain without a gap. Appends the new records verbatim with their projection rows
// (db/records/replay) and the bundle's signed head (bundle_heads). Needs a ledger of schema 9 that
// can be written. Throws InputError naming the file, the terminal and the seq for any refusal:
// nothing is then changed.
BundleImport import_bundle(Ledger& ledger, const std::string& path, const std::string& imported_at,
                           const BundleProgress& progress = {}, const BundleImported& imported = {});

}  // namespace caisse::db
