#include "app/services/export_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/core/money.hpp"  // InputError

namespace caisse {

namespace fs = std::filesystem;

namespace {

// The files SQLite and caisse keep beside a ledger: writing one of another ledger's (its -wal above
// all) loses or corrupts what it holds.
constexpr const char* kCompanions[] = {".key", ".head", ".head.tmp", ".credentials", ".receipts", "-wal", "-shm", "-journal"};

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec) && !ec;
    return fs::weakly_canonical(fs::absolute(a, ec), ec) == fs::weakly_canonical(fs::absolute(b, ec), ec);
}

bool is_sqlite_database(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    char head[16] = {};
    return in.read(head, sizeof head) && std::string_view(head, sizeof head) == std::string_view("SQLite format 3\0", 16);
}

[[noreturn]] void cannot_write(const std::string& path, int err) {
    if (err == ENOENT) throw InputError("cannot write {0}: its folder does not exist", path);
    if (err == EACCES || err == EPERM || err == EROFS) throw InputError("cannot write {0}: permission denied", path);
    if (err == ENOSPC || err == EDQUOT) throw InputError("cannot write {0}: the disk is full", path);
    throw InputError("cannot write {0}", path);
}

}  // namespace

void check_export_path(const std::string& path, const std::string& ledger_path) {
    const fs::path p(path);
    std::error_code ec;
    if (fs::is_directory(p, ec)) throw InputError("{0} is a folder: give the export a file name; nothing was written", path);
    auto own_file = [&](const char* suffix) {
        if (same_file(p, fs::path(ledger_path + suffix)))
            throw InputError("{0} is a file of this ledger ({1}): the export would destroy it; choose another file name; nothing "
                             "was written",
                             path, ledger_path);
    };
    own_file("");
    for (const char* suffix : kCompanions) own_file(suffix);
    const std::string name = p.string();
    for (const std::string suffix : kCompanions)
        if (name.size() > suffix.size() && name.ends_with(suffix) && is_sqlite_database(name.substr(0, name.size() - suffix.size())))
            throw InputError("{0} belongs to the ledger {1} (a file kept beside it: its key, head anchor, credentials, write-ahead "
                             "log or receipts): an export never replaces it; choose another file name; nothing was written",
                             path, name.substr(0, name.size() - suffix.size()));
    if (fs::exists(p, ec) && is_sqlite_database(p))
        throw InputError("{0} is a SQLite database (a ledger?): an export never replaces it; choose another file name; nothing "
                         "was written",
                         path);
}

void write_export_file(const std::string& path, std::string_view bytes, const std::string& ledger_path) {
    check_export_path(path, ledger_path);
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) cannot_write(path, errno);
    int err = 0;
    for (std::size_t done = 0; done < bytes.size() && err == 0;) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno != EINTR) err = errno;
        else if (n > 0) done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());  // never a half-written file; `path` is as it was
        cannot_write(path, err);
    }
}

}  // namespace caisse
