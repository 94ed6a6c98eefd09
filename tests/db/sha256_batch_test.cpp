#include <gtest/gtest.h>

#include <random>
#include <string>

#include "db/crypto.hpp"
#include "db/sha256_batch.hpp"

namespace caisse {
namespace {

TEST(Sha256Batch, KnownVectors) {
    db::Sha256Batch batch;
    batch.add("", 0);
    batch.add("abc", 3);
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    batch.add(two_blocks.data(), two_blocks.size());
    batch.run();
    EXPECT_EQ(db::to_hex(batch.digest(0)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(db::to_hex(batch.digest(1)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(db::to_hex(batch.digest(2)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// Every length around the block and padding boundaries, in batches that leave lanes idle.
TEST(Sha256Batch, MatchesOpenSslForAllLengthsAndBatchSizes) {
    std::mt19937 rng(1);
    for (std::size_t batch_size : {1u, 3u, 8u, 9u, 17u, 100u}) {
        db::Sha256Batch batch;
        std::vector<std::string> messages;
        for (std::size_t i = 0; i < batch_size; ++i) {
            std::string m(static_cast<std::size_t>(rng() % 300), '\0');
            for (auto& c : m) c = static_cast<char>(rng());
            messages.push_back(m);
            batch.add(m.data(), m.size());
        }
        batch.run();
        for (std::size_t i = 0; i < batch_size; ++i) EXPECT_EQ(batch.digest(i), db::sha256(messages[i])) << i;
    }
    db::Sha256Batch batch;
    std::vector<std::string> messages;
    for (std::size_t len = 0; len < 200; ++len) {
        messages.emplace_back(len, static_cast<char>('a' + len % 26));
        batch.add(messages.back().data(), len);
    }
    batch.run();
    for (std::size_t len = 0; len < 200; ++len) EXPECT_EQ(batch.digest(len), db::sha256(messages[len])) << len;
}

TEST(Sha256Batch, ExtendBuildsOneMessageFromPieces) {
    db::Sha256Batch batch;
    batch.add("hello ", 6);
    batch.extend("world", 5);
    batch.add("x", 1);
    batch.run();
    EXPECT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch.digest(0), db::sha256("hello world"));
    EXPECT_EQ(batch.digest(1), db::sha256("x"));
}

}  // namespace
}  // namespace caisse
