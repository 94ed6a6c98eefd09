// The fault-injecting VFS: each file wraps the real one; only xWrite, xSync and xTruncate look at
// the armed fault, everything else (locks, shared memory for WAL, mmap) is forwarded untouched.
#include "tests/storage/fault_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace caisse::testing::fault_vfs {
namespace {

std::mutex mu;
Fault armed = Fault::none;
int nth = 0;
bool once = false;
Counts seen;

sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs shim{};

struct File {
    sqlite3_file base;  // must come first: SQLite sees this
    bool faulty;        // a database file (main, WAL, journal), not a temp file
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }  // real file follows
};

// The error the next call of this kind gets, counting it.
int check(bool is_sync) {
    std::lock_guard lock(mu);
    int& n = is_sync ? seen.syncs : seen.writes;
    ++n;
    const bool matches = is_sync ? armed == Fault::sync_error : armed == Fault::write_error || armed == Fault::disk_full;
    if (!matches || n < nth || (once && n > nth)) return SQLITE_OK;
    ++seen.failed;
    return armed == Fault::sync_error ? SQLITE_IOERR_FSYNC : armed == Fault::disk_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
}

File* as(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
sqlite3_file* real(sqlite3_file* f) { return as(f)->real(); }

int x_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int x_read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) { return real(f)->pMethods->xRead(real(f), p, n, off); }
int x_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
    if (as(f)->faulty)
        if (int rc = check(false); rc != SQLITE_OK) return rc;
    return real(f)->pMethods->xWrite(real(f), p, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (as(f)->faulty)
        if (int rc = check(false); rc != SQLITE_OK) return rc == SQLITE_IOERR_WRITE ? SQLITE_IOERR_TRUNCATE : rc;
    return real(f)->pMethods->xTruncate(real(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
    if (as(f)->faulty)
        if (int rc = check(true); rc != SQLITE_OK) return rc;
    return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
int x_check_reserved_lock(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device_characteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, p);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), offset, n, flags); }
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) { return real(f)->pMethods->xFetch(real(f), off, n, p); }
int x_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return real(f)->pMethods->xUnfetch(real(f), off, p); }

const sqlite3_io_methods methods = {
    3,           x_close,   x_read,       x_write,        x_truncate,     x_sync,
    x_file_size, x_lock,    x_unlock,     x_check_reserved_lock, x_file_control, x_sector_size,
    x_device_characteristics, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch, x_unfetch,
};

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    File* file = as(f);
    file->base.pMethods = nullptr;
    file->faulty = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    const int rc = real_vfs->xOpen(real_vfs, name, file->real(), flags, out_flags);
    // The real VFS only needs its file closed when it set methods; ours mirror that.
    if (file->real()->pMethods) file->base.pMethods = &methods;
    return rc;
}
int x_delete(sqlite3_vfs*, const char* name, int sync_dir) { return real_vfs->xDelete(real_vfs, name, sync_dir); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) { return real_vfs->xAccess(real_vfs, name, flags, out); }
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) { return real_vfs->xFullPathname(real_vfs, name, n, out); }
void* x_dl_open(sqlite3_vfs*, const char* name) { return real_vfs->xDlOpen(real_vfs, name); }
void x_dl_error(sqlite3_vfs*, int n, char* msg) { real_vfs->xDlError(real_vfs, n, msg); }
void (*x_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) { return real_vfs->xDlSym(real_vfs, h, sym); }
void x_dl_close(sqlite3_vfs*, void* h) { real_vfs->xDlClose(real_vfs, h); }
int x_randomness(sqlite3_vfs*, int n, char* out) { return real_vfs->xRandomness(real_vfs, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return real_vfs->xSleep(real_vfs, us); }
int x_current_time(sqlite3_vfs*, double* t) { return real_vfs->xCurrentTime(real_vfs, t); }
int x_get_last_error(sqlite3_vfs*, int n, char* msg) { return real_vfs->xGetLastError(real_vfs, n, msg); }
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* t) { return real_vfs->xCurrentTimeInt64(real_vfs, t); }

}  // namespace

void install() {
    std::lock_guard lock(mu);
    if (real_vfs) return;
    real_vfs = sqlite3_vfs_find(nullptr);
    if (!real_vfs) std::abort();
    shim.iVersion = 2;
    shim.szOsFile = static_cast<int>(sizeof(File)) + real_vfs->szOsFile;
    shim.mxPathname = real_vfs->mxPathname;
    shim.zName = "caisse-fault";
    shim.xOpen = x_open;
    shim.xDelete = x_delete;
    shim.xAccess = x_access;
    shim.xFullPathname = x_full_pathname;
    shim.xDlOpen = x_dl_open;
    shim.xDlError = x_dl_error;
    shim.xDlSym = x_dl_sym;
    shim.xDlClose = x_dl_close;
    shim.xRandomness = x_randomness;
    shim.xSleep = x_sleep;
    shim.xCurrentTime = x_current_time;
    shim.xGetLastError = x_get_last_error;
    shim.xCurrentTimeInt64 = x_current_time_int64;
    if (sqlite3_vfs_register(&shim, 1) != SQLITE_OK) std::abort();
}

void arm(Fault fault, int n) {
    std::lock_guard lock(mu);
    armed = fault;
    nth = n;
    once = false;
    seen = {};
}

void arm_once(Fault fault, int n) {
    arm(fault, n);
    std::lock_guard lock(mu);
    once = true;
}

void clear() { arm(Fault::none, 0); }

Counts counts() {
    std::lock_guard lock(mu);
    return seen;
}

void reset_counts() {
    std::lock_guard lock(mu);
    seen = {};
}

}  // namespace caisse::testing::fault_vfs
