#include "db/ledger.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"
#include "db/canonical_json.hpp"
#include "db/migrations.hpp"

namespace caisse::db {

namespace fs = std::filesystem;
using namespace std::string_view_literals;
using nlohmann::json;

namespace {

void check_terminal_name(const std::string& t) {
    if (t.empty() || t.size() > 32) throw InputError("terminal name must have 1 to 32 characters");
    for (char c : t)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            throw InputError("terminal name \"{0}\" may hold only letters, digits, '-' and '_'", t);
}

void write_file_atomically(const std::string& path, const std::string& content, mode_t mode, bool durable) {
    const std::string tmp = path + ".tmp";
    // A fresh file of our own: never reuse a leftover temp file's mode, never follow a planted link.
    ::unlink(tmp.c_str());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp);
    if (::fchmod(fd, mode) != 0) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot set the mode of " + tmp);
    }
    bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    if (durable) ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace

void SalePayloadWriter::room(std::size_t n) {
    if (p_ && static_cast<std::size_t>(end_ - p_) >= n) return;
    const std::size_t used = p_ ? static_cast<std::size_t>(p_ - out_.data()) : out_.size();
    out_.resize(std::max({out_.capacity(), out_.size() * 2, used + n + 512}));
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
}

void SalePayloadWriter::num(std::int64_t v) { p_ = std::to_chars(p_, p_ + 20, v).ptr; }

// Worst case 6 bytes per input byte ("\u00XX") plus the quotes: callers reserve that much.
void SalePayloadWriter::str(std::string_view s) {
    *p_++ = '"';
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && c != '"' && c != '\\') {
            *p_++ = c;
            continue;
        }
        *p_++ = '\\';
        switch (c) {
            case '"': *p_++ = '"'; break;
            case '\\': *p_++ = '\\'; break;
            case '\b': *p_++ = 'b'; break;
            case '\f': *p_++ = 'f'; break;
            case '\n': *p_++ = 'n'; break;
            case '\r': *p_++ = 'r'; break;
            case '\t': *p_++ = 't'; break;
            default: {
                static const char* hex = "0123456789abcdef";
                lit("u00");
                *p_++ = hex[u >> 4];
                *p_++ = hex[u & 15];
            }
        }
    }
    *p_++ = '"';
}

namespace {
constexpr std::size_t kNum = 20;  // an int64 in decimal, with its sign
}

void SalePayloadWriter::header(std::int64_t change, std::string_view day, std::int64_t discount) {
    room(64 + 2 * kNum + 6 * day.size());
    lit("{\"change\":");
    num(change);
    lit(",\"day\":");
    str(day);
    lit(",\"discount\":");
    num(discount);
    lit(",\"lines\":[");
    first_ = true;
}

void SalePayloadWriter::line(std::int64_t cat, std::int64_t disc, std::int64_t ent, std::string_view name,
                             std::int64_t qty, std::int64_t share, std::string_view sku, std::int64_t total,
                             std::int64_t unit, std::int64_t vat) {
    room(128 + 8 * kNum + 6 * (name.size() + sku.size()));
    if (!first_) *p_++ = ',';
    first_ = false;
    lit("{\"cat\":");
    num(cat);
    lit(",\"disc\":");
    num(disc);
    lit(",\"ent\":");
    num(ent);
    lit(",\"name\":");
    str(name);
    lit(",\"qty\":");
    num(qty);
    lit(",\"share\":");
    num(share);
    lit(",\"sku\":");
    str(sku);
    lit(",\"total\":");
    num(total);
    lit(",\"unit\":");
    num(unit);
    lit(",\"vat\":");
    num(vat);
    *p_++ = '}';
}

void SalePayloadWriter::payments() {
    room(16);
    lit("],\"payments\":[");
    first_ = true;
}

void SalePayloadWriter::payment(std::int64_t amount, std::string_view method) {
    room(40 + kNum + 6 * method.size());
    if (!first_) *p_++ = ',';
    first_ = false;
    lit("{\"amount\":");
    num(amount);
    lit(",\"method\":");
    str(method);
    *p_++ = '}';
}

void SalePayloadWriter::footer(std::int64_t session, std::int64_t ticket, std::int64_t total, std::int64_t user) {
    room(64 + 4 * kNum);
    lit("],\"session\":");
    num(session);
    lit(",\"ticket\":");
    num(ticket);
    lit(",\"total\":");
    num(total);
    lit(",\"user\":");
    num(user);
    lit(",\"vat\":[");
    first_ = true;
}

void SalePayloadWriter::vat(std::int64_t ht, std::int64_t rate, std::int64_t ttc, std::int64_t vat) {
    room(48 + 4 * kNum);
    if (!first_) *p_++ = ',';
    first_ = false;
    lit("{\"ht\":");
    num(ht);
    lit(",\"rate\":");
    num(rate);
    lit(",\"ttc\":");
    num(ttc);
    lit(",\"vat\":");
    num(vat);
    *p_++ = '}';
}

void SalePayloadWriter::finish() {
    room(2);
    lit("]}");
    out_.resize(static_cast<std::size_t>(p_ - out_.data()));
    p_ = end_ = nullptr;
}

void append_sale_payload(std::string& out, const SaleRecord& s) {
    SalePayloadWriter w(out);
    w.header(s.change, s.day, s.discount);
    for (const auto& l : s.lines)
        w.line(l.category, l.line_discount, l.entrepreneur, l.name, l.quantity, l.discount_share, l.sku, l.total,
               l.unit_price, l.vat_bp);
    w.payments();
    for (const auto& p : s.payments) w.payment(p.amount, p.method);
    w.footer(s.session, s.ticket, s.total, s.user);
    for (const auto& v : s.vat) w.vat(v.ht, v.rate, v.ttc, v.vat);
    w.finish();
}

std::string sale_payload(const SaleRecord& s) {
    std::string out;
    out.reserve(256 + 128 * s.lines.size());
    append_sale_payload(out, s);
    return out;
}

Ledger::Ledger(const std::string& path, Database::Mode mode) : db_(path, mode) {}

void Ledger::configure() {
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=ON");
}

SecretKey read_secret_key(const std::string& key_path) {
    std::ifstream in(key_path);
    if (!in) throw InputError("signing key {0} is missing or unreadable", key_path);
    std::string hex;
    in >> hex;
    SecretKey sk{};
    if (!from_hex(hex, sk.data(), sk.size())) throw InputError("signing key {0} is malformed", key_path);
    return sk;
}

std::unique_ptr<Ledger> Ledger::create(const std::string& path, const std::string& terminal, const std::string& at) {
    check_terminal_name(terminal);
    if (fs::exists(path)) throw InputError("{0} already exists: init never overwrites a ledger", path);
    if (fs::exists(key_path(path))) throw InputError("{0} already exists: remove it or choose another file", key_path(path));
    auto ledger = std::make_unique<Ledger>(path, Database::Mode::Create);
    try {
        ledger->db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        ledger->configure();
        migrate(ledger->db_);
        KeyPair keys = make_key_pair();
        write_file_atomically(key_path(path), to_hex(keys.secret) + "\n", 0600, true);
        ledger->secret_ = keys.secret;
        ledger->terminal_ = terminal;
        ledger->write([&] {
            auto st = ledger->db_.prepare("INSERT INTO local_settings(key, value) VALUES ('terminal', ?1)");
            st.bind(1, terminal).run();
            json p = {{"format", 1}, {"public_key", to_hex(keys.pub)}, {"software", "caisse 0.1.0"}, {"terminal", terminal}};
            auto a = ledger->append(kind::genesis, canonical_json(p), at);
            auto t = ledger->db_.prepare("INSERT INTO terminals(terminal, public_key, seq) VALUES (?1, ?2, ?3)");
            t.bind(1, terminal).bind_blob(2, keys.pub.data(), keys.pub.size()).bind(3, a.seq).run();
        });
    } catch (...) {
        ledger.reset();
        std::error_code ec;
        fs::remove(path, ec);
        fs::remove(path + "-wal", ec);
        fs::remove(path + "-shm", ec);
        fs::remove(key_path(path), ec);
        fs::remove(head_path(path), ec);
        throw;
    }
    ledger->flush_head_anchor();  // a new ledger always has its anchor
    return ledger;
}

std::unique_ptr<Ledger> Ledger::open(const std::string& path) {
    if (!fs::exists(path)) throw InputError("no ledger at {0} (create one with: caisse init --db {0})", path);
    auto ledger = std::make_unique<Ledger>(path, Database::Mode::ReadWrite);
    std::int64_t app_id = 0;
    try {
        app_id = ledger->db_.scalar("PRAGMA application_id");
    } catch (const SqliteError& e) {
        if ((e.code() & 0xFF) == SQLITE_NOTADB) throw InputError("{0} is not a Caisse Commune ledger (not a database)", path);
        throw;
    }
    if (app_id != kApplicationId) throw InputError("{0} is not a Caisse Commune ledger", path);
    migrate(ledger->db_);
    ledger->configure();
    ledger->load_identity();
    return ledger;
}

void Ledger::load_identity() {
    // The anchor before any query: a statement that has stepped holds a read snapshot, and another
    // process may commit and anchor a newer record in between, which would look like a cut tail.
    const auto slots = read_head_anchor_slots(head_path(path()));
    auto st = db_.prepare("SELECT value FROM local_settings WHERE key = 'terminal'");
    if (!st.step()) throw InputError("{0} has no terminal identity: it is damaged", path());
    terminal_ = st.str(0);
    secret_ = read_secret_key(key_path(path()));
    // Never sign on top of a ledger that is not the one this key and anchor describe: a till that
    // kept selling after its tail was cut would otherwise sign the cut away.
    auto key = db_.prepare("SELECT public_key FROM terminals WHERE terminal = ?1");
    key.bind(1, terminal_);
    PublicKey pk{};
    if (!key.step() || key.blob(0).size() != pk.size())
        throw InputError("{0} has no genesis for terminal {1}: run caisse verify", path(), terminal_);
    std::copy(key.blob(0).begin(), key.blob(0).end(), pk.begin());
    if (public_of(secret_) != pk)
        throw InputError("signing key {0} does not belong to this ledger: run caisse verify; nothing was changed", key_path(path()));
    if (!slots) throw InputError("head anchor {0} is missing: run caisse verify; nothing was changed", head_path(path()));
    std::int64_t anchored = 0;
    Hash anchored_hash{};
    for (const auto& slot : *slots)
        if (slot.seq > anchored && slot.terminal == terminal_ &&
            verify_signature(pk, head_anchor_message(slot.terminal, slot.seq, slot.hash),
                             std::string_view(reinterpret_cast<const char*>(slot.sig.data()), slot.sig.size()))) {
            anchored = slot.seq;
            anchored_hash = slot.hash;
        }
    if (anchored > 0) {
        auto at = db_.prepare("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
        at.bind(1, terminal_).bind(2, anchored);
        const bool same = at.step() && at.blob(0).size() == anchored_hash.size() &&
                          std::equal(anchored_hash.begin(), anchored_hash.end(),
                                     reinterpret_cast<const std::uint8_t*>(at.blob(0).data()));
        if (!same)
            throw InputError("the ledger does not contain record {0} that its signed head anchor records: records were "
                             "removed or changed; run caisse verify; nothing was changed",
                             anchored);
    }
}

void Ledger::write(const std::function<void()>& fn) {
    appended_.reset();
    try {
        WriteTransaction tx(db_, cached("BEGIN IMMEDIATE"), cached("COMMIT"));
        fn();
        tx.commit();
    } catch (...) {
        appended_.reset();  // rolled back: the head did not move
        throw;
    }
    post_head_anchor();
}

std::int64_t Ledger::last_seq() {
    auto st = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal = ?1");
    st.bind(1, terminal_);
    return st.step() ? st.i64(0) : 0;
}

Appended Ledger::append(std::string_view kind, const std::string& payload, const std::string& at) {
    auto& head = cached("SELECT seq, hash FROM journal WHERE terminal = ?1 ORDER BY seq DESC LIMIT 1");
    head.bind(1, terminal_);
    JournalRecord r;
    r.terminal = terminal_;
    r.kind = std::string(kind);
    r.at_utc = at;
    r.payload = payload;
    if (head.step()) {
        r.seq = head.i64(0) + 1;
        auto h = head.blob(1);
        if (h.size() != 32) throw std::runtime_error("journal head has a malformed hash; run caisse verify");
        std::copy(h.begin(), h.end(), r.prev_hash.begin());
    } else {
        if (kind != kind::genesis) throw std::logic_error("first record must be genesis");
        r.seq = 1;
    }
    head.reset();
    r.hash = record_hash(sha_, r.prev_hash.data(), r.terminal, r.seq, r.kind, r.at_utc, r.payload);
    auto& ins = cached("INSERT INTO journal(terminal, seq, kind, at_utc, payload, prev_hash, hash, sig) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins.bind(1, r.terminal).bind(2, r.seq).bind(3, r.kind).bind(4, r.at_utc).bind(5, r.payload);
    ins.bind_blob(6, r.prev_hash.data(), 32).bind_blob(7, r.hash.data(), 32);
    if (is_signed_kind(kind)) {
        Signature s = sign(secret_, r.hash);
        ins.bind_blob(8, s.data(), s.size());
    } else {
        ins.bind_null(8);
    }
    ins.run();
    appended_ = std::make_pair(r.seq, r.hash);
    return Appended{r.terminal, r.seq, r.hash};
}

Statement& Ledger::cached(const char* sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<Statement>(db_.prepare(sql))).first;
    it->second->reset();
    return *it->second;
}

std::int64_t Ledger::add_entrepreneur(const std::string& name, const std::string& colour, const std::string& at) {
    const std::int64_t id = db_.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM entrepreneurs");
    auto a = append(kind::entrepreneur, canonical_json(json{{"colour", colour}, {"id", id}, {"name", name}}), at);
    auto st = db_.prepare("INSERT INTO entrepreneurs(id, name, colour, terminal, seq) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, id).bind(2, name).bind(3, colour).bind(4, a.terminal).bind(5, a.seq).run();
    return id;
}

std::int64_t Ledger::add_category(const std::string& name, const std::string& at) {
    const std::int64_t id = db_.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM categories");
    auto a = append(kind::category, canonical_json(json{{"id", id}, {"name", name}}), at);
    auto st = db_.prepare("INSERT INTO categories(id, name, terminal, seq) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, id).bind(2, name).bind(3, a.terminal).bind(4, a.seq).run();
    return id;
}

void Ledger::put_product(const Product& p, const std::string& at) {
    json payload = {{"active", p.active},         {"category", p.category_id}, {"entrepreneur", p.entrepreneur_id},
                    {"name", p.name},             {"open_price", p.open_price}, {"picture", p.picture},
                    {"price", p.price.value()},   {"sku", p.sku},               {"vat", p.vat.bp}};
    auto a = append(kind::product, canonical_json(payload), at);
    auto st = db_.prepare(
        "INSERT INTO product_versions(terminal, seq, sku, name, price, vat_bp, entrepreneur_id, category_id, picture, "
        "open_price, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, p.sku).bind(4, p.name).bind(5, p.price.value()).bind(6, p.vat.bp);
    st.bind(7, p.entrepreneur_id).bind(8, p.category_id).bind(9, p.picture).bind(10, p.open_price ? 1 : 0);
    st.bind(11, p.active ? 1 : 0).run();
}

std::int64_t Ledger::add_user(const std::string& name, Role role, const std::string& pin_hash, const std::string& at) {
    const std::int64_t id = db_.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM users");
    auto a = append(kind::user, canonical_json(json{{"id", id}, {"name", name}, {"role", role_name(role)}}), at);
    auto st = db_.prepare("INSERT INTO users(id, name, role, terminal, seq) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, id).bind(2, name).bind(3, role_name(role)).bind(4, a.terminal).bind(5, a.seq).run();
    auto c = db_.prepare("INSERT INTO credentials(user_id, pin_hash) VALUES (?1, ?2)");
    c.bind(1, id).bind(2, pin_hash).run();
    return id;
}

std::int64_t Ledger::open_session(std::int64_t user_id, std::int64_t float_cents, const std::string& day,
                                  const std::string& at) {
    auto q = db_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM sessions WHERE terminal = ?1");
    q.bind(1, terminal_);
    q.step();
    const std::int64_t id = q.i64(0);
    auto a = append(kind::session_open,
                    canonical_json(json{{"day", day}, {"float", float_cents}, {"id", id}, {"opened_by", user_id}}), at);
    auto st = db_.prepare("INSERT INTO sessions(terminal, id, seq, opened_by, day, float) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, a.terminal).bind(2, id).bind(3, a.seq).bind(4, user_id).bind(5, day).bind(6, float_cents).run();
    return id;
}

Appended Ledger::record_sale(SaleRecord& s, const std::string& at) {
    auto& next = cached("SELECT COALESCE(MAX(ticket), 0) + 1 FROM sales WHERE terminal = ?1");
    next.bind(1, terminal_);
    next.step();
    s.ticket = next.i64(0);
    next.reset();
    auto a = append(kind::sale, sale_payload(s), at);
    auto& sale = cached(
        "INSERT INTO sales(terminal, ticket, seq, session_id, user_id, day, discount, total, change) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    sale.bind(1, a.terminal).bind(2, s.ticket).bind(3, a.seq).bind(4, s.session).bind(5, s.user).bind(6, s.day);
    sale.bind(7, s.discount).bind(8, s.total).bind(9, s.change).run();
    auto& line = cached(
        "INSERT INTO sale_lines(terminal, ticket, line_no, sku, name, entrepreneur_id, category_id, vat_bp, quantity, "
        "unit_price, line_discount, discount_share, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& l = s.lines[i];
        line.bind(1, a.terminal).bind(2, s.ticket).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, l.sku).bind(5, l.name);
        line.bind(6, l.entrepreneur).bind(7, l.category).bind(8, l.vat_bp).bind(9, l.quantity).bind(10, l.unit_price);
        line.bind(11, l.line_discount).bind(12, l.discount_share).bind(13, l.total).run();
    }
    auto& pay = cached("INSERT INTO sale_payments(terminal, ticket, idx, method, amount) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < s.payments.size(); ++i) {
        pay.bind(1, a.terminal).bind(2, s.ticket).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, s.payments[i].method);
        pay.bind(5, s.payments[i].amount).run();
    }
    return a;
}

std::int64_t Ledger::record_duplicate(std::int64_t ticket, const std::string& at) {
    auto q = db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM duplicates WHERE terminal = ?1");
    q.bind(1, terminal_);
    q.step();
    const std::int64_t number = q.i64(0);
    auto a = append(kind::duplicate, canonical_json(json{{"number", number}, {"ticket", ticket}}), at);
    auto st = db_.prepare("INSERT INTO duplicates(terminal, seq, number, ticket) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, number).bind(4, ticket).run();
    return number;
}

std::optional<RecordedSale> Ledger::recorded_sale(std::int64_t ticket) {
    auto st = db_.prepare(
        "SELECT j.seq, j.at_utc, j.payload, j.hash FROM sales s JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq "
        "WHERE s.terminal = ?1 AND s.ticket = ?2 AND j.kind = 'sale'");
    st.bind(1, terminal_).bind(2, ticket);
    if (!st.step()) return std::nullopt;
    RecordedSale r;
    r.terminal = terminal_;
    r.seq = st.i64(0);
    r.at_utc = st.str(1);
    const auto hash = st.blob(3);
    if (hash.size() == r.hash.size()) std::copy(hash.begin(), hash.end(), r.hash.begin());
    const json p = json::parse(st.str(2));
    auto& s = r.sale;
    s.ticket = p.at("ticket").get<std::int64_t>();
    s.session = p.at("session").get<std::int64_t>();
    s.user = p.at("user").get<std::int64_t>();
    s.day = p.at("day").get<std::string>();
    s.discount = p.at("discount").get<std::int64_t>();
    s.total = p.at("total").get<std::int64_t>();
    s.change = p.at("change").get<std::int64_t>();
    for (const auto& l : p.at("lines"))
        s.lines.push_back(SaleLineRecord{l.at("sku").get<std::string>(), l.at("name").get<std::string>(),
                                         l.at("ent").get<std::int64_t>(), l.at("cat").get<std::int64_t>(),
                                         l.at("vat").get<std::int64_t>(), l.at("qty").get<std::int64_t>(),
                                         l.at("unit").get<std::int64_t>(), l.at("disc").get<std::int64_t>(),
                                         l.at("share").get<std::int64_t>(), l.at("total").get<std::int64_t>()});
    for (const auto& pay : p.at("payments"))
        s.payments.push_back(PaymentRecord{pay.at("method").get<std::string>(), pay.at("amount").get<std::int64_t>()});
    for (const auto& v : p.at("vat"))
        s.vat.push_back(VatRecord{v.at("rate").get<std::int64_t>(), v.at("ht").get<std::int64_t>(),
                                  v.at("vat").get<std::int64_t>(), v.at("ttc").get<std::int64_t>()});
    return r;
}

std::int64_t Ledger::last_ticket() {
    auto st = db_.prepare("SELECT COALESCE(MAX(ticket), 0) FROM sales WHERE terminal = ?1");
    st.bind(1, terminal_);
    st.step();
    return st.i64(0);
}

std::optional<std::string> Ledger::user_name(std::int64_t id) {
    auto st = db_.prepare("SELECT name FROM users WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

std::optional<std::string> Ledger::setting(const std::string& key) {
    auto st = db_.prepare("SELECT value FROM local_settings WHERE key = ?1");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

void Ledger::set_setting(const std::string& key, const std::string& value) {
    auto st = db_.prepare("INSERT INTO local_settings(key, value) VALUES (?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

std::map<std::string, std::string> Ledger::settings() {
    std::map<std::string, std::string> out;
    for (auto st = db_.prepare("SELECT key, value FROM local_settings ORDER BY key"); st.step();) out[st.str(0)] = st.str(1);
    return out;
}

std::vector<User> Ledger::users() {
    std::vector<User> out;
    for (auto st = db_.prepare("SELECT id, name, role FROM users ORDER BY id"); st.step();)
        out.push_back(User{st.i64(0), st.str(1), parse_role(st.text(2)).value_or(Role::Seller)});
    return out;
}

Ledger::PinState Ledger::pin_state(std::int64_t user_id) {
    auto st = db_.prepare("SELECT failed, COALESCE(locked_until, '') FROM credentials WHERE user_id = ?1");
    st.bind(1, user_id);
    if (!st.step()) return {};
    return PinState{st.i64(0), st.str(1)};
}

void Ledger::set_pin_state(std::int64_t user_id, const PinState& state) {
    auto st = db_.prepare("UPDATE credentials SET failed = ?2, locked_until = NULLIF(?3, '') WHERE user_id = ?1");
    st.bind(1, user_id).bind(2, state.failed).bind(3, state.locked_until).run();
}

std::vector<Ledger::TicketSummary> Ledger::recent_tickets(std::int64_t session, int limit) {
    std::vector<TicketSummary> out;
    auto st = db_.prepare(
        "SELECT s.ticket, s.total, j.at_utc, COALESCE(u.name, '') FROM sales s "
        "JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq LEFT JOIN users u ON u.id = s.user_id "
        "WHERE s.terminal = ?1 AND s.session_id = ?2 ORDER BY s.ticket DESC LIMIT ?3");
    st.bind(1, terminal_).bind(2, session).bind(3, static_cast<std::int64_t>(limit));
    while (st.step()) out.push_back(TicketSummary{st.i64(0), st.i64(1), st.str(2), st.str(3)});
    return out;
}

std::optional<User> Ledger::user_by_name(const std::string& name) {
    auto& st = cached("SELECT id, name, role FROM users WHERE name = ?1");
    st.bind(1, name);
    std::optional<User> user;
    if (st.step()) user = User{st.i64(0), st.str(1), parse_role(st.text(2)).value_or(Role::Seller)};
    st.reset();
    return user;
}

std::string Ledger::entrepreneur_name(std::int64_t id) {
    auto& st = cached("SELECT name FROM entrepreneurs WHERE id = ?1");
    st.bind(1, id);
    std::string name = st.step() ? st.str(0) : "#" + std::to_string(id);
    st.reset();
    return name;
}

std::optional<std::string> Ledger::pin_hash(std::int64_t user_id) {
    auto st = db_.prepare("SELECT pin_hash FROM credentials WHERE user_id = ?1");
    st.bind(1, user_id);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

namespace {
Product product_from(Statement& st) {
    Product p;
    p.sku = st.str(0);
    p.name = st.str(1);
    p.price = Money::cents(st.i64(2));
    p.vat = VatRate{static_cast<std::int32_t>(st.i64(3))};
    p.entrepreneur_id = st.i64(4);
    p.category_id = st.i64(5);
    p.picture = st.str(6);
    p.open_price = st.i64(7) != 0;
    p.active = st.i64(8) != 0;
    return p;
}
constexpr const char* kProductColumns =
    "SELECT sku, name, price, vat_bp, entrepreneur_id, category_id, picture, open_price, active ";
}  // namespace

std::optional<Product> Ledger::product(const std::string& sku) {
    auto& st = cached(
        "SELECT sku, name, price, vat_bp, entrepreneur_id, category_id, picture, open_price, active "
        "FROM product_versions WHERE sku = ?1 ORDER BY seq DESC LIMIT 1");
    st.bind(1, sku);
    std::optional<Product> p;
    if (st.step()) p = product_from(st);
    st.reset();
    return p;
}

std::vector<Product> Ledger::products() {
    auto st = db_.prepare(std::string(kProductColumns) + "FROM products ORDER BY category_id, sku");
    std::vector<Product> out;
    while (st.step()) out.push_back(product_from(st));
    return out;
}

std::optional<std::int64_t> Ledger::entrepreneur_id(const std::string& name) {
    auto st = db_.prepare("SELECT id FROM entrepreneurs WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return st.i64(0);
}

std::optional<std::int64_t> Ledger::category_id(const std::string& name) {
    auto st = db_.prepare("SELECT id FROM categories WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return st.i64(0);
}

std::vector<Entrepreneur> Ledger::entrepreneurs() {
    auto st = db_.prepare("SELECT id, name, colour FROM entrepreneurs ORDER BY id");
    std::vector<Entrepreneur> out;
    while (st.step()) out.push_back(Entrepreneur{st.i64(0), st.str(1), st.str(2)});
    return out;
}

std::vector<Category> Ledger::categories() {
    auto st = db_.prepare("SELECT id, name FROM categories ORDER BY id");
    std::vector<Category> out;
    while (st.step()) out.push_back(Category{st.i64(0), st.str(1)});
    return out;
}

std::optional<SessionInfo> Ledger::current_session() {
    auto& st = cached("SELECT id, opened_by, float, day FROM sessions WHERE terminal = ?1 ORDER BY id DESC LIMIT 1");
    st.bind(1, terminal_);
    std::optional<SessionInfo> s;
    if (st.step()) s = SessionInfo{st.i64(0), st.i64(1), st.i64(2), st.str(3)};
    st.reset();
    return s;
}

Hash head_anchor_message(const std::string& terminal, std::int64_t seq, const Hash& hash) {
    return sha256("caisse-head\n" + terminal + "\n" + std::to_string(seq) + "\n" + to_hex(hash));
}

void Ledger::post_head_anchor() {
    if (!appended_) return;
    if (!anchor_) anchor_ = std::make_unique<HeadAnchorWriter>(head_path(path()), terminal_, secret_);
    anchor_->post(appended_->first, appended_->second);
    appended_.reset();
}

namespace {
constexpr std::string_view kAnchorHeader = "caisse-head 2\n";

std::string anchor_line(const std::string& terminal, std::int64_t seq, const Hash& hash, const Signature& sig) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(seq));
    return terminal + " " + digits + " " + to_hex(hash) + " " + to_hex(sig) + "\n";
}
}  // namespace

void write_head_anchor_slot(const std::string& head_path, const std::string& terminal, std::int64_t seq,
                            const Hash& hash, const SecretKey& key) {
    const std::string line = anchor_line(terminal, seq, hash, sign(key, head_anchor_message(terminal, seq, hash)));
    const std::size_t file_size = kAnchorHeader.size() + 2 * line.size();
    int fd = ::open(head_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + head_path);
    struct stat st {};
    char header[16] = {};
    const bool fresh = ::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) != file_size ||
                       ::pread(fd, header, kAnchorHeader.size(), 0) != static_cast<ssize_t>(kAnchorHeader.size()) ||
                       std::string_view(header, kAnchorHeader.size()) != kAnchorHeader;
    bool ok;
    if (fresh) {
        const std::string all = std::string(kAnchorHeader) + line + line;
        ok = ::pwrite(fd, all.data(), all.size(), 0) == static_cast<ssize_t>(all.size()) &&
             ::ftruncate(fd, static_cast<off_t>(all.size())) == 0;
    } else {
        const off_t at = static_cast<off_t>(kAnchorHeader.size() + static_cast<std::size_t>(seq % 2) * line.size());
        ok = ::pwrite(fd, line.data(), line.size(), at) == static_cast<ssize_t>(line.size());
    }
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write " + head_path);
}

std::optional<std::vector<HeadAnchor>> read_head_anchor_slots(const std::string& head_path) {
    std::ifstream in(head_path);
    if (!in) return std::nullopt;
    std::string header;
    std::getline(in, header);
    if (header + "\n" != kAnchorHeader) throw InputError("{0} is not a head anchor", head_path);
    std::vector<HeadAnchor> slots;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream f(line);
        std::string seq, hash, sig;
        HeadAnchor a;
        f >> a.terminal >> seq >> hash >> sig;
        if (seq.size() != 20 || seq.find_first_not_of("0123456789") != std::string::npos || !from_hex(hash, a.hash.data(), 32) ||
            !from_hex(sig, a.sig.data(), 64)) {
            a.seq = -1;  // torn or damaged slot: kept so the reader can say so
        } else {
            auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), a.seq);
            if (ec != std::errc() || end != seq.data() + seq.size()) a.seq = -1;
        }
        slots.push_back(std::move(a));
    }
    if (slots.size() != 2) throw InputError("{0} is malformed", head_path);
    return slots;
}

HeadAnchorWriter::HeadAnchorWriter(std::string head_path, std::string terminal, const SecretKey& key)
    : path_(std::move(head_path)), terminal_(std::move(terminal)), key_(key), thread_([this] { run(); }) {}

HeadAnchorWriter::~HeadAnchorWriter() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void HeadAnchorWriter::post(std::int64_t seq, const Hash& hash) {
    {
        std::lock_guard lock(mu_);
        if (!pending_ || pending_->first < seq) pending_ = std::make_pair(seq, hash);
    }
    wake_.notify_one();
}

void HeadAnchorWriter::flush() {
    std::unique_lock lock(mu_);
    idle_.wait(lock, [&] { return !pending_ && !busy_; });
}

void HeadAnchorWriter::run() {
    std::unique_lock lock(mu_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_ || pending_; });
        if (!pending_) break;  // stopping with nothing left to write
        const auto [seq, hash] = *pending_;
        pending_.reset();
        busy_ = true;
        lock.unlock();
        try {
            write_head_anchor_slot(path_, terminal_, seq, hash, key_);
        } catch (const std::exception&) {
            // Best effort: a missing or stale anchor is reported by verify, never blocks a sale.
        }
        lock.lock();
        busy_ = false;
        idle_.notify_all();
    }
    idle_.notify_all();
}

}  // namespace caisse::db
