#pragma once
// Verification of a ledger from genesis: chain, signatures, projections, head anchor.
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

struct VerifyOptions {
    std::optional<PublicKey> pinned_key;  // the terminal key the auditor recorded at init
    unsigned chain_threads = 2;
};

struct VerifyResult {
    bool ok = true;
    std::int64_t records = 0;
    std::int64_t bytes_hashed = 0;
    std::vector<VerifyProblem> problems;  // sorted by terminal, seq; the first is the first broken record
    std::vector<Message> warnings;
};

VerifyResult verify_ledger(const std::string& path, const VerifyOptions& options = {});

}  // namespace caisse::db
