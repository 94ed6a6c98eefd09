#include "db/bundle/record_checker.hpp"

#include "db/bundle/record_line.hpp"
#include "db/records/sale_reader.hpp"

namespace caisse::db {

namespace {

constexpr std::size_t kBatch = 512;      // records handed over at once: one lock per batch
constexpr std::size_t kMaxQueued = 8;    // batches waiting: a few MB in flight, however big the bundle

}  // namespace

RecordChecker::RecordChecker(std::span<const std::string_view> lines, CheckedChain chain)
    : lines_(lines), chain_(std::move(chain)), thread_([this] { run(); }) {}

RecordChecker::~RecordChecker() {
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

bool RecordChecker::hand_over(Item item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || queue_.size() < kMaxQueued; });
    if (stop_) return false;
    queue_.push_back(std::move(item));
    lock.unlock();
    changed_.notify_all();
    return true;
}

void RecordChecker::run() {
    Item last;
    try {
        last.refusal = check_all();
    } catch (...) {
        last.error = std::current_exception();
    }
    if (last.refusal || last.error) hand_over(std::move(last));
    {
        const std::lock_guard lock(mutex_);
        finished_ = true;
    }
    changed_.notify_all();
}

// Every line in order; the records go out in batches, the first refusal ends the checking.
std::optional<RecordRefusal> RecordChecker::check_all() {
    const std::string& terminal = chain_.terminal;
    Sha256 sha;
    Hash prev{};
    Item item;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const std::int64_t expected = chain_.first_seq + static_cast<std::int64_t>(i);
        auto refused = [&](std::int64_t seq, Message why) {
            // The records before the refused one still go to the importer, which may refuse sooner.
            if (!item.records.empty() && !hand_over(std::move(item))) return std::optional<RecordRefusal>();
            return std::optional<RecordRefusal>(RecordRefusal{seq, std::move(why)});
        };
        auto r = read_any_record_line(lines_[i], terminal);
        if (!r) return refused(expected, Message{"the record line is malformed", {}});
        if (r->seq != expected)
            return refused(expected,
                           Message{"record {0} stands where record {1} should: records are missing or out of order", {r->seq, expected}});
        if (record_hash(sha, r->prev_hash.data(), terminal, r->seq, r->kind, r->at_utc, r->payload) != r->hash)
            return refused(r->seq, Message{"the record's hash does not match its content: the bundle was altered or damaged", {}});
        if (i == 0 ? (r->seq == 1 && r->hash != chain_.genesis_hash) : r->prev_hash != prev)
            return refused(r->seq, Message{"its prev_hash is not the hash of the record before it: the chain is broken", {}});
        prev = r->hash;
        if (r->kind == kind::genesis && r->seq != 1) return refused(r->seq, Message{"a second genesis record", {}});
        if (is_signed_kind(r->kind)) {
            if (!r->sig || !verify_signature(chain_.key, r->hash, std::string_view(reinterpret_cast<const char*>(r->sig->data()), 64)))
                return refused(r->seq, Message{"its signature does not verify with the terminal's key", {}});
        } else if (r->sig) {
            return refused(r->seq, Message{"a record of an unsigned kind carries a signature", {}});
        }
        CheckedRecord checked{std::move(*r), std::nullopt};
        if (checked.record.kind == kind::sale) checked.sale = read_sale_payload_fast(checked.record.payload);
        item.records.push_back(std::move(checked));
        if (item.records.size() == kBatch) {
            if (!hand_over(std::move(item))) return std::nullopt;
            item = Item{};
            item.records.reserve(kBatch);
        }
    }
    if (!item.records.empty()) hand_over(std::move(item));
    return std::nullopt;
}

bool RecordChecker::next(std::vector<CheckedRecord>& batch, std::optional<RecordRefusal>& refusal) {
    batch.clear();
    refusal.reset();
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty() || finished_; });
    if (queue_.empty()) return false;
    Item item = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    changed_.notify_all();
    if (item.error) std::rethrow_exception(item.error);
    batch = std::move(item.records);
    refusal = std::move(item.refusal);
    return true;
}

}  // namespace caisse::db
