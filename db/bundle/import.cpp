// Checks a bundle and stores its chain beside the ledger's own (docs/bundle-format.md, "Import"),
// in one transaction: a refused bundle changes nothing.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <span>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"  // InputError
#include "db/archive/lines.hpp"
#include "db/archive/mapped_file.hpp"
#include "db/bundle/bundle.hpp"
#include "db/bundle/record_checker.hpp"
#include "db/bundle/record_line.hpp"
#include "db/journal.hpp"
#include "db/json_fields.hpp"
#include "db/ledger.hpp"
#include "db/records/replay.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

namespace {

using nlohmann::json;

constexpr std::int64_t kProgressEvery = 4096;

bool terminal_name_ok(const std::string& t) {
    if (t.empty() || t.size() > 32) return false;
    for (char c : t)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    return true;
}

// A refusal: the file, the terminal, the seq (0: the file as a whole) and why.
[[noreturn]] void refuse(const std::string& file, const std::string& terminal, std::int64_t seq, Message why) {
    if (seq > 0) throw InputError("bundle {0}: terminal {1} seq {2}: {3}; nothing was imported", file, terminal, seq, MessageArg(why));
    throw InputError("bundle {0}: terminal {1}: {2}; nothing was imported", file, terminal, MessageArg(why));
}

// The signature line {"sha256":HEX,"signature":HEX} that ends a bundle; nullopt when the line is not one.
struct SignatureLine {
    Hash sha256{};
    Signature signature{};
};
std::optional<SignatureLine> signature_line(std::string_view line) {
    const json j = json::parse(line, nullptr, false);
    SignatureLine out;
    if (!j.is_object() || j.size() != 2 || !hex_field(j, "sha256", out.sha256.data(), 32) ||
        !hex_field(j, "signature", out.signature.data(), 64))
        return std::nullopt;
    return out;
}

// For the import's transaction: foreign keys off (an imported session's opened_by names a user of
// its own till, imported_users, not one of this ledger's users), and a page cache big enough for a
// large bundle's B-tree pages (SQLite's default 2 MiB spills them to the WAL again and again).
// Both as before afterwards.
class ImportPragmas {
public:
    // cache_kib: the page cache for the import, in KiB (negative cache_size): a big bundle's pages
    // stay in memory until its one commit instead of spilling to the WAL and being written again.
    ImportPragmas(Database& db, std::int64_t cache_kib) : db_(db), cache_(db.scalar("PRAGMA cache_size")) {
        db_.exec("PRAGMA foreign_keys=OFF");
        db_.exec("PRAGMA cache_size=-" + std::to_string(cache_kib));
    }
    ~ImportPragmas() {
        try {
            db_.exec("PRAGMA foreign_keys=ON");
            db_.exec("PRAGMA cache_size=" + std::to_string(cache_));
        } catch (...) {
        }
    }

private:
    Database& db_;
    std::int64_t cache_;
};

}  // namespace

std::optional<BundleHeader> peek_bundle_header(const std::string& path) {
    const MappedFile file(path, "{0} is not a readable bundle file");
    const std::string_view all = file.view();
    const std::string_view prefix = "{\"bundle\":\"caisse-commune-bundle\"";
    if (all.substr(0, prefix.size()) != prefix) return std::nullopt;
    const auto nl = all.find('\n');
    if (nl == std::string_view::npos || nl > kArchiveMaxLine) return std::nullopt;
    const json h = json::parse(all.substr(0, nl), nullptr, false);
    BundleHeader out;
    if (!h.is_object() || !str_field(h, "terminal", out.terminal) || !int_field(h, "first_seq", out.first_seq) ||
        !int_field(h, "last_seq", out.last_seq) || !hex_field(h, "last_hash", out.last_hash.data(), 32) ||
        !hex_field(h, "head_sig", out.head_sig.data(), 64))
        return std::nullopt;
    return out;
}

bool bundle_file_signed(const std::string& path, const PublicKey& key) {
    const MappedFile file(path, "{0} is not a readable bundle file");
    const std::string_view all = file.view();
    if (all.size() < 2 || all.back() != '\n') return false;
    const std::size_t start = all.rfind('\n', all.size() - 2) + 1;  // npos + 1 = 0: a single line
    const auto trailer = signature_line(all.substr(start, all.size() - 1 - start));
    if (!trailer) return false;
    Sha256 sha;
    sha.begin();
    sha.update(all.data(), start);
    return sha.finish() == trailer->sha256 &&
           verify_signature(key, trailer->sha256, std::string_view(reinterpret_cast<const char*>(trailer->signature.data()), 64));
}

BundleImport import_bundle(Ledger& ledger, const std::string& path, const std::string& imported_at, const BundleProgress& progress,
                           const BundleImported& imported) {
    ledger.check_writable();
    const std::string name = std::filesystem::path(path).filename().string();
    const MappedFile file(path, "{0} is not a readable bundle file");
    const std::string_view all = file.view();

    // Lines: header, records..., signature. A file that does not end with a newline was cut.
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < all.size();) {
        const std::size_t nl = all.find('\n', at);
        if (nl == std::string_view::npos) break;  // an unfinished last line: the file was cut short
        lines.push_back(all.substr(at, nl - at));
        at = nl + 1;
    }
    const bool unfinished = !all.empty() && all.back() != '\n';
    if (lines.empty() || lines.front().size() > kArchiveMaxLine)
        throw InputError("{0} is not a Caisse Commune bundle (its first line is not a bundle header)", name);

    // Header.
    const json header = json::parse(lines.front(), nullptr, false);
    BundleImport out;
    out.file = path;
    std::string magic, public_hex;
    std::int64_t format = 0, declared = 0;
    PublicKey key{};
    Hash last_hash{};
    Signature head_sig{};
    if (!header.is_object() || !str_field(header, "bundle", magic) || magic != kBundleMagic || !int_field(header, "format", format))
        throw InputError("{0} is not a Caisse Commune bundle (its first line is not a bundle header)", name);
    if (format != kBundleFormat)
        throw InputError("bundle {0} is of format {1}, unknown to this version (it reads format {2}): upgrade caisse", name, format,
                         kBundleFormat);
    if (!str_field(header, "terminal", out.terminal) || !int_field(header, "first_seq", out.first_seq) ||
        !int_field(header, "last_seq", out.last_seq) || !int_field(header, "records", declared) ||
        !str_field(header, "public_key", public_hex) || !from_hex(public_hex, key.data(), key.size()) ||
        !hex_field(header, "last_hash", last_hash.data(), 32) || !hex_field(header, "head_sig", head_sig.data(), 64) ||
        !header.contains("genesis") || !terminal_name_ok(out.terminal) || out.first_seq < 1 || out.last_seq < out.first_seq)
        throw InputError("{0} is not a Caisse Commune bundle (its first line is not a bundle header)", name);
    const std::string& terminal = out.terminal;
    if (terminal == ledger.terminal())
        throw InputError("bundle {0} holds terminal {1}, this till's own chain: only other tills' bundles are imported", name, terminal);

    // Genesis: where the key comes from, self-signed and chained from nothing.
    const auto genesis = parse_record_object(header["genesis"], terminal);
    {
        const json gp = genesis ? json::parse(genesis->payload, nullptr, false) : json();
        std::string gkey, gterminal;
        if (!genesis || genesis->seq != 1 || genesis->kind != kind::genesis || genesis->prev_hash != Hash{} ||
            !str_field(gp, "public_key", gkey) || gkey != public_hex || !str_field(gp, "terminal", gterminal) || gterminal != terminal)
            refuse(name, terminal, 1, Message{"the genesis record in the header does not name this terminal and public key", {}});
        Sha256 sha;
        if (record_hash(sha, genesis->prev_hash.data(), terminal, 1, genesis->kind, genesis->at_utc, genesis->payload) != genesis->hash ||
            !genesis->sig ||
            !verify_signature(key, genesis->hash, std::string_view(reinterpret_cast<const char*>(genesis->sig->data()), 64)))
            refuse(name, terminal, 1,
                   Message{"the genesis record does not verify with its own public key: the bundle is forged or damaged", {}});
    }

    // The signature line, then the records between.
    const auto trailer = lines.size() >= 2 && !unfinished ? signature_line(lines.back()) : std::nullopt;
    const bool signed_line = trailer.has_value();
    const std::size_t record_lines = lines.size() - (signed_line ? 2 : 1);
    if (!signed_line) {
        // The last seq present, never past the announced last_seq. Both sums are bracketed so no
        // intermediate passes 2^63 - 1 for a header announcing last_seq = INT64_MAX (UBSan under
        // fuzz_bundle_import: first_seq + held_lines overflowed before the - 1).
        const auto held_lines = static_cast<std::int64_t>(record_lines);
        const std::int64_t after =
            held_lines <= (out.last_seq - out.first_seq) + 1 ? out.first_seq + (held_lines - 1) : out.last_seq;
        refuse(name, terminal, 0,
               Message{"the file is cut short after seq {0} of the {1} to {2} it announces: its signature line is missing "
                       "(copy the bundle again)",
                       {after, out.first_seq, out.last_seq}});
    }
    out.records = static_cast<std::int64_t>(record_lines);
    if (declared != out.records || out.last_seq - out.first_seq + 1 != out.records)
        refuse(name, terminal, 0,
               Message{"the header announces records {0} to {1} ({2}) but the file holds {3}: it is damaged",
                       {out.first_seq, out.last_seq, declared, out.records}});

    // The file's own digest on another thread while the records are checked and stored.
    Hash digest{};
    std::thread file_digest([&] {
        Sha256 sha;
        sha.begin();
        sha.update(all.data(), all.size() - lines.back().size() - 1);
        digest = sha.finish();
    });
    struct Join {
        std::thread& t;
        ~Join() {
            if (t.joinable()) t.join();
        }
    } join{file_digest};

    Database& db = ledger.db();
    // Twice the bundle's size (its records and their projections), from 64 to 256 MiB.
    const ImportPragmas pragmas(db, std::clamp<std::int64_t>(static_cast<std::int64_t>(all.size()) / 512, 64 * 1024, 256 * 1024));
    ledger.write([&] {
        // What this ledger already holds of the terminal.
        auto known = db.prepare("SELECT public_key FROM terminals WHERE terminal = ?1");
        known.bind(1, terminal);
        if (known.step() && to_hash(known.blob(0)) != Hash(key))
            refuse(name, terminal, 1,
                   Message{"terminal {0} is known here with another public key: this bundle comes from another till of the same "
                           "name, or is forged",
                           {terminal}});
        auto held_st = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal = ?1");
        held_st.bind(1, terminal);
        held_st.step();
        out.held_before = held_st.i64(0);
        out.new_terminal = out.held_before == 0;
        if (out.first_seq > out.held_before + 1)
            refuse(name, terminal, out.first_seq,
                   out.held_before == 0
                       ? Message{"the bundle starts at seq {0} but this till is not known here yet: import its bundle from seq 1 "
                                 "first (a gap)",
                                 {out.first_seq}}
                       : Message{"the bundle starts at seq {0} but records are held here only up to seq {1}: import the bundle "
                                 "holding seqs {2} to {3} first (a gap)",
                                 {out.first_seq, out.held_before, out.held_before + 1, out.first_seq - 1}});
        auto& held_hash = ledger.cached("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
        auto held = [&](std::int64_t seq) {
            held_hash.reset();
            held_hash.bind(1, terminal).bind(2, seq);
            const Hash h = held_hash.step() ? to_hash(held_hash.blob(0)) : Hash{};
            held_hash.reset();
            return h;
        };
        auto& insert = ledger.cached(
            "INSERT INTO journal(terminal, seq, kind, at_utc, payload, prev_hash, hash, sig) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");

        // The checks that need nothing from this ledger run on a thread of their own (record_checker);
        // this one links the first record to the chain held here and stores.
        RecordChecker checker(std::span<const std::string_view>(lines).subspan(1, record_lines),
                              CheckedChain{terminal, key, out.first_seq, genesis->hash});
        std::vector<CheckedRecord> batch;
        std::optional<RecordRefusal> refused;
        Hash prev{};
        std::size_t i = 0;
        while (checker.next(batch, refused)) {
            for (const CheckedRecord& checked : batch) {
                const JournalRecord& r = checked.record;
                if (i == 0 && r.seq > 1 && r.prev_hash != held(r.seq - 1))
                    refuse(name, terminal, r.seq,
                           Message{"the record does not follow the one held here at seq {0} (a fork: the till's chain was "
                                   "rewritten, or two tills share its name)",
                                   {r.seq - 1}});
                prev = r.hash;
                if (r.seq <= out.held_before) {
                    // Already here: it must be the very same record.
                    if (held(r.seq) != r.hash)
                        refuse(name, terminal, r.seq,
                               Message{"the bundle's record differs from the one already imported (a fork: the till's chain was "
                                       "rewritten, or two tills share its name)",
                                       {}});
                } else {
                    insert.reset();
                    insert.bind(1, terminal).bind(2, r.seq).bind(3, r.kind).bind(4, r.at_utc).bind(5, r.payload);
                    insert.bind_blob(6, r.prev_hash.data(), 32).bind_blob(7, r.hash.data(), 32);
                    if (r.sig) insert.bind_blob(8, r.sig->data(), 64);
                    else insert.bind_null(8);
                    try {
                        insert.run();
                        replay_projection(ledger, r, checked.sale ? &*checked.sale : nullptr);
                    } catch (const SqliteError& e) {
                        if (e.busy()) throw;
                        refuse(name, terminal, r.seq,
                               Message{"its rows clash with rows already in this ledger ({0})", {std::string(e.what())}});
                    }
                    ++out.added;
                }
                ++i;
                if (progress && (i % kProgressEvery == 0 || i == record_lines))
                    progress(static_cast<std::int64_t>(i), out.records);
            }
            if (refused) refuse(name, terminal, refused->seq, std::move(refused->why));
        }
        if (prev != last_hash ||
            !verify_signature(key, head_anchor_message(terminal, out.last_seq, last_hash),
                              std::string_view(reinterpret_cast<const char*>(head_sig.data()), 64)))
            refuse(name, terminal, out.last_seq, Message{"the bundle's signed head does not verify: the header was altered", {}});

        file_digest.join();
        if (trailer->sha256 != digest)
            refuse(name, terminal, 0, Message{"its SHA-256 is not the one it was signed with: the file was altered", {}});
        if (!verify_signature(key, digest, std::string_view(reinterpret_cast<const char*>(trailer->signature.data()), 64)))
            refuse(name, terminal, 0,
                   Message{"its signature does not verify with the terminal's key (that of its genesis record): the file "
                           "was damaged, or another key signed it",
                           {}});
        out.sha256_hex = to_hex(digest);

        auto head = db.prepare(
            "INSERT OR IGNORE INTO bundle_heads(terminal, last_seq, hash, sig, first_seq, sha256, imported_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        head.bind(1, terminal).bind(2, out.last_seq).bind_blob(3, last_hash.data(), 32).bind_blob(4, head_sig.data(), 64);
        head.bind(5, out.first_seq).bind_blob(6, digest.data(), 32).bind(7, imported_at).run();
        if (imported) imported(out);
    });
    return out;
}

}  // namespace caisse::db
