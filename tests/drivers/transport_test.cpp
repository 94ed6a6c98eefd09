// tcp://, file: and screen: transports, and printer URIs, against real sockets and files.
#include "drivers/transport.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "drivers/printer_error.hpp"
#include "drivers/status.hpp"

namespace caisse::drivers {
namespace {

using namespace std::chrono_literals;

// A listener on 127.0.0.1 with an ephemeral port.
class Listener {
public:
    explicit Listener(int receive_buffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        EXPECT_EQ(::listen(fd_, 4), 0);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
    }
    ~Listener() { ::close(fd_); }
    int port() const { return port_; }
    int accept_one() { return ::accept(fd_, nullptr, nullptr); }
    std::string uri() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

private:
    int fd_ = -1, port_ = 0;
};

// A port nobody listens on: bind, read the port, close.
int closed_port() {
    Listener l;
    return l.port();
}

TEST(TcpTransport, DeliversEveryByte) {
    Listener listener;
    std::vector<std::uint8_t> got;
    std::thread peer([&] {
        const int c = listener.accept_one();
        std::uint8_t buf[4096];
        for (ssize_t n; (n = ::read(c, buf, sizeof buf)) > 0;) got.insert(got.end(), buf, buf + n);
        ::close(c);
    });
    std::vector<std::uint8_t> job(100000);
    for (std::size_t i = 0; i < job.size(); ++i) job[i] = static_cast<std::uint8_t>(i * 7);
    {
        auto t = open_transport(listener.uri());
        EXPECT_EQ(t->describe(), listener.uri());
        t->write(job);
    }
    peer.join();
    EXPECT_EQ(got, job);
}

TEST(TcpTransport, APeerThatStopsReadingTimesOutInsteadOfHanging) {
    Listener listener(4096);
    std::atomic<bool> done{false};
    std::thread peer([&] {
        const int c = listener.accept_one();  // accepts, never reads
        while (!done) std::this_thread::sleep_for(10ms);
        ::close(c);
    });
    TransportOptions options;
    options.write_timeout = 300ms;
    auto t = open_transport(listener.uri(), options);
    const std::vector<std::uint8_t> big(64 << 20, 0x41);
    const auto start = std::chrono::steady_clock::now();
    try {
        t->write(big);
        ADD_FAILURE() << "64 MiB written to a peer that never reads";
    } catch (const PrinterError& e) {
        EXPECT_EQ(e.code(), PrinterErrorCode::timeout);
        EXPECT_NE(e.detail().find("no progress for 300 ms"), std::string::npos) << e.detail();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    done = true;
    peer.join();
}

TEST(TcpTransport, ARefusedConnectionIsNamed) {
    const int port = closed_port();
    try {
        open_transport("tcp://127.0.0.1:" + std::to_string(port));
        ADD_FAILURE() << "connected";
    } catch (const PrinterError& e) {
        EXPECT_EQ(e.code(), PrinterErrorCode::refused);
        EXPECT_NE(e.detail().find(std::to_string(port)), std::string::npos) << e.detail();
    }
}

TEST(TcpTransport, ReadsTheStatusReplyAndSkipsStaleBytes) {
    Listener listener;
    std::thread peer([&] {
        const int c = listener.accept_one();
        const std::uint8_t stale = 0x99;
        if (::write(c, &stale, 1) != 1) ADD_FAILURE() << "the peer could not send its stale byte";  // left over from an earlier query
        std::uint8_t q[3];
        std::size_t got = 0;
        while (got < 3) {
            const ssize_t n = ::read(c, q + got, 3 - got);
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        const std::uint8_t reply = (q[2] == 4) ? 0x72 : 0x16;  // paper out
        if (::write(c, &reply, 1) != 1) ADD_FAILURE() << "the peer could not send its reply";
        std::uint8_t rest[16];
        while (::read(c, rest, sizeof rest) > 0) {}
        ::close(c);
    });
    auto t = open_transport(listener.uri());
    std::this_thread::sleep_for(50ms);  // let the stale byte arrive
    const auto reply = t->real_time_status(4);
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(*reply, 0x72);
    EXPECT_TRUE(decode_status(std::nullopt, std::nullopt, reply).paper_out);
    t.reset();
    peer.join();
}

TEST(TcpTransport, SilentPrinterGivesNoStatusWithinTheTimeout) {
    Listener listener;
    std::thread peer([&] {
        const int c = listener.accept_one();
        std::uint8_t rest[16];
        while (::read(c, rest, sizeof rest) > 0) {}
        ::close(c);
    });
    TransportOptions options;
    options.status_timeout = 100ms;
    auto t = open_transport(listener.uri(), options);
    EXPECT_FALSE(t->real_time_status(1).has_value());
    EXPECT_FALSE(query_status(*t).known);
    t.reset();
    peer.join();
}

TEST(FileTransport, AppendsToAPlainFileAndNeverCreatesDevices) {
    const auto dir = std::filesystem::temp_directory_path() / ("caisse-ft-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "out.bin";
    open_transport("file:" + file.string())->write(std::vector<std::uint8_t>{1, 2, 3});
    open_transport("file://" + file.string())->write(std::vector<std::uint8_t>{4});
    std::ifstream in(file, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(content, std::string("\x01\x02\x03\x04"));
    try {
        open_transport("file:/dev/usb/caisse-no-such-lp9");
        ADD_FAILURE() << "opened";
    } catch (const PrinterError& e) {
        EXPECT_EQ(e.code(), PrinterErrorCode::not_found);
    }
    EXPECT_FALSE(std::filesystem::exists("/dev/usb/caisse-no-such-lp9"));
    std::filesystem::remove_all(dir);
}

TEST(ScreenTransport, KeepsEachJobAsAFile) {
    const auto dir = std::filesystem::temp_directory_path() / ("caisse-screen-" + std::to_string(::getpid()));
    TransportOptions options;
    options.screen_dir = dir.string();
    auto t = open_transport("screen:", options);
    t->write(std::vector<std::uint8_t>{0x1B, 0x40});
    t->write(std::vector<std::uint8_t>{0x1B, 0x40});
    EXPECT_FALSE(t->can_read_status());
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 2);
    std::filesystem::remove_all(dir);
}

TEST(PrinterUri, BadUrisAreRefusedWithTheirText) {
    for (const char* uri : {"", "lpt1", "usb:", "usb:zz:1", "usb:0416", "tcp://", "tcp://host:0", "tcp://host:99999",
                            "tcp://host:abc", "tcp://[::1", "file:", "bluetooth:aa"}) {
        try {
            check_printer_uri(uri);
            ADD_FAILURE() << "accepted " << uri;
        } catch (const PrinterError& e) {
            EXPECT_EQ(e.code(), PrinterErrorCode::bad_uri) << uri;
            EXPECT_NE(e.detail().find(std::string("\"") + uri + "\""), std::string::npos) << e.detail();
        }
    }
    for (const char* uri : {"auto", "screen:", "usb:auto", "usb:0416:5011", "usb:04b8:0e28:SN1", "tcp://10.0.0.5",
                            "tcp://printer.local:9100", "tcp://[::1]:9100", "file:/dev/usb/lp0"})
        EXPECT_NO_THROW(check_printer_uri(uri)) << uri;
}

}  // namespace
}  // namespace caisse::drivers
