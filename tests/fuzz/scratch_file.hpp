#pragma once
// A scratch file for a fuzz target that reads its input from a path: in /dev/shm when writable
// (no disk writes per run), else /tmp. prefix names the target, e.g. "caisse-fuzz-head".
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace caisse::fuzz {
inline std::string scratch_file(const std::string& prefix) {
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/" + prefix + "-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) std::abort();
    ::close(fd);
    return tmpl;
}
}  // namespace caisse::fuzz
