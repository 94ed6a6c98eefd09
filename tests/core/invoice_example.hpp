#pragma once
// The worked example of issue 14, shared by the core tests (totals) and the Factur-X tests (XML):
// a buffet for 60 guests ordered by a city hall (a public buyer, through Chorus Pro) from the
// cooperative. Prices agreed including VAT, per guest:
//   Awa   (id 1) buffet salé sénégalais     60 x 12,90 EUR  at 10 %  =   774,00
//   Karim (id 2) mezze et tajine            60 x  9,85 EUR  at 10 %  =   591,00
//   Lucía (id 3) desserts                   60 x  4,35 EUR  at 10 %  =   261,00
//   Karim (id 2) delivery and set-up         1 x 45,00 EUR  at 10 %  =    45,00
//   Awa   (id 1) staff, 7,5 hours          7,5 x 26,50 EUR  at 20 %  =   198,75
//                                                agreed total            1 869,75
// A 30 % deposit invoice (D-2026-0007), then the final invoice (F-2026-0012) deducting it, paid by
// transfer. The figures are in tests/core/invoice_test.cpp.
#include "app/core/invoice.hpp"

namespace caisse::invoice::example {

inline Party seller() {
    return Party{"Les Fourneaux Communs (CAE)", "12 rue des Cuisines", "93100", "Montreuil", "FR",
                 "854123767", "85412376700014", "FR10854123767"};
}

inline Customer city_hall() {
    Customer c;
    c.party = Party{"Mairie de Bagnolet", "Place Salvador Allende", "93170", "Bagnolet", "FR",
                    "219300480", "21930048000015", "FR19219300480"};
    c.public_buyer = true;
    c.service_code_required = true;
    c.commitment_required = true;
    c.service_code = "FETES-CEREMONIES";
    c.commitment_number = "EJ-2026-004512";
    return c;
}

inline std::vector<Line> buffet_lines() {
    return {
        Line{"Buffet salé sénégalais (thiéboudienne, pastels, accras), par personne", 60'000, "C62", Money::cents(1290), VatRate{1000}, 1},
        Line{"Mezze et tajine d'agneau, par personne", 60'000, "C62", Money::cents(985), VatRate{1000}, 2},
        Line{"Desserts (tres leches, alfajores), par personne", 60'000, "C62", Money::cents(435), VatRate{1000}, 3},
        Line{"Livraison et installation du buffet", 1'000, "C62", Money::cents(4500), VatRate{1000}, 2},
        Line{"Service en salle, 7,5 heures", 7'500, "HUR", Money::cents(2650), VatRate{2000}, 1},
    };
}

inline Document base(Kind kind, std::string number, std::string issue, std::string due) {
    Document d;
    d.kind = kind;
    d.number = std::move(number);
    d.issue_date = std::move(issue);
    d.due_date = std::move(due);
    d.delivery_date = "2026-12-12";
    d.order_number = "C-2026-0031";
    d.seller = seller();
    d.customer = city_hall();
    d.basis = PriceBasis::incl_vat;
    d.payment = Payment{"FR7630006000011234567890189", "AGRIFRPP", "Les Fourneaux Communs",
                        "Virement à 30 jours. Pénalités de retard : 3 fois le taux d'intérêt légal. "
                        "Indemnité forfaitaire pour frais de recouvrement : 40 €."};
    d.notes = {"Buffet du 12 décembre 2026 pour 60 personnes, salle des fêtes."};
    return d;
}

// The order as accepted (an invoice document not yet issued): the lines the deposit is taken from.
inline Document order() {
    Document d = base(Kind::invoice, "C-2026-0031", "2026-12-01", "2026-12-31");
    d.lines = buffet_lines();
    return d;
}

inline Document final_invoice(Money deposit_amount) {
    Document d = base(Kind::invoice, "F-2026-0012", "2026-12-14", "2027-01-13");
    d.lines = buffet_lines();
    d.deposits = {DeductedDeposit{InvoiceRef{"D-2026-0007", "2026-12-02"}, deposit_amount}};
    return d;
}

}  // namespace caisse::invoice::example
