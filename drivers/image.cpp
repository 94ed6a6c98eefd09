#include "drivers/image.hpp"

#include <stb_image.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "drivers/printer_error.hpp"

// Pictures are decoded by stb_image (libstb), asked for grey + alpha; transparency is composed onto white
// paper. Only PNG, JPEG, BMP and GIF signatures are handed to stb_image: its other decoders (TGA above
// all) accept almost any bytes, and a logo is never one of those. Scaling and dithering use integers only.

namespace caisse::drivers {
namespace {

constexpr int kMaxSide = 4096;
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

bool starts_with(std::span<const std::uint8_t> bytes, std::string_view magic) {
    return bytes.size() >= magic.size() && std::memcmp(bytes.data(), magic.data(), magic.size()) == 0;
}

bool is_png_or_jpeg(std::span<const std::uint8_t> bytes) {
    return starts_with(bytes, "\x89PNG\r\n\x1a\n") || starts_with(bytes, "\xFF\xD8\xFF");
}

bool known_signature(std::span<const std::uint8_t> bytes) {
    return starts_with(bytes, "\x89PNG\r\n\x1a\n") || starts_with(bytes, "\xFF\xD8\xFF") || starts_with(bytes, "BM") ||
           starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a");
}

[[noreturn]] void not_a_picture(const std::string& name, const std::string& why) {
    throw PrinterError(PrinterErrorCode::bad_image, name + ": not a picture (" + why + ")");
}

std::string stb_reason() {
    const char* r = stbi_failure_reason();  // thread-local in stb_image
    return r != nullptr ? r : "unknown error";
}

void check_shape(const GreyImage& image) {
    if (image.width < 0 || image.height < 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height))
        throw std::invalid_argument("GreyImage: pixel count does not match width x height");
}

// Area weights along one axis, from `from` source pixels to `to` (< from) target pixels. Source pixel s
// spans [s * to, (s + 1) * to) and target pixel t spans [t * from, (t + 1) * from) on a common scale, so
// every weight is an integer and the weights of one target pixel add up to `from`.
struct Span {
    int first;                // first source pixel
    std::vector<int> weight;  // weight of first, first + 1, ...
};

std::vector<Span> area_spans(int from, int to) {
    std::vector<Span> spans(static_cast<std::size_t>(to));
    for (int t = 0; t < to; ++t) {
        const std::int64_t lo = std::int64_t{t} * from, hi = std::int64_t{t + 1} * from;
        const int s0 = static_cast<int>(lo / to), s1 = static_cast<int>((hi - 1) / to);
        auto& span = spans[static_cast<std::size_t>(t)];
        span.first = s0;
        for (int s = s0; s <= s1; ++s) {
            const std::int64_t a = std::max(lo, std::int64_t{s} * to), b = std::min(hi, std::int64_t{s + 1} * to);
            span.weight.push_back(static_cast<int>(b - a));
        }
    }
    return spans;
}

}  // namespace

namespace {

// The checks every picture goes through, then stb_image's decoder asked for `channels` channels.
// Returns the pixels (width * height * channels bytes) and sets w, h.
std::unique_ptr<stbi_uc, void (*)(void*)> decode_checked(std::span<const std::uint8_t> bytes, const std::string& name, int channels,
                                                       bool png_jpeg_only, int& w, int& h) {
    if (bytes.empty()) not_a_picture(name, "empty file");
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) not_a_picture(name, "file too large");
    if (png_jpeg_only ? !is_png_or_jpeg(bytes) : !known_signature(bytes))
        not_a_picture(name, png_jpeg_only ? "unknown format; PNG or JPEG expected" : "unknown format; PNG, JPEG, BMP or GIF expected");
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int n = 0;
    // Dimensions first, so that a huge picture is refused before it is decoded.
    if (!stbi_info_from_memory(data, len, &w, &h, &n)) not_a_picture(name, stb_reason());
    if (w <= 0 || h <= 0) not_a_picture(name, "it has no pixels");
    if (w > kMaxSide || h > kMaxSide)
        throw PrinterError(PrinterErrorCode::bad_image, name + ": picture too large (" + std::to_string(w) + "x" +
                                                            std::to_string(h) + ", at most " + std::to_string(kMaxSide) +
                                                            "x" + std::to_string(kMaxSide) + ")");
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load_from_memory(data, len, &w, &h, &n, channels), stbi_image_free);
    if (!pixels) not_a_picture(name, stb_reason());
    if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide) not_a_picture(name, "inconsistent dimensions");
    return pixels;
}

std::vector<std::uint8_t> read_picture_file(const std::string& path, std::uintmax_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PrinterError(PrinterErrorCode::bad_image, path + ": cannot be read");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw PrinterError(PrinterErrorCode::bad_image, path + ": cannot be read");
    if (static_cast<std::uintmax_t>(size) > max_bytes)
        throw PrinterError(PrinterErrorCode::bad_image, path + ": not a picture (file too large)");
    in.seekg(0);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size))
        throw PrinterError(PrinterErrorCode::bad_image, path + ": cannot be read");
    return bytes;
}

}  // namespace

GreyImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name_for_errors) {
    int w = 0, h = 0;
    const auto grey_alpha = decode_checked(bytes, name_for_errors, 2, false, w, h);
    GreyImage out;
    out.width = w;
    out.height = h;
    out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    const stbi_uc* src = grey_alpha.get();
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
        const unsigned grey = src[2 * i], alpha = src[2 * i + 1];
        out.pixels[i] = static_cast<std::uint8_t>((grey * alpha + 255u * (255u - alpha) + 127u) / 255u);
    }
    return out;
}

GreyImage load_image(const std::string& path) { return decode_image(read_picture_file(path, kMaxFileBytes), path); }

RgbaImage decode_rgba(std::span<const std::uint8_t> bytes, const std::string& name_for_errors) {
    int w = 0, h = 0;
    const auto rgba = decode_checked(bytes, name_for_errors, 4, true, w, h);
    RgbaImage out;
    out.width = w;
    out.height = h;
    out.pixels.assign(rgba.get(), rgba.get() + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    return out;
}

RgbaImage load_rgba(const std::string& path, std::uintmax_t max_file_bytes) {
    return decode_rgba(read_picture_file(path, max_file_bytes), path);
}

RgbaImage fit_rgba(const RgbaImage& image, int max_width, int max_height) {
    if (image.width < 0 || image.height < 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
        throw std::invalid_argument("RgbaImage: pixel count does not match width x height x 4");
    if (max_width < 1 || max_height < 1) throw std::invalid_argument("fit_rgba: the box must be at least 1x1");
    const int W = image.width, H = image.height;
    if (W == 0 || H == 0 || (W <= max_width && H <= max_height)) return image;
    // The largest size within the box keeping proportions, at least one pixel a side.
    int w = max_width, h = static_cast<int>((std::int64_t{H} * max_width + W / 2) / W);
    if (h > max_height) {
        h = max_height;
        w = static_cast<int>((std::int64_t{W} * max_height + H / 2) / H);
    }
    w = std::clamp(w, 1, W);
    h = std::clamp(h, 1, H);
    const auto xs = area_spans(W, w), ys = area_spans(H, h);
    // Area average of colours weighted by alpha (premultiplied), so that transparent pixels lend no
    // colour to the edges; then back to straight alpha, as OpenGL's usual blending wants.
    const std::uint64_t total = std::uint64_t{static_cast<unsigned>(W)} * static_cast<unsigned>(H);
    RgbaImage out;
    out.width = w;
    out.height = h;
    out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    for (int y = 0; y < h; ++y) {
        const auto& ry = ys[static_cast<std::size_t>(y)];
        for (int x = 0; x < w; ++x) {
            const auto& rx = xs[static_cast<std::size_t>(x)];
            std::uint64_t sum[4] = {0, 0, 0, 0};
            for (std::size_t j = 0; j < ry.weight.size(); ++j) {
                const std::uint8_t* row = image.pixels.data() + (static_cast<std::size_t>(ry.first) + j) * static_cast<std::size_t>(W) * 4;
                for (std::size_t k = 0; k < rx.weight.size(); ++k) {
                    const std::uint8_t* px = row + (static_cast<std::size_t>(rx.first) + k) * 4;
                    const std::uint64_t wgt = std::uint64_t{static_cast<unsigned>(ry.weight[j])} * static_cast<unsigned>(rx.weight[k]);
                    const std::uint64_t a = px[3];
                    sum[0] += px[0] * a * wgt;
                    sum[1] += px[1] * a * wgt;
                    sum[2] += px[2] * a * wgt;
                    sum[3] += a * wgt;
                }
            }
            std::uint8_t* dst = out.pixels.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4;
            const std::uint64_t alpha_sum = sum[3];  // = alpha * total
            dst[3] = static_cast<std::uint8_t>((alpha_sum + total / 2) / total);
            for (int c = 0; c < 3; ++c)
                dst[c] = alpha_sum == 0 ? 0 : static_cast<std::uint8_t>(std::min<std::uint64_t>(255, (sum[c] + alpha_sum / 2) / alpha_sum));
        }
    }
    return out;
}

GreyImage fit_width(const GreyImage& image, int max_width) {
    check_shape(image);
    if (max_width < 1) throw std::invalid_argument("fit_width: max_width must be at least 1");
    if (image.width <= max_width) return image;
    const int W = image.width, H = image.height;
    const int w = max_width;
    const int h = static_cast<int>(std::max<std::int64_t>(1, (std::int64_t{H} * w + W / 2) / W));
    const auto xs = area_spans(W, w);
    // Horizontal pass: row sums weighted by x overlap (each at most 255 * W).
    std::vector<std::uint32_t> rows(static_cast<std::size_t>(w) * static_cast<std::size_t>(H));
    for (int y = 0; y < H; ++y) {
        const std::uint8_t* src = image.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(W);
        std::uint32_t* dst = rows.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
        for (int x = 0; x < w; ++x) {
            const auto& span = xs[static_cast<std::size_t>(x)];
            std::uint32_t sum = 0;
            for (std::size_t k = 0; k < span.weight.size(); ++k)
                sum += static_cast<std::uint32_t>(src[static_cast<std::size_t>(span.first) + k]) *
                       static_cast<std::uint32_t>(span.weight[k]);
            dst[x] = sum;
        }
    }
    GreyImage out;
    out.width = w;
    out.height = h;
    out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    const std::uint64_t total = std::uint64_t{static_cast<unsigned>(W)} * static_cast<unsigned>(H);
    if (h == H) {  // only narrower
        for (std::size_t i = 0; i < out.pixels.size(); ++i)
            out.pixels[i] = static_cast<std::uint8_t>((rows[i] + static_cast<unsigned>(W) / 2) / static_cast<unsigned>(W));
        return out;
    }
    // h < H here, since h is about H * w / W with w < W.
    const auto ys = area_spans(H, h);
    for (int y = 0; y < h; ++y) {
        const auto& span = ys[static_cast<std::size_t>(y)];
        for (int x = 0; x < w; ++x) {
            std::uint64_t sum = 0;
            for (std::size_t k = 0; k < span.weight.size(); ++k)
                sum += std::uint64_t{rows[(static_cast<std::size_t>(span.first) + k) * static_cast<std::size_t>(w) +
                                          static_cast<std::size_t>(x)]} *
                       static_cast<std::uint64_t>(span.weight[k]);
            out.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
                static_cast<std::uint8_t>((sum + total / 2) / total);
        }
    }
    return out;
}

Bitmap dither_floyd_steinberg(const GreyImage& image) {
    check_shape(image);
    const int w = image.width, h = image.height;
    Bitmap out(w, h);
    if (w == 0 || h == 0) return out;
    // Error carried to the current and the next row, with one guard cell on each side.
    std::vector<std::int32_t> cur(static_cast<std::size_t>(w) + 2, 0), next(static_cast<std::size_t>(w) + 2, 0);
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
        std::fill(next.begin(), next.end(), 0);
        for (int x = 0; x < w; ++x) {
            const std::size_t i = static_cast<std::size_t>(x) + 1;
            const std::int32_t value = row[x] + cur[i];
            const bool black = value < 128;
            if (black) out.set(x, y);
            const std::int32_t err = value - (black ? 0 : 255);
            // 7/16 right, 3/16 below left, 5/16 below, 1/16 below right; the remainder of the divisions
            // goes right so that no error is lost.
            const std::int32_t e3 = err * 3 / 16, e5 = err * 5 / 16, e1 = err / 16;
            cur[i + 1] += err - e3 - e5 - e1;
            next[i - 1] += e3;
            next[i] += e5;
            next[i + 1] += e1;
        }
        std::swap(cur, next);
    }
    return out;
}

}  // namespace caisse::drivers
