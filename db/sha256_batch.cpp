#include "db/sha256_batch.hpp"

#include <array>
#include <cstring>

namespace caisse::db {

namespace simd {
void sha256_x8_block(std::uint32_t state[8][8], const std::uint8_t* const blocks[8]);
}

namespace {
constexpr std::uint32_t kInitial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// One message in a lane: its full 64-byte blocks in place, then one or two padded tail blocks.
struct Lane {
    bool active = false;
    std::size_t message = 0;
    const std::uint8_t* next = nullptr;
    std::size_t full_left = 0;
    std::array<std::uint8_t, 128> tail{};
    int tail_blocks = 0, tail_done = 0;
};

void load(Lane& lane, std::size_t message, const std::uint8_t* data, std::size_t len) {
    lane.active = true;
    lane.message = message;
    lane.next = data;
    lane.full_left = len / 64;
    const std::size_t rest = len % 64;
    lane.tail.fill(0);
    std::memcpy(lane.tail.data(), data + len - rest, rest);
    lane.tail[rest] = 0x80;
    lane.tail_blocks = rest + 1 + 8 <= 64 ? 1 : 2;
    lane.tail_done = 0;
    const std::uint64_t bits = static_cast<std::uint64_t>(len) * 8;
    std::uint8_t* end = lane.tail.data() + 64 * lane.tail_blocks;
    for (int i = 0; i < 8; ++i) end[-1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
}
}  // namespace

bool Sha256Batch::simd_available() {
    static const bool ok = __builtin_cpu_supports("avx2");
    return ok;
}

Sha256Batch::Sha256Batch() : simd_(simd_available()) {}

void Sha256Batch::clear() {
    arena_.clear();
    offsets_.clear();
    digests_.clear();
}

std::size_t Sha256Batch::add(const void* data, std::size_t len) {
    offsets_.push_back(arena_.size());
    extend(data, len);
    return offsets_.size() - 1;
}

void Sha256Batch::extend(const void* data, std::size_t len) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    arena_.insert(arena_.end(), p, p + len);
}

void Sha256Batch::run() {
    const std::size_t n = offsets_.size();
    digests_.assign(n, Hash{});
    auto span = [&](std::size_t i) {
        const std::size_t end = i + 1 < n ? offsets_[i + 1] : arena_.size();
        return std::make_pair(arena_.data() + offsets_[i], end - offsets_[i]);
    };
    if (!simd_) {
        Sha256 sha;
        for (std::size_t i = 0; i < n; ++i) {
            auto [p, len] = span(i);
            sha.begin();
            sha.update(p, len);
            digests_[i] = sha.finish();
        }
        return;
    }
    alignas(32) std::uint32_t state[8][8];
    static const std::array<std::uint8_t, 64> idle{};
    Lane lanes[8];
    std::size_t queued = 0;
    auto start = [&](int l) {
        if (queued < n) {
            auto [p, len] = span(queued);
            load(lanes[l], queued++, p, len);
            for (int w = 0; w < 8; ++w) state[w][l] = kInitial[w];
        } else {
            lanes[l].active = false;
        }
    };
    for (int l = 0; l < 8; ++l) start(l);
    for (;;) {
        const std::uint8_t* blocks[8];
        bool any = false;
        for (int l = 0; l < 8; ++l) {
            Lane& lane = lanes[l];
            if (!lane.active) {
                blocks[l] = idle.data();
            } else if (lane.full_left > 0) {
                blocks[l] = lane.next;
                lane.next += 64;
                --lane.full_left;
                any = true;
            } else {
                blocks[l] = lane.tail.data() + 64 * lane.tail_done++;
                any = true;
            }
        }
        if (!any) break;
        simd::sha256_x8_block(state, blocks);
        for (int l = 0; l < 8; ++l) {
            Lane& lane = lanes[l];
            if (!lane.active || lane.full_left > 0 || lane.tail_done < lane.tail_blocks) continue;
            Hash& out = digests_[lane.message];
            for (int w = 0; w < 8; ++w)
                for (int b = 0; b < 4; ++b) out[4 * w + b] = static_cast<std::uint8_t>(state[w][l] >> (24 - 8 * b));
            start(l);
        }
    }
}

}  // namespace caisse::db
