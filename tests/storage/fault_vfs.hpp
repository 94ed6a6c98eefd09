#pragma once
// A fault-injecting SQLite VFS for tests: a shim over the default ("unix") VFS that forwards every
// call and, once armed, fails the Nth write or sync of the ledger's files (main database, WAL,
// rollback journal) the way a failing disk does. install() registers it as the default VFS of the
// process, so every connection the services open goes through it.
#include <cstdint>

namespace caisse::testing::fault_vfs {

enum class Fault {
    none,
    write_error,  // xWrite returns SQLITE_IOERR_WRITE (a bad sector, a USB stick pulled)
    sync_error,   // xSync returns SQLITE_IOERR_FSYNC (the disk did not confirm)
    disk_full,    // xWrite returns SQLITE_FULL (no space left)
};

// Registers the shim as the default VFS (idempotent). Call before opening any database.
void install();

// From now on, the nth (1-based) write or sync matching the fault fails, and every later one too
// until clear(): a full or broken disk stays so until someone fixes it.
void arm(Fault fault, int nth);
// Only the nth fails; the disk works again right after (a transient fault).
void arm_once(Fault fault, int nth);
// The disk works again.
void clear();

// Writes and syncs of database files since the last arm()/clear()/reset_counts(), and how many
// calls failed.
struct Counts {
    int writes = 0, syncs = 0, failed = 0;
};
Counts counts();
void reset_counts();

}  // namespace caisse::testing::fault_vfs
