#pragma once
// Where a printer URI may write (issue 10, item 3). A file: printer appends bytes to whatever it
// names, so a careless or hostile setting could append ESC/POS to the ledger or overwrite a file
// anywhere the till's user can write. Rules, for the setting printer.uri and a URI given to a print
// command alike:
//   - never the ledger's own files: the ledger FILE, FILE-wal, FILE-shm, FILE-journal and any
//     FILE.* beside it (key, head anchor, secrets, receipts folder), by resolved path (realpath,
//     symlinks followed) and, for a file that exists, by identity (hard links);
//   - a character device (/dev/usb/lp0, /dev/ttyUSB0) anywhere; a missing path under /dev/ is an
//     unplugged printer (the transport never creates files there);
//   - a regular file (existing or to be created) only inside the receipts folder (setting
//     printer.receipts_dir), resolved with symlinks followed: "../" and links cannot leave it;
//   - nothing else: directories, FIFOs, sockets, block devices, dangling symlinks.
// usb:, tcp://, screen: and auto write no file and always pass.
#include <optional>
#include <string>

namespace caisse {

// Throws InputError naming the URI and the rule it breaks; PrinterError-free (a bad URI syntax is
// an InputError too). ledger_path: the till's ledger file; receipts_dir: the setting, if set.
void check_printer_target(const std::string& uri, const std::string& ledger_path,
                          const std::optional<std::string>& receipts_dir);

// The receipts folder as stored: an existing directory, resolved (realpath). Throws InputError.
std::string checked_receipts_dir(const std::string& dir);

}  // namespace caisse
