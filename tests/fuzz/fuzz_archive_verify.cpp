// archive verify on any bytes (docs/archive-format.md): an archive comes from a USB stick or an
// e-mail, years later, and is checked without the ledger. Whatever the file holds, verify_archive
// reports problems (a broken archive always says why) or throws InputError; it never crashes or
// hangs. Seeds: small genuine archives (tests/fuzz/corpus/fuzz_archive_verify/).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "db/archive/archive.hpp"
#include "tests/fuzz/scratch_file.hpp"


extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = caisse::fuzz::scratch_file("caisse-fuzz-archive");
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        std::abort();
    }
    try {
        const auto check = caisse::db::verify_archive(path);
        if (!check.ok && check.problems.empty()) __builtin_trap();  // broken must say why
    } catch (const caisse::InputError&) {
    }
    return 0;
}
