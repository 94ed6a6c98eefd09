#pragma once
// The example PDFs in docs/examples/ are the code's output: a change shows as a failing test;
// CAISSE_UPDATE_EXAMPLES=1 rewrites them. The same document gives the same bytes (dates from the
// document, not the clock), so they are compared whole. Shared by invoice_pdf_test and
// facturx_pdf_test.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "app/core/invoice.hpp"
#include "app/services/invoice_pdf.hpp"
#include "tests/core/invoice_example.hpp"

namespace caisse::testing {

// The worked example's cooks, its 30 % deposit invoice and its final invoice deducting it.
inline const EntrepreneurNames kExampleCooks = {{1, "Awa Diop"}, {2, "Karim Benali"}, {3, "Lucía Romero"}};

inline invoice::Document example_deposit_invoice() {
    using namespace invoice;
    const DepositPlan plan = make_deposit(example::order(), DepositAsk{3000, Money()}, "Acompte 30 % sur la commande C-2026-0031");
    Document dep = example::base(Kind::deposit, "D-2026-0007", "2026-12-02", "2026-12-09");
    dep.lines = plan.lines;
    return dep;
}

inline invoice::Document example_final_invoice() {
    return invoice::example::final_invoice(invoice::compute_totals(example_deposit_invoice()).due);
}

inline void expect_example_pdf(const std::string& name, const std::string& pdf) {
    const std::string path = std::string(CAISSE_SOURCE_DIR) + "/docs/examples/" + name;
    if (const char* u = std::getenv("CAISSE_UPDATE_EXAMPLES"); u && std::string(u) == "1") std::ofstream(path, std::ios::binary) << pdf;
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << " is missing: run the test with CAISSE_UPDATE_EXAMPLES=1";
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_TRUE(s.str() == pdf) << path << " differs from the code's output (CAISSE_UPDATE_EXAMPLES=1 rewrites it)";
}

}  // namespace caisse::testing
