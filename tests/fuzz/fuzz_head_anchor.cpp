// The files beside the ledger, which anyone with the folder can overwrite: the signed head anchor
// (FILE.head) and the signing key (FILE.key). Any bytes give slots, a key, or an InputError; a slot
// read back is either marked damaged (seq -1) or complete.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "db/ledger.hpp"

namespace {
std::string scratch_file() {
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/caisse-fuzz-head-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) std::abort();
    ::close(fd);
    return tmpl;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = scratch_file();
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
