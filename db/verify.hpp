#pragma once
// Verification of a ledger from genesis: chain, signatures, projections, schema, head anchor and
// the witnesses of its tail (docs/ledger-format.md, "How to verify" and "Truncation").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/message.hpp"
#include "db/crypto.hpp"

namespace caisse::db {

struct VerifyProblem {
    std::string terminal;
    std::int64_t seq = 0;  // 0 when the problem is not tied to one record (e.g. a dropped trigger)
    std::string reason;  // English, for --json and logs
    Message message;     // the same, as a template and values, for translation
};

// A Z's fingerprint as printed on paper: its number and the start of its record's hash (hex).
struct ZFingerprint {
    std::int64_t z = 0;
    std::string hex;  // lowercase, 8 to 64 digits
};

// How deep SQLite's own check of the file goes (https://sqlite.org/pragma.html#pragma_quick_check).
// quick: PRAGMA quick_check, every page read and every B-tree's structure checked, O(N); the till
// runs it when it opens. full: PRAGMA integrity_check, which also looks every index entry up against
// its table row, O(N log N): about 2.5 times the time on a 1,000,000-ticket ledger.
enum class IntegrityCheck { quick, full };

struct VerifyOptions {
    std::optional<PublicKey> pinned_key;  // the terminal key the auditor recorded at init
    unsigned chain_threads = 2;
    std::vector<ZFingerprint> z_fingerprints;  // Zs on paper
    std::optional<std::string> backup_dir;     // holds a copy of NAME.db.head taken with a backup
    std::vector<std::string> bundle_files;     // bundles exported by a till of this ledger (docs/bundle-format.md)
    IntegrityCheck integrity = IntegrityCheck::quick;
};

// One witness of a chain's tail and what verify made of it.
struct WitnessCheck {
    std::string witness;  // "head_anchor", "backup_head", "z_fingerprint", "bundles"
    std::string subject;  // the terminal, the file or "Z n"
    std::string result;   // "ok", "failed", "not_checked"
    Message detail;
};

struct VerifyResult {
    bool ok = true;
    std::int64_t records = 0;
    std::int64_t bytes_hashed = 0;
    std::vector<VerifyProblem> problems;  // sorted by terminal, seq; the first is the first broken record
    std::vector<Message> warnings;
    std::vector<WitnessCheck> witnesses;
    std::string integrity_check = "ok";     // SQLite's check of the file: "ok" or its first finding
    std::string integrity_mode = "quick";   // which check ran: "quick" (quick_check) or "full" (integrity_check)
};

// Reads the ledger at `path` in one consistent snapshot, never writing it (a read-only file or
// directory is fine; no -wal/-shm is left behind). Throws InputError when the file is missing, not
// a ledger or of a newer schema; every other fault is a problem in the result.
VerifyResult verify_ledger(const std::string& path, const VerifyOptions& options = {});

// Parses "Z:HEX" (HEX: 8 to 64 hex digits, spaces allowed as printed). Throws InputError.
ZFingerprint parse_z_fingerprint(std::string_view text);

}  // namespace caisse::db
