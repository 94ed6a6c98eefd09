#pragma once
// A regular file mapped read-only, for the readers of archives and bundles (JSON Lines files read
// once, front to back): lines are views into it, nothing is copied. Only regular files (never
// blocks on a FIFO or a device).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "app/core/money.hpp"  // InputError

namespace caisse::db {

class MappedFile {
public:
    // Throws InputError with `unreadable` (a template whose {0} is the path) when the path is not a
    // readable regular file.
    MappedFile(const std::string& path, const char* unreadable) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            if (fd >= 0) ::close(fd);
            fail(unreadable, path);
        }
        size_ = static_cast<std::size_t>(st.st_size);
        if (size_ > 0) {
            void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p == MAP_FAILED) {
                ::close(fd);
                fail(unreadable, path);
            }
            ::madvise(p, size_, MADV_SEQUENTIAL);
            data_ = static_cast<const char*>(p);
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (data_) ::munmap(const_cast<char*>(data_), size_);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    std::string_view view() const { return {data_ ? data_ : "", size_}; }

private:
    [[noreturn]] static void fail(const char* unreadable, const std::string& path) {
        const InputError e(unreadable, path);  // the template is the caller's literal (translated there)
        throw e;
    }
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace caisse::db
