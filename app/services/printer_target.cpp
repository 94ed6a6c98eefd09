#include "app/services/printer_target.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "app/core/money.hpp"  // InputError
#include "drivers/printer_error.hpp"
#include "drivers/transport.hpp"

namespace caisse {
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> real_path(const fs::path& p) {
    char* r = ::realpath(p.c_str(), nullptr);
    if (!r) return std::nullopt;
    fs::path out(r);
    std::free(r);
    return out;
}

// True when `name` is the ledger's file name or one of its companions (FILE-wal, FILE.key, ...).
bool ledger_family(const std::string& name, const std::string& ledger_name) {
    if (name == ledger_name) return true;
    if (name.size() <= ledger_name.size() || name.compare(0, ledger_name.size(), ledger_name) != 0) return false;
    const char next = name[ledger_name.size()];
    return next == '.' || next == '-';
}

bool inside(const fs::path& p, const fs::path& dir) {
    auto d = dir.begin();
    auto q = p.begin();
    for (; d != dir.end(); ++d, ++q)
        if (q == p.end() || *q != *d) return false;
    return q != p.end();  // strictly below the folder
}

}  // namespace

std::string checked_receipts_dir(const std::string& dir) {
    if (dir.empty()) throw InputError("printer.receipts_dir is empty: give the folder where receipt files may be written");
    const auto resolved = real_path(dir);
    struct stat st {};
    if (!resolved || ::stat(resolved->c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw InputError("printer.receipts_dir \"{0}\" is not an existing folder", dir);
    return resolved->string();
}

void check_printer_target(const std::string& uri, const std::string& ledger_path,
                          const std::optional<std::string>& receipts_dir) {
    std::optional<std::string> file;
    try {
        file = drivers::printer_file_path(uri);
    } catch (const drivers::PrinterError& e) {
        throw InputError("unknown printer URI {0}", e.detail());
    }
    if (!file) return;
    const fs::path path(*file);

    // Where the bytes would land, symlinks followed; for a file still to be created, its folder.
    struct stat st {}, lst {};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (!exists && ::lstat(path.c_str(), &lst) == 0)
        throw InputError("printer {0} is a link to nothing: the printer file would be created where the link points", uri);
    const bool under_dev = file->rfind("/dev/", 0) == 0;
    std::optional<fs::path> target;
    if (exists) {
        target = real_path(path);
    } else if (const auto folder = real_path(path.parent_path().empty() ? fs::path(".") : path.parent_path())) {
        target = *folder / path.filename();
    } else if (!under_dev) {
        throw InputError("printer {0}: its folder does not exist", uri);
    }

    // Never the ledger's own files, by name beside the ledger and by identity.
    const fs::path ledger = real_path(ledger_path).value_or(fs::absolute(ledger_path));
    const std::string ledger_name = ledger.filename().string();
    if (target && target->parent_path() == ledger.parent_path() && ledger_family(target->filename().string(), ledger_name))
        throw InputError("printer {0} would write into the ledger's own files ({1}): choose a device or a file in the "
                         "receipts folder",
                         uri, target->string());
    if (exists) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(ledger.parent_path(), ec)) {
            struct stat other {};
            if (ledger_family(entry.path().filename().string(), ledger_name) && ::stat(entry.path().c_str(), &other) == 0 &&
                other.st_dev == st.st_dev && other.st_ino == st.st_ino)
                throw InputError("printer {0} would write into the ledger's own files ({1}): choose a device or a file in "
                                 "the receipts folder",
                                 uri, entry.path().string());
        }
    }

    if (exists && S_ISCHR(st.st_mode)) return;  // a printer device, wherever it is
    if (!exists && under_dev) return;          // an unplugged device: the transport never creates it
    if (exists && !S_ISREG(st.st_mode))
        throw InputError("printer {0} is neither a device nor a regular file", uri);
    if (!receipts_dir || receipts_dir->empty())
        throw InputError("printer {0} writes to a file: set printer.receipts_dir to the folder where receipt files may "
                         "go, and keep them there",
                         uri);
    const auto folder = real_path(*receipts_dir);
    if (!folder || !target || !inside(*target, *folder))
        throw InputError("printer {0} is outside the receipts folder {1}", uri, *receipts_dir);
}

}  // namespace caisse
