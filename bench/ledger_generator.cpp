#include "bench/ledger_generator.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <numeric>

#include "app/core/cash_count.hpp"
#include "app/core/money.hpp"
#include "app/services/till.hpp"
#include "db/crypto.hpp"

namespace caisse::bench {

namespace {

using Clock = std::chrono::steady_clock;

// splitmix64: small, fast and the same on every platform (std distributions are not).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed ^ 0x9E3779B97F4A7C15ull) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
    // Index drawn with the given integer weights.
    template <std::size_t N>
    int pick(const int (&weights)[N]) {
        int total = 0;
        for (int w : weights) total += w;
        int r = static_cast<int>(below(static_cast<std::uint64_t>(total)));
        for (std::size_t i = 0; i < N; ++i) {
            if (r < weights[i]) return static_cast<int>(i);
            r -= weights[i];
        }
        return static_cast<int>(N - 1);
    }

private:
    std::uint64_t s_;
};

struct EntrepreneurDef {
    const char* name;
    const char* colour;
    bool cook;
};

// Five cooks sharing an associative restaurant counter, four artisans on the market stall.
constexpr EntrepreneurDef kEntrepreneurs[] = {
    {"Aminata Diop", "#c0392b", true},   {"Fatima Benali", "#2471a3", true}, {"Mei Nguyen", "#1e8449", true},
    {"Rosa Quispe", "#b9770e", true},    {"Giulia Rossi", "#a04000", true},  {"Leïla Haddad", "#7d3c98", false},
    {"Jeanne Morel", "#117a65", false},  {"Tomás Ferreira", "#2e4053", false}, {"Awa Koné", "#b03a2e", false},
};

struct ProductDef {
    const char* sku;
    const char* name;
    std::int64_t price;  // cents TTC (suggested price for open-price products)
    std::int32_t vat_bp;
    int entrepreneur;    // index in kEntrepreneurs
    const char* category;
    bool open_price;
    int popularity;      // relative weight when a line is drawn
};

// 60 products. VAT as a French counter applies it: meals and on-site drinks 10 %, take-away soft
// drinks and groceries 5.5 %, alcohol and non-food goods 20 %.
constexpr ProductDef kProducts[] = {
    {"MAFE", "Mafé poulet", 950, 1000, 0, "Plats", false, 60},
    {"YASSA", "Yassa poisson", 1000, 1000, 0, "Plats", false, 45},
    {"THIEB", "Thiéboudienne", 1100, 1000, 0, "Plats", false, 35},
    {"ACCRAS", "Accras de morue (6)", 450, 1000, 0, "Entrées", false, 25},
    {"BISSAP", "Jus de bissap 33 cl", 300, 550, 0, "Boissons", false, 50},
    {"GINGEM", "Jus de gingembre 33 cl", 300, 550, 0, "Boissons", false, 30},
    {"PLATJ", "Plat du jour (prix libre)", 1000, 1000, 0, "Plats", true, 20},
    {"DEGUE", "Dégué", 350, 1000, 0, "Desserts", false, 15},
    {"TAJINE", "Tajine d'agneau", 1100, 1000, 1, "Plats", false, 50},
    {"COUSC", "Couscous légumes", 850, 1000, 1, "Plats", false, 55},
    {"HARIRA", "Harira", 550, 1000, 1, "Entrées", false, 20},
    {"BRICK", "Bricks au thon (2)", 450, 1000, 1, "Entrées", false, 25},
    {"CORNE", "Cornes de gazelle (3)", 400, 1000, 1, "Desserts", false, 30},
    {"MSEMEN", "Msemen au miel", 250, 1000, 1, "Desserts", false, 15},
    {"THE", "Thé à la menthe", 200, 1000, 1, "Boissons", false, 45},
    {"EAU", "Eau minérale 50 cl", 150, 550, 1, "Boissons", false, 70},
    {"BOBUN", "Bò bún", 900, 1000, 2, "Plats", false, 65},
    {"PHO", "Phở bò", 1050, 1000, 2, "Plats", false, 40},
    {"NEMS", "Nems (4)", 550, 1000, 2, "Entrées", false, 45},
    {"BANHMI", "Bánh mì", 650, 1000, 2, "Plats", false, 35},
    {"CHE", "Chè aux haricots", 350, 1000, 2, "Desserts", false, 20},
    {"CAFE", "Café", 150, 1000, 2, "Boissons", false, 80},
    {"CAFESUA", "Cà phê sữa đá", 300, 1000, 2, "Boissons", false, 25},
    {"THEGL", "Thé glacé maison 33 cl", 300, 550, 2, "Boissons", false, 20},
    {"CEVI", "Ceviche", 1050, 1000, 3, "Plats", false, 35},
    {"LOMO", "Lomo saltado", 1150, 1000, 3, "Plats", false, 30},
    {"EMPA", "Empanada", 320, 1000, 3, "Entrées", false, 40},
    {"MAIS", "Maïs grillé", 300, 1000, 3, "Entrées", false, 15},
    {"CHICHA", "Chicha morada 50 cl", 350, 550, 3, "Boissons", false, 30},
    {"BIERE", "Bière artisanale 33 cl", 450, 2000, 3, "Boissons", false, 40},
    {"PISCO", "Pisco sour", 600, 2000, 3, "Boissons", false, 10},
    {"ALFAJ", "Alfajor", 250, 1000, 3, "Desserts", false, 20},
    {"TIRAMI", "Tiramisù", 450, 1000, 4, "Desserts", false, 35},
    {"CANNOLO", "Cannolo sicilien", 300, 1000, 4, "Desserts", false, 20},
    {"FOCACC", "Focaccia romarin", 400, 1000, 4, "Entrées", false, 20},
    {"CONFIT", "Confiture maison 250 g", 550, 550, 4, "Épicerie", false, 6},
    {"HUILE", "Huile d'olive 50 cl", 1200, 550, 4, "Épicerie", false, 4},
    {"VIN", "Vin rouge Sicile 75 cl", 1400, 2000, 4, "Épicerie", false, 5},
    {"LIMONC", "Limoncello 20 cl", 1300, 2000, 4, "Épicerie", false, 3},
    {"SAC-WAX", "Sac cabas en wax", 3500, 2000, 5, "Sacs", false, 4},
    {"TROUSSE", "Trousse brodée", 1450, 2000, 5, "Accessoires", false, 6},
    {"BANDEAU", "Bandeau wax", 1200, 2000, 5, "Accessoires", false, 5},
    {"POCHETTE", "Pochette zippée", 2200, 2000, 5, "Sacs", false, 3},
    {"TOTE", "Tote bag imprimé", 1800, 2000, 5, "Sacs", false, 4},
    {"ECHARPE", "Écharpe tissée main", 4200, 2000, 6, "Écharpes", false, 3},
    {"BONNET", "Bonnet laine mérinos", 2400, 2000, 6, "Accessoires", false, 4},
    {"MITAINES", "Mitaines torsadées", 1900, 2000, 6, "Accessoires", false, 3},
    {"PLAID", "Plaid en laine", 8900, 2000, 6, "Maison", false, 1},
    {"CHAUSS", "Chaussettes laine", 1500, 2000, 6, "Accessoires", false, 4},
    {"TABLIER", "Tablier en lin", 2990, 2000, 7, "Maison", false, 3},
    {"COUSSIN", "Housse de coussin", 1900, 2000, 7, "Maison", false, 3},
    {"TORCHON", "Torchon en lin", 900, 2000, 7, "Maison", false, 5},
    {"SETTABLE", "Sets de table (2)", 1600, 2000, 7, "Maison", false, 2},
    {"RETOUCHE", "Retouche (prix libre)", 0, 2000, 7, "Services", true, 2},
    {"BOL", "Bol en grès", 1800, 2000, 8, "Céramique", false, 4},
    {"TASSE", "Tasse émaillée", 1400, 2000, 8, "Céramique", false, 5},
    {"ASSIET", "Assiette plate", 2400, 2000, 8, "Céramique", false, 2},
    {"SAVON", "Savon au karité", 550, 2000, 8, "Cosmétiques", false, 8},
    {"BEURRE", "Beurre de karité 100 g", 900, 2000, 8, "Cosmétiques", false, 5},
    {"PIECE", "Pièce unique (prix libre)", 0, 2000, 8, "Céramique", true, 1},
};

struct UserDef {
    const char* name;
    Role role;
    const char* pin;
};
constexpr UserDef kUsers[] = {
    {"Awa", Role::Admin, "1234"}, {"Karim", Role::Manager, "2345"}, {"Lucie", Role::Seller, "1111"}, {"Mei", Role::Seller, "2222"}};

// What a ticket is made of: lunch at the counter, a purchase at the stall, or both.
enum class Basket { Food, Craft, Mixed };

struct Pool {
    std::vector<std::size_t> index;  // into the products vector
    std::vector<std::int64_t> cumulative;
    void rebuild(const std::vector<Product>& products, const std::vector<int>& popularity, const std::vector<bool>& member) {
        index.clear();
        cumulative.clear();
        std::int64_t total = 0;
        for (std::size_t i = 0; i < products.size(); ++i) {
            if (!member[i] || !products[i].active || popularity[i] <= 0) continue;
            total += popularity[i];
            index.push_back(i);
            cumulative.push_back(total);
        }
    }
    std::size_t draw(Rng& rng) const {
        const auto r = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(cumulative.back())));
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), r);
        return index[static_cast<std::size_t>(it - cumulative.begin())];
    }
};

std::int64_t ceil_to(std::int64_t v, std::int64_t step) { return (v + step - 1) / step * step; }

// What a customer hands over in cash for `due` cents.
std::int64_t cash_handed(Rng& rng, std::int64_t due) {
    switch (rng.pick({25, 20, 30, 17, 8})) {
        case 0: return due;                    // exact change
        case 1: return ceil_to(due, 100);      // next euro
        case 2: return ceil_to(due, 500);      // a 5 € note or coins to the next 5
        case 3: return ceil_to(due, 1000);     // next 10
        default: return due > 2000 ? ceil_to(due, 5000) : ceil_to(due, 2000);  // a big note
    }
}

constexpr std::int64_t kVouchers[] = {800, 900, 950, 1000, 1100, 1200};

std::vector<TenderRequest> choose_tenders(Rng& rng, std::int64_t total, std::string& label) {
    auto cash = [](std::int64_t c) { return TenderRequest{TenderMethod::Cash, Money::cents(c)}; };
    auto open = [](TenderMethod m) { return TenderRequest{m, std::nullopt}; };
    const int kind = rng.pick({38, 40, 9, 3, 5, 2, 3});
    switch (kind) {
        case 0:
            label = "cash";
            return {cash(cash_handed(rng, total))};
        case 1:
            label = "card";
            return {open(TenderMethod::Card)};
        case 2:
        case 3: {
            const std::int64_t v = kVouchers[rng.below(std::size(kVouchers))];
            if (v >= total) {  // a voucher never gives change: it pays the ticket exactly
                label = "voucher";
                return {TenderRequest{TenderMethod::Voucher, Money::cents(total)}};
            }
            TenderRequest voucher{TenderMethod::Voucher, Money::cents(v)};
            if (kind == 2) {
                label = "voucher+cash";
                return {voucher, cash(cash_handed(rng, total - v))};
            }
            label = "voucher+card";
            return {voucher, open(TenderMethod::Card)};
        }
        case 4:
            label = "cheque";
            return {open(TenderMethod::Cheque)};
        case 5:
            label = "transfer";
            return {open(TenderMethod::Transfer)};
        default: {
            if (total <= 1000) {
                label = "card";
                return {open(TenderMethod::Card)};
            }
            label = "cash+card";
            return {cash(1000 * rng.between(1, std::min<std::int64_t>(5, (total - 1) / 1000))), open(TenderMethod::Card)};
        }
    }
}

// Sorted, strictly increasing local times (ms since local midnight) for one day's tickets.
std::vector<std::int64_t> ticket_times(Rng& rng, std::int64_t n) {
    constexpr std::int64_t h = 3'600'000, m = 60'000;
    std::vector<std::int64_t> t(static_cast<std::size_t>(n));
    for (auto& x : t) {
        if (rng.below(100) < 55) x = rng.between(11 * h + 30 * m, 14 * h + 30 * m - 1);  // the lunch rush
        else x = rng.between(10 * h, 19 * h - 1);                                       // the stall, all day
    }
    std::sort(t.begin(), t.end());
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = std::max(t[i], t[i - 1] + 1);
    return t;
}

}  // namespace

std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {
void civil(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}
int weekday(std::int64_t z) { return static_cast<int>(((z % 7) + 11) % 7); }  // 0 = Sunday; 1970-01-01 was a Thursday
}  // namespace

std::string civil_from_days(std::int64_t z) {
    int y = 0, m = 0, d = 0;
    civil(z, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::int64_t parse_day(const std::string& s) {
    int y = 0, m = 0, d = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        throw InputError("date \"" + s + "\" is not YYYY-MM-DD");
    const std::int64_t z = days_from_civil(y, m, d);
    if (civil_from_days(z) != s) throw InputError("date \"" + s + "\" does not exist");
    return z;
}

int paris_offset_seconds(std::int64_t utc_seconds) {
    int y = 0, m = 0, d = 0;
    civil(utc_seconds >= 0 ? utc_seconds / 86400 : (utc_seconds - 86399) / 86400, y, m, d);
    const std::int64_t mar31 = days_from_civil(y, 3, 31), oct31 = days_from_civil(y, 10, 31);
    const std::int64_t start = (mar31 - weekday(mar31)) * 86400 + 3600;  // last Sunday of March, 01:00 UTC
    const std::int64_t end = (oct31 - weekday(oct31)) * 86400 + 3600;    // last Sunday of October, 01:00 UTC
    return utc_seconds >= start && utc_seconds < end ? 7200 : 3600;
}

std::string utc_stamp_for_local(std::int64_t day, std::int64_t local_ms) {
    const std::int64_t local = day * 86'400'000 + local_ms;
    const std::int64_t utc = local - 1000LL * paris_offset_seconds(local / 1000 - 3600);
    const std::int64_t secs = utc >= 0 ? utc / 1000 : (utc - 999) / 1000;
    const std::int64_t z = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const std::int64_t sod = secs - z * 86400;
    int y = 0, m = 0, d = 0;
    civil(z, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, static_cast<int>(sod / 3600),
                  static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60), static_cast<int>(utc - secs * 1000));
    return buf;
}

std::vector<std::string> three_line_ticket_skus() { return {"MAFE", "BISSAP", "TIRAMI"}; }

Actor sign_in_as(Till& till, const std::string& name) {
    for (const auto& u : kUsers)
        if (u.name == name) return till.sign_in(name, u.pin);
    throw std::runtime_error("no generator user " + name);
}

CloseRequest exact_close_request(Till& till) {
    CloseRequest r;
    const CloseCheck c = check_close(till, r);
    std::int64_t rest = c.expected_cash.value();
    for (const std::int64_t d : kEuroDenominations) {
        if (d > 5000 && rest <= 5000 * kMaxPiecesPerDenomination) continue;  // big notes only when needed
        const std::int64_t q = std::min(rest / d, kMaxPiecesPerDenomination);
        if (q > 0) r.count.set(d, q);
        rest -= q * d;
    }
    r.card_declared = c.card_expected;
    r.voucher_declared = c.voucher_expected;
    return r;
}

GeneratorStats generate_ledger(const GeneratorOptions& o) {
    if (o.tickets < 0) throw InputError("--tickets must not be negative");
    if (o.days < 1) throw InputError("--days must be at least 1");
    if (o.tickets_per_write < 1) throw InputError("tickets per write must be at least 1");
    if (o.last_day_tickets > o.tickets) throw InputError("the last day cannot have more tickets than the ledger");
    const std::int64_t first_day = parse_day(o.first_day);
    const auto t0 = Clock::now();
    GeneratorStats stats;
    Rng rng(o.seed);

    // PIN hashes are slow on purpose (Argon2id): made before any transaction, as Till::add_user does.
    std::vector<std::string> pin_hashes;
    for (const auto& u : kUsers) pin_hashes.push_back(db::hash_pin(u.pin));

    constexpr std::int64_t kHour = 3'600'000;
    // The Till only closes days (close_day, on its own clock); everything else is written directly.
    std::chrono::system_clock::time_point now{};
    auto till = std::make_unique<Till>(db::Ledger::create(o.path, o.terminal, utc_stamp_for_local(first_day, 8 * kHour)),
                                       [&now] { return now; });
    db::Ledger* const ledger = &till->ledger();
    auto& db = ledger->db();
    db.exec("PRAGMA synchronous=OFF");  // generation only: a crash here just means generating again
    db.exec("PRAGMA cache_size=-131072");

    // Catalogue, people.
    std::vector<Product> products;
    std::vector<int> popularity;
    std::vector<std::int64_t> user_ids;
    ledger->write([&] {
        const std::string at = utc_stamp_for_local(first_day, 8 * kHour + 60'000);
        std::vector<std::int64_t> ent_ids;
        for (const auto& e : kEntrepreneurs) ent_ids.push_back(db::add_entrepreneur(*ledger, e.name, e.colour, at));
        std::map<std::string, std::int64_t> cat_ids;
        for (const auto& p : kProducts)
            if (!cat_ids.count(p.category)) cat_ids[p.category] = db::add_category(*ledger, p.category, at);
        for (const auto& d : kProducts) {
            Product p{d.sku, d.name, Money::cents(d.price), VatRate{d.vat_bp}, ent_ids[static_cast<std::size_t>(d.entrepreneur)],
                      cat_ids[d.category], "", d.open_price, true};
            db::put_product(*ledger, p, at);
            products.push_back(p);
            popularity.push_back(d.popularity);
        }
        for (std::size_t i = 0; i < std::size(kUsers); ++i)
            user_ids.push_back(db::add_user(*ledger, kUsers[i].name, kUsers[i].role, at));
    });
    {
        db::CredentialStore credentials(db::CredentialStore::path_for(o.path));
        for (std::size_t i = 0; i < std::size(kUsers); ++i) credentials.set_pin_hash(user_ids[i], pin_hashes[i]);
    }
    const std::int64_t manager = user_ids[1], admin = user_ids[0];
    const std::int64_t sellers[] = {user_ids[2], user_ids[3], user_ids[1]};  // Lucie, Mei, Karim

    std::vector<bool> is_food(products.size()), is_craft(products.size()), all(products.size(), true);
    for (std::size_t i = 0; i < products.size(); ++i) {
        const auto& def = kProducts[i];
        is_food[i] = kEntrepreneurs[def.entrepreneur].cook;
        is_craft[i] = !is_food[i] || std::string_view(def.category) == "Épicerie";
    }
    Pool food, craft, mixed;
    auto rebuild_pools = [&] {
        food.rebuild(products, popularity, is_food);
        craft.rebuild(products, popularity, is_craft);
        mixed.rebuild(products, popularity, all);
    };
    rebuild_pools();

    // Tickets per day: busier on Fridays and Saturdays, a little noise, exactly o.tickets in all.
    std::vector<std::int64_t> weights;
    constexpr int kWeekday[] = {85, 80, 90, 100, 100, 115, 130};  // Sunday first
    for (int d = 0; d < o.days; ++d)
        weights.push_back(kWeekday[weekday(first_day + d)] * static_cast<std::int64_t>(9000 + rng.below(2001)));
    const std::vector<std::int64_t> per_day = [&] {
        if (o.last_day_tickets < 0) return spread_largest_remainder(o.tickets, weights);
        std::vector<std::int64_t> v;
        if (o.days > 1) v = spread_largest_remainder(o.tickets - o.last_day_tickets, {weights.begin(), weights.end() - 1});
        v.push_back(o.last_day_tickets);
        return v;
    }();

    // The catalogue changes twice in the year: prices go up mid-way, a juice leaves the menu later.
    const int price_rise_day = o.days >= 4 ? o.days / 2 : -1;
    const int discontinue_day = o.days >= 4 ? o.days * 3 / 4 : -1;

    int day = 0;
    std::int64_t done_today = 0, session = 0, written = 0;
    bool session_open = false;
    std::vector<std::int64_t> times;
    std::string day_text;
    std::vector<TenderRequest> tenders;
    std::string tender_label;
    const auto sales_start = Clock::now();

    auto begin_day = [&] {
        const std::int64_t z = first_day + day;
        day_text = civil_from_days(z);
        if (day == price_rise_day) {
            const std::string at = utc_stamp_for_local(z, 9 * kHour);
            for (std::size_t i = 0; i < products.size(); i += 6) {
                if (products[i].open_price) continue;
                products[i].price = Money::cents(ceil_to(products[i].price.value() * 105 / 100, 10));
                db::put_product(*ledger, products[i], at);
                ++stats.price_changes;
            }
        }
        if (day == discontinue_day) {
            for (auto& p : products)
                if (p.sku == "GINGEM") {
                    p.active = false;
                    db::put_product(*ledger, p, utc_stamp_for_local(z, 9 * kHour));
                    ++stats.price_changes;
                }
            rebuild_pools();
        }
        session = db::record_session_open(*ledger, day % 3 == 2 ? admin : manager, rng.below(2) ? 15000 : 20000, {}, day_text,
                                       utc_stamp_for_local(z, 9 * kHour + 30 * 60'000));
        ++stats.sessions;
        times = ticket_times(rng, per_day[static_cast<std::size_t>(day)]);
        stats.tickets_per_day.emplace_back(day_text, per_day[static_cast<std::size_t>(day)]);
        session_open = true;
        done_today = 0;
    };

    auto one_ticket = [&] {
        const Basket basket = static_cast<Basket>(rng.pick({80, 15, 5}));
        int lines = 0;
        if (basket == Basket::Craft) lines = 1 + rng.pick({40, 35, 17, 8});
        else lines = 1 + rng.pick({11, 22, 25, 19, 12, 6, 3, 2});  // 1..8 lines, mostly 2..5
        const Pool& pool = basket == Basket::Food ? food : basket == Basket::Craft ? craft : mixed;
        Cart cart;
        std::vector<std::size_t> chosen;
        for (int i = 0; i < lines; ++i) {
            std::size_t p = pool.draw(rng);
            for (int tries = 0; tries < 8 && std::find(chosen.begin(), chosen.end(), p) != chosen.end(); ++tries) p = pool.draw(rng);
            if (std::find(chosen.begin(), chosen.end(), p) != chosen.end()) continue;  // a small ticket, then
            chosen.push_back(p);
            const Product& product = products[p];
            const std::int64_t qty = 1 + rng.pick({85, 10, 3, 1, 1});
            std::optional<Money> price;
            if (product.open_price) {
                if (product.sku == "PLATJ") price = Money::cents(50 * rng.between(16, 24));
                else if (product.sku == "RETOUCHE") price = Money::cents(100 * rng.between(5, 40));
                else price = Money::cents(100 * rng.between(15, 90));
            }
            const std::size_t idx = cart.add(product, qty, price);
            if (rng.below(100) == 0) {  // staff price or a damaged item
                const auto& l = cart.lines()[idx];
                const std::int64_t gross = (l.unit_price * l.quantity).value();
                constexpr int kPct[] = {10, 20, 50};
                cart.set_line_discount(idx, Money::cents(gross * kPct[rng.below(3)] / 100));
                ++stats.line_discounts;
            }
        }
        if (rng.below(100) < 4) {
            std::int64_t net = 0;
            for (const auto& l : cart.lines()) net += (l.unit_price * l.quantity - l.line_discount).value();
            TicketDiscount d;
            if (rng.below(10) < 6) {
                constexpr std::int32_t kBp[] = {500, 1000, 1500, 2000};
                d.percent_bp = kBp[rng.below(4)];
            } else {
                constexpr std::int64_t kAmount[] = {50, 100, 200, 500};
                d.amount = Money::cents(kAmount[rng.below(4)]);
            }
            if (d.percent_bp > 0 || d.amount.value() < net) {
                cart.set_ticket_discount(d);
                ++stats.discounted_tickets;
            }
        }
        const PricedTicket priced = cart.price();
        tenders = choose_tenders(rng, priced.total.value(), tender_label);
        const Settlement settlement = settle(priced.total, tenders);
        db::SaleRecord rec = caisse::make_sale_record(priced, settlement, session, sellers[rng.pick({45, 40, 15})], day_text);
        const std::int64_t at_ms = times[static_cast<std::size_t>(done_today)];
        db::record_sale(*ledger, rec, utc_stamp_for_local(first_day + day, at_ms));
        ++stats.tickets;
        stats.lines += static_cast<std::int64_t>(rec.lines.size());
        stats.payments += static_cast<std::int64_t>(rec.payments.size());
        stats.turnover_cents += rec.total;
        ++stats.tickets_by_tender[tender_label];
        ++stats.tickets_by_line_count[static_cast<int>(rec.lines.size())];
    };

    // A day ends its transaction when it is to be closed: close_day commits on its own.
    const bool closing = o.close != GeneratorOptions::Close::None;
    std::optional<Actor> manager_signed_in;
    auto manager_actor = [&]() -> const Actor& {
        if (!manager_signed_in) manager_signed_in = sign_in_as(*till, kManagerName);
        return *manager_signed_in;
    };
    auto close_day_done = [&](int d) {
        if (d == o.days - 1 && o.close == GeneratorOptions::Close::AllButLast) return;
        now = parse_utc_timestamp(utc_stamp_for_local(first_day + d, 19 * kHour + 30 * 60'000));
        const auto c0 = Clock::now();
        close_day(*till, manager_actor(), exact_close_request(*till));
        stats.close_seconds += std::chrono::duration<double>(Clock::now() - c0).count();
        ++stats.day_closures;
    };
    while (day < o.days) {
        bool day_ended = false;
        ledger->write([&] {
            std::int64_t in_tx = 0;
            while (in_tx < o.tickets_per_write && day < o.days) {
                if (!session_open) begin_day();
                if (done_today < per_day[static_cast<std::size_t>(day)]) {
                    one_ticket();
                    ++done_today;
                    ++in_tx;
                    ++written;
                } else {
                    ++day;
                    session_open = false;
                    if (closing) {
                        day_ended = true;
                        break;
                    }
                }
            }
        });
        if (day_ended) close_day_done(day - 1);
        if (o.progress) o.progress(written, o.tickets);
    }
    if (closing) {
        auto st = db.prepare("SELECT kind, COUNT(*) FROM period_closures WHERE terminal = ?1 GROUP BY kind");
        st.bind(1, o.terminal);
        while (st.step()) (st.str(0) == "month" ? stats.month_closures : stats.year_closures) = st.i64(1);
    }
    stats.sale_seconds = std::chrono::duration<double>(Clock::now() - sales_start).count();

    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    stats.records = ledger->last_seq();
    till.reset();
    stats.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    std::error_code ec;
    stats.file_bytes = std::filesystem::file_size(o.path, ec);
    return stats;
}

}  // namespace caisse::bench
