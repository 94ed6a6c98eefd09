#include "app/services/catering_overview.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "app/services/catering_documents.hpp"

namespace caisse {

namespace {

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    {
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        if (f) f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (f && f.flush()) return;
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // no half-written PDF left for someone to send
    throw InputError("cannot write {0}", path.string());
}

}  // namespace

std::string order_status_name(OrderStatus s) {
    switch (s) {
        case OrderStatus::quote: return "quote";
        case OrderStatus::quote_expired: return "expired quote";
        case OrderStatus::order: return "order";
        case OrderStatus::deposit_invoiced: return "deposit invoiced";
        case OrderStatus::invoiced: return "invoiced";
        case OrderStatus::paid: return "paid";
        case OrderStatus::overdue: return "overdue";
        case OrderStatus::credited: return "credit note";
    }
    return "quote";
}

OrderSummary order_summary(Till& till, std::int64_t quote) {
    const QuoteView v = quote_view(till, quote);
    OrderSummary o;
    o.quote = v.quote.id;
    o.customer_id = v.quote.customer;
    o.customer = v.customer.customer.party.name;
    o.service_date = v.quote.service_date;
    o.valid_until = v.quote.valid_until;
    o.guests = v.quote.guests;
    o.total = v.totals ? v.totals->agreed_total : Money{};
    o.lines = v.lines.size();
    if (!v.order) {
        o.status = v.quote.valid_until < till.today() ? OrderStatus::quote_expired : OrderStatus::quote;
        return o;
    }
    o.order = v.order->id;
    auto& ledger = till.ledger();
    bool live_deposit = false, credit_note = false, overdue = false;
    for (const auto& r : db::invoices_of_order(ledger.db(), ledger.terminal(), v.order->id)) {
        InvoiceStatus st = invoice_status(till, r.number);
        if (r.kind == "credit_note") {
            credit_note = true;
        } else {
            // Given back whole by credit notes: as if never issued (the services let the order be
            // invoiced again, and a final invoice no longer deducts such a deposit).
            const bool given_back = st.credited >= Money::cents(r.due);  // credit notes give back its amount due (BT-115)
            if (!given_back && r.kind == "invoice") o.final_invoiced = true;
            if (!given_back && r.kind == "deposit") {
                live_deposit = true;
                o.deposits += Money::cents(r.due);
            }
            o.remaining += st.remaining;
            if (st.overdue) {
                overdue = true;
                o.days_late = std::max(o.days_late, st.days_late);
            }
        }
        o.invoices.push_back(std::move(st));
    }
    o.to_invoice = !o.final_invoiced;
    o.unpaid = o.remaining > Money{};
    if (overdue) o.status = OrderStatus::overdue;
    else if (o.final_invoiced) o.status = o.unpaid ? OrderStatus::invoiced : OrderStatus::paid;
    else if (live_deposit) o.status = OrderStatus::deposit_invoiced;
    else if (credit_note) o.status = OrderStatus::credited;
    else o.status = OrderStatus::order;
    return o;
}

std::vector<OrderSummary> catering_overview(Till& till) {
    std::vector<OrderSummary> out;
    for (const auto& q : list_quotes(till)) out.push_back(order_summary(till, q.id));  // revisions applied
    std::stable_sort(out.begin(), out.end(), [](const OrderSummary& a, const OrderSummary& b) {
        return a.service_date != b.service_date ? a.service_date > b.service_date : a.quote > b.quote;
    });
    return out;
}

std::string invoice_folder(Till& till) {
    return (std::filesystem::path(till.ledger().path()).parent_path() / "factures").string();
}

std::string save_invoice_files(Till& till, const std::string& number) {
    // Drawn first: an unknown number writes nothing and creates no folder.
    const std::string pdf = invoice_pdf_of(till, number);
    const std::string facturx = invoice_facturx_of(till, number);
    const std::filesystem::path dir = invoice_folder(till);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw InputError("cannot write {0}", dir.string());
    write_file(dir / (number + ".pdf"), pdf);
    write_file(dir / (number + "-facturx.pdf"), facturx);
    return dir.string();
}

std::string save_quote_file(Till& till, std::int64_t quote) {
    const std::string pdf = quote_pdf_of(till, quote);  // drawn first: a refusal writes nothing
    const std::filesystem::path dir = invoice_folder(till);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw InputError("cannot write {0}", dir.string());
    const std::filesystem::path file = dir / (quote_number(quote) + ".pdf");
    write_file(file, pdf);
    return file.string();
}

}  // namespace caisse
