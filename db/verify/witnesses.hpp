#pragma once
// What pins the tail of each chain (docs/ledger-format.md, "Truncation"): the signed head anchor
// beside the ledger, and witnesses a cheater without the key does not control: a copy of the head
// anchor in a backup folder, the fingerprints of Zs printed on paper, and (not yet checked) the
// bundles a coordinator imported.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/ledger.hpp"
#include "db/sqlite.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

struct WitnessInputs {
    Database& db;
    const std::map<std::string, PublicKey>& keys;  // from each chain's genesis
    const std::map<std::string, Span>& chains;     // every terminal with records
    Problems& problems;
    VerifyResult& result;  // warnings and witnesses are added here
    const std::string& local_terminal;  // this till's own chain; the others were imported from bundles
};

// The head anchor file (read before the snapshot): this till's terminal (every terminal when its
// name is unknown) needs a validly signed slot; an imported chain's anchor is its bundles' signed
// heads (check_bundles); the journal must hold the anchored record with its hash. Missing file,
// no valid slot, or a record missing or different are problems; a lag (power cut) is a warning.
void check_head_anchor(WitnessInputs& in, const std::string& head_path, const std::optional<std::vector<HeadAnchor>>& slots,
                       const std::optional<Message>& unreadable);

// DIR/NAME.db.head, a copy of the anchor the backup took: the ledger must reach its newest valid
// slot's seq, with that record's hash. A missing or unusable copy is a problem (it was asked for).
void check_backup_head(WitnessInputs& in, const std::string& backup_head_path);

// Each Z fingerprint from paper: the ledger's closure.day number z has a hash starting with the hex.
void check_z_fingerprints(WitnessInputs& in, const std::vector<OtherRecord>& others, const std::vector<ZFingerprint>& printed);

// The coordinator's imported bundles (docs/bundle-format.md, "Verify"): for every chain of another
// till, every signed head of a bundle imported (bundle_heads) verifies with its genesis key and the
// journal holds that seq with that hash (a chain below what was exported, or different there, was
// cut or forked); the chain ends at its newest bundle head (records no bundle signed are refused);
// a chain with no bundle head is vouched for by nothing. Each terminal is a "bundles" witness;
// "not_checked" when the ledger holds no other till's chain.
void check_bundles(WitnessInputs& in);

// Bundle files given to verify (--bundle): each one's signed head (docs/bundle-format.md) verifies
// with its terminal's genesis key here, and the journal holds its last seq with its hash: a till
// whose chain no longer reaches a head it exported (kept by the coordinator) was cut or rewritten.
// Witness "bundle_file" per file; an unreadable file, or one of a terminal this ledger lacks, is a problem.
void check_bundle_files(WitnessInputs& in, const std::vector<std::string>& files);

}  // namespace caisse::db
