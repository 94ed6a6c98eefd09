// The parked tickets file (FILE.parked, app/services/parked_tickets.hpp) on any bytes: the till
// writes it itself, but it lives beside the ledger where a crash, a disk or a person can damage it.
// Whatever it holds, the till starts: a file it cannot read is moved aside whole (FILE.bad-N, the
// same bytes: nothing lost) with none parked; a file it reads gives at most kMaxParked tickets of
// distinct numbers, and each can be taken back into an empty draft or is refused with InputError;
// a draft taken back whose discount no longer fits has it removed (as a manager would on screen),
// and its sums are then consistent.
// Seeds (tests/fuzz/corpus/fuzz_parked_tickets/): files written by park() (CAISSE_FUZZ_WRITE_SEEDS=DIR
// writes them) and near-valid ones.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "app/services/parked_tickets.hpp"
#include "app/services/sale_draft.hpp"
#include "app/services/till.hpp"
#include "tests/fuzz/scratch_file.hpp"

namespace fs = std::filesystem;
using namespace caisse;
using caisse::fuzz::read_all;
using caisse::fuzz::write_all;

namespace {

struct Fixture {
    std::string dir, db, parked;
    std::unique_ptr<Till> till;
    std::optional<Actor> seller;
};

Fixture& make_fixture() {
    static Fixture f;
    if (f.till) return f;
    const char* shm = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string tmpl = std::string(shm) + "/caisse-fuzz-parked-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    f.dir = tmpl;
    static std::string dir = f.dir;
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(dir, ec);
    });
    f.db = f.dir + "/till.db";
    f.parked = ParkedTickets::path_for(f.db);
    auto at = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 11 / 2});
    f.till = Till::init(f.db, "T1", false, [at] { return *at += std::chrono::seconds{7}; });
    f.till->add_user(std::nullopt, "Awa", "admin", "1234");
    f.seller = f.till->sign_in("Awa", "1234");
    f.till->import_catalogue(*f.seller,
                             "sku;name;price;vat;entrepreneur;category;open_price;picture\n"
                             "MAFE;Mafé;9,50;10;Aminata Diop;Plats;0;\n"
                             "CAFE;Café;1,50;5,5;Aminata Diop;Boissons;0;\n"
                             "PLATJ;Plat du jour;0;20;Karim B;Plats;1;\n");
    if (const char* seeds = std::getenv("CAISSE_FUZZ_WRITE_SEEDS")) {
        ParkedTickets p(*f.till, f.parked);
        SaleDraft d(*f.till);
        d.add("MAFE");
        d.add("MAFE");
        d.add("CAFE");
        p.park(d, *f.seller);
        const std::string one = read_all(f.parked);
        write_all(std::string(seeds) + "/park-one", one.data(), one.size());
        d.add("CAFE");
        d.set_discount(TicketDiscount::parse("10%"), *f.seller);
        d.pay(TenderMethod::Card, Money::cents(100), *f.seller);
        p.park(d, *f.seller);
        d.add("MAFE");
        d.set_discount(TicketDiscount::parse("2,00"), *f.seller);
        d.pay(TenderMethod::Cash, Money::cents(500), *f.seller);
        p.park(d, *f.seller);
        const std::string three = read_all(f.parked);
        write_all(std::string(seeds) + "/park-three-discounts-payments", three.data(), three.size());
        fs::remove(f.parked);
    }
    return f;
}

}  // namespace

// The till is made before the first run (Argon2id PIN hashing is slow: not part of any input's time).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    make_fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture& f = make_fixture();
    write_all(f.parked, reinterpret_cast<const char*>(data), size);
    ParkedTickets parked(*f.till, f.parked);
    if (!parked.load_problem().empty()) {
        if (!parked.list().empty()) __builtin_trap();
        const std::string aside = read_all(parked.load_problem());
        if (aside != std::string(reinterpret_cast<const char*>(data), size)) __builtin_trap();  // put aside whole
        if (fs::exists(f.parked)) __builtin_trap();
        fs::remove(parked.load_problem());
        return 0;
    }
    const auto& list = parked.list();
    if (list.size() > ParkedTickets::kMaxParked) __builtin_trap();
    for (std::size_t i = 1; i < list.size(); ++i)
        if (list[i].number <= list[i - 1].number) __builtin_trap();
    std::vector<std::int64_t> numbers;
    for (const auto& t : list) numbers.push_back(t.number);
    for (const auto n : numbers) {
        SaleDraft draft(*f.till);
        try {
            parked.take_back(n, draft);
        } catch (const InputError&) {
            continue;
        }
        try {
            (void)draft.total();
        } catch (const InputError&) {
            // A fixed discount above the ticket as priced now (prices changed since it was parked,
            // or the file says so): the cart says why and a manager changes or removes the discount.
            draft.set_discount(TicketDiscount{}, *f.seller);
        }
        if (draft.total() < Money{} || draft.remaining() < Money{} || draft.overpaid() < Money{}) __builtin_trap();
        (void)draft.can_record();
    }
    return 0;
}
