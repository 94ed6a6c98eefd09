#pragma once
// A scratch file for a fuzz target that reads its input from a path: in /dev/shm when writable
// (no disk writes per run), else /tmp. prefix names the target, e.g. "caisse-fuzz-head".
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "app/services/till.hpp"  // Clock

namespace caisse::fuzz {
inline std::string scratch_file(const std::string& prefix) {
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/" + prefix + "-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) std::abort();
    ::close(fd);
    return tmpl;
}

// The whole file's bytes ("" when it cannot be read).
inline std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes n bytes to path, replacing it; aborts (a broken fuzz set-up) when it cannot.
inline void write_all(const std::string& path, const char* p, std::size_t n) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();
    if (n) std::fwrite(p, 1, n, f);
    std::fclose(f);
}

// A till clock starting 2026-11-02 09:00 UTC and stepping 7 s a reading: runs are repeatable.
inline Clock fixed_clock() {
    auto at = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 11 / 2} +
                                                                       std::chrono::hours{9});
    return [at] { return *at += std::chrono::seconds{7}; };
}
}  // namespace caisse::fuzz
