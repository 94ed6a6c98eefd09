#pragma once
// The state of the catering screens (issue 14 item 8: Caisse > Traiteur): the order list and its
// filter, the customers and the form adding one, the order shown with its deposit or payment panel,
// and the question asked before an action that cannot be taken back. Every status comes from the
// services (app/services/catering_overview); the screens only show it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/amount_entry.hpp"
#include "app/core/invoice.hpp"
#include "app/services/catering.hpp"
#include "app/services/catering_invoice.hpp"
#include "app/services/catering_overview.hpp"
#include "db/records/catering.hpp"

namespace caisse::ui {

struct CateringUi {
    // The order list: every quote and order, read when the screen opens.
    enum class Filter { all, to_invoice, unpaid };
    Filter filter = Filter::all;
    std::vector<OrderSummary> orders;

    // Customers: the list; the form adding one (kept as typed when the service refuses it).
    std::vector<db::CustomerRecord> customers;
    bool customer_form = false;
    enum class Field { none, name, street, postcode, city, siret, vat_number, service_code, commitment };
    Field typing = Field::none;  // the field the on-screen keyboard types (none: the form is shown)
    invoice::Customer customer;

    // The order shown (by its quote): read when opened and after each action.
    std::int64_t quote = 0;
    std::optional<OrderSummary> summary;
    std::optional<QuoteView> view;
    std::string invoice;  // the invoice chosen in its list ("" none): its payment, PDF, credit note
    enum class Panel { none, deposit, payment };
    Panel panel = Panel::none;
    std::int32_t deposit_bp = 3000;  // the deposit's percentage; 0: the amount typed
    AmountEntry amount;              // a deposit's amount, or a payment's
    bool amount_fresh = true;        // the next digit replaces the amount shown (a payment's default)
    PaymentMethod method = PaymentMethod::transfer;

    // Asked before what cannot be taken back (drawn over every screen by catering_question).
    enum class Action { accept, deposit, invoice, payment, credit_note };
    std::optional<Action> confirm;
    double asked_at = 0;  // ImGui time: "yes" is armed kQuestionArmSeconds later (no double tap answers it)
    Money asked_amount;   // the deposit or final invoice the question names, read once when asked (0: none)
};

}  // namespace caisse::ui
