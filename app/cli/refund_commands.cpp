// caisse cancel, caisse refund (issue 9, item 9): parse the text into typed requests, call the
// refund services, print the result and the receipt, which is always printed (fiscal-fr.md).
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "app/cli/cli_common.hpp"
#include "app/core/cart.hpp"
#include "app/services/printing.hpp"
#include "app/services/refund.hpp"

namespace caisse::cli {

namespace {

// The receipt goes to this till's printer; a printer that fails never undoes the refund.
void print_refund_receipt(Till& till, std::int64_t refund) {
    try {
        PrintQueue queue(printer_config(till, std::nullopt, std::nullopt));
        const auto id = queue.submit(PrintJobKind::receipt, refund_receipt(till, refund));
        if (!queue.wait(id, std::chrono::seconds(20)))
            std::cerr << tr("warning: {0}", tr("the receipt of refund {0} did not print ({1}); the refund is recorded",
                                               refund, queue.job(id)->detail))
                      << "\n";
    } catch (const InputError& e) {
        std::cerr << tr("warning: {0}", tr("the receipt of refund {0} did not print ({1}); the refund is recorded",
                                           refund, tr(e.message())))
                  << "\n";
    }
}

void show(const Till& /*till*/, const RefundResult& r, bool json) {
    const auto& rec = r.record;
    if (json) {
        ordered_json by_ent = ordered_json::object();
        for (const auto& [name, m] : r.by_entrepreneur) by_ent[name] = m.value();
        std::map<std::int64_t, db::VatRecord> vat;
        for (const auto& v : rec.vat) vat[v.rate] = v;
        ordered_json pays = ordered_json::array();
        for (const auto& p : rec.payments) pays.push_back({{"method", p.method}, {"amount", p.amount}});
        print_json({{"refund", rec.refund}, {"ticket", rec.ticket}, {"cancel", rec.cancel}, {"seq", r.seq}, {"total", rec.total},
                    {"discount", rec.discount}, {"hash", r.hash_hex}, {"payments", pays}, {"by_entrepreneur", by_ent},
                    {"by_vat", vat_json(vat)}});
        return;
    }
    std::cout << (rec.cancel ? tr("Cancellation {0} of ticket {1}  total {2}", rec.refund, rec.ticket, eur(rec.total))
                             : tr("Refund {0} of ticket {1}  total {2}", rec.refund, rec.ticket, eur(rec.total)))
              << "\n";
    for (const auto& l : rec.lines)
        std::cout << fmt::format("  {:>4} x {:<28} {:>12}\n", l.line.quantity, l.line.name, eur(l.line.total));
    for (const auto& v : rec.vat)
        std::cout << "  "
                  << tr("VAT {0}  HT {1}  VAT {2}  TTC {3}", fmt::format("{:>7}", pct(v.rate)), fmt::format("{:>12}", eur(v.ht)),
                        fmt::format("{:>10}", eur(v.vat)), fmt::format("{:>12}", eur(v.ttc)))
                  << "\n";
    for (const auto& [name, m] : r.by_entrepreneur) std::cout << fmt::format("  {:<24} {:>12}\n", name, m.format());
    for (const auto& p : rec.payments)
        std::cout << "  " << tr("given back {0} {1}", fmt::format("{:<{}}", method_label(p.method), method_label_width()), fmt::format("{:>12}", eur(-p.amount)))
                  << "\n";
    std::cout << "  " << tr("record {0} hash {1}", r.seq, r.hash_hex) << "\n";
}

}  // namespace

void register_refund_commands(CLI::App& app, int& /*exit_code*/) {
    auto common = std::make_shared<Common>();
    {
        auto actor = std::make_shared<ActorOptions>();
        auto ticket = std::make_shared<std::int64_t>(0);
        auto* cmd = with_db(app.add_subcommand("cancel", tr("cancel the ticket just made: the whole ticket, money back by the same tenders")),
                            *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--ticket", *ticket, tr("the ticket number"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto r = cancel_ticket(*till, sign_in(*till, *actor), *ticket);
            print_refund_receipt(*till, r.record.refund);
            show(*till, r, common->json);
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto ticket = std::make_shared<std::int64_t>(0);
        auto items = std::make_shared<std::vector<std::string>>();
        auto pay = std::make_shared<std::string>();
        auto* cmd = with_db(app.add_subcommand("refund", tr("refund an earlier ticket, whole or some of its items (manager role)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--ticket", *ticket, tr("the ticket number"))->required();
        cmd->add_option("--item", *items, tr("SKU[*QTY] to give back, repeatable; none: all that remains of the ticket"));
        cmd->add_option("--pay", *pay, tr("how the money goes back: cash, card, cheque or transfer"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            RefundRequest request;
            request.ticket = *ticket;
            const auto method = parse_method(*pay);
            if (!method) throw InputError("unknown payment method \"{0}\" (expected cash, card, cheque or transfer)", *pay);
            request.method = *method;
            for (const auto& text : *items) {
                const ItemSpec spec = ItemSpec::parse(text);
                if (spec.price) throw InputError("--item {0}: a refund takes no price, the ticket's own prices apply", text);
                request.items.push_back(RefundItem{spec.sku, spec.quantity});
            }
            auto till = Till::open(common->db);
            const auto r = refund_ticket(*till, sign_in(*till, *actor), request);
            print_refund_receipt(*till, r.record.refund);
            show(*till, r, common->json);
        });
    }
}

}  // namespace caisse::cli
