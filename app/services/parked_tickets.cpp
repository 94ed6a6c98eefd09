// Parked tickets: kept in memory, mirrored to FILE.parked after each change (written whole to a
// temporary file, synced, renamed: a crash leaves the old list or the new one, never half of one).
#include "app/services/parked_tickets.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/core/limits.hpp"

namespace caisse {
namespace {

using nlohmann::json;

// FILE.parked holds at most kMaxParked tickets of at most 200 lines: far below this.
constexpr std::int64_t kMaxParkedFileBytes = 4 * 1024 * 1024;

std::int64_t units(const DraftContents& c) {
    std::int64_t n = 0;
    for (const auto& l : c.lines) n += l.quantity;
    return n;
}

Money paid_of(const DraftContents& c) {
    Money sum;
    for (const auto& p : c.payments) sum += p.amount;
    return sum;
}

json to_json(const ParkedTicket& t) {
    json lines = json::array();
    for (const auto& l : t.contents.lines)
        lines.push_back({{"sku", l.product.sku}, {"quantity", l.quantity}, {"unit_price", l.unit_price.value()}});
    json payments = json::array();
    for (const auto& p : t.contents.payments)
        payments.push_back({{"method", std::string(method_name(p.method))}, {"amount", p.amount.value()}});
    return {{"number", t.number},
            {"parked_at", t.parked_at},
            {"by", t.by},
            {"training", t.training},
            {"total", t.total.value()},
            {"lines", lines},
            {"discount", {{"amount", t.contents.discount.amount.value()}, {"percent_bp", t.contents.discount.percent_bp}}},
            {"payments", payments},
            {"request_id", t.contents.request_id}};
}

// A positive amount of cents within the till's limit on one price; throws std::runtime_error.
Money cents_in_range(const json& v, std::int64_t max) {
    const auto c = v.get<std::int64_t>();
    if (c < 0 || c > max) throw std::runtime_error("amount out of range");
    return Money::cents(c);
}

ParkedTicket from_json(const json& j, Till& till) {
    ParkedTicket t;
    t.number = j.at("number").get<std::int64_t>();
    if (t.number < 1 || t.number > static_cast<std::int64_t>(ParkedTickets::kMaxParked)) throw std::runtime_error("number");
    t.parked_at = j.at("parked_at").get<std::string>();
    t.by = j.at("by").get<std::string>();
    t.training = j.at("training").get<bool>();
    t.total = cents_in_range(j.at("total"), kMaxUnitPriceCents * kMaxQuantity);
    for (const auto& l : j.at("lines")) {
        DraftLine line;
        const auto sku = l.at("sku").get<std::string>();
        // The product as the catalogue has it now; a product gone from it keeps its SKU as its name
        // and is refused when the ticket is taken back.
        if (auto product = till.product(sku)) {
            line.product = std::move(*product);
        } else {
            line.product.sku = sku;
            line.product.name = sku;
            line.product.active = false;
        }
        line.quantity = l.at("quantity").get<std::int64_t>();
        if (line.quantity < 1 || line.quantity > kMaxQuantity) throw std::runtime_error("quantity");
        line.unit_price = cents_in_range(l.at("unit_price"), kMaxUnitPriceCents);
        t.contents.lines.push_back(std::move(line));
    }
    if (t.contents.lines.empty() || t.contents.lines.size() > 200) throw std::runtime_error("lines");
    const auto& d = j.at("discount");
    t.contents.discount.amount = cents_in_range(d.at("amount"), kMaxUnitPriceCents * kMaxQuantity);
    t.contents.discount.percent_bp = d.at("percent_bp").get<std::int32_t>();
    if (t.contents.discount.percent_bp < 0 || t.contents.discount.percent_bp > 10000) throw std::runtime_error("percent");
    for (const auto& p : j.at("payments")) {
        const auto method = parse_method(p.at("method").get<std::string>());
        if (!method) throw std::runtime_error("method");
        t.contents.payments.push_back(Payment{*method, cents_in_range(p.at("amount"), kMaxUnitPriceCents * kMaxQuantity)});
    }
    t.contents.request_id = j.at("request_id").get<std::string>();
    t.items = units(t.contents);
    t.paid = paid_of(t.contents);
    return t;
}

// Reads a regular file of at most kMaxParkedFileBytes; throws std::runtime_error otherwise.
std::string read_small_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxParkedFileBytes) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("not a readable file of parked tickets");
    }
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    const auto got = ::read(fd, text.data(), text.size());
    ::close(fd);
    if (got != static_cast<ssize_t>(text.size())) throw std::runtime_error("short read");
    return text;
}

void write_durably(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp);
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + path);
    }
    // The rename itself must reach the disk: sync the folder.
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace

ParkedTickets::ParkedTickets(Till& till, std::string file) : till_(till), file_(std::move(file)) {
    if (!file_.empty()) load();
}

void ParkedTickets::load() {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(file_, ec))) return;
    try {
        const json j = json::parse(read_small_file(file_));
        if (j.at("format").get<int>() != 1) throw std::runtime_error("format");
        std::vector<ParkedTicket> read;
        for (const auto& t : j.at("tickets")) read.push_back(from_json(t, till_));
        std::sort(read.begin(), read.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
        if (read.size() > kMaxParked) throw std::runtime_error("too many");
        for (std::size_t i = 1; i < read.size(); ++i)
            if (read[i].number == read[i - 1].number) throw std::runtime_error("numbers");
        parked_ = std::move(read);
    } catch (const std::exception&) {
        // Not ours to fix and not to lose: put aside for a person to read, start with none parked.
        std::string aside;
        for (int n = 1; n < 1000; ++n) {
            aside = file_ + ".bad-" + std::to_string(n);
            if (!std::filesystem::exists(std::filesystem::symlink_status(aside, ec))) break;
        }
        std::filesystem::rename(file_, aside, ec);
        parked_.clear();
        load_problem_ = aside;
    }
}

void ParkedTickets::save() const {
    if (file_.empty()) return;
    json tickets = json::array();
    for (const auto& t : parked_) tickets.push_back(to_json(t));
    write_durably(file_, json{{"format", 1}, {"tickets", tickets}}.dump() + "\n");
}

std::int64_t ParkedTickets::park(SaleDraft& draft, const Actor& by) {
    if (draft.empty()) throw InputError("nothing to park: the ticket is empty");
    if (parked_.size() >= kMaxParked)
        throw InputError("{0} tickets are parked already: take one back first", static_cast<std::int64_t>(kMaxParked));
    ParkedTicket t;
    // The smallest number free: "ticket 1" again once the first one went.
    t.number = 1;
    for (const auto& p : parked_)
        if (p.number == t.number) ++t.number;
    t.parked_at = till_.now_utc();
    t.by = by.user().name;
    t.training = till_.training().on;
    try {
        t.total = draft.total();
    } catch (const InputError&) {
        t.total = Money();  // a discount the lines no longer allow: the list shows 0, the cart says why
    }
    t.paid = draft.paid();
    t.contents = draft.release();
    t.items = units(t.contents);
    const std::int64_t number = t.number;
    const auto it = parked_.insert(by_number(number), std::move(t));
    try {
        save();
    } catch (...) {
        // Not kept on disk: the ticket goes back on screen rather than into a list a restart loses.
        auto contents = std::move(it->contents);
        parked_.erase(it);
        draft.restore(std::move(contents));
        throw;
    }
    return number;
}

std::vector<ParkedTicket>::iterator ParkedTickets::by_number(std::int64_t number) {
    return std::lower_bound(parked_.begin(), parked_.end(), number, [](const auto& p, std::int64_t n) { return p.number < n; });
}

void ParkedTickets::take_back(std::int64_t number, SaleDraft& draft) {
    const auto it = std::find_if(parked_.begin(), parked_.end(), [&](const auto& t) { return t.number == number; });
    if (it == parked_.end()) throw InputError("no parked ticket {0}", number);
    if (!draft.empty() || !draft.payments().empty())
        throw InputError("a ticket is open: park it or finish it before taking another back");
    const bool training = till_.training().on;
    if (it->training && !training)
        throw InputError("parked ticket {0} was parked in training mode: take it back in training mode", number);
    if (!it->training && training)
        throw InputError("parked ticket {0} is a real ticket: leave training mode to take it back", number);
    DraftContents contents = it->contents;
    for (auto& line : contents.lines) {
        const auto product = till_.product(line.product.sku);
        if (!product || !product->active)
            throw InputError("{0} is no longer sold: parked ticket {1} stays parked", line.product.name, number);
        // Fixed prices as the catalogue says now (the sale will be priced so); open prices as typed.
        if (!product->open_price) line.unit_price = product->price;
        line.product = *product;
    }
    ParkedTicket kept = std::move(*it);
    parked_.erase(it);
    try {
        save();
    } catch (...) {
        // Still on disk as parked: it stays parked here too, so that the list and the file agree.
        parked_.insert(by_number(number), std::move(kept));
        throw;
    }
    draft.restore(std::move(contents));  // cannot fail: the draft was checked empty, the ticket has lines
}

Money ParkedTickets::paid() const {
    Money sum;
    for (const auto& t : parked_) sum += t.paid;
    return sum;
}

void refuse_close_with_paid_parked(Till& till) {
    const ParkedTickets parked(till, ParkedTickets::path_for(till.ledger().path()));
    Money paid;
    std::int64_t tickets = 0;
    for (const auto& t : parked.list()) {
        if (t.training || t.paid == Money()) continue;
        paid += t.paid;
        ++tickets;
    }
    if (tickets > 0)
        throw InputError("{0} parked ticket(s) hold {1} already paid: take them back and finish them before closing the day",
                         tickets, paid.format());
}

}  // namespace caisse
