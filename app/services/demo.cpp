#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/services/assets.hpp"
#include "app/services/printing.hpp"
#include "app/services/till.hpp"

namespace caisse {

namespace {
std::string read_asset(const std::string& name) {
    const std::string path = assets_dir() + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("missing asset {0} (set CAISSE_ASSETS to the assets folder)", path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

std::vector<DemoUser> demo_users() {
    std::vector<DemoUser> out;
    std::string line;
    std::istringstream users(read_asset("demo/users.csv"));
    std::getline(users, line);  // header
    while (std::getline(users, line)) {
        std::istringstream f(line);
        DemoUser u;
        std::getline(f, u.name, ',');
        std::getline(f, u.role, ',');
        std::getline(f, u.pin, ',');
        if (!u.name.empty()) out.push_back(std::move(u));
    }
    return out;
}

void load_demo(Till& till) {
    // Users first: the first is the admin who sets the till up, and acts for the rest of the load.
    std::string line;
    std::optional<Actor> admin;
    for (const auto& u : demo_users()) {
        till.add_user(admin, u.name, u.role, u.pin);
        if (!admin) admin = till.sign_in(u.name, u.pin);
    }
    // Entrepreneurs before the catalogues so that they get their own colours.
    std::istringstream ents(read_asset("demo/entrepreneurs.csv"));
    std::getline(ents, line);  // header
    till.ledger().write([&] {
        const std::string at = till.now_utc();
        while (std::getline(ents, line)) {
            const auto comma = line.find(',');
            if (comma == std::string::npos) continue;
            db::add_entrepreneur(till.ledger(), line.substr(0, comma), line.substr(comma + 1), at);
        }
    });
    till.import_catalogue(*admin, read_asset("demo/restaurant.csv"));
    till.import_catalogue(*admin, read_asset("demo/textile.csv"));
    std::istringstream settings(read_asset("demo/settings.csv"));
    std::getline(settings, line);
    std::vector<std::pair<std::string, std::string>> pairs;
    while (std::getline(settings, line))
        if (const auto comma = line.find(','); comma != std::string::npos) pairs.emplace_back(line.substr(0, comma), line.substr(comma + 1));
    set_till_settings(till, *admin, pairs);
}

}  // namespace caisse
