#pragma once
// Hashing (SHA-256, OpenSSL), signatures (Ed25519, libsodium) and PIN hashing (Argon2id, libsodium).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace caisse::db {

using Hash = std::array<std::uint8_t, 32>;
using PublicKey = std::array<std::uint8_t, 32>;
using SecretKey = std::array<std::uint8_t, 64>;
using Signature = std::array<std::uint8_t, 64>;

// Incremental SHA-256 that reuses its context: verify hashes a million records with one.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void begin();
    void update(const void* p, std::size_t n);
    void update(std::string_view s) { update(s.data(), s.size()); }
    Hash finish();

private:
    void* ctx_;
};

Hash sha256(std::string_view data);

struct KeyPair {
    PublicKey pub;
    SecretKey secret;
};
KeyPair make_key_pair();
Signature sign(const SecretKey& sk, const Hash& message);
bool verify_signature(const PublicKey& pk, const Hash& message, std::string_view sig);
PublicKey public_of(const SecretKey& sk);

std::string hash_pin(std::string_view pin);  // "$argon2id$..." with a random salt
bool check_pin_hash(const std::string& stored, std::string_view pin);

std::string to_hex(const void* p, std::size_t n);
template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& a) { return to_hex(a.data(), N); }
bool from_hex(std::string_view hex, std::uint8_t* out, std::size_t n);

}  // namespace caisse::db
