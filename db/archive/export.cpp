// Writes a period archive (docs/archive-format.md): header, records, signature line.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "db/archive/archive.hpp"
#include "db/archive/lines.hpp"
#include "db/canonical_json.hpp"
#include "db/journal.hpp"

namespace caisse::db {

std::string ArchivePeriod::text() const {
    char buf[16];
    if (month == 0) std::snprintf(buf, sizeof buf, "%04d", year);
    else std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

ArchivePeriod parse_archive_period(const std::string& text) {
    auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    ArchivePeriod p;
    if (text.size() == 4) {
        p.year = digits(0, 4);
    } else if (text.size() == 7 && text[4] == '-') {
        p.year = digits(0, 4);
        p.month = digits(5, 2);
        if (p.month < 1 || p.month > 12) p.year = -1;
    } else {
        p.year = -1;
    }
    if (p.year < 2000 || p.year > 2999) throw InputError("period \"{0}\" is neither a month YYYY-MM nor a year YYYY", text);
    return p;
}

namespace {

using nlohmann::json;

// One read transaction: every query below sees the same commit.
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database& db) : db_(db) { db_.exec("BEGIN"); }
    ~ReadSnapshot() {
        try {
            db_.exec("COMMIT");
        } catch (...) {
        }
    }

private:
    Database& db_;
};

struct Range {
    std::int64_t first_seq = 0, last_seq = 0, first_z = 0, last_z = 0;
    std::optional<std::int64_t> closure_seq;
};

Range period_range(Database& db, const std::string& terminal, const ArchivePeriod& period) {
    const std::string key = period.month ? "$.month" : "$.year";
    auto zs = db.prepare(
        "SELECT min(d.z), max(d.z), max(d.seq) FROM day_closures d JOIN journal j ON j.terminal = d.terminal AND j.seq = d.seq "
        "WHERE d.terminal = ?1 AND json_extract(j.payload, ?2) = ?3");
    zs.bind(1, terminal).bind(2, key).bind(3, period.text());
    if (!zs.step() || zs.is_null(0)) throw InputError("no day of {0} was closed on terminal {1}: nothing to archive", period.text(), terminal);
    Range r;
    r.first_z = zs.i64(0);
    r.last_z = zs.i64(1);
    r.last_seq = zs.i64(2);
    auto before = db.prepare("SELECT seq FROM day_closures WHERE terminal = ?1 AND z = ?2");
    before.bind(1, terminal).bind(2, r.first_z - 1);
    r.first_seq = before.step() ? before.i64(0) + 1 : 1;
    auto closure = db.prepare("SELECT seq FROM period_closures WHERE terminal = ?1 AND kind = ?2 AND period = ?3");
    closure.bind(1, terminal).bind(2, std::string(period.month ? "month" : "year")).bind(3, period.text());
    if (closure.step()) {
        r.closure_seq = closure.i64(0);
        r.last_seq = std::max(r.last_seq, *r.closure_seq);
    }
    return r;
}

json record_json(const JournalRecord& r) {
    return json{{"at_utc", r.at_utc},
                {"hash", to_hex(r.hash)},
                {"kind", r.kind},
                {"payload", r.payload},
                {"prev_hash", to_hex(r.prev_hash)},
                {"seq", r.seq},
                {"sig", r.sig ? json(to_hex(*r.sig)) : json(nullptr)}};
}

JournalRecord read_record(Statement& st, const std::string& terminal) {
    JournalRecord r;
    r.terminal = terminal;
    r.seq = st.i64(0);
    r.kind = st.str(1);
    r.at_utc = st.str(2);
    r.payload = st.str(3);
    const auto prev = st.blob(4), hash = st.blob(5);
    if (prev.size() == 32) std::memcpy(r.prev_hash.data(), prev.data(), 32);
    if (hash.size() == 32) std::memcpy(r.hash.data(), hash.data(), 32);
    if (!st.is_null(6) && st.blob(6).size() == 64) {
        Signature s{};
        std::memcpy(s.data(), st.blob(6).data(), 64);
        r.sig = s;
    }
    return r;
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

ArchiveSummary export_archive(Database& db, const std::string& terminal, const ArchivePeriod& period, const SecretKey& key,
                              const std::string& out_path, const std::string& created_at) {
    std::error_code ec;
    if (std::filesystem::exists(out_path, ec)) throw InputError("{0} already exists: choose another file name", out_path);
    const std::string tmp = out_path + ".tmp";

    ArchiveSummary sum;
    sum.terminal = terminal;
    sum.period = period.text();
    Sha256 sha;
    sha.begin();
    try {
        ReadSnapshot snap(db);
        const Range range = period_range(db, terminal, period);
        const char* select =
            "SELECT seq, kind, at_utc, payload, prev_hash, hash, sig FROM journal WHERE terminal = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq";
        auto genesis_st = db.prepare(select);
        genesis_st.bind(1, terminal).bind(2, std::int64_t{1}).bind(3, std::int64_t{1});
        if (!genesis_st.step()) throw InputError("terminal {0} has no records", terminal);
        const JournalRecord genesis = read_record(genesis_st, terminal);
        const std::string pub_hex = to_hex(public_of(key));
        const json gp = json::parse(genesis.payload, nullptr, false);
        if (!gp.is_object() || !gp.contains("public_key") || gp["public_key"] != pub_hex)
            throw InputError("the signing key is not terminal {0}'s: its genesis record holds another public key", terminal);

        const json header = {{"archive", kArchiveMagic},
                             {"closure_seq", range.closure_seq ? json(*range.closure_seq) : json(nullptr)},
                             {"created_at", created_at},
                             {"first_seq", range.first_seq},
                             {"first_z", range.first_z},
                             {"format", kArchiveFormat},
                             {"genesis", record_json(genesis)},
                             {"last_seq", range.last_seq},
                             {"last_z", range.last_z},
                             {"period", period.text()},
                             {"public_key", pub_hex},
                             {"records", range.last_seq - range.first_seq + 1},
                             {"terminal", terminal}};

        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) throw InputError("cannot write {0}", tmp);
        std::unique_ptr<std::FILE, FileCloser> f(::fdopen(fd, "wb"));
        if (!f) {
            ::close(fd);
            throw InputError("cannot write {0}", tmp);
        }
        static thread_local std::vector<char> buffer(1 << 20);
        std::setvbuf(f.get(), buffer.data(), _IOFBF, buffer.size());
        std::string line = canonical_json(header);
        line += '\n';
        auto put = [&](const std::string& l) {
            sha.update(l);
            if (std::fwrite(l.data(), 1, l.size(), f.get()) != l.size()) throw InputError("cannot write {0}", tmp);
            sum.bytes += l.size();
        };
        put(line);

        auto st = db.prepare(select);
        st.bind(1, terminal).bind(2, range.first_seq).bind(3, range.last_seq);
        std::int64_t n = 0;
        while (st.step()) {
            line.clear();
            const auto prev = st.blob(4), hash = st.blob(5);
            append_record_line(line, st.i64(0), st.text(1), st.text(2), st.text(3), prev, hash,
                               st.is_null(6) ? std::nullopt : std::optional<std::string_view>(st.blob(6)));
            put(line);
            ++n;
        }
        if (n != range.last_seq - range.first_seq + 1) throw InputError("terminal {0}'s chain has gaps: run caisse verify", terminal);
        const Hash digest = sha.finish();
        const json trailer = {{"sha256", to_hex(digest)}, {"signature", to_hex(sign(key, digest))}};
        line = canonical_json(trailer);
        line += '\n';
        if (std::fwrite(line.data(), 1, line.size(), f.get()) != line.size() || std::fflush(f.get()) != 0 || ::fsync(fd) != 0)
            throw InputError("cannot write {0}", tmp);
        sum.bytes += line.size();
        sum.sha256_hex = to_hex(digest);
        sum.first_seq = range.first_seq;
        sum.last_seq = range.last_seq;
        sum.records = n;
        sum.first_z = range.first_z;
        sum.last_z = range.last_z;
        sum.closure_seq = range.closure_seq;
    } catch (...) {
        std::remove(tmp.c_str());  // never leave half an archive behind
        throw;
    }
    if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw InputError("cannot write {0}", out_path);
    }
    return sum;
}

}  // namespace caisse::db
