#pragma once
// SHA-256 of many independent messages at once: eight messages per AVX2 instruction stream
// ("multi-buffer" hashing). verify hashes a million records whose inputs are all known up front,
// so it can use every lane; the result is bit-identical to OpenSSL's SHA-256 (tests compare).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "db/crypto.hpp"

namespace caisse::db {

class Sha256Batch {
public:
    Sha256Batch();
    // Queues a message (copied). Returns its index in the batch.
    std::size_t add(const void* data, std::size_t len);
    // Appends to the message being built by the last add() call (for framing in pieces).
    void extend(const void* data, std::size_t len);
    // Hashes every queued message; digest(i) is then the hash of message i. Clears the queue on the next add.
    void run();
    const Hash& digest(std::size_t i) const { return digests_[i]; }
    std::size_t size() const { return offsets_.size(); }
    void clear();

    static bool simd_available();  // false: run() falls back to OpenSSL one message at a time

private:
    std::vector<std::uint8_t> arena_;
    std::vector<std::size_t> offsets_;  // start of each message in arena_
    std::vector<Hash> digests_;
    bool simd_;
};

}  // namespace caisse::db
