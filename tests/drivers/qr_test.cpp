// QR codes made by drivers/qr (libqrencode), read back by an independent decoder (zbarimg, from
// zbar-tools): the content must round-trip byte for byte, French text and euro sign included.
#include "drivers/qr.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using caisse::drivers::encode_qr;
using caisse::drivers::qr_picture;
using caisse::drivers::QrMatrix;

namespace {

bool have_zbarimg() { return std::system("command -v zbarimg >/dev/null 2>&1") == 0; }

// Writes the symbol as a binary PGM and returns what zbarimg reads from it (--raw: the data only,
// followed by a newline), or "<no decode>".
std::string decode_with_zbarimg(const QrMatrix& qr, int scale) {
    const auto pic = qr_picture(qr, scale);
    const auto dir = std::filesystem::temp_directory_path() / ("qr_test." + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto pgm = dir / "qr.pgm";
    {
        std::ofstream out(pgm, std::ios::binary);
        out << "P5\n" << pic.side << " " << pic.side << "\n255\n";
        out.write(reinterpret_cast<const char*>(pic.grey.data()), static_cast<std::streamsize>(pic.grey.size()));
    }
    const std::string command = "zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + pgm.string() + "' 2>/dev/null";
    std::string text;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
        ::pclose(p);
    }
    std::filesystem::remove_all(dir);
    if (text.empty()) return "<no decode>";
    if (text.back() == '\n') text.pop_back();
    return text;
}

}  // namespace

TEST(Qr, SmallestVersionAndQuietZone) {
    const auto qr = encode_qr("HELLO", 'M');
    ASSERT_TRUE(qr);
    EXPECT_EQ(qr->version, 1);
    EXPECT_EQ(qr->size, 21);
    // The three finder patterns: dark corners, each a 7x7 ring.
    EXPECT_TRUE(qr->dark(0, 0));
    EXPECT_TRUE(qr->dark(20, 0));
    EXPECT_TRUE(qr->dark(0, 20));
    EXPECT_FALSE(qr->dark(1, 1));
    const auto pic = qr_picture(*qr, 3);
    EXPECT_EQ(pic.side, (21 + 8) * 3);
    EXPECT_EQ(pic.grey.front(), 255);  // quiet zone white
    EXPECT_EQ(pic.grey[static_cast<std::size_t>(12 * pic.side + 12)], 0);  // first module dark
}

TEST(Qr, TooLongIsRefusedNotTruncated) {
    EXPECT_FALSE(encode_qr(std::string(5000, 'x'), 'M'));
    EXPECT_FALSE(encode_qr("", 'M'));
    // About 2,300 bytes fit at level M, more at L.
    EXPECT_TRUE(encode_qr(std::string(2300, 'x'), 'M'));
    EXPECT_FALSE(encode_qr(std::string(2400, 'x'), 'M'));
    EXPECT_TRUE(encode_qr(std::string(2400, 'x'), 'L'));
}

TEST(Qr, ZbarimgReadsBackAReceipt) {
    if (!have_zbarimg()) GTEST_SKIP() << "zbarimg (zbar-tools) is not installed";
    const std::string receipt =
        "LA CANTINE DU QUARTIER\nTicket n\u00B0 42   Caissier\u00A0: L\u00E9a\n"
        "Thi\u00E9boudienne [AD]        9,50\u00A0\u20AC\nCaf\u00E9 cr\u00E8me           1,80\u00A0\u20AC\n"
        "TOTAL TTC              11,30\u00A0\u20AC\nEmpreinte\u00A0: 3fa2 09bc 7d11 e0c4";
    const auto qr = encode_qr(receipt, 'M');
    ASSERT_TRUE(qr);
    EXPECT_EQ(decode_with_zbarimg(*qr, 4), receipt);
}

TEST(Qr, ZbarimgReadsALongSymbol) {
    if (!have_zbarimg()) GTEST_SKIP() << "zbarimg (zbar-tools) is not installed";
    std::string text;
    for (int i = 0; text.size() < 1500; ++i) text += "ligne " + std::to_string(i) + " ........ " + std::to_string(i * 37 % 1000) + ",00\n";
    const auto qr = encode_qr(text, 'M');
    ASSERT_TRUE(qr);
    EXPECT_GT(qr->version, 25);
    EXPECT_EQ(decode_with_zbarimg(*qr, 3), text);
}
