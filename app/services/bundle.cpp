#include "app/services/bundle.hpp"

#include <algorithm>
#include <filesystem>
#include <tuple>

namespace caisse {

namespace fs = std::filesystem;

namespace {

db::EventRecord event_by(const char* code, const std::optional<Actor>& by, const std::string& action, const std::string& detail) {
    db::EventRecord e;
    e.code = code;
    if (by) {
        e.user = by->user().id;
        if (by->approver()) e.approver = by->approver()->id;
    }
    e.action = action;
    e.detail = detail;
    return e;
}

}  // namespace

bool BundleImportReport::all_imported() const {
    return std::all_of(bundles.begin(), bundles.end(), [](const BundleOutcome& b) { return !b.refused; });
}

BundleExportResult export_bundle(Till& till, const std::optional<Actor>& by, std::optional<std::int64_t> since,
                                 const std::string& out_path) {
    auto& ledger = till.ledger();
    ledger.check_writable();  // the event must be journaled and the file signed: refuse before writing
    const db::SecretKey key = db::read_secret_key(db::Ledger::key_path(ledger.path()));
    const std::int64_t from = since ? *since : db::next_bundle_seq(ledger.db(), ledger.terminal());
    BundleExportResult r;
    r.summary = db::export_bundle(ledger.db(), ledger.terminal(), from, key, out_path, till.now_utc());
    // "records A-B" is what the next export's default start is read from (db::next_bundle_seq).
    const auto e = event_by(db::event_code::bundle_export, by, "export a bundle",
                            "records " + std::to_string(r.summary.first_seq) + "-" + std::to_string(r.summary.last_seq) + ", sha256 " +
                                r.summary.sha256_hex + ", file " + fs::path(out_path).filename().string());
    ledger.write([&] { r.event_seq = db::record_event(ledger, e, till.now_utc()); });
    return r;
}

BundleImportReport import_bundles(Till& till, const std::optional<Actor>& by, const std::vector<std::string>& paths,
                                  const std::function<void(const std::string&, std::int64_t, std::int64_t)>& progress) {
    auto& ledger = till.ledger();
    ledger.check_writable();
    BundleImportReport report;
    // Every file named, and every bundle of every folder named.
    std::vector<std::string> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> in_folder;
            for (const auto& entry : fs::directory_iterator(p, ec)) {
                const std::string name = entry.path().filename().string();
                if (name.empty() || name[0] == '.' || !entry.is_regular_file(ec)) continue;  // sync tools' temp files, folders
                in_folder.push_back(entry.path().string());
            }
            if (ec) throw InputError("cannot read the folder {0}", p);
            std::sort(in_folder.begin(), in_folder.end());
            for (const auto& f : in_folder) {
                bool bundle = false;
                try {
                    bundle = db::peek_bundle_header(f).has_value();
                } catch (const InputError&) {
                }
                if (bundle) files.push_back(f);
                else ++report.skipped_files;
            }
        } else if (fs::is_regular_file(p, ec)) {
            files.push_back(p);
        } else if (!fs::exists(p, ec)) {
            throw InputError("{0} does not exist: give a bundle file or a folder of bundles", p);
        } else {
            throw InputError("{0} is neither a bundle file nor a folder of bundles", p);
        }
    }
    // Chain order: per terminal, the earlier seqs first; files whose header cannot be read first
    // (they are refused at once, with the reason).
    struct Item {
        std::optional<db::BundleHeader> header;
        std::string file;
    };
    std::vector<Item> items;
    for (const auto& f : files) {
        Item it{std::nullopt, f};
        try {
            it.header = db::peek_bundle_header(f);
        } catch (const InputError&) {
        }
        items.push_back(std::move(it));
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (!a.header || !b.header) return !a.header && b.header;
        return std::tie(a.header->terminal, a.header->first_seq, a.header->last_seq) <
               std::tie(b.header->terminal, b.header->first_seq, b.header->last_seq);
    });
    for (const auto& item : items) {
        BundleOutcome outcome;
        outcome.file = item.file;
        try {
            outcome.imported = db::import_bundle(
                ledger, item.file, till.now_utc(),
                [&](std::int64_t done, std::int64_t total) {
                    if (progress) progress(item.file, done, total);
                },
                [&](const db::BundleImport& b) {
                    if (b.added == 0) return;  // all here already: importing twice equals once
                    db::record_event(ledger,
                                     event_by(db::event_code::bundle_import, by, "import a bundle",
                                              "terminal " + b.terminal + ", records " + std::to_string(b.first_seq) + "-" +
                                                  std::to_string(b.last_seq) + " (" + std::to_string(b.added) + " new), sha256 " +
                                                  b.sha256_hex + ", file " + fs::path(b.file).filename().string()),
                                     till.now_utc());
                });
            report.added += outcome.imported->added;
        } catch (const InputError& e) {
            outcome.refused = e.message();
        }
        report.bundles.push_back(std::move(outcome));
    }
    return report;
}

}  // namespace caisse
