// Checks an archive file alone (docs/archive-format.md, "How to verify").
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <limits>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "db/archive/archive.hpp"
#include "db/archive/closure_sums.hpp"
#include "db/archive/fast_reader.hpp"
#include "db/archive/lines.hpp"
#include "db/canonical_json.hpp"
#include "db/journal.hpp"
#include "db/json_fields.hpp"

namespace caisse::db {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxProblems = 100;  // after a break, the first ones say what matters

// The file mapped read-only: lines are views into it, nothing is copied.
class Mapped {
public:
    explicit Mapped(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            if (fd >= 0) ::close(fd);
            throw InputError("{0} is not a readable archive file", path);
        }
        size_ = static_cast<std::size_t>(st.st_size);
        if (size_ > 0) {
            void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p == MAP_FAILED) {
                ::close(fd);
                throw InputError("{0} is not a readable archive file", path);
            }
            ::madvise(p, size_, MADV_SEQUENTIAL);
            data_ = static_cast<const char*>(p);
        }
        ::close(fd);
    }
    ~Mapped() {
        if (data_) ::munmap(const_cast<char*>(data_), size_);
    }
    Mapped(const Mapped&) = delete;
    Mapped& operator=(const Mapped&) = delete;
    std::string_view view() const { return {data_ ? data_ : "", size_}; }

private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

struct Checker {
    ArchiveCheck& out;
    Sha256 sha;
    void problem(std::int64_t seq, Message m) {
        if (out.problems.size() < kMaxProblems) out.problems.push_back({seq, std::move(m)});
    }
};

// A record object of the archive, its fields typed; nullopt (with a problem) when malformed.
std::optional<JournalRecord> parse_record(Checker& c, const json& j, const std::string& terminal, std::int64_t expected_seq) {
    JournalRecord r;
    r.terminal = terminal;
    if (!j.is_object() || !int_field(j, "seq", r.seq) || !str_field(j, "kind", r.kind) || !str_field(j, "at_utc", r.at_utc) ||
        !str_field(j, "payload", r.payload) || !hex_field(j, "prev_hash", r.prev_hash.data(), 32) ||
        !hex_field(j, "hash", r.hash.data(), 32) || !j.contains("sig")) {
        c.problem(expected_seq, Message{"record {0} is malformed: it lacks one of at_utc, hash, kind, payload, prev_hash, seq, sig", {expected_seq}});
        return std::nullopt;
    }
    const json& sig = j["sig"];
    if (!sig.is_null()) {
        Signature s{};
        if (!sig.is_string() || !from_hex(sig.get_ref<const std::string&>(), s.data(), s.size())) {
            c.problem(r.seq, Message{"record {0}: sig is neither null nor 128 hex digits", {r.seq}});
            return std::nullopt;
        }
        r.sig = s;
    }
    return r;
}

// Hash and signature of one record (prev_hash is the caller's business).
void check_record(Checker& c, const JournalRecord& r, const PublicKey& key) {
    if (record_hash(c.sha, r.prev_hash.data(), r.terminal, r.seq, r.kind, r.at_utc, r.payload) != r.hash)
        c.problem(r.seq, Message{"record {0} ({1}): its hash does not match its content: the record was altered", {r.seq, r.kind}});
    if (is_signed_kind(r.kind)) {
        if (!r.sig || !verify_signature(key, r.hash, std::string_view(reinterpret_cast<const char*>(r.sig->data()), 64)))
            c.problem(r.seq, Message{"record {0} ({1}): its signature does not verify with the terminal's key", {r.seq, r.kind}});
    } else if (r.sig) {
        c.problem(r.seq, Message{"record {0} ({1}) is of an unsigned kind but carries a signature", {r.seq, r.kind}});
    }
}

}  // namespace

ArchiveCheck verify_archive(const std::string& path, const std::optional<PublicKey>& pinned_key, ArchiveReader reader) {
    const Mapped file(path);
    const std::string_view all = file.view();
    ArchiveCheck result;
    result.bytes = all.size();
    Checker c{result, {}};

    // Lines: header, records..., signature. The file ends with a newline.
    if (all.empty() || all.back() != '\n') {
        c.problem(0, Message{"the archive does not end with a newline: it was cut short", {}});
        return result;
    }
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < all.size();) {
        const std::size_t nl = all.find('\n', at);
        lines.push_back(all.substr(at, nl - at));
        at = nl + 1;
    }
    if (lines.size() < 3) {
        c.problem(0, Message{"the archive has {0} lines: it needs a header, records and a signature line", {lines.size()}});
        return result;
    }

    // Header.
    const json header = json::parse(lines.front(), nullptr, false);
    std::int64_t format = 0, first_z = 0, last_z = 0, declared_records = 0;
    std::string magic, public_hex;
    PublicKey key{};
    if (!header.is_object() || !str_field(header, "archive", magic) || magic != kArchiveMagic || !int_field(header, "format", format) ||
        !str_field(header, "terminal", result.terminal) || !str_field(header, "period", result.period) ||
        !int_field(header, "first_seq", result.first_seq) || !int_field(header, "last_seq", result.last_seq) ||
        !int_field(header, "records", declared_records) || !int_field(header, "first_z", first_z) ||
        !int_field(header, "last_z", last_z) || !str_field(header, "public_key", public_hex) ||
        !from_hex(public_hex, key.data(), key.size()) || !header.contains("genesis") || !header.contains("closure_seq")) {
        c.problem(0, Message{"the first line is not the header of a Caisse Commune archive", {}});
        return result;
    }
    if (format != kArchiveFormat) {
        c.problem(0, Message{"archive format {0} is not known to this version (it reads format {1})", {format, kArchiveFormat}});
        return result;
    }
    result.public_key_hex = public_hex;
    if (pinned_key && *pinned_key != key)
        c.problem(0, Message{"the archive's public key is not the one given with --pubkey: another key made it", {}});

    // Genesis: where the key comes from, self-signed and chained from nothing.
    if (auto g = parse_record(c, header["genesis"], result.terminal, 1)) {
        const json gp = json::parse(g->payload, nullptr, false);
        std::string gkey, gterminal;
        if (g->seq != 1 || g->kind != "genesis" || g->prev_hash != Hash{} || !str_field(gp, "public_key", gkey) || gkey != public_hex ||
            !str_field(gp, "terminal", gterminal) || gterminal != result.terminal)
            c.problem(1, Message{"the genesis record in the header does not name this terminal and public key", {}});
        check_record(c, *g, key);
    }

    // Records: parsed, hashed and signature-checked on two threads, a chunk at a time; then, in
    // seq order on this thread, the chain links and the closures. The file's own digest is
    // computed meanwhile on a third.
    const std::size_t record_lines = lines.size() - 2;
    result.records = static_cast<std::int64_t>(record_lines);
    // In this order so that nothing overflows: a header may announce any seqs (UBSan under
    // fuzz_archive_verify: last_seq - first_seq and first_seq + i overflowed for seqs near 2^63).
    const bool seqs_ordered = result.first_seq >= 1 && result.last_seq >= result.first_seq;
    if (declared_records != result.records || !seqs_ordered || result.last_seq - result.first_seq + 1 != result.records) {
        c.problem(0, Message{"the header announces records {0} to {1} ({2}) but the archive holds {3}",
                             {result.first_seq, result.last_seq, declared_records, result.records}});
        // The records' seqs, first_seq + i, would not fit in 64 bits: no ledger's; nothing to check them against.
        if (result.first_seq > std::numeric_limits<std::int64_t>::max() - result.records) return result;
    }
    Hash digest{};
    std::thread file_digest([&] {
        Sha256 sha;
        sha.begin();
        sha.update(all.data(), all.size() - lines.back().size() - 1);
        digest = sha.finish();
    });
    struct Slot {
        std::optional<JournalRecord> record;
        json payload;                   // the kinds ClosureSums::needs_payload names
        std::optional<SaleSums> sale;   // sales and refunds
        std::vector<ArchiveProblem> problems;
    };
    const bool fast = reader == ArchiveReader::fast;
    constexpr std::size_t kChunk = 4096;
    std::vector<Slot> slots(std::min(kChunk, record_lines));
    auto work = [&](std::size_t base, std::size_t from, std::size_t to) {
        ArchiveCheck scratch;
        Checker local{scratch, {}};
        for (std::size_t k = from; k < to; ++k) {
            Slot& slot = slots[k];
            slot = Slot{};
            const std::string_view text = lines[base + k + 1];
            const std::int64_t expected = result.first_seq + static_cast<std::int64_t>(base + k);
            if (text.size() > kArchiveMaxLine) {
                local.problem(expected, Message{"record {0}: its line is longer than any record the till writes", {expected}});
            } else {
                // The fast path reads the line as export writes it; anything else, the reference.
                if (fast) slot.record = read_record_line_fast(text, result.terminal);
                if (!slot.record) slot.record = parse_record(local, json::parse(text, nullptr, false), result.terminal, expected);
                if (slot.record) {
                    const JournalRecord& r = *slot.record;
                    check_record(local, r, key);
                    if (ClosureSums::is_sale_kind(r.kind)) {
                        if (fast) slot.sale = read_sale_sums_fast(r.payload);
                        if (!slot.sale) slot.sale = ClosureSums::sale_sums_of(json::parse(r.payload, nullptr, false));
                    } else if (ClosureSums::needs_payload(r.kind)) {
                        slot.payload = json::parse(r.payload, nullptr, false);
                    }
                }
            }
            slot.problems = std::move(scratch.problems);
            scratch.problems.clear();
        }
    };
    ClosureSums sums(result.period);
    Hash prev{};
    const auto report = [&](std::int64_t seq, Message m) { c.problem(seq, std::move(m)); };
    for (std::size_t base = 0; base < record_lines; base += kChunk) {
        const std::size_t n = std::min(kChunk, record_lines - base);
        std::thread helper(work, base, n / 2, n);
        work(base, 0, n / 2);
        helper.join();
        for (std::size_t k = 0; k < n; ++k) {
            Slot& slot = slots[k];
            for (auto& p : slot.problems) c.problem(p.seq, std::move(p.message));
            if (!slot.record) continue;
            const JournalRecord& r = *slot.record;
            const std::size_t i = base + k;
            const std::int64_t expected = result.first_seq + static_cast<std::int64_t>(i);
            if (r.seq != expected) c.problem(r.seq, Message{"record {0} stands where record {1} should: records are missing or out of order", {r.seq, expected}});
            if (i == 0 ? (r.seq == 1 && r.prev_hash != Hash{}) : r.prev_hash != prev)
                c.problem(r.seq, Message{"record {0}: its prev_hash is not the hash of the record before it: the chain is broken", {r.seq}});
            prev = r.hash;
            if (r.kind == "genesis" && r.seq != 1) c.problem(r.seq, Message{"record {0} is a second genesis", {r.seq}});
            try {
                sums.add(r, slot.payload, slot.sale, report);
            } catch (const json::exception&) {  // a payload of the wrong shape: its hash already failed, or the key signed it so
                c.problem(r.seq, Message{"record {0} ({1}): its payload does not have the shape of its kind", {r.seq, r.kind}});
            }
        }
    }
    sums.finish(first_z, last_z, header["closure_seq"], report);
    result.closures = sums.closures();
    file_digest.join();

    // The archive's own signature, over every byte before its last line.
    const json trailer = json::parse(lines.back(), nullptr, false);
    Hash claimed{};
    std::string sig_hex;
    Signature sig{};
    if (!trailer.is_object() || !hex_field(trailer, "sha256", claimed.data(), 32) || !str_field(trailer, "signature", sig_hex) ||
        !from_hex(sig_hex, sig.data(), sig.size())) {
        c.problem(0, Message{"the last line is not the archive's signature", {}});
    } else if (claimed != digest) {
        c.problem(0, Message{"the archive's SHA-256 is not the one it was signed with: the file was altered", {}});
    } else if (!verify_signature(key, digest, std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()))) {
        c.problem(0, Message{"the archive's signature does not verify with the terminal's key: another key signed it", {}});
    }
    result.ok = result.problems.empty();
    return result;
}

}  // namespace caisse::db
