// Writes a bundle (docs/bundle-format.md): header, records, signature line. The record and
// signature lines are the archives' (db/archive/lines.hpp).
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"  // InputError
#include "db/archive/lines.hpp"
#include "db/bundle/bundle.hpp"
#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

namespace {

using nlohmann::json;

class ExportSnapshot {  // every query of the export sees the same commit
public:
    explicit ExportSnapshot(Database& db) : db_(db) { db_.exec("BEGIN"); }
    ~ExportSnapshot() {
        try {
            db_.exec("COMMIT");
        } catch (...) {
        }
    }

private:
    Database& db_;
};

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

constexpr const char* kSelect =
    "SELECT seq, kind, at_utc, payload, prev_hash, hash, sig FROM journal WHERE terminal = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq";

void append_line_of(std::string& out, Statement& st) {
    append_record_line(out, st.i64(0), st.text(1), st.text(2), st.text(3), st.blob(4), st.blob(5),
                       st.is_null(6) ? std::nullopt : std::optional<std::string_view>(st.blob(6)));
}

}  // namespace

std::int64_t next_bundle_seq(Database& db, const std::string& terminal) {
    auto st = db.prepare("SELECT detail FROM events WHERE terminal = ?1 AND code = 'bundle.export' ORDER BY seq DESC LIMIT 1");
    st.bind(1, terminal);
    if (!st.step()) return 1;
    // The service writes "records A-B, ..." (app/services/bundle.cpp).
    const std::string detail = st.str(0);
    const auto at = detail.find("records ");
    const auto dash = detail.find('-', at);
    if (at == std::string::npos || dash == std::string::npos) return 1;
    try {
        return std::stoll(detail.substr(dash + 1)) + 1;
    } catch (const std::exception&) {
        return 1;
    }
}

BundleSummary export_bundle(Database& db, const std::string& terminal, std::int64_t since, const SecretKey& key,
                            const std::string& out_path, const std::string& created_at) {
    std::error_code ec;
    if (std::filesystem::exists(out_path, ec)) throw InputError("{0} already exists: choose another file name", out_path);
    if (since < 1) throw InputError("--since must be a seq of 1 or more");
    const std::string tmp = out_path + ".tmp";
    BundleSummary sum;
    sum.terminal = terminal;
    Sha256 sha;
    sha.begin();
    try {
        ExportSnapshot snap(db);
        auto head = db.prepare("SELECT seq, hash FROM journal WHERE terminal = ?1 ORDER BY seq DESC LIMIT 1");
        head.bind(1, terminal);
        if (!head.step()) throw InputError("terminal {0} has no records", terminal);
        const std::int64_t last = head.i64(0);
        const Hash last_hash = to_hash(head.blob(1));
        if (since > last)
            throw InputError("terminal {0} has no record from seq {1}: its newest is {2} (records up to {3} were exported already)",
                             terminal, since, last, since - 1);

        auto genesis_st = db.prepare(kSelect);
        genesis_st.bind(1, terminal).bind(2, std::int64_t{1}).bind(3, std::int64_t{1});
        if (!genesis_st.step()) throw InputError("terminal {0} has no records", terminal);
        std::string genesis_line;
        append_line_of(genesis_line, genesis_st);
        const json genesis = json::parse(genesis_line);
        const std::string pub_hex = to_hex(public_of(key));
        const json gp = json::parse(genesis.at("payload").get<std::string>(), nullptr, false);
        if (!gp.is_object() || !gp.contains("public_key") || gp["public_key"] != pub_hex)
            throw InputError("the signing key is not terminal {0}'s: its genesis record holds another public key", terminal);

        const json header = {{"bundle", kBundleMagic},
                             {"created_at", created_at},
                             {"first_seq", since},
                             {"format", kBundleFormat},
                             {"genesis", genesis},
                             {"head_sig", to_hex(sign(key, head_anchor_message(terminal, last, last_hash)))},
                             {"last_hash", to_hex(last_hash)},
                             {"last_seq", last},
                             {"public_key", pub_hex},
                             {"records", last - since + 1},
                             {"terminal", terminal}};

        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) throw InputError("cannot write {0}", tmp);
        std::unique_ptr<std::FILE, FileCloser> f(::fdopen(fd, "wb"));
        if (!f) {
            ::close(fd);
            throw InputError("cannot write {0}", tmp);
        }
        std::vector<char> buffer(1 << 20);
        std::setvbuf(f.get(), buffer.data(), _IOFBF, buffer.size());
        auto put = [&](const std::string& l) {
            sha.update(l);
            if (std::fwrite(l.data(), 1, l.size(), f.get()) != l.size()) throw InputError("cannot write {0}", tmp);
            sum.bytes += l.size();
        };
        std::string line = canonical_json(header);
        line += '\n';
        put(line);
        auto st = db.prepare(kSelect);
        st.bind(1, terminal).bind(2, since).bind(3, last);
        std::int64_t n = 0;
        while (st.step()) {
            line.clear();
            append_line_of(line, st);
            put(line);
            ++n;
        }
        if (n != last - since + 1) throw InputError("terminal {0}'s chain has gaps: run caisse verify", terminal);
        const Hash digest = sha.finish();
        line = canonical_json(json{{"sha256", to_hex(digest)}, {"signature", to_hex(sign(key, digest))}});
        line += '\n';
        if (std::fwrite(line.data(), 1, line.size(), f.get()) != line.size() || std::fflush(f.get()) != 0 || ::fsync(fd) != 0)
            throw InputError("cannot write {0}", tmp);
        sum.bytes += line.size();
        sum.sha256_hex = to_hex(digest);
        sum.last_hash_hex = to_hex(last_hash);
        sum.first_seq = since;
        sum.last_seq = last;
        sum.records = n;
    } catch (...) {
        std::remove(tmp.c_str());  // never leave half a bundle behind
        throw;
    }
    if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw InputError("cannot write {0}", out_path);
    }
    return sum;
}

}  // namespace caisse::db
