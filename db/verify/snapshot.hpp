#pragma once
// Verify reads the ledger through several connections (one per chain worker) that must all see
// the same commit, so a till selling meanwhile never looks like a broken ledger.
#include <memory>
#include <string>
#include <vector>

#include "db/sqlite.hpp"

namespace caisse::db {

class ReadSnapshot {
public:
    // Opens `count` connections (open_for_reading), each in a read transaction, all at the same
    // commit: each reads the journal's newest rowid when its transaction starts, and if any commit
    // came between the first and the last start (they differ) all start again. Every ledger commit
    // appends to the journal and nothing is ever updated or deleted, so equal newest rowids mean
    // one commit. Throws InputError when the ledger keeps changing (50 tries), SqliteError when it
    // cannot be opened.
    ReadSnapshot(const std::string& path, unsigned count);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

    Database& at(std::size_t i) { return *connections_[i]; }
    std::size_t size() const { return connections_.size(); }

private:
    std::vector<std::unique_ptr<Database>> connections_;
};

}  // namespace caisse::db
