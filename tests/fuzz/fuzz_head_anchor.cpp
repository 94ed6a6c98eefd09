// The files beside the ledger, which anyone with the folder can overwrite: the signed head anchor
// (FILE.head) and the signing key (FILE.key). Any bytes give slots, a key, or an InputError; a slot
// read back is either marked damaged (seq -1) or complete.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "db/ledger.hpp"
#include "tests/fuzz/scratch_file.hpp"


extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = caisse::fuzz::scratch_file("caisse-fuzz-head");
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        std::abort();
    }
    try {
        if (const auto slots = caisse::db::read_head_anchor_slots(path)) {
            if (slots->size() != 2) __builtin_trap();
            for (const auto& s : *slots)
                if (s.seq < -1) __builtin_trap();
        }
    } catch (const caisse::InputError&) {
    }
    try {
        caisse::db::read_secret_key(path);
    } catch (const caisse::InputError&) {
    }
    return 0;
}
