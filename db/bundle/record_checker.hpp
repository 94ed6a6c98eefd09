#pragma once
// The checks of a bundle's record lines that need nothing from the ledger (docs/bundle-format.md,
// "Import", rule 5: the line, its seq, its hash, its link to the record before, no second genesis,
// its signature or its absence), run on a thread of their own, with each sale's payload read, while
// the importing thread stores the records already checked. The importing thread spends most of its
// time in SQLite; these checks were a quarter of its work.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/core/message.hpp"
#include "db/crypto.hpp"
#include "db/journal.hpp"
#include "db/records/sale.hpp"

namespace caisse::db {

// A record whose line passed every check of the checker.
struct CheckedRecord {
    JournalRecord record;
    std::optional<SaleRecord> sale;  // a sale's payload read by read_sale_payload_fast; nullopt: not a sale, or another layout
};

// The first record line that failed: its seq (the one expected where the line is unreadable) and why.
struct RecordRefusal {
    std::int64_t seq = 0;
    Message why;
};

// What the checker needs to know of the chain.
struct CheckedChain {
    std::string terminal;
    PublicKey key{};             // the genesis key: signed kinds must verify with it
    std::int64_t first_seq = 0;  // the seq of the first line
    Hash genesis_hash{};         // when first_seq is 1, the first line must be this very record
};

// Checks `lines` (the bundle's record lines in file order; they and their bytes must outlive the checker) on
// its own thread, from construction, and hands the records over in order, in batches. The link of
// the first line when first_seq > 1 (to the record held in the ledger) is the caller's to check.
class RecordChecker {
public:
    RecordChecker(std::span<const std::string_view> lines, CheckedChain chain);
    ~RecordChecker();  // stops the thread if it still runs, and waits for it
    RecordChecker(const RecordChecker&) = delete;
    RecordChecker& operator=(const RecordChecker&) = delete;

    // Waits for the next checked records and puts them in `batch` (cleared first). When the lines
    // after them hold a refused one, `refusal` is set (and nothing follows). Returns false once
    // everything was handed over. Rethrows what the checking thread threw (std::bad_alloc).
    bool next(std::vector<CheckedRecord>& batch, std::optional<RecordRefusal>& refusal);

private:
    struct Item {
        std::vector<CheckedRecord> records;
        std::optional<RecordRefusal> refusal;
        std::exception_ptr error;
    };
    void run();
    std::optional<RecordRefusal> check_all();
    bool hand_over(Item item);  // false: stop asked

    std::span<const std::string_view> lines_;
    CheckedChain chain_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Item> queue_;
    bool finished_ = false, stop_ = false;
    std::thread thread_;  // last: started once the members above exist
};

}  // namespace caisse::db
