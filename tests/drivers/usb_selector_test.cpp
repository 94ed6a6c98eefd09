// The part of a usb: printer URI after "usb:", parsed without any device.
#include <gtest/gtest.h>

#include "drivers/printer_error.hpp"
#include "drivers/usb.hpp"

namespace caisse::drivers {
namespace {

TEST(UsbSelector, AutoMatchesAnyPrinter) {
    const UsbSelector selector = parse_usb_selector("auto");
    EXPECT_TRUE(selector.any);
    EXPECT_FALSE(selector.serial.has_value());
}

TEST(UsbSelector, VendorAndProductAreHex) {
    const UsbSelector selector = parse_usb_selector("0416:5011");
    EXPECT_FALSE(selector.any);
    EXPECT_EQ(selector.vendor, 0x0416);
    EXPECT_EQ(selector.product, 0x5011);
    EXPECT_FALSE(selector.serial.has_value());
}

TEST(UsbSelector, HexDigitsInEitherCase) {
    const UsbSelector lower = parse_usb_selector("04b8:0e28");
    const UsbSelector upper = parse_usb_selector("04B8:0E28");
    EXPECT_EQ(lower.vendor, 0x04b8);
    EXPECT_EQ(lower.product, 0x0e28);
    EXPECT_EQ(upper.vendor, lower.vendor);
    EXPECT_EQ(upper.product, lower.product);
}

TEST(UsbSelector, SerialIsEverythingAfterTheSecondColon) {
    const UsbSelector selector = parse_usb_selector("04b8:0e28:SN123");
    EXPECT_FALSE(selector.any);
    EXPECT_EQ(selector.vendor, 0x04b8);
    EXPECT_EQ(selector.product, 0x0e28);
    ASSERT_TRUE(selector.serial.has_value());
    EXPECT_EQ(*selector.serial, "SN123");
}

TEST(UsbSelector, UriOfAListedPrinterParsesBack) {
    UsbPrinterInfo info;
    info.vendor = 0x0416;
    info.product = 0x5011;
    EXPECT_EQ(info.uri(), "usb:0416:5011");
    info.serial = "X5E9012345";
    EXPECT_EQ(info.uri(), "usb:0416:5011:X5E9012345");
    const UsbSelector selector = parse_usb_selector(info.uri().substr(4));
    EXPECT_EQ(selector.vendor, info.vendor);
    EXPECT_EQ(selector.product, info.product);
    EXPECT_EQ(selector.serial, info.serial);
}

class UsbSelectorRejects : public ::testing::TestWithParam<const char*> {};

TEST_P(UsbSelectorRejects, WithBadUriNamingTheText) {
    const std::string text = GetParam();
    try {
        parse_usb_selector(text);
        FAIL() << "accepted \"" << text << "\"";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::bad_uri);
        EXPECT_NE(error.detail().find("usb:" + text), std::string::npos) << error.detail();
    }
}

INSTANTIATE_TEST_SUITE_P(Malformed, UsbSelectorRejects,
                         ::testing::Values("", "zz:1", "0416", "0416:5011:", "0416:", ":5011", "416:5011", "0416:50111",
                                           "0x416:5011", "04l6:5011", "0416 :5011", "AUTO", "auto:", "0416:5011:\n",
                                           "0416-5011"));

}  // namespace
}  // namespace caisse::drivers
