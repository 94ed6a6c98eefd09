// The real libusb usb: transport against printers that umockdev-run emulates from the device
// descriptions in devices/ and the ioctl scripts in scripts/. Each ctest (CMakeLists.txt) runs one
// suite with the devices and script it needs. A bulk OUT transfer whose length or bytes differ from
// the script fails with LIBUSB_ERROR_IO, so a write that returns is a byte-exact delivery.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "drivers/printer_error.hpp"
#include "drivers/status.hpp"
#include "drivers/transport.hpp"
#include "drivers/usb.hpp"

namespace caisse::drivers {
namespace {

std::vector<std::uint8_t> read_job(const std::string& name) {
    std::ifstream in(std::string(CAISSE_PRINTER_TEST_DIR) + "/jobs/" + name, std::ios::binary);
    EXPECT_TRUE(in) << "missing job " << name;
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TransportOptions quick_options() {
    TransportOptions options;
    options.write_timeout = std::chrono::milliseconds(2000);
    options.status_timeout = std::chrono::milliseconds(300);
    return options;
}

// Outside umockdev these tests would talk to whatever is plugged into the machine.
class Emulated : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::getenv("UMOCKDEV_DIR")) GTEST_SKIP() << "run through ctest: it starts this under umockdev-run";
    }
};

// Scenario 1: scripts/receipt.ioctl (make_ioctl.py jobs/receipt.bin) on the 0416:5011 clone.
class Receipt : public Emulated {};

TEST_F(Receipt, ArrivesByteExactOnTheBulkOutEndpoint) {
    const auto job = read_job("receipt.bin");
    ASSERT_GT(job.size(), 100u);
    const auto printer = open_transport("usb:0416:5011", quick_options());
    EXPECT_EQ(printer->describe(), "usb:0416:5011");
    EXPECT_TRUE(printer->can_read_status());
    EXPECT_NO_THROW(printer->write(job));
}

TEST_F(Receipt, AnEmptyWriteSendsNoZeroLengthPacket) {
    const auto printer = open_usb(parse_usb_selector("0416:5011"), quick_options());
    // The script has no zero-length URB: submitting one would fail with an I/O error.
    EXPECT_NO_THROW(printer->write({}));
}

TEST_F(Receipt, AChangedByteIsRefusedByTheScript) {
    // Proves the golden check bites: the same job with one byte different does not go through.
    auto job = read_job("receipt.bin");
    job[job.size() / 2] ^= 0x01;
    const auto printer = open_usb(parse_usb_selector("0416:5011"), quick_options());
    try {
        printer->write(job);
        FAIL() << "a job that differs from the script was accepted";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::io) << error.detail();
        EXPECT_NE(error.detail().find("0416:5011"), std::string::npos) << error.detail();
        EXPECT_NE(error.detail().find("bus 002, device 002"), std::string::npos) << error.detail();
    }
}

// Scenario 2: scripts/raster_40k.ioctl: three URB lines of 16384, 16384 and 7188 bytes.
class LargeJob : public Emulated {};

TEST_F(LargeJob, IsSentAsSixteenKibUrbsByteExact) {
    const auto job = read_job("raster_40k.bin");
    ASSERT_GT(job.size(), 2u * 16384u);
    const auto printer = open_usb(parse_usb_selector("0416:5011"), quick_options());
    EXPECT_NO_THROW(printer->write(job));
}

// Scenario 3: scripts/status.ioctl answers DLE EOT 4 with "paper out" and DLE EOT 1 with "online".
class Status : public Emulated {};

TEST_F(Status, PaperOutThenOnline) {
    const auto printer = open_usb(parse_usb_selector("0416:5011"), quick_options());
    ASSERT_TRUE(printer->can_read_status());
    const auto paper = printer->real_time_status(4);
    ASSERT_TRUE(paper.has_value());
    EXPECT_EQ(*paper, 0x72);
    const auto online = printer->real_time_status(1);
    ASSERT_TRUE(online.has_value());
    EXPECT_EQ(*online, 0x16);
    const PrinterStatus status = decode_status(online, std::nullopt, paper);
    EXPECT_TRUE(status.paper_out);
    EXPECT_EQ(status.summary(), "paper out");
}

// Scenario 4 (script half): scripts/vanish.ioctl completes the second URB with -ESHUTDOWN, what the
// kernel gives an URB in flight when the printer is unplugged. umockdev-run cannot remove the device
// itself; usb_testbed_test.cpp does that with an in-process UMockdevTestbed.
class Vanish : public Emulated {};

TEST_F(Vanish, MidJobWriteIsDisconnectedAfterTheFirstUrb) {
    const auto job = read_job("raster_40k.bin");
    const auto printer = open_usb(parse_usb_selector("0416:5011"), quick_options());
    try {
        printer->write(job);
        FAIL() << "the write went through a vanished printer";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::disconnected) << error.detail();
        EXPECT_NE(error.detail().find("after 16384 of " + std::to_string(job.size()) + " bytes"), std::string::npos)
            << error.detail();
        EXPECT_NE(error.detail().find("0416:5011"), std::string::npos) << error.detail();
    }
}

// Scenario 6: five devices (devices/*.umockdev): 28e9:0289 vendor class at 1/2, a USB stick at 1/3,
// the Epson TM-T20III at 1/4, the 0416:5011 clone at 2/2, and two root hubs.
class Discovery : public Emulated {};

TEST_F(Discovery, ListsThePrintersClassSevenFirstWithTheirEndpoints) {
    const auto printers = list_usb_printers();
    ASSERT_EQ(printers.size(), 3u) << "the USB stick and the hubs are not printers";

    const UsbPrinterInfo& epson = printers[0];
    EXPECT_EQ(epson.vendor, 0x04b8);
    EXPECT_EQ(epson.product, 0x0e28);
    EXPECT_EQ(epson.bus, 1);
    EXPECT_EQ(epson.address, 4);
    EXPECT_EQ(epson.interface_number, 0);
    EXPECT_EQ(epson.interface_class, 7);
    EXPECT_EQ(epson.endpoint_out, 0x01);
    EXPECT_EQ(epson.endpoint_in, 0x82);
    EXPECT_EQ(epson.manufacturer, "EPSON");
    EXPECT_EQ(epson.product_name, "TM-T20III");
    EXPECT_EQ(epson.serial, "X5E9012345");
    EXPECT_EQ(epson.uri(), "usb:04b8:0e28:X5E9012345");
    EXPECT_TRUE(epson.can_open) << epson.problem;

    const UsbPrinterInfo& clone = printers[1];
    EXPECT_EQ(clone.uri(), "usb:0416:5011");
    EXPECT_EQ(clone.bus, 2);
    EXPECT_EQ(clone.address, 2);
    EXPECT_EQ(clone.interface_class, 7);
    EXPECT_EQ(clone.endpoint_out, 0x03);
    EXPECT_EQ(clone.endpoint_in, 0x81);
    EXPECT_EQ(clone.product_name, "POS58 USB Printer");
    EXPECT_TRUE(clone.serial.empty());
    EXPECT_TRUE(clone.can_open) << clone.problem;

    const UsbPrinterInfo& vendor = printers[2];
    EXPECT_EQ(vendor.uri(), "usb:28e9:0289");
    EXPECT_EQ(vendor.bus, 1);
    EXPECT_EQ(vendor.address, 2);
    EXPECT_EQ(vendor.interface_class, 0xFF);
    EXPECT_EQ(vendor.endpoint_out, 0x01);
    EXPECT_EQ(vendor.endpoint_in, 0x82);
    EXPECT_TRUE(vendor.can_open) << vendor.problem;
    for (const auto& printer : printers) EXPECT_TRUE(printer.problem.empty()) << printer.uri() << ": " << printer.problem;
}

TEST_F(Discovery, AutoPicksTheFirstPrinterClassDeviceInBusOrder) {
    // 1/2 comes first but is vendor class; the Epson at 1/4 is the first class-7 one (before 2/2).
    const auto printer = open_usb(parse_usb_selector("auto"), quick_options());
    EXPECT_EQ(printer->describe(), "usb:04b8:0e28:X5E9012345");
    EXPECT_NO_THROW(printer->write(std::vector<std::uint8_t>{0x1B, 0x40}));  // scripts/epson_04b8_0e28.ioctl: OUT 0x01
}

TEST_F(Discovery, VendorClassCloneIsOpenedThroughItsBulkOut01) {
    const auto printer = open_usb(parse_usb_selector("28e9:0289"), quick_options());
    EXPECT_EQ(printer->describe(), "usb:28e9:0289");
    // scripts/vendor_28e9_0289.ioctl expects ESC @ on endpoint 0x01 and answers DLE EOT 1 on 0x82.
    EXPECT_NO_THROW(printer->write(std::vector<std::uint8_t>{0x1B, 0x40}));
    ASSERT_TRUE(printer->can_read_status());
    EXPECT_EQ(printer->real_time_status(1), std::optional<std::uint8_t>(0x16));
}

TEST_F(Discovery, SerialSelectsTheDevice) {
    const auto printer = open_usb(parse_usb_selector("04b8:0e28:X5E9012345"), quick_options());
    EXPECT_EQ(printer->describe(), "usb:04b8:0e28:X5E9012345");
    EXPECT_NO_THROW(printer->write(std::vector<std::uint8_t>{0x1B, 0x40}));
}

TEST_F(Discovery, AnotherSerialIsNotFoundAndTheFoundOneIsNamed) {
    try {
        open_usb(parse_usb_selector("04b8:0e28:SN123"), quick_options());
        FAIL() << "opened a printer with another serial";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::not_found) << error.detail();
        EXPECT_NE(error.detail().find("SN123"), std::string::npos) << error.detail();
        EXPECT_NE(error.detail().find("X5E9012345"), std::string::npos) << error.detail();
    }
}

TEST_F(Discovery, AbsentModelIsNotFound) {
    try {
        open_usb(parse_usb_selector("0519:0003"), quick_options());
        FAIL() << "opened a printer that is not plugged in";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::not_found) << error.detail();
        EXPECT_NE(error.detail().find("0519:0003"), std::string::npos) << error.detail();
    }
}

TEST_F(Discovery, AUsbStickIsNeverAPrinterEvenByItsId) {
    // Bulk IN and OUT, but a mass-storage interface: listing skips it, and naming its ID must not claim
    // it (that would detach usb-storage from the stick).
    for (const auto& printer : list_usb_printers()) EXPECT_NE(printer.vendor, 0x0781);
    try {
        open_usb(parse_usb_selector("0781:5567"), quick_options());
        FAIL() << "opened a USB stick as a printer";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::not_found) << error.detail();
    }
}

}  // namespace
}  // namespace caisse::drivers
