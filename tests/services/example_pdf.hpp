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

namespace caisse::testing {

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
