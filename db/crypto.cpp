#include "db/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace caisse::db {

namespace {
struct SodiumInit {
    SodiumInit() {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    }
};
void ensure_sodium() { static SodiumInit once; }
}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_) throw std::bad_alloc();
}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
namespace {
// Fetched once: OpenSSL 3 otherwise looks the algorithm up (under a lock) at every init.
const EVP_MD* sha256_md() {
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}
}  // namespace

void Sha256::begin() { EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), sha256_md(), nullptr); }
void Sha256::update(const void* p, std::size_t n) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), p, n); }
Hash Sha256::finish() {
    Hash h{};
    unsigned int n = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), h.data(), &n);
    return h;
}

Hash sha256(std::string_view data) {
    Sha256 s;
    s.begin();
    s.update(data);
    return s.finish();
}

KeyPair make_key_pair() {
    ensure_sodium();
    KeyPair k;
    crypto_sign_keypair(k.pub.data(), k.secret.data());
    return k;
}

Signature sign(const SecretKey& sk, const Hash& message) {
    ensure_sodium();
    Signature s{};
    crypto_sign_detached(s.data(), nullptr, message.data(), message.size(), sk.data());
    return s;
}

bool verify_signature(const PublicKey& pk, const Hash& message, std::string_view sig) {
    ensure_sodium();
    if (sig.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()), message.data(),
                                       message.size(), pk.data()) == 0;
}

PublicKey public_of(const SecretKey& sk) {
    ensure_sodium();
    PublicKey pk{};
    crypto_sign_ed25519_sk_to_pk(pk.data(), sk.data());
    return pk;
}

std::string hash_pin(std::string_view pin) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a PIN");
    return out;
}

bool check_pin_hash(const std::string& stored, std::string_view pin) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored.c_str(), pin.data(), pin.size()) == 0;
}

std::string to_hex(const void* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out(n * 2, '0');
    auto b = static_cast<const std::uint8_t*>(p);
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    return out;
}

bool from_hex(std::string_view hex, std::uint8_t* out, std::size_t n) {
    if (hex.size() != 2 * n) return false;
    auto v = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < n; ++i) {
        int hi = v(hex[2 * i]), lo = v(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return true;
}

}  // namespace caisse::db
