#include "app/cli/cli_common.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/core/vat.hpp"
#include "app/services/export_file.hpp"

namespace caisse::cli {

std::string method_label(TenderMethod m) {
    switch (m) {
        case TenderMethod::Cash: return tr("cash");
        case TenderMethod::Card: return tr("card");
        case TenderMethod::Cheque: return tr("cheque");
        case TenderMethod::Voucher: return tr("voucher");
        case TenderMethod::Transfer: return tr("transfer");
    }
    return std::string(method_name(m));
}
std::string method_label(const std::string& name) {
    auto m = parse_method(name);
    return m ? method_label(*m) : name;
}
std::size_t text_width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}
std::size_t method_label_width() {
    std::size_t w = 10;
    for (auto m : {TenderMethod::Cash, TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Voucher, TenderMethod::Transfer})
        w = std::max(w, text_width(method_label(m)));
    return w;
}
std::string role_label(Role r) {
    switch (r) {
        case Role::Seller: return tr("seller");
        case Role::Manager: return tr("manager");
        case Role::Admin: return tr("admin");
    }
    return std::string(role_name(r));
}

std::string read_file(const std::string& path, std::int64_t max_bytes) {
    // O_NONBLOCK: opening a FIFO with no writer must not hang; fstat on the open file then refuses
    // anything but a regular file (FIFO, directory, /dev/zero), with no window to swap the file.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) throw InputError("cannot read {0}: there is no such file", path);
        if (errno == EACCES || errno == EPERM) throw InputError("cannot read {0}: permission denied", path);
        throw InputError("cannot read {0}", path);
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw InputError("cannot read {0}", path);
    if (S_ISDIR(st.st_mode)) throw InputError("{0} is a folder, not a file", path);
    if (!S_ISREG(st.st_mode)) throw InputError("{0} is not a regular file (a pipe or a device): give a file", path);
    const auto too_large = [&] {
        return InputError("{0} is larger than {1} MiB: is it the right file?", path, max_bytes / (1024 * 1024));
    };
    if (st.st_size > max_bytes) throw too_large();
    // At most max_bytes + 1 are read, even if the file grows meanwhile.
    std::string text;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError("cannot read {0}", path);
        }
        if (n == 0) break;
        text.append(buf, static_cast<std::size_t>(n));
        if (static_cast<std::int64_t>(text.size()) > max_bytes) throw too_large();
    }
    return text;
}

// Bytes from a damaged file may not be UTF-8: replaced, so the JSON is still printed.
void print_json(const ordered_json& j) { std::cout << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n"; }

ordered_json vat_json(const std::map<std::int64_t, db::VatRecord>& by_vat) {
    ordered_json out = ordered_json::object();
    for (const auto& [bp, v] : by_vat) out[std::to_string(bp)] = {{"ht", v.ht}, {"vat", v.vat}, {"ttc", v.ttc}};
    return out;
}

std::string pct(std::int64_t bp) { return VatRate{static_cast<std::int32_t>(bp)}.percent(); }
std::string eur(std::int64_t cents) { return Money::cents(cents).format(); }

CLI::App* with_db(CLI::App* cmd, Common& c) {
    cmd->add_option("--db", c.db, tr("ledger file (SQLite)"))->required();
    return cmd;
}

void add_actor_options(CLI::App* cmd, ActorOptions& a, bool required) {
    auto* u = cmd->add_option("--user", a.user, tr("who does it"));
    auto* p = cmd->add_option("--pin", a.pin, tr("that user's PIN"));
    if (required) u->required(), p->required();
    auto* m = cmd->add_option("--manager", a.manager, tr("a manager approving what the user's role does not allow"));
    cmd->add_option("--manager-pin", a.manager_pin, tr("that manager's PIN"))->needs(m);
}

Actor sign_in(Till& till, const ActorOptions& a) {
    Actor actor = till.sign_in(a.user, a.pin);
    if (!a.manager.empty()) actor = till.approve(actor, a.manager, a.manager_pin);
    return actor;
}

void write_out(const std::string& path, const std::string& bytes, Till& till) {
    write_export_file(path, bytes, till.ledger().path());
}

}  // namespace caisse::cli
