#include "app/services/fec_invoices.hpp"

#include <map>

#include "app/core/invoice.hpp"
#include "app/core/message.hpp"
#include "db/records/catering.hpp"

namespace caisse {

namespace {

struct Customer {
    std::string aux, name;
};

std::vector<VatRate> rates_of(const invoice::Document& d) {
    std::vector<VatRate> out;
    for (const auto& l : d.lines) out.push_back(l.rate);
    return out;
}

invoice::Totals totals_of(const db::InvoiceRecord& i) {
    try {
        return invoice::compute_totals(i.document, rates_of(i.document));
    } catch (const InputError&) {
        throw InputError("invoice {0} cannot be read back: run caisse verify", i.number);
    }
}

std::string percent(VatRate r) { return r.percent(); }

class InvoiceEntries {
public:
    InvoiceEntries(db::Database& db, const FecAccounts& acc, FecExport& out) : db_(db), acc_(acc), out_(out) {}

    fec::Entry invoice(const db::InvoiceRecord& i) {
        fec::Entry e;
        e.journal = "VE";
        e.journal_label = "Ventes sur factures";
        e.date = e.valid_date = i.issue_date;
        e.piece = i.number;
        const Customer& who = customer(i.terminal, i.customer);
        const bool credit = i.kind == "credit_note";
        const std::int64_t sign = credit ? -1 : 1;
        // What the entry's nets are: sales, or a deposit (a deposit invoice, or a credit note giving one back).
        bool deposit = i.kind == "deposit";
        if (credit) {
            const auto corrected = db::find_invoice(db_, i.terminal, i.corrects);
            deposit = corrected && corrected->kind == "deposit";
        }
        e.text = std::string(credit ? "Avoir " : deposit ? "Facture d'acompte " : "Facture ") + i.number + " " + who.name;
        const invoice::Totals t = totals_of(i);
        add(e, acc_.customer, "Client " + who.name, sign * (t.grand_total.value() + t.rounding.value()), who);
        for (const auto& v : t.vat) {
            const std::int64_t bp = v.rate.bp;
            if (deposit) {
                add(e, acc_.deposit, "Acompte TVA " + percent(v.rate), -sign * v.taxable.value());
            } else {
                add(e, acc_.sales_account(bp), "Ventes sur factures TVA " + percent(v.rate), -sign * v.taxable.value());
                out_.sales_ht[bp] += sign * v.taxable.value();
            }
            add(e, acc_.vat_account(bp), "TVA collectée " + percent(v.rate), -sign * v.tax.value());
            out_.vat[bp] += sign * v.tax.value();
        }
        add(e, acc_.rounding, "Arrondi au total convenu", -sign * t.rounding.value());
        // The deposits it deducts, taken back from the deposit account against the customer.
        for (const auto& dd : i.document.deposits) {
            const auto dep = db::find_invoice(db_, i.terminal, dd.invoice.number);
            if (!dep) throw InputError("invoice {0} deducts deposit {1}, which is not in the ledger: run caisse verify", i.number, dd.invoice.number);
            const invoice::Totals dt = totals_of(*dep);
            for (const auto& v : dt.vat) {
                add(e, acc_.deposit, "Acompte " + dep->number + " déduit", sign * v.taxable.value());
                add(e, acc_.vat_account(v.rate.bp), "TVA sur acompte " + dep->number, sign * v.tax.value());
                out_.vat[v.rate.bp] -= sign * v.tax.value();
            }
            add(e, acc_.rounding, "Arrondi de l'acompte " + dep->number, sign * dt.rounding.value());
            add(e, acc_.customer, "Acompte " + dep->number + " déduit", -sign * dep->due, who);
        }
        ++out_.invoices;
        return e;
    }

    fec::Entry payment(const db::InvoicePaymentRecord& p) {
        fec::Entry e;
        e.journal = "BQ";
        e.journal_label = "Encaissements factures";
        e.date = e.valid_date = p.day;
        e.piece = p.invoice;
        const auto i = db::find_invoice(db_, p.terminal, p.invoice);
        if (!i) throw InputError("a payment names invoice {0}, which is not in the ledger: run caisse verify", p.invoice);
        const Customer& who = customer(p.terminal, i->customer);
        const bool cheque = p.method == "cheque";
        e.text = std::string(cheque ? "Chèque " : "Virement ") + p.invoice + " " + who.name + (p.reference.empty() ? "" : " " + p.reference);
        add(e, acc_.tender_account(p.method), cheque ? "Chèques à encaisser" : "Virements reçus", p.amount);
        out_.tenders[p.method] += p.amount;
        add(e, acc_.customer, "Client " + who.name, -p.amount, who);
        ++out_.invoice_payments;
        return e;
    }

private:
    const Customer& customer(const std::string& terminal, std::int64_t id) {
        auto it = customers_.find({terminal, id});
        if (it != customers_.end()) return it->second;
        const auto c = db::find_customer(db_, terminal, id);
        Customer who{terminal + "-C" + std::to_string(id), c ? c->customer.party.name : "client " + std::to_string(id)};
        return customers_.emplace(std::pair{terminal, id}, who).first->second;
    }

    void add(fec::Entry& e, const std::string& account, std::string label, std::int64_t amount, const Customer* who = nullptr) {
        if (amount == 0) return;
        e.lines.push_back(fec::Line{account, std::move(label), amount, who ? who->aux : "", who ? who->name : ""});
        if (account == acc_.customer) out_.customers += amount;
        if (account == acc_.deposit) out_.deposits -= amount;
    }
    void add(fec::Entry& e, const std::string& account, std::string label, std::int64_t amount, const Customer& who) {
        add(e, account, std::move(label), amount, &who);
    }

    db::Database& db_;
    const FecAccounts& acc_;
    FecExport& out_;
    std::map<std::pair<std::string, std::int64_t>, Customer> customers_;
};

}  // namespace

std::vector<fec::Entry> invoice_entries(db::Database& db, const FecAccounts& accounts, const std::string& from, const std::string& to,
                                        FecExport& out) {
    InvoiceEntries make(db, accounts, out);
    std::vector<fec::Entry> entries;
    for (const auto& i : db::invoices_between(db, from, to)) entries.push_back(make.invoice(i));
    for (const auto& p : db::payments_between(db, from, to)) entries.push_back(make.payment(p));
    return entries;
}

}  // namespace caisse
