#include "app/services/till.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "app/services/backup.hpp"
#include "app/services/members.hpp"
#include "app/services/names.hpp"
#include "db/crypto.hpp"
#include "db/verify/chain.hpp"

namespace caisse {

namespace {
// Colours given to entrepreneurs created by an import, in turn: distinct, readable with white text.
constexpr const char* kPalette[] = {"#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98",
                                    "#117a65", "#a04000", "#2e4053", "#b03a2e", "#1f618d"};
db::EventRecord event(const char* code, std::int64_t user, std::optional<std::int64_t> approver, const std::string& action,
                      const std::string& detail) {
    return db::EventRecord{0, code, user, approver, action, detail, ""};
}

// What a sale request asked, as one line: a retry must ask exactly the same to be given its ticket.
std::string request_text(const User& user, const SellRequest& r) {
    std::string t = "user=" + std::to_string(user.id);
    for (const auto& i : r.items)
        t += ";item=" + i.sku + "*" + std::to_string(i.quantity) + (i.price ? "@" + std::to_string(i.price->value()) : "");
    t += ";discount=" + std::to_string(r.discount.amount.value()) + "/" + std::to_string(r.discount.percent_bp);
    for (const auto& p : r.payments)
        t += ";pay=" + std::string(method_name(p.method)) + (p.amount ? ":" + std::to_string(p.amount->value()) : "");
    return t;
}

// An idempotency key: 1 to 64 printable ASCII characters (a UUID, a script's counter).
void check_request_id(const std::string& id) {
    if (id.empty() || id.size() > 64) throw InputError("a request id needs 1 to 64 characters");
    for (unsigned char c : id)
        if (c < 0x21 || c > 0x7e) throw InputError("a request id may hold only printable ASCII characters without spaces");
}
}  // namespace

Clock system_clock() {
    return [] { return std::chrono::system_clock::now(); };
}

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
}

std::string local_day(std::chrono::system_clock::time_point t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::chrono::system_clock::time_point parse_utc_timestamp(const std::string& text) {
    std::tm tm{};
    int ms = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec, &ms) != 7)
        throw InputError("timestamp \"{0}\" is not YYYY-MM-DDTHH:MM:SS.mmmZ", text);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(ms);
}

void check_date(const std::string& d) {
    auto digits = [&](std::size_t a, std::size_t n) {
        for (std::size_t i = a; i < a + n; ++i)
            if (d[i] < '0' || d[i] > '9') return false;
        return true;
    };
    if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2))
        throw InputError("date \"{0}\" is not YYYY-MM-DD", d);
    const int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    const int year = std::stoi(d.substr(0, 4));
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] + (month == 2 && leap ? 1 : 0))
        throw InputError("date \"{0}\" does not exist", d);
}

std::unique_ptr<Till> Till::init(const std::string& path, const std::string& terminal, bool demo, Clock clock,
                                 const std::string& group) {
    auto ledger = db::Ledger::create(path, terminal, utc_timestamp(clock()), group);
    auto till = std::make_unique<Till>(std::move(ledger), std::move(clock));
    if (demo) load_demo(*till);
    return till;
}

std::unique_ptr<Till> Till::open(const std::string& path, Clock clock) {
    return std::make_unique<Till>(db::Ledger::open(path), std::move(clock));
}

Till::Till(std::unique_ptr<db::Ledger> ledger, Clock clock) : ledger_(std::move(ledger)), clock_(std::move(clock)) {}
Till::~Till() {
    if (!auto_backup_) return;
    try {
        finish_backups(*this);  // a CLI close waits for its backup and journals it
    } catch (...) {
    }
}

AutoBackup& Till::auto_backup() {
    if (!auto_backup_) auto_backup_ = std::make_unique<AutoBackup>();
    return *auto_backup_;
}

// The ticket a replayed request made, read back from its journal record.
SellResult Till::replayed_sale(std::int64_t ticket) {
    const auto rec = db::recorded_sale(*ledger_, ticket);
    if (!rec) throw InputError("no ticket {0} on this till", ticket);
    SellResult r;
    r.replayed = true;
    r.ticket = ticket;
    r.seq = rec->seq;
    r.hash_hex = db::to_hex(rec->hash);
    r.priced.ticket_discount = Money::cents(rec->sale.discount);
    r.priced.total = Money::cents(rec->sale.total);
    r.settlement.change = Money::cents(rec->sale.change);
    r.settlement.voucher_excess = Money::cents(rec->sale.voucher_excess);
    for (const auto& p : rec->sale.payments)
        r.settlement.payments.push_back(Payment{parse_method(p.method).value_or(TenderMethod::Cash), Money::cents(p.amount)});
    for (const auto& v : rec->sale.vat)
        r.priced.by_vat[static_cast<std::int32_t>(v.rate)] = VatAmounts{Money::cents(v.ht), Money::cents(v.vat), Money::cents(v.ttc)};
    for (const auto& l : rec->sale.lines) r.by_entrepreneur[db::entrepreneur_name(*ledger_, l.entrepreneur)] += Money::cents(l.total);
    return r;
}

Role Actor::role() const {
    return approver_ && role_allows(approver_->role, user_.role) ? approver_->role : user_.role;
}

db::CredentialStore& Till::credentials(bool create) {
    if (!credentials_)
        credentials_ = std::make_unique<db::CredentialStore>(db::CredentialStore::path_for(ledger_->path()), create);
    return *credentials_;
}

void Till::journal_event(const db::EventRecord& e) {
    ledger_->write([&] { db::record_event(*ledger_, e, now_utc()); });
}

User Till::require_user(const std::string& name) {
    auto user = db::user_by_name(*ledger_, name);
    if (!user) throw InputError("unknown user \"{0}\"", name);
    return *user;
}

User Till::add_user(const std::optional<Actor>& by, const std::string& name, const std::string& role_text,
                    const std::string& pin) {
    check_user_name(name);
    check_new_user_name(users(), name);  // unique after NFKC and case folding (services/names)
    auto role = parse_role(role_text);
    if (!role) throw InputError("unknown role \"{0}\" (expected seller, manager or admin)", role_text);
    check_pin(pin);
    const bool first = db::users(*ledger_).empty();
    if (first && *role != Role::Admin)
        throw InputError("the first user of a till must be an admin (--role admin): they set the till up");
    if (!first) {
        if (!by) throw InputError("adding a user needs a manager's name and PIN (--user NAME --pin PIN)");
        authorise(*by, Role::Manager, "add a user");
        if (!role_allows(by->role(), *role)) {
            journal_event(event(db::event_code::refused, by->user().id, std::nullopt, "add a user",
                           "role " + std::string(role_name(*role)) + " above the actor's"));
            throw InputError("{0} may not create a user with the {1} role, above their own", by->user().name,
                             Message{std::string(role_name(*role)), {}});
        }
    }
    const std::string hash = db::hash_pin(pin);  // slow on purpose: outside the write lock
    User user{0, name, *role};
    ledger_->write([&] {
        if (db::user_by_name(*ledger_, name)) throw InputError("user \"{0}\" already exists", name);
        user.id = db::add_user(*ledger_, name, *role, now_utc());
        if (by) journal_override(*by, Role::Manager, "add a user", name);
        // Inside the ledger's transaction: if the credential cannot be written, no user is recorded.
        credentials(true).set_pin_hash(user.id, hash);
    });
    return user;
}

void Till::reset_pin(const Actor& by, const std::string& name, const std::string& pin) {
    const User target = require_user(name);
    check_pin(pin);
    authorise(by, Role::Manager, "reset a PIN");
    if (!role_allows(by.role(), target.role)) {
        journal_event(event(db::event_code::refused, by.user().id, std::nullopt, "reset a PIN",
                            "role " + std::string(role_name(target.role)) + " above the actor's"));
        throw InputError("{0} may not reset the PIN of {1}, whose role is above their own", by.user().name, target.name);
    }
    const std::string hash = db::hash_pin(pin);  // slow on purpose: outside the write lock
    ledger_->write([&] {
        journal_override(by, Role::Manager, "reset a PIN", target.name);
        db::record_event(*ledger_, event(db::event_code::pin_reset, by.user().id, by.approver() ? std::optional<std::int64_t>(by.approver()->id) : std::nullopt,
                                         "reset a PIN", target.name),
                         now_utc());
        // Inside the ledger's transaction: if the credential cannot be written, no event is recorded.
        credentials().set_pin_hash(target.id, hash);
        credentials().set_pin_state(target.id, db::PinState{});
    });
}

User Till::set_user_role(const Actor& by, const std::string& name, const std::string& role_text) {
    User target = require_user(name);
    const auto role = parse_role(role_text);
    if (!role) throw InputError("unknown role \"{0}\" (expected seller, manager or admin)", role_text);
    authorise(by, Role::Manager, "change a user's role");
    for (const Role r : {target.role, *role}) {
        if (role_allows(by.role(), r)) continue;
        journal_event(event(db::event_code::refused, by.user().id, std::nullopt, "change a user's role",
                            target.name + ": role " + std::string(role_name(r)) + " above the actor's"));
        throw InputError("{0} may not give or take the {1} role, above their own", by.user().name,
                         Message{std::string(role_name(r)), {}});
    }
    if (target.role == *role) throw InputError("{0} already has the {1} role", target.name, Message{std::string(role_name(*role)), {}});
    // Whoever holds the role the actor acts with gives it: the approving manager when there is one.
    const User& giver = by.approver() && role_allows(by.approver()->role, by.user().role) ? *by.approver() : by.user();
    ledger_->write([&] {
        const auto all = db::users(*ledger_);
        const auto admins = std::count_if(all.begin(), all.end(), [](const User& u) { return u.role == Role::Admin; });
        if (target.role == Role::Admin && admins <= 1)
            throw InputError("{0} is the till's last admin: give another user the admin role first", target.name);
        journal_override(by, Role::Manager, "change a user's role", target.name);
        db::set_user_role(*ledger_, target.id, *role, giver.id, now_utc());
    });
    target.role = *role;
    return target;
}

Entrepreneur Till::add_entrepreneur(const Actor& by, const std::string& name, bool allow_similar) {
    authorise(by, Role::Manager, "add an entrepreneur");
    check_display_text(name, "the entrepreneur's name", kMaxPersonNameChars);
    Entrepreneur added;
    ledger_->write([&] {
        const auto existing = db::entrepreneurs(*ledger_);
        if (const auto same = NameIndex(existing).find(name)) {
            const auto it = std::find_if(existing.begin(), existing.end(), [&](const Entrepreneur& e) { return e.id == *same; });
            throw InputError("entrepreneur \"{0}\" already exists", it != existing.end() ? it->name : name);
        }
        const auto roster = members(ledger_->db());
        const auto known = std::find_if(roster.begin(), roster.end(),
                                        [&](const Member& m) { return m.recorded && name_key(m.name) == name_key(name); });
        if (known == roster.end()) check_new_member_name(roster, name, allow_similar);
        const std::string at = now_utc();
        added.name = known != roster.end() ? known->name : name;
        added.colour = known != roster.end() ? known->colour : kPalette[existing.size() % std::size(kPalette)];
        journal_override(by, Role::Manager, "add an entrepreneur", added.name);
        added.id = db::add_entrepreneur(*ledger_, added.name, added.colour, at);
        make_member_of(*ledger_, added.id, added.name, added.colour, at);
    });
    return added;
}

ImportSummary Till::import_catalogue(const Actor& by, const std::string& csv_text, bool allow_similar) {
    authorise(by, Role::Manager, "import the catalogue");
    // All or nothing: a bad row throws before any write. VAT rates: the standard ones and the extra
    // ones this till is configured for (setting vat.extra_rates).
    const auto extra_rates = parse_vat_rate_list(ledger_->setting("vat.extra_rates").value_or(""));
    const auto rows = parse_catalogue_csv(csv_text, extra_rates);
    ImportSummary summary;
    ledger_->write([&] {
        journal_override(by, Role::Manager, "import the catalogue", std::to_string(rows.size()) + " rows");
        const std::string at = now_utc();
        // "awa" in the CSV is the entrepreneur "Awa" already there: names compare by name_key.
        NameIndex ents(db::entrepreneurs(*ledger_)), cats(db::categories(*ledger_));
        for (const auto& row : rows) {
            auto ent = ents.find(row.entrepreneur);
            if (!ent) {
                // A new entrepreneur is a member (issue 11, item 1): the roster's member of that name
                // (with its spelling and colour), or a new member, refused when one letter away from
                // an existing one unless confirmed.
                const auto roster = members(ledger_->db());
                const auto known = std::find_if(roster.begin(), roster.end(), [&](const Member& m) {
                    return m.recorded && name_key(m.name) == name_key(row.entrepreneur);
                });
                if (known == roster.end()) {
                    try {
                        check_new_member_name(roster, row.entrepreneur, allow_similar);
                    } catch (const InputError& e) {
                        throw InputError("line {0}: {1}", row.line, e.message());
                    }
                }
                const auto n = db::entrepreneurs(*ledger_).size();
                const std::string name = known != roster.end() ? known->name : row.entrepreneur;
                const std::string colour = known != roster.end() ? known->colour : kPalette[n % std::size(kPalette)];
                ent = db::add_entrepreneur(*ledger_, name, colour, at);
                if (auto created = make_member_of(*ledger_, *ent, name, colour, at)) summary.members_created.push_back(*created);
                ents.add(row.entrepreneur, *ent);
                ++summary.entrepreneurs_created;
            }
            auto cat = cats.find(row.category);
            if (!cat) {
                cat = db::add_category(*ledger_, row.category, at);
                cats.add(row.category, *cat);
                ++summary.categories_created;
            }
            Product p{row.sku, row.name, row.price, row.vat, *ent, *cat, row.picture, row.open_price, row.active, row.names};
            auto existing = db::product(*ledger_, row.sku);
            if (existing && existing->name == p.name && existing->price == p.price && existing->vat == p.vat &&
                existing->entrepreneur_id == p.entrepreneur_id && existing->category_id == p.category_id &&
                existing->picture == p.picture && existing->open_price == p.open_price && existing->active == p.active &&
                existing->names == p.names) {
                ++summary.unchanged;
                continue;
            }
            db::put_product(*ledger_, p, at);
            ++(existing ? summary.changed : summary.added);
        }
    });
    return summary;
}

std::vector<CatalogueRow> Till::catalogue_rows() {
    std::map<std::int64_t, std::string> ents, cats;
    for (const auto& e : db::entrepreneurs(*ledger_)) ents[e.id] = e.name;
    for (const auto& c : db::categories(*ledger_)) cats[c.id] = c.name;
    std::vector<CatalogueRow> rows;
    for (const auto& p : db::products(*ledger_)) {
        CatalogueRow r;
        r.sku = p.sku;
        r.name = p.name;
        r.price = p.price;
        r.vat = p.vat;
        r.entrepreneur = ents[p.entrepreneur_id];
        r.category = cats[p.category_id];
        r.picture = p.picture;
        r.open_price = p.open_price;
        r.active = p.active;
        r.names = p.names;
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string Till::export_catalogue() {
    const auto rows = catalogue_rows();
    if (!ledger_->read_only()) {
        try {
            journal(db::event_code::export_, std::nullopt, "export the catalogue", std::to_string(rows.size()) + " products");
        } catch (const InputError&) {
            // No key (an auditor's copy): nothing can be recorded here, the export still works.
        }
    }
    return write_catalogue_csv(rows);
}

Actor Till::sign_in(const std::string& name, const std::string& pin) {
    if (pin.empty()) {
        const User user = require_user(name);
        journal_event(event(db::event_code::refused, user.id, std::nullopt, "sign in", "empty PIN"));
        throw InputError("{0} gave an empty PIN: every action needs the PIN of the user it is taken for", name);
    }
    auto result = check_user_pin(name, pin);
    if (result.seconds_locked > 0)
        throw InputError("{0} is locked after repeated wrong PINs: try again in {1} s", name, result.seconds_locked);
    if (!result.ok) throw InputError("wrong PIN for {0}", name);
    return *result.actor;
}

Actor Till::approve(const Actor& actor, const std::string& manager, const std::string& pin) {
    const Actor approver = sign_in(manager, pin);
    if (!role_allows(approver.user().role, Role::Manager)) {
        journal_event(event(db::event_code::refused, approver.user().id, std::nullopt, "approve an action", "not a manager"));
        throw InputError("{0} may not approve: it needs the {1} role", manager, Message{"manager", {}});
    }
    return Actor{this, actor.user(), approver.user()};
}

User Till::authorise(const Actor& actor, Role needed, const std::string& action) {
    const User& user = actor.user();
    if (actor.till_ != this) throw InputError("{0} signed in on another till: sign in again", user.name);
    // A user locked since they signed in (wrong PINs elsewhere) cannot act anywhere.
    const auto state = credentials().pin_state(user.id);
    if (!state.locked_until.empty() && state.locked_until > now_utc()) {
        journal_event(event(db::event_code::refused, user.id, std::nullopt, action, "user locked"));
        throw InputError("{0} is locked after repeated wrong PINs and may not {1}", user.name, Message{action, {}});
    }
    if (role_allows(actor.role(), needed)) return user;
    journal_event(event(db::event_code::refused, user.id, std::nullopt, action, "needs the " + std::string(role_name(needed)) + " role"));
    // A manager may approve one action of a seller (the screen's approval, the CLI's --manager).
    if (needed == Role::Manager)
        throw InputError("{0} may not {1}: it needs the {2} role or a manager's approval", user.name, Message{action, {}},
                         Message{std::string(role_name(needed)), {}});
    throw InputError("{0} may not {1}: it needs the {2} role", user.name, Message{action, {}}, Message{std::string(role_name(needed)), {}});
}

void Till::journal_override(const Actor& actor, Role needed, const std::string& action, const std::string& detail) {
    if (role_allows(actor.user().role, needed) || !actor.approver()) return;
    db::record_event(*ledger_, event(db::event_code::override_, actor.user().id, actor.approver()->id, action, detail), now_utc());
}

void Till::check_session_age(const db::SessionInfo& session, bool correction) {
    if (clock_() - parse_utc_timestamp(session.opened_at) <= std::chrono::hours(kSessionMaxHours)) return;
    if (correction)
        throw InputError("session {0} was opened more than {1} hours ago ({2}): close the day (caisse close) and open a "
                         "new session before a cancellation or a refund",
                         session.id, kSessionMaxHours, session.opened_at);
    throw InputError("session {0} was opened more than {1} hours ago ({2}): close the day (caisse close) and open a "
                         "new session before selling",
                         session.id, kSessionMaxHours, session.opened_at);
}

SellResult Till::sell(const Actor& by, const SellRequest& request) {
    if (request.items.empty()) throw InputError("a sale needs at least one item");
    const auto& specs = request.items;
    const auto& tenders = request.payments;
    const TicketDiscount discount = request.discount;
    if (request.request_id) check_request_id(*request.request_id);

    const User user = authorise(by, Role::Seller, "sell");
    const bool discounted = !discount.empty();
    if (discounted) authorise(by, Role::Manager, "give a discount");
    SellResult result;
    ledger_->write([&] {
        // Read inside the transaction: a switch made by another process meanwhile is seen.
        const bool training = db::training_state(*ledger_).on;
        if (training) {
            result = training_sale(user, request);
            if (discounted) journal_override(by, Role::Manager, "give a discount", "training ticket " + std::to_string(result.ticket));
            return;
        }
        if (request.request_id) {
            if (auto done = db::ticket_of_request(*ledger_, *request.request_id)) {
                if (done->request != request_text(user, request))
                    throw InputError("request id {0} was already used for another sale (ticket {1}): give each sale its own id",
                                     *request.request_id, done->ticket);
                result = replayed_sale(done->ticket);
                return;
            }
        }
        const auto session = db::open_session_of(*ledger_);
        if (!session) throw InputError("no session is open on this till: open one with caisse session open");
        check_session_age(*session);
        Cart cart;
        for (const auto& spec : specs) {
            auto product = db::product(*ledger_, spec.sku);
            if (!product) throw InputError("unknown SKU \"{0}\"", spec.sku);
            if (spec.price && !product->open_price && *spec.price != product->price)
                throw InputError("product {0} has a fixed price of {1}; use a discount instead", spec.sku,
                                 product->price.format());
            cart.add(*product, spec.quantity, spec.price);
        }
        cart.set_ticket_discount(discount);
        result.priced = cart.price();
        result.settlement = settle(result.priced.total, tenders);

        db::SaleRecord rec = make_sale_record(result.priced, result.settlement, session->id, user.id, today());
        auto appended = db::record_sale(*ledger_, rec, now_utc());
        if (request.request_id) db::remember_request(*ledger_, *request.request_id, rec.ticket, request_text(user, request));
        if (discounted) journal_override(by, Role::Manager, "give a discount", "ticket " + std::to_string(rec.ticket));
        result.ticket = rec.ticket;
        result.seq = appended.seq;
        result.hash_hex = db::to_hex(appended.hash);
        // Read inside the transaction: nothing after the commit can fail and make a caller retry a
        // sale that is already recorded.
        for (const auto& [id, amount] : result.priced.by_entrepreneur) result.by_entrepreneur[db::entrepreneur_name(*ledger_, id)] += amount;
    });
    return result;
}

// A sale rung up in training mode, inside the caller's Ledger::write: priced and settled exactly as
// a real one (the volunteer practises the real rules), no session needed (the open one is named
// when there is one), recorded as training.sale with the next training ticket number. Request ids
// are not kept: a retried training sale makes a second training ticket, which counts for nothing.
SellResult Till::training_sale(const User& user, const SellRequest& request) {
    SellResult result;
    result.training = true;
    Cart cart;
    for (const auto& spec : request.items) {
        auto product = db::product(*ledger_, spec.sku);
        if (!product) throw InputError("unknown SKU \"{0}\"", spec.sku);
        if (spec.price && !product->open_price && *spec.price != product->price)
            throw InputError("product {0} has a fixed price of {1}; use a discount instead", spec.sku, product->price.format());
        cart.add(*product, spec.quantity, spec.price);
    }
    cart.set_ticket_discount(request.discount);
    result.priced = cart.price();
    result.settlement = settle(result.priced.total, request.payments);
    const auto session = db::open_session_of(*ledger_);
    db::SaleRecord rec = make_sale_record(result.priced, result.settlement, session ? session->id : 0, user.id, today());
    auto appended = db::record_training_sale(*ledger_, rec, now_utc());
    result.ticket = rec.ticket;
    result.seq = appended.seq;
    result.hash_hex = db::to_hex(appended.hash);
    for (const auto& [id, amount] : result.priced.by_entrepreneur) result.by_entrepreneur[db::entrepreneur_name(*ledger_, id)] += amount;
    return result;
}

void Till::set_training(const Actor& by, bool on) {
    const std::string action = on ? "turn training mode on" : "turn training mode off";
    authorise(by, Role::Manager, action);
    ledger_->write([&] {
        if (db::training_state(*ledger_).on == on) {
            if (on) throw InputError("training mode is already on");
            throw InputError("training mode is already off");
        }
        journal_override(by, Role::Manager, action, "");
        db::record_event(*ledger_, event(on ? db::event_code::training_on : db::event_code::training_off, by.user().id,
                                         by.approver() ? std::optional(by.approver()->id) : std::nullopt, action, ""),
                         now_utc());
    });
}

void Till::journal(const char* code, const std::optional<Actor>& by, const std::string& action, const std::string& detail) {
    journal_event(db::EventRecord{0, code, by ? std::optional(by->user().id) : std::nullopt,
                                  by && by->approver() ? std::optional(by->approver()->id) : std::nullopt, action, detail, ""});
}

void Till::journal_in_commit(const char* code, const Actor& by, const std::string& action, const std::string& detail) {
    db::record_event(*ledger_, event(code, by.user().id, by.approver() ? std::optional(by.approver()->id) : std::nullopt, action, detail),
                     now_utc());
}

void Till::logout(const Actor& by, const std::string& why) { journal(db::event_code::logout, by, "sign out", why); }

std::vector<db::LogEntry> Till::event_log(const std::string& since) {
    std::string from = since;
    if (since.size() == 10) {
        check_date(since);
        from = since + "T00:00:00.000Z";
    } else if (!since.empty()) {
        // An ISO UTC time, with or without milliseconds; compared as text with at_utc.
        std::string t = since;
        if (t.size() == 20 && t.back() == 'Z') t = t.substr(0, 19) + ".000Z";
        if (t.size() != 24 || !db::valid_at_utc(t))
            throw InputError("\"{0}\" is neither a date YYYY-MM-DD nor a UTC time YYYY-MM-DDTHH:MM:SSZ", since);
        from = t;
    }
    return db::event_log(ledger_->db(), from);
}

db::SaleRecord make_sale_record(const PricedTicket& priced, const Settlement& settlement, std::int64_t session,
                                std::int64_t user, const std::string& day) {
    db::SaleRecord rec;
    rec.session = session;
    rec.user = user;
    rec.day = day;
    rec.discount = priced.ticket_discount.value();
    rec.total = priced.total.value();
    rec.change = settlement.change.value();
    rec.voucher_excess = settlement.voucher_excess.value();
    rec.lines.reserve(priced.lines.size());
    for (const auto& l : priced.lines) {
        const Product& p = l.line.product;
        rec.lines.push_back(db::SaleLineRecord{p.sku, p.name, p.entrepreneur_id, p.category_id, p.vat.bp, l.line.quantity,
                                               l.line.unit_price.value(), l.line.line_discount.value(),
                                               l.discount_share.value(), l.total.value()});
    }
    for (const auto& pay : settlement.payments)
        rec.payments.push_back(db::PaymentRecord{std::string(method_name(pay.method)), pay.amount.value()});
    for (const auto& [bp, v] : priced.by_vat) rec.vat.push_back(db::VatRecord{bp, v.ht.value(), v.vat.value(), v.ttc.value()});
    return rec;
}

LoginResult Till::login(const std::string& name, const std::string& pin) {
    auto result = check_user_pin(name, pin);
    if (result.ok) journal_event(event(db::event_code::login, result.actor->user().id, std::nullopt, "sign in", "screen"));
    return result;
}

LoginResult Till::check_user_pin(const std::string& name, const std::string& pin) {
    ledger_->check_writable();  // a till that cannot record acts for nobody (and could not journal a wrong PIN)
    const User user = require_user(name);
    const auto now = clock_();
    const std::string now_text = utc_timestamp(now);
    auto state = credentials().pin_state(user.id);
    LoginResult result;
    if (!state.locked_until.empty() && state.locked_until > now_text) {
        // Timestamps are ISO 8601 UTC of equal length: they compare as text; the seconds left are
        // worked out from the stored end.
        const auto until = parse_utc_timestamp(state.locked_until);
        result.seconds_locked =
            std::max<int>(1, static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(until - now).count()) + 1);
        journal_event(event(db::event_code::refused, user.id, std::nullopt, "sign in", "user locked"));
        return result;
    }
    const auto stored = credentials().pin_hash(user.id);
    if (stored && !pin.empty() && db::check_pin_hash(*stored, pin)) {
        if (state.failed != 0) credentials().set_pin_state(user.id, {});
        result.ok = true;
        result.actor = Actor{this, user, std::nullopt};
        return result;
    }
    ++state.failed;
    state.locked_until.clear();
    if (state.failed % kPinTriesBeforeLock == 0) {
        const auto rounds = std::min<std::int64_t>(state.failed / kPinTriesBeforeLock - 1, 5);
        const auto lock = std::min<std::int64_t>(30 << rounds, 900);
        state.locked_until = utc_timestamp(now + std::chrono::seconds(lock));
        result.seconds_locked = static_cast<int>(lock);
    }
    result.attempts_left = static_cast<int>(kPinTriesBeforeLock - state.failed % kPinTriesBeforeLock);
    credentials().set_pin_state(user.id, state);
    journal_event(event(result.seconds_locked > 0 ? db::event_code::locked : db::event_code::pin_failed, user.id, std::nullopt,
                   "sign in", result.seconds_locked > 0 ? "locked for " + std::to_string(result.seconds_locked) + " s" : "wrong PIN"));
    return result;
}

std::vector<User> Till::users() { return db::users(*ledger_); }

std::string Till::user_language(const std::string& user) { return ledger_->setting("ui.lang." + user).value_or("fr"); }

void Till::set_user_language(const std::string& user, const std::string& lang) {
    if (lang != "fr" && lang != "en") throw InputError("unknown language \"{0}\" (expected fr or en)", lang);
    ledger_->set_setting("ui.lang." + user, lang);
}

std::vector<db::TicketSummary> Till::recent_tickets(int limit) {
    const auto session = db::open_session_of(*ledger_);
    if (!session) return {};
    return db::recent_tickets(*ledger_, session->id, limit);
}

db::DayReport Till::report_day(const std::optional<std::string>& date) {
    const std::string day = date.value_or(today());
    check_date(day);
    return db::day_report(ledger_->db(), day, ledger_->terminal());
}

}  // namespace caisse
