// archive verify on any bytes (docs/archive-format.md): an archive comes from a USB stick or an
// e-mail, years later, and is checked without the ledger. Whatever the file holds, verify_archive
// reports problems (a broken archive always says why) or throws InputError; it never crashes or
// hangs; and its fast path reaches the verdict of the reference reader, problem for problem.
// Seeds: small genuine archives (tests/fuzz/corpus/fuzz_archive_verify/).
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
    using caisse::db::ArchiveReader;
    auto verdict = [](ArchiveReader reader) {
        std::string v;
        try {
            const auto check = caisse::db::verify_archive(path, std::nullopt, reader);
            if (!check.ok && check.problems.empty()) __builtin_trap();  // broken must say why
            v = check.ok ? "ok" : "broken";
            v += " " + std::to_string(check.records) + " " + std::to_string(check.closures);
            for (const auto& p : check.problems) v += "\n" + std::to_string(p.seq) + p.message.english();
        } catch (const caisse::InputError&) {
            v = "InputError";
        }
        return v;
    };
    if (verdict(ArchiveReader::fast) != verdict(ArchiveReader::reference)) __builtin_trap();  // the fast path must agree
    return 0;
}
