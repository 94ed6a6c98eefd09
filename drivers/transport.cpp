#include "drivers/transport.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "drivers/printer_error.hpp"
#include "drivers/usb.hpp"

namespace caisse::drivers {
namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

// Owns a file descriptor.
class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() { if (fd_ >= 0) ::close(fd_); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

int remaining_ms(Steady::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Steady::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

// Writes everything to a non-blocking fd; the timeout restarts whenever bytes move.
void write_all(int fd, std::span<const std::uint8_t> bytes, milliseconds timeout, const std::string& what, bool socket) {
    std::size_t done = 0;
    auto deadline = Steady::now() + timeout;
    while (done < bytes.size()) {
        const ssize_t n = socket ? ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL)
                                 : ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            deadline = Steady::now() + timeout;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            const int err = errno;
            const auto code = (err == EPIPE || err == ECONNRESET || err == ENODEV || err == ENXIO) ? PrinterErrorCode::disconnected
                                                                                                 : PrinterErrorCode::io;
            throw PrinterError(code, what + ": " + std::strerror(err) + " after " + std::to_string(done) + " of " +
                                         std::to_string(bytes.size()) + " bytes");
        }
        pollfd p{fd, POLLOUT, 0};
        const int left = remaining_ms(deadline);
        if (left == 0 || ::poll(&p, 1, left) == 0)
            throw PrinterError(PrinterErrorCode::timeout, what + ": no progress for " + std::to_string(timeout.count()) +
                                                              " ms after " + std::to_string(done) + " of " +
                                                              std::to_string(bytes.size()) + " bytes");
        if (p.revents & (POLLERR | POLLHUP))
            throw PrinterError(PrinterErrorCode::disconnected, what + ": the printer closed the connection after " +
                                                                   std::to_string(done) + " bytes");
    }
}

PrinterErrorCode code_of_errno(int err) {
    switch (err) {
        case ENOENT: case ENODEV: case ENXIO: return PrinterErrorCode::not_found;
        case EACCES: case EPERM: return PrinterErrorCode::permission;
        case EBUSY: return PrinterErrorCode::busy;
        default: return PrinterErrorCode::io;
    }
}

class FileTransport final : public Transport {
public:
    FileTransport(std::string path, const TransportOptions& options) : path_(std::move(path)), options_(options) {
        // Never create files under /dev: a missing /dev/usb/lp0 is an unplugged printer, not a new file.
        const bool device = path_.rfind("/dev/", 0) == 0;
        const int flags = O_WRONLY | O_CLOEXEC | O_NONBLOCK | (device ? 0 : (O_CREAT | O_APPEND));
        fd_ = ::open(path_.c_str(), flags, 0644);
        if (fd_ < 0) {
            const int err = errno;
            throw PrinterError(code_of_errno(err), "file:" + path_ + ": " + std::strerror(err));
        }
    }
    ~FileTransport() override { if (fd_ >= 0) ::close(fd_); }
    std::string describe() const override { return "file:" + path_; }
    void write(std::span<const std::uint8_t> bytes) override {
        write_all(fd_, bytes, options_.write_timeout, describe(), false);
    }
    std::optional<std::uint8_t> real_time_status(std::uint8_t) override { return std::nullopt; }
    bool can_read_status() const override { return false; }

private:
    std::string path_;
    TransportOptions options_;
    int fd_ = -1;
};

class TcpTransport final : public Transport {
public:
    TcpTransport(std::string host, std::string port, const TransportOptions& options)
        : host_(std::move(host)), port_(std::move(port)), options_(options) {
        addrinfo hints{};
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        if (const int rc = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found); rc != 0)
            throw PrinterError(PrinterErrorCode::not_found, describe() + ": " + ::gai_strerror(rc));
        std::string last_error = "no address";
        PrinterErrorCode last_code = PrinterErrorCode::not_found;
        for (auto* a = found; a && fd_ < 0; a = a->ai_next) {
            const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
            if (fd < 0) continue;
            if (connect_with_timeout(fd, a, last_code, last_error)) fd_ = fd;
            else ::close(fd);
        }
        ::freeaddrinfo(found);
        if (fd_ < 0) throw PrinterError(last_code, describe() + ": " + last_error);
    }
    ~TcpTransport() override { if (fd_ >= 0) ::close(fd_); }
    std::string describe() const override {
        const bool v6 = host_.find(':') != std::string::npos;
        return "tcp://" + (v6 ? "[" + host_ + "]" : host_) + ":" + port_;
    }
    void write(std::span<const std::uint8_t> bytes) override {
        write_all(fd_, bytes, options_.write_timeout, describe(), true);
    }
    std::optional<std::uint8_t> real_time_status(std::uint8_t n) override {
        std::uint8_t stale[64];
        while (::recv(fd_, stale, sizeof stale, MSG_DONTWAIT) > 0) {}
        const std::uint8_t query[3] = {0x10, 0x04, n};
        write_all(fd_, query, options_.write_timeout, describe(), true);
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(options_.status_timeout.count())) <= 0) return std::nullopt;
        std::uint8_t reply = 0;
        if (::recv(fd_, &reply, 1, MSG_DONTWAIT) != 1) return std::nullopt;
        return reply;
    }
    bool can_read_status() const override { return true; }

private:
    bool connect_with_timeout(int fd, const addrinfo* a, PrinterErrorCode& code, std::string& error) {
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) return true;
        if (errno != EINPROGRESS) {
            code = errno == ECONNREFUSED ? PrinterErrorCode::refused : PrinterErrorCode::io;
            error = std::strerror(errno);
            return false;
        }
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, static_cast<int>(options_.connect_timeout.count())) <= 0) {
            code = PrinterErrorCode::timeout;
            error = "no answer within " + std::to_string(options_.connect_timeout.count()) + " ms";
            return false;
        }
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err == 0) return true;
        code = err == ECONNREFUSED ? PrinterErrorCode::refused : PrinterErrorCode::io;
        error = std::strerror(err);
        return false;
    }

    std::string host_, port_;
    TransportOptions options_;
    int fd_ = -1;
};

// No printer: each job is kept as a file (job-N.escpos) for the screen to show.
class ScreenTransport final : public Transport {
public:
    explicit ScreenTransport(const TransportOptions& options) {
        dir_ = options.screen_dir.empty() ? std::filesystem::temp_directory_path() / "caisse-screen"
                                          : std::filesystem::path(options.screen_dir);
        std::error_code ec;
        std::filesystem::create_directories(dir_, ec);
        if (ec) throw PrinterError(code_of_errno(ec.value()), "screen:" + dir_.string() + ": " + ec.message());
    }
    std::string describe() const override { return "screen:" + dir_.string(); }
    void write(std::span<const std::uint8_t> bytes) override {
        static std::atomic<unsigned> counter{0};
        const auto stamp = std::chrono::system_clock::now().time_since_epoch() / std::chrono::microseconds(1);
        const auto path = dir_ / ("job-" + std::to_string(stamp) + "-" + std::to_string(counter++) + ".escpos");
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) throw PrinterError(code_of_errno(errno), describe() + ": " + std::strerror(errno));
        Fd owned(fd);
        write_all(fd, bytes, std::chrono::milliseconds(5000), describe(), false);
        last_job_ = path.string();
    }
    std::optional<std::uint8_t> real_time_status(std::uint8_t) override { return std::nullopt; }
    bool can_read_status() const override { return false; }
    const std::string& last_job() const { return last_job_; }

private:
    std::filesystem::path dir_;
    std::string last_job_;
};

struct ParsedUri {
    enum class Kind { usb, tcp, file, screen, automatic } kind;
    std::string a, b;  // usb: selector; tcp: host, port; file: path
};

ParsedUri parse_uri(const std::string& uri) {
    auto bad = [&](const std::string& why) {
        return PrinterError(PrinterErrorCode::bad_uri,
                            "\"" + uri + "\": " + why + " (expected usb:auto, usb:VID:PID[:SERIAL], tcp://HOST[:PORT], file:PATH, screen: or auto)");
    };
    if (uri == "auto") return {ParsedUri::Kind::automatic, {}, {}};
    if (uri == "screen:" || uri == "screen") return {ParsedUri::Kind::screen, {}, {}};
    if (uri.rfind("usb:", 0) == 0) {
        try {
            parse_usb_selector(uri.substr(4));
        } catch (const PrinterError& e) {
            throw bad(e.detail());
        }
        return {ParsedUri::Kind::usb, uri.substr(4), {}};
    }
    if (uri.rfind("file:", 0) == 0) {
        std::string path = uri.substr(5);
        if (path.rfind("//", 0) == 0) path = path.substr(2);  // file:///dev/usb/lp0
        if (path.empty()) throw bad("no path after file:");
        return {ParsedUri::Kind::file, path, {}};
    }
    if (uri.rfind("tcp://", 0) == 0) {
        std::string rest = uri.substr(6);
        if (!rest.empty() && rest.back() == '/') rest.pop_back();
        std::string host, port = "9100";
        if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
            const auto close = rest.find(']');
            if (close == std::string::npos) throw bad("unclosed [ in the host");
            host = rest.substr(1, close - 1);
            const std::string after = rest.substr(close + 1);
            if (!after.empty()) {
                if (after.front() != ':') throw bad("unexpected text after the host");
                port = after.substr(1);
            }
        } else {
            const auto colon = rest.rfind(':');
            host = rest.substr(0, colon);
            if (colon != std::string::npos) port = rest.substr(colon + 1);
        }
        if (host.empty()) throw bad("no host");
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(port) < 1 || std::stoi(port) > 65535)
            throw bad("port must be a number from 1 to 65535");
        return {ParsedUri::Kind::tcp, host, port};
    }
    throw bad("unknown printer kind");
}

}  // namespace

void check_printer_uri(const std::string& uri) { parse_uri(uri); }

std::optional<std::string> printer_file_path(const std::string& uri) {
    const ParsedUri parsed = parse_uri(uri);
    if (parsed.kind != ParsedUri::Kind::file) return std::nullopt;
    return parsed.a;
}

std::unique_ptr<Transport> open_transport(const std::string& uri, const TransportOptions& options) {
    const ParsedUri parsed = parse_uri(uri);
    switch (parsed.kind) {
        case ParsedUri::Kind::usb: return open_usb(parse_usb_selector(parsed.a), options);
        case ParsedUri::Kind::tcp: return std::make_unique<TcpTransport>(parsed.a, parsed.b, options);
        case ParsedUri::Kind::file: return std::make_unique<FileTransport>(parsed.a, options);
        case ParsedUri::Kind::screen: return std::make_unique<ScreenTransport>(options);
        case ParsedUri::Kind::automatic:
            for (const auto& found : list_usb_printers())
                if (found.can_open) return open_usb(parse_usb_selector(found.uri().substr(4)), options);
            return std::make_unique<ScreenTransport>(options);
    }
    throw PrinterError(PrinterErrorCode::bad_uri, uri);
}

}  // namespace caisse::drivers
