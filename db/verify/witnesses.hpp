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
};

// The head anchor file (read before the snapshot): every terminal with records needs a validly
// signed slot of its own; the journal must hold the anchored record with its hash. Missing file,
// no valid slot, or a record missing or different are problems; a lag (power cut) is a warning.
void check_head_anchor(WitnessInputs& in, const std::string& head_path, const std::optional<std::vector<HeadAnchor>>& slots,
                       const std::optional<Message>& unreadable);

// DIR/NAME.db.head, a copy of the anchor the backup took: the ledger must reach its newest valid
// slot's seq, with that record's hash. A missing or unusable copy is a problem (it was asked for).
void check_backup_head(WitnessInputs& in, const std::string& backup_head_path);

// Each Z fingerprint from paper: the ledger's closure.day number z has a hash starting with the hex.
void check_z_fingerprints(WitnessInputs& in, const std::vector<OtherRecord>& others, const std::vector<ZFingerprint>& printed);

// The coordinator's imported bundles (a cut below what was exported is a fork): the hook for the
// CAPE roll-up; reported as not checked until bundles exist.
void check_bundles(WitnessInputs& in);

}  // namespace caisse::db
