// The real libusb usb: transport against a printer emulated in-process: a UMockdevTestbed holds the
// devices (devices/*.umockdev) and a PrinterPeer answers the usbdevfs ioctls of /dev/bus/usb/002/002
// the way a printer and the kernel would. That expresses what an ioctl script cannot: a printer that
// stops taking data (libusb's own timeout cancels the URB), one that takes part of each URB, a stale
// byte in the IN pipe, a device unplugged mid-job and gone from sysfs, a kernel driver holding the
// interface, a device node without permission, and hotplug events. Run under umockdev-wrapper.
#include <grp.h>
#include <sys/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <umockdev.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/services/printing.hpp"
#include "db/verify.hpp"
#include "drivers/escpos.hpp"
#include "drivers/printer_error.hpp"
#include "drivers/transport.hpp"
#include "drivers/usb.hpp"
#include "tests/db/test_support.hpp"

namespace caisse::drivers {
namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

const std::string devices_dir = std::string(CAISSE_PRINTER_TEST_DIR) + "/devices/";
constexpr const char* clone_node = "/dev/bus/usb/002/002";
constexpr const char* clone_sysfs = "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1";
constexpr const char* epson_sysfs = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-3";

std::vector<std::uint8_t> read_job(const std::string& name) {
    std::ifstream in(std::string(CAISSE_PRINTER_TEST_DIR) + "/jobs/" + name, std::ios::binary);
    EXPECT_TRUE(in) << "missing job " << name;
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

long long elapsed_ms(Steady::time_point since) {
    return std::chrono::duration_cast<milliseconds>(Steady::now() - since).count();
}

// How the emulated printer behaves; the defaults are a healthy printer that answers DLE EOT with 0x16.
struct Behaviour {
    std::size_t accept_per_urb = SIZE_MAX;      // an OUT URB takes this much, then waits until libusb cancels it
    std::size_t stall_after = SIZE_MAX;         // after this many bytes in all, OUT URBs take nothing more
    std::optional<std::size_t> vanish_after{};  // then the URB in flight fails -ESHUTDOWN and the device is gone
    std::optional<std::uint8_t> status_reply = 0x16;  // one packet per DLE EOT; none: never answers
    std::vector<std::uint8_t> stale_packets{};  // one-byte packets waiting in the IN pipe from the start
    std::string kernel_driver{};                // bound to interface 0 (USBDEVFS_GETDRIVER); empty: none
    bool detach_refused = false;                // USBDEVFS_DISCONNECT fails
    bool claimed_elsewhere = false;             // USBDEVFS_CLAIMINTERFACE fails EBUSY: another program has it
};

// Answers the usbdevfs ioctls of one device node like the kernel with a printer behind it, on
// umockdev's worker thread, and records what the printer received.
class PrinterPeer {
public:
    PrinterPeer(UMockdevTestbed* testbed, const char* node, Behaviour behaviour)
        : testbed_(testbed), node_(node), behaviour_(std::move(behaviour)), handler_(umockdev_ioctl_base_new()) {
        for (std::uint8_t byte : behaviour_.stale_packets) input_.push_back({byte});
        // Through void(*)(): GCallback's type differs from the handler's, and that cast is the sanctioned one.
        g_signal_connect(handler_, "handle-ioctl",
                         reinterpret_cast<GCallback>(reinterpret_cast<void (*)()>(&PrinterPeer::on_ioctl)), this);
        GError* error = nullptr;
        if (!umockdev_testbed_attach_ioctl(testbed_, node_, handler_, &error)) {
            ADD_FAILURE() << "attach_ioctl: " << error->message;
            g_error_free(error);
        }
    }

    ~PrinterPeer() {
        umockdev_testbed_detach_ioctl(testbed_, node_, nullptr);
        std::lock_guard lock(mutex_);
        for (Urb& urb : urbs_) g_object_unref(urb.data);
        g_object_unref(handler_);
    }

    std::vector<std::uint8_t> received() const { std::lock_guard lock(mutex_); return received_; }
    std::vector<std::size_t> out_urb_lengths() const { std::lock_guard lock(mutex_); return out_urb_lengths_; }
    int detaches() const { std::lock_guard lock(mutex_); return detaches_; }
    int reattaches() const { std::lock_guard lock(mutex_); return reattaches_; }
    int claims() const { std::lock_guard lock(mutex_); return claims_; }
    int releases() const { std::lock_guard lock(mutex_); return releases_; }
    void set_status_reply(std::optional<std::uint8_t> reply) { std::lock_guard lock(mutex_); behaviour_.status_reply = reply; }

private:
    struct Urb {
        UMockdevIoctlData* data;    // the client's struct usbdevfs_urb (owned reference)
        UMockdevIoctlData* buffer;  // its buffer (owned by data)
        bool out;
        std::size_t accepted = 0;   // OUT: bytes the printer took
        bool done = false;
    };

    static usbdevfs_urb& fields(const Urb& urb) { return *reinterpret_cast<usbdevfs_urb*>(urb.data->data); }

    static gboolean on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
        auto* peer = static_cast<PrinterPeer*>(self);
        std::lock_guard lock(peer->mutex_);
        const auto [result, error] = peer->handle(umockdev_ioctl_client_get_request(client), umockdev_ioctl_client_get_arg(client));
        umockdev_ioctl_client_complete(client, result, error);
        return TRUE;
    }

    static UMockdevIoctlData* resolve(UMockdevIoctlData* data, std::size_t offset, std::size_t size) {
        GError* error = nullptr;
        UMockdevIoctlData* resolved = umockdev_ioctl_data_resolve(data, offset, size, &error);
        if (error) {
            ADD_FAILURE() << "resolve: " << error->message;
            g_error_free(error);
        }
        return resolved;
    }

    std::pair<long, int> handle(unsigned long request, UMockdevIoctlData* arg) {
        const bool driver_bound = !behaviour_.kernel_driver.empty() && !detached_;
        switch (request) {
            case USBDEVFS_SUBMITURB: return submit(arg);
            case USBDEVFS_REAPURB:
            case USBDEVFS_REAPURBNDELAY: return reap(arg);
            case USBDEVFS_DISCARDURB: return discard(*reinterpret_cast<gulong*>(arg->data));
            case USBDEVFS_GETDRIVER: {
                if (gone_) return {-1, ENODEV};
                if (!driver_bound && !claimed_) return {-1, ENODATA};
                UMockdevIoctlData* data = resolve(arg, 0, sizeof(usbdevfs_getdriver));
                auto* answer = reinterpret_cast<usbdevfs_getdriver*>(data->data);
                std::snprintf(answer->driver, sizeof answer->driver, "%s", claimed_ ? "usbfs" : behaviour_.kernel_driver.c_str());
                g_object_unref(data);
                return {0, 0};
            }
            case USBDEVFS_IOCTL: {
                if (gone_) return {-1, ENODEV};
                UMockdevIoctlData* data = resolve(arg, 0, sizeof(usbdevfs_ioctl));
                const int code = reinterpret_cast<usbdevfs_ioctl*>(data->data)->ioctl_code;
                g_object_unref(data);
                if (code == static_cast<int>(USBDEVFS_DISCONNECT)) {
                    if (!driver_bound) return {-1, ENODATA};
                    if (behaviour_.detach_refused) return {-1, EPERM};
                    detached_ = true;
                    ++detaches_;
                    return {0, 0};
                }
                if (code == static_cast<int>(USBDEVFS_CONNECT)) {
                    detached_ = false;
                    ++reattaches_;
                    return {0, 0};
                }
                return {-1, ENOTTY};
            }
            case USBDEVFS_CLAIMINTERFACE:
                if (gone_) return {-1, ENODEV};
                if (driver_bound || behaviour_.claimed_elsewhere) return {-1, EBUSY};
                claimed_ = true;
                ++claims_;
                return {0, 0};
            case USBDEVFS_RELEASEINTERFACE:
                if (gone_) return {-1, ENODEV};
                claimed_ = false;
                ++releases_;
                return {0, 0};
            default: return {-1, ENOTTY};  // GET_CAPABILITIES, DISCONNECT_CLAIM...: as an older kernel
        }
    }

    std::pair<long, int> submit(UMockdevIoctlData* arg) {
        if (gone_) return {-1, ENODEV};
        UMockdevIoctlData* data = resolve(arg, 0, sizeof(usbdevfs_urb));
        const usbdevfs_urb& request = *reinterpret_cast<usbdevfs_urb*>(data->data);
        if (request.type != USBDEVFS_URB_TYPE_BULK) {  // string descriptors: this printer has none
            g_object_unref(data);
            return {-1, EPIPE};
        }
        const auto length = static_cast<std::size_t>(request.buffer_length);
        Urb urb{data, resolve(data, offsetof(usbdevfs_urb, buffer), length), (request.endpoint & 0x80) == 0, 0, false};
        if (urb.buffer) g_object_unref(urb.buffer);  // the URB's data keeps it alive
        if (urb.out) {
            out_urb_lengths_.push_back(length);
            const auto* bytes = urb.buffer ? urb.buffer->data : nullptr;
            std::size_t take = std::min({length, behaviour_.accept_per_urb,
                                         behaviour_.stall_after - std::min(behaviour_.stall_after, received_.size())});
            if (behaviour_.vanish_after && received_.size() + take > *behaviour_.vanish_after) {
                take = *behaviour_.vanish_after - std::min(*behaviour_.vanish_after, received_.size());
                received_.insert(received_.end(), bytes, bytes + take);
                urb.accepted = take;
                finish(urb, -ESHUTDOWN);
                gone_ = true;
            } else {
                received_.insert(received_.end(), bytes, bytes + take);
                urb.accepted = take;
                if (take == length) finish(urb, 0);  // else it waits for libusb's timeout to cancel it
                if (length == 3 && bytes[0] == 0x10 && bytes[1] == 0x04 && take == length && behaviour_.status_reply)
                    input_.push_back({*behaviour_.status_reply});
            }
        }
        urbs_.push_back(urb);
        answer_waiting_reads();
        return {0, 0};
    }

    // An IN URB gets one packet; a printer with nothing to say NAKs until libusb gives up.
    void answer_waiting_reads() {
        for (Urb& urb : urbs_) {
            if (urb.out || urb.done || input_.empty()) continue;
            const std::vector<std::uint8_t> packet = input_.front();
            input_.pop_front();
            std::memcpy(urb.buffer->data, packet.data(), packet.size());
            urb.accepted = packet.size();
            finish(urb, 0);
        }
    }

    static void finish(Urb& urb, int status) {
        fields(urb).status = status;
        fields(urb).actual_length = static_cast<int>(urb.accepted);
        urb.done = true;
    }

    std::pair<long, int> reap(UMockdevIoctlData* arg) {
        for (auto it = urbs_.begin(); it != urbs_.end(); ++it) {
            if (!it->done) continue;
            UMockdevIoctlData* pointer = resolve(arg, 0, sizeof(void*));  // the caller's struct usbdevfs_urb *
            umockdev_ioctl_data_set_ptr(pointer, 0, it->data);
            g_object_unref(pointer);
            g_object_unref(it->data);
            urbs_.erase(it);
            return {0, 0};
        }
        return {-1, gone_ ? ENODEV : EAGAIN};
    }

    // libusb cancels a transfer at its timeout: the URB comes back -ENOENT with what went through.
    std::pair<long, int> discard(gulong client_address) {
        for (Urb& urb : urbs_) {
            if (urb.data->client_addr != client_address || urb.done) continue;
            finish(urb, -ENOENT);
            return {0, 0};
        }
        return {-1, EINVAL};
    }

    UMockdevTestbed* testbed_;
    const char* node_;
    Behaviour behaviour_;
    UMockdevIoctlBase* handler_;
    mutable std::mutex mutex_;
    std::vector<Urb> urbs_;
    std::deque<std::vector<std::uint8_t>> input_;
    std::vector<std::uint8_t> received_;
    std::vector<std::size_t> out_urb_lengths_;
    bool detached_ = false, claimed_ = false, gone_ = false;
    int detaches_ = 0, reattaches_ = 0, claims_ = 0, releases_ = 0;
};

class Testbed : public ::testing::Test {
protected:
    void SetUp() override {
        // umockdev_in_mock_environment() says false under umockdev-wrapper (0.17): look for the preload itself.
        const char* preload = std::getenv("LD_PRELOAD");
        if (!preload || !std::strstr(preload, "umockdev-preload"))
            GTEST_SKIP() << "run through ctest: it starts this under umockdev-wrapper";
        testbed_ = umockdev_testbed_new();
        add("root_hubs");
        add("clone_0416_5011");
    }
    void TearDown() override {
        peer_.reset();
        if (testbed_) g_object_unref(testbed_);
    }

    void add(const std::string& device) {
        GError* error = nullptr;
        if (!umockdev_testbed_add_from_file(testbed_, (devices_dir + device + ".umockdev").c_str(), &error)) {
            ADD_FAILURE() << device << ": " << error->message;
            g_error_free(error);
        }
    }

    PrinterPeer& printer(Behaviour behaviour = {}) {
        peer_.reset();  // one handler per device node
        peer_ = std::make_unique<PrinterPeer>(testbed_, clone_node, std::move(behaviour));
        return *peer_;
    }

    // Interface 2-1:1.0 in sysfs with its driver link, as the kernel shows a bound usblp.
    void bind_in_sysfs(const char* driver) {
        const char* attributes[] = {"bInterfaceNumber", "00", "bInterfaceClass", "07", nullptr};
        const char* properties[] = {"DEVTYPE", "usb_interface", "DRIVER", driver, nullptr};
        gchar* path = umockdev_testbed_add_devicev(testbed_, "usb", "2-1:1.0", clone_sysfs, const_cast<gchar**>(attributes),
                                                   const_cast<gchar**>(properties));
        umockdev_testbed_set_attribute_link(testbed_, path, "driver",
                                            (std::string("../../../../../../../bus/usb/drivers/") + driver).c_str());
        g_free(path);
    }

    static TransportOptions options(milliseconds write_timeout = milliseconds(2000),
                                    milliseconds status_timeout = milliseconds(300)) {
        TransportOptions result;
        result.write_timeout = write_timeout;
        result.status_timeout = status_timeout;
        return result;
    }

    static std::unique_ptr<Transport> open_clone(const TransportOptions& with = options()) {
        return open_usb(parse_usb_selector("0416:5011"), with);
    }

    UMockdevTestbed* testbed_ = nullptr;
    std::unique_ptr<PrinterPeer> peer_;
};

// Scenario 5: a printer that never takes the data (paper out with a full buffer, cover open).
TEST_F(Testbed, StalledPrinterTimesOutAfterWriteTimeoutWithoutProgress) {
    PrinterPeer& peer = printer({.stall_after = 0});
    const auto job = read_job("receipt.bin");
    const auto transport = open_clone(options(milliseconds(300)));
    const auto start = Steady::now();
    try {
        transport->write(job);
        FAIL() << "a stalled printer took the job";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::timeout) << error.detail();
        EXPECT_NE(error.detail().find("after 0 of " + std::to_string(job.size()) + " bytes"), std::string::npos) << error.detail();
        EXPECT_NE(error.detail().find("0416:5011"), std::string::npos) << error.detail();
    }
    const auto waited = elapsed_ms(start);
    EXPECT_GE(waited, 290) << "gave up before write_timeout";
    EXPECT_LT(waited, 3000) << "waited far beyond write_timeout";
    EXPECT_TRUE(peer.received().empty());
}

TEST_F(Testbed, SlowPrinterGetsTheRestResumedFromWhatWentThrough) {
    // Each URB takes 1000 bytes, then waits until libusb's timeout cancels it with actual_length 1000.
    PrinterPeer& peer = printer({.accept_per_urb = 1000});
    auto job = read_job("raster_40k.bin");
    job.resize(2500);
    const auto transport = open_clone(options(milliseconds(100)));
    EXPECT_NO_THROW(transport->write(job));
    EXPECT_EQ(peer.received(), job) << "bytes lost or repeated when resuming";
    EXPECT_EQ(peer.out_urb_lengths(), (std::vector<std::size_t>{2500, 1500, 500}));
}

TEST_F(Testbed, PrinterThatStopsMidJobTimesOutNamingTheBytesSent) {
    PrinterPeer& peer = printer({.stall_after = 1000});
    auto job = read_job("raster_40k.bin");
    job.resize(3000);
    const auto transport = open_clone(options(milliseconds(150)));
    try {
        transport->write(job);
        FAIL() << "a stalled printer took the job";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::timeout) << error.detail();
        EXPECT_NE(error.detail().find("after 1000 of 3000 bytes"), std::string::npos) << error.detail();
    }
    EXPECT_EQ(peer.received(), std::vector<std::uint8_t>(job.begin(), job.begin() + 1000));
}

TEST_F(Testbed, LargeJobGoesOutInUrbsOfAtMostSixteenKib) {
    PrinterPeer& peer = printer();
    const auto job = read_job("raster_40k.bin");
    open_clone()->write(job);
    EXPECT_EQ(peer.received(), job);
    EXPECT_EQ(peer.out_urb_lengths(), (std::vector<std::size_t>{16384, 16384, job.size() - 32768}));
}

// Scenario 4 (testbed half): unplugged during the second URB, then gone from sysfs and /dev.
TEST_F(Testbed, VanishedPrinterFailsTheJobAndIsNotFoundAfterwards) {
    PrinterPeer& peer = printer({.vanish_after = 16384});
    const auto job = read_job("raster_40k.bin");
    {
        const auto transport = open_clone();
        try {
            transport->write(job);
            FAIL() << "the job went through a vanished printer";
        } catch (const PrinterError& error) {
            EXPECT_EQ(error.code(), PrinterErrorCode::disconnected) << error.detail();
            EXPECT_NE(error.detail().find("after 16384 of " + std::to_string(job.size()) + " bytes"), std::string::npos)
                << error.detail();
        }
        EXPECT_EQ(peer.received().size(), 16384u);
    }  // closing a vanished printer does not throw
    umockdev_testbed_uevent(testbed_, clone_sysfs, "remove");
    umockdev_testbed_remove_device(testbed_, clone_sysfs);
    try {
        open_clone();
        FAIL() << "opened a printer that is gone";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::not_found) << error.detail();
    }
    EXPECT_TRUE(list_usb_printers().empty());
}

// DLE EOT against a real pipe: packets in order, a stale one first.
TEST_F(Testbed, StatusDrainsAStaleByteBeforeAsking) {
    PrinterPeer& peer = printer({.status_reply = 0x72, .stale_packets = {0x1E}});
    const auto transport = open_clone();
    EXPECT_EQ(transport->real_time_status(4), std::optional<std::uint8_t>(0x72)) << "took the stale 0x1E for the answer";
    EXPECT_EQ(peer.received(), (std::vector<std::uint8_t>{0x10, 0x04, 0x04}));
}

TEST_F(Testbed, StatusIsNothingWhenThePrinterDoesNotAnswer) {
    PrinterPeer& peer = printer({.status_reply = std::nullopt});
    const auto transport = open_clone(options(milliseconds(2000), milliseconds(150)));
    const auto start = Steady::now();
    EXPECT_EQ(transport->real_time_status(1), std::nullopt);
    const auto waited = elapsed_ms(start);
    EXPECT_GE(waited, 145);
    EXPECT_LT(waited, 2000);
    EXPECT_EQ(peer.received(), (std::vector<std::uint8_t>{0x10, 0x04, 0x01}));
}

TEST_F(Testbed, UsblpIsDetachedOnOpenAndReattachedOnClose) {
    bind_in_sysfs("usblp");
    PrinterPeer& peer = printer({.kernel_driver = "usblp"});
    const auto listed = list_usb_printers();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_TRUE(listed[0].can_open);
    EXPECT_EQ(listed[0].problem, "the usblp kernel driver holds interface 0");
    EXPECT_EQ(listed[0].fix, "the till detaches it automatically, or run `sudo rmmod usblp`");
    {
        const auto transport = open_clone();
        EXPECT_EQ(peer.detaches(), 1);
        EXPECT_EQ(peer.claims(), 1);
        transport->write(std::vector<std::uint8_t>{0x1B, 0x40});
        EXPECT_EQ(peer.reattaches(), 0);
    }
    EXPECT_EQ(peer.releases(), 1);
    EXPECT_EQ(peer.reattaches(), 1) << "the kernel driver was not given its printer back";
}

TEST_F(Testbed, UsblpThatCannotBeDetachedIsBusyNamingIt) {
    bind_in_sysfs("usblp");
    printer({.kernel_driver = "usblp", .detach_refused = true});
    try {
        open_clone();
        FAIL() << "claimed an interface usblp holds";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::busy) << error.detail();
        EXPECT_NE(error.detail().find("usblp kernel driver"), std::string::npos) << error.detail();
        EXPECT_NE(error.detail().find("sudo rmmod usblp"), std::string::npos) << error.detail();
        EXPECT_NE(error.detail().find("0416:5011 (bus 002, device 002)"), std::string::npos) << error.detail();
    }
}

TEST_F(Testbed, PrinterClaimedByAnotherProgramIsBusy) {
    printer({.claimed_elsewhere = true});
    try {
        open_clone();
        FAIL() << "claimed an interface another program holds";
    } catch (const PrinterError& error) {
        EXPECT_EQ(error.code(), PrinterErrorCode::busy) << error.detail();
        EXPECT_NE(error.detail().find("another program"), std::string::npos) << error.detail();
    }
    const auto listed = list_usb_printers();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_FALSE(listed[0].can_open);
    EXPECT_EQ(listed[0].problem, "another program holds interface 0 of /dev/bus/usb/002/002");
    EXPECT_FALSE(listed[0].fix.empty());
}

// What an unprivileged till sees of a device node it may not open. As root (CI containers), a child
// process drops to nobody; otherwise the node is made unreadable for us.
struct PermissionOutcome {
    std::string open_code, open_detail, can_open, problem, fix;
};

PermissionOutcome observe_without_permission() {
    PermissionOutcome outcome;
    try {
        open_usb(parse_usb_selector("0416:5011"), {});
        outcome.open_code = "opened";
    } catch (const PrinterError& error) {
        outcome.open_code = to_string(error.code());
        outcome.open_detail = error.detail();
    }
    const auto listed = list_usb_printers();
    if (listed.size() == 1) {
        outcome.can_open = listed[0].can_open ? "yes" : "no";
        outcome.problem = listed[0].problem;
        outcome.fix = listed[0].fix;
    }
    return outcome;
}

TEST_F(Testbed, DeviceNodeWithoutPermissionAsksForTheUdevRule) {
    printer();
    gchar* root_dir = umockdev_testbed_get_root_dir(testbed_);
    const std::string root = root_dir;
    g_free(root_dir);
    PermissionOutcome outcome;
    if (geteuid() != 0) {
        ASSERT_EQ(chmod((root + clone_node).c_str(), 0), 0);
        outcome = observe_without_permission();
    } else {
        // The testbed directory is private to its creator, and libusb's udev monitor binds a socket in it.
        ASSERT_EQ(chmod(root.c_str(), 01777), 0);
        ASSERT_EQ(chmod((root + clone_node).c_str(), 0600), 0);
        // umockdev's preload connects to the node's ioctl socket before opening the node itself.
        ASSERT_EQ(chmod((root + "/ioctl" + clone_node).c_str(), 0666), 0);
        int pipe_fds[2];
        ASSERT_EQ(pipe(pipe_fds), 0);
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            close(pipe_fds[0]);
            constexpr gid_t nogroup = 65534;
            constexpr uid_t nobody = 65534;
            if (setgroups(0, nullptr) != 0 || setgid(nogroup) != 0 || setuid(nobody) != 0) _exit(2);
            const PermissionOutcome seen = observe_without_permission();
            std::string text;
            for (const std::string* field : {&seen.open_code, &seen.open_detail, &seen.can_open, &seen.problem, &seen.fix})
                text += *field + '\0';
            const bool written = ::write(pipe_fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size());
            _exit(written ? 0 : 3);
        }
        close(pipe_fds[1]);
        std::string text;
        char buffer[4096];
        for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
        close(pipe_fds[0]);
        int status = 0;
        waitpid(child, &status, 0);
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the unprivileged child failed: " << status;
        std::vector<std::string> fields;
        for (std::size_t start = 0, end; (end = text.find('\0', start)) != std::string::npos; start = end + 1)
            fields.push_back(text.substr(start, end - start));
        ASSERT_EQ(fields.size(), 5u);
        outcome = {fields[0], fields[1], fields[2], fields[3], fields[4]};
    }
    const std::string rule = R"(SUBSYSTEM=="usb", ATTRS{idVendor}=="0416", ATTRS{idProduct}=="5011", MODE="0660", GROUP="lp", TAG+="uaccess")";
    EXPECT_EQ(outcome.open_code, to_string(PrinterErrorCode::permission)) << outcome.open_detail;
    EXPECT_NE(outcome.open_detail.find("/dev/bus/usb/002/002"), std::string::npos) << outcome.open_detail;
    EXPECT_NE(outcome.open_detail.find("udev rule"), std::string::npos) << outcome.open_detail;
    EXPECT_NE(outcome.open_detail.find(rule), std::string::npos) << outcome.open_detail;
    EXPECT_EQ(outcome.can_open, "no");
    EXPECT_EQ(outcome.problem, "permission denied on /dev/bus/usb/002/002");
    EXPECT_EQ(outcome.fix, rule);
}

TEST_F(Testbed, HotplugWatchSeesAPrinterArriveAndLeave) {
    std::mutex mutex;
    std::condition_variable changed;
    int changes = 0;
    auto watch = watch_usb_hotplug([&] {
        std::lock_guard lock(mutex);
        ++changes;
        changed.notify_all();
    });
    if (!watch) GTEST_SKIP() << "libusb has no hotplug support here";
    const auto wait_for = [&](int count) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(5), [&] { return changes >= count; });
    };
    add("epson_04b8_0e28");
    umockdev_testbed_uevent(testbed_, epson_sysfs, "add");
    EXPECT_TRUE(wait_for(1)) << "no callback when the Epson arrived";
    umockdev_testbed_uevent(testbed_, epson_sysfs, "remove");
    umockdev_testbed_remove_device(testbed_, epson_sysfs);
    EXPECT_TRUE(wait_for(2)) << "no callback when the Epson left";
    watch.reset();  // stops and joins the event thread
    const int seen = changes;
    add("epson_04b8_0e28");
    umockdev_testbed_uevent(testbed_, epson_sysfs, "add");
    std::this_thread::sleep_for(milliseconds(200));
    std::lock_guard lock(mutex);
    EXPECT_EQ(changes, seen) << "a callback after the watch was destroyed";
}

// The whole path: a sale recorded, its receipt queued, the print queue's thread on the real libusb
// transport. Paper out holds the job (the sale stays intact); paper back, it prints byte-exact.
class QueueOnUsb : public Testbed {
protected:
    void SetUp() override {
        Testbed::SetUp();
        if (IsSkipped()) return;
        path_ = dir_.file("q.db");
        till_ = testing::demo_till(path_);
        ticket_ = till_->sell(testing::as(*till_, "Lucie"), testing::sell_text({"MAFE*2", "EAU", "ECHARPE"}, std::nullopt, {"cash:100"})).ticket;
    }
    PrinterConfig config() const {
        PrinterConfig c;
        c.uri = "usb:0416:5011";
        c.profile = "pos-5890";
        c.retry_delay = milliseconds(20);
        c.held_poll = milliseconds(50);
        c.max_attempts = 2;
        c.transport = options();
        // No hotplug thread: unplugging below must not race a reopen against umockdev swapping the
        // emulated printer (its preload aborts on an ioctl with no handler attached).
        c.watch_usb_hotplug = false;
        return c;
    }
    // What the printer received, without the DLE EOT queries the queue asks before each job.
    static std::vector<std::uint8_t> without_status_queries(const std::vector<std::uint8_t>& bytes) {
        std::vector<std::uint8_t> out;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i + 2 < bytes.size() && bytes[i] == 0x10 && bytes[i + 1] == 0x04 && out.empty()) { i += 2; continue; }
            out.push_back(bytes[i]);
        }
        return out;
    }
    testing::TempDir dir_;
    std::string path_;
    std::unique_ptr<Till> till_;
    std::int64_t ticket_ = 0;
};

TEST_F(QueueOnUsb, PaperOutHoldsTheReceiptThenItPrintsByteExact) {
    PrinterPeer& peer = printer({.status_reply = 0x72});  // DLE EOT 4: paper end sensor
    const auto receipt = customer_receipt(*till_, ticket_);
    PrintQueue queue(config());
    const auto id = queue.submit(PrintJobKind::receipt, receipt.doc, ticket_);
    EXPECT_FALSE(queue.wait(id, milliseconds(400)));
    EXPECT_EQ(queue.job(id)->state, PrintJobState::held);
    EXPECT_EQ(queue.job(id)->detail, "paper out");
    EXPECT_EQ(queue.status().summary(), "paper out");
    EXPECT_TRUE(without_status_queries(peer.received()).empty()) << "receipt bytes sent with no paper";
    EXPECT_TRUE(db::verify_ledger(path_).ok);  // the sale is intact
    EXPECT_EQ(db::last_ticket(till_->ledger()), ticket_);

    peer.set_status_reply(0x12);  // a new roll
    EXPECT_TRUE(queue.wait(id, std::chrono::seconds(5)));
    const auto expected = encode_escpos(receipt.doc, *find_profile("pos-5890"), nullptr);
    EXPECT_EQ(without_status_queries(peer.received()), expected);
    EXPECT_EQ(queue.job(id)->printed_to.rfind("usb:0416:5011", 0), 0u) << queue.job(id)->printed_to;
}

TEST_F(QueueOnUsb, PrinterVanishingMidReceiptFailsClearlyAndTheJobCanBeRetried) {
    printer({.vanish_after = 100, .status_reply = 0x12});
    const auto receipt = duplicate_receipt(*till_, testing::as(*till_, "Karim"), ticket_);  // journaled before it prints
    PrintQueue queue(config());
    const auto id = queue.submit(PrintJobKind::duplicate, receipt.doc, ticket_);
    EXPECT_FALSE(queue.wait(id, std::chrono::seconds(10)));
    const auto failed = queue.job(id).value();
    EXPECT_EQ(failed.state, PrintJobState::failed);
    EXPECT_NE(failed.detail.find("printer disconnected"), std::string::npos) << failed.detail;
    umockdev_testbed_uevent(testbed_, clone_sysfs, "remove");
    umockdev_testbed_remove_device(testbed_, clone_sysfs);
    EXPECT_TRUE(db::verify_ledger(path_).ok);

    add("clone_0416_5011");  // plugged back in
    PrinterPeer& back = printer({.status_reply = 0x12});  // 0x12 to every DLE EOT: online, closed, paper in
    EXPECT_TRUE(queue.retry(id));
    EXPECT_TRUE(queue.wait(id, std::chrono::seconds(5))) << to_string(queue.job(id)->state) << ": " << queue.job(id)->detail;
    EXPECT_EQ(without_status_queries(back.received()), encode_escpos(receipt.doc, *find_profile("pos-5890"), nullptr));
}

}  // namespace
}  // namespace caisse::drivers
