#include "app/services/archive.hpp"

#include <filesystem>

namespace caisse {

ArchiveExportResult export_period_archive(Till& till, const std::optional<Actor>& by, const db::ArchivePeriod& period,
                                          const std::string& out_path) {
    auto& ledger = till.ledger();
    ledger.check_writable();  // the event must be journaled and the file signed: refuse before writing
    const db::SecretKey key = db::read_secret_key(db::Ledger::key_path(ledger.path()));
    ArchiveExportResult r;
    r.summary = db::export_archive(ledger.db(), ledger.terminal(), period, key, out_path, till.now_utc());
    db::EventRecord e;
    e.code = db::event_code::archive;
    if (by) {
        e.user = by->user().id;
        if (by->approver()) e.approver = by->approver()->id;
    }
    e.action = "export an archive";
    e.detail = "period " + r.summary.period + ", records " + std::to_string(r.summary.first_seq) + "-" +
               std::to_string(r.summary.last_seq) + ", sha256 " + r.summary.sha256_hex + ", file " +
               std::filesystem::path(out_path).filename().string();
    ledger.write([&] { r.event_seq = db::record_event(ledger, e, till.now_utc()); });
    return r;
}

}  // namespace caisse
