#!/usr/bin/env python3
"""Self-test of the independent ESC/POS decoder.

Every byte string below is written by hand from the ESC/POS command reference
(not produced by the till's encoder, and not produced by the decoder's own
code page tables).

Run:  python3 tests/escpos_decoder/test_escpos_decode.py
"""

import codecs
import json
import subprocess
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import escpos_decode  # noqa: E402
from escpos_decode import decode, render_text  # noqa: E402

SCRIPT = HERE / "escpos_decode.py"

INIT = b"\x1b\x40"            # ESC @
LF = b"\x0a"
CP437 = b"\x1b\x74\x00"       # ESC t 0
CP850 = b"\x1b\x74\x02"       # ESC t 2
WPC1252 = b"\x1b\x74\x10"     # ESC t 16
PC858 = b"\x1b\x74\x13"       # ESC t 19
BOLD_ON, BOLD_OFF = b"\x1b\x45\x01", b"\x1b\x45\x00"
CENTRE, LEFT = b"\x1b\x61\x01", b"\x1b\x61\x00"
SIZE_2X2, SIZE_1X1 = b"\x1d\x21\x11", b"\x1d\x21\x00"


def raster(xbytes: int, rows: int, fill: int = 0xAA, m: int = 0) -> bytes:
    """GS v 0 m xL xH yL yH d1..dk"""
    return (b"\x1d\x76\x30" + bytes([m, xbytes & 0xFF, xbytes >> 8, rows & 0xFF, rows >> 8])
            + bytes([fill]) * (xbytes * rows))


def gs_paren_k(cn: int, fn: int, params: bytes) -> bytes:
    """GS ( k pL pH cn fn params"""
    size = 2 + len(params)
    return b"\x1d\x28\x6b" + bytes([size & 0xFF, size >> 8, cn, fn]) + params


def text_of(result) -> str:
    return render_text(result)


class CodePages(unittest.TestCase):
    def test_euro_pc858(self):
        r = decode(INIT + PC858 + b"Total 12,50 \xd5" + LF)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "Total 12,50 \u20ac\n")
        self.assertEqual(r["code_pages_used"], [19])

    def test_euro_wpc1252(self):
        r = decode(INIT + WPC1252 + b"Total 12,50 \x80" + LF)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "Total 12,50 \u20ac\n")
        self.assertEqual(r["code_pages_used"], [16])

    def test_d5_in_pc850_is_dotless_i_not_euro(self):
        r = decode(INIT + CP850 + b"\xd5" + LF)
        self.assertEqual(text_of(r), "\u0131\n")

    def test_french_accents_pc858(self):
        # PC850/PC858: e-acute 82, e-grave 8A, a-grave 85, c-cedilla 87, u-grave 97
        r = decode(INIT + PC858 + b"\x82 \x8a \x85 \x87 \x97" + LF)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "é è à ç ù\n")

    def test_french_accents_wpc1252(self):
        # WPC1252: e-acute E9, e-grave E8, a-grave E0, c-cedilla E7, u-grave F9
        r = decode(INIT + WPC1252 + b"\xe9 \xe8 \xe0 \xe7 \xf9" + LF)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "é è à ç ù\n")

    def test_french_in_pc437(self):
        r = decode(INIT + CP437 + b"caf\x82 \x87a" + LF)
        self.assertEqual(text_of(r), "café ça\n")

    def test_init_resets_code_page(self):
        r = decode(INIT + PC858 + b"\xd5" + LF + INIT + b"\xd5" + LF)
        self.assertEqual(text_of(r), "\u20ac\n\u2552\n")  # PC437 D5 = box drawing
        self.assertEqual(r["code_pages_used"], [19, 0])

    def test_code_page_switch_mid_line(self):
        r = decode(INIT + PC858 + b"\xd5 " + WPC1252 + b"\x80" + LF)
        self.assertEqual(text_of(r), "\u20ac \u20ac\n")
        self.assertEqual(r["code_pages_used"], [19, 16])

    def test_pc858_table_agrees_with_python_cp858(self):
        table = escpos_decode.CODE_PAGES[19][1]
        for b in range(0x80, 0x100):
            self.assertEqual(table[b], bytes([b]).decode("cp858"), hex(b))

    def test_unsupported_code_page_is_an_error(self):
        r = decode(INIT + b"\x1b\x74\x11\xd5" + LF)
        self.assertEqual(len(r["errors"]), 1)
        self.assertEqual(r["errors"][0]["offset"], 2)
        self.assertEqual(text_of(r), "\ufffd\n")

    def test_undefined_byte_in_wpc1252(self):
        r = decode(INIT + WPC1252 + b"\x81" + LF)
        self.assertEqual(r["errors"][0]["offset"], 5)


class Styles(unittest.TestCase):
    def test_bold_and_double_size_lines(self):
        data = (INIT + BOLD_ON + b"BOLD" + LF + BOLD_OFF
                + CENTRE + SIZE_2X2 + b"BIG" + LF + SIZE_1X1 + LEFT + b"plain" + LF)
        r = decode(data)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "BOLD\nBIG\nplain\n")  # no padding for double width
        bold, big, plain = r["lines"]
        self.assertEqual(bold, {"text": "BOLD", "bold": True, "underline": False, "invert": False,
                                "width": 1, "height": 1, "align": "left"})
        self.assertEqual(big, {"text": "BIG", "bold": False, "underline": False, "invert": False,
                               "width": 2, "height": 2, "align": "centre"})
        self.assertEqual(plain["bold"], False)
        self.assertEqual((plain["width"], plain["height"], plain["align"]), (1, 1, "left"))

    def test_esc_bang_print_mode(self):
        # ESC ! 0x38 = emphasised + double height + double width; 0x80 = underline
        r = decode(INIT + b"\x1b\x21\x38A" + LF + b"\x1b\x21\x80B" + LF)
        a, b = r["lines"]
        self.assertEqual((a["bold"], a["width"], a["height"], a["underline"]), (True, 2, 2, False))
        self.assertEqual((b["bold"], b["width"], b["height"], b["underline"]), (False, 1, 1, True))

    def test_underline_invert_right(self):
        r = decode(INIT + b"\x1b\x2d\x01\x1d\x42\x01\x1b\x61\x02X" + LF)
        line = r["lines"][0]
        self.assertEqual((line["underline"], line["invert"], line["align"]), (True, True, "right"))

    def test_style_is_taken_at_first_character(self):
        r = decode(INIT + b"ab" + BOLD_ON + b"cd" + LF + BOLD_OFF)
        self.assertFalse(r["lines"][0]["bold"])
        self.assertEqual(r["lines"][0]["text"], "abcd")

    def test_init_resets_styles(self):
        r = decode(INIT + BOLD_ON + SIZE_2X2 + CENTRE + INIT + b"x" + LF)
        line = r["lines"][0]
        self.assertEqual((line["bold"], line["width"], line["align"]), (False, 1, "left"))

    def test_settings_commands_are_accepted(self):
        data = (INIT + b"\x1b\x32" + b"\x1b\x33\x30" + b"\x1b\x4d\x01" + b"\x1b\x20\x00"
                + b"\x1d\x4c\x00\x00" + b"\x1d\x57\x40\x02" + b"\x1d\x68\x50" + b"\x1d\x77\x02"
                + b"\x1d\x48\x02" + b"\x0d" + b"ok" + LF)
        r = decode(data)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "ok\n")


class Feeds(unittest.TestCase):
    def test_esc_d_emits_empty_lines(self):
        r = decode(INIT + b"a" + LF + b"\x1b\x64\x03")
        self.assertEqual(text_of(r), "a\n\n\n\n")

    def test_esc_d_after_text_is_like_n_lf(self):
        r = decode(INIT + b"a\x1b\x64\x02")
        self.assertEqual(text_of(r), "a\n\n")

    def test_esc_j_prints_buffer_only(self):
        r = decode(INIT + b"a\x1b\x4a\x10" + b"\x1b\x4a\x10")
        self.assertEqual(text_of(r), "a\n")

    def test_cr_ignored(self):
        r = decode(INIT + b"a\r\nb\r\n")
        self.assertEqual(text_of(r), "a\nb\n")

    def test_unterminated_text_is_an_error(self):
        r = decode(INIT + b"lost")
        self.assertEqual(r["errors"][0]["offset"], 2)


class Images(unittest.TestCase):
    def test_raster_bands_merge(self):
        band = raster(48, 24)
        r = decode(INIT + band + band)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "[image 384x48]\n")
        self.assertEqual(r["lines"][0]["image"], {"width": 384, "height": 48})

    def test_raster_different_width_not_merged(self):
        r = decode(INIT + raster(48, 24) + raster(72, 10) + raster(72, 10))
        self.assertEqual(text_of(r), "[image 384x24]\n[image 576x20]\n")

    def test_raster_separated_by_line_not_merged(self):
        r = decode(INIT + raster(48, 24) + LF + raster(48, 24))
        self.assertEqual(text_of(r), "[image 384x24]\n\n[image 384x24]\n")

    def test_raster_data_may_contain_command_bytes(self):
        r = decode(INIT + raster(2, 3, fill=0x1B) + b"after" + LF)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "[image 16x3]\nafter\n")

    def test_truncated_raster(self):
        data = INIT + raster(48, 24)[:8 + 100]  # header declares 1152 data bytes, 100 present
        r = decode(data)
        self.assertEqual(len(r["errors"]), 1)
        self.assertEqual(r["errors"][0]["offset"], 2)
        self.assertIn("truncated", r["errors"][0]["message"])
        self.assertEqual(r["lines"], [])

    def test_truncated_raster_header(self):
        r = decode(INIT + b"\x1d\x76\x30\x00\x30")
        self.assertEqual(r["errors"][0]["offset"], 2)
        self.assertIn("truncated", r["errors"][0]["message"])


class Symbols(unittest.TestCase):
    def test_qr_store_and_print(self):
        url = b"https://example.com/r/42"
        data = (INIT + CENTRE
                + gs_paren_k(49, 65, b"\x32\x00")      # model 2
                + gs_paren_k(49, 67, b"\x06")          # module size 6
                + gs_paren_k(49, 69, b"\x31")          # error correction M
                + gs_paren_k(49, 80, b"\x30" + url)    # store
                + gs_paren_k(49, 81, b"\x30")          # print
                + LEFT)
        # the store command must be GS ( k 1B 00 31 50 30 ...: check our helper by hand
        self.assertIn(b"\x1d\x28\x6b\x1b\x00\x31\x50\x30https", data)
        r = decode(data)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "[qr https://example.com/r/42]\n")
        self.assertEqual(r["lines"][0], {"qr": "https://example.com/r/42", "align": "centre"})

    def test_qr_print_without_store(self):
        r = decode(INIT + gs_paren_k(49, 81, b"\x30"))
        self.assertEqual(r["errors"][0]["offset"], 2)

    def test_barcode_form_a_and_b(self):
        data = (INIT + b"\x1d\x6b\x02" + b"4006381333931\x00"          # EAN13, NUL terminated
                + b"\x1d\x6b\x49\x08" + b"{BAB-123")                   # CODE128, length 8
        r = decode(data)
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "[barcode EAN13 4006381333931]\n[barcode CODE128 {BAB-123]\n")

    def test_barcode_form_a_without_nul_is_truncated(self):
        r = decode(INIT + b"\x1d\x6b\x04ABC")
        self.assertIn("truncated", r["errors"][0]["message"])


class Machine(unittest.TestCase):
    def test_cuts(self):
        r = decode(INIT + b"bye" + LF + b"\x1d\x56\x41\x03" + b"\x1d\x56\x01" + b"\x1d\x56\x00"
                   + b"\x1d\x56\x42\x00")
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "bye\n[cut]\n[partial cut]\n[cut]\n[partial cut]\n")
        self.assertEqual(r["lines"][1], {"cut": "full"})

    def test_cut_mid_line_is_an_error(self):
        r = decode(INIT + b"bye" + b"\x1d\x56\x00")
        self.assertEqual(r["errors"][0]["offset"], 5)
        self.assertEqual(text_of(r), "bye\n[cut]\n")

    def test_drawer_and_status(self):
        r = decode(INIT + b"\x1b\x70\x00\x19\xfa" + b"\x1b\x70\x01\x19\xfa" + b"\x10\x04\x04")
        self.assertEqual(r["errors"], [])
        self.assertEqual(text_of(r), "[drawer pin2]\n[drawer pin5]\n[status 4]\n")
        self.assertEqual(r["lines"][0], {"drawer": 2})


class Errors(unittest.TestCase):
    def test_unknown_esc_command_reported_with_offset(self):
        r = decode(INIT + b"AB" + LF + b"\x1b\x7a\x01" + b"more" + LF)
        self.assertEqual(len(r["errors"]), 1)
        self.assertEqual(r["errors"][0]["offset"], 5)
        self.assertIn("unknown command ESC 0x7A", r["errors"][0]["message"])
        self.assertEqual(text_of(r), "AB\n")  # decoding stops at the unknown command

    def test_unknown_gs_fs_dle(self):
        for data, off in ((b"\x1d\x99", 0), (b"x\n\x1c\x26", 2), (b"\x10\x05\x01", 0)):
            r = decode(data)
            self.assertEqual(r["errors"][0]["offset"], off, data)
            self.assertIn("unknown command", r["errors"][0]["message"])

    def test_truncated_simple_commands(self):
        for data in (b"\x1b", b"\x1b\x74", b"\x1b\x70\x00\x19", b"\x1d\x56\x41", b"\x10\x04"):
            r = decode(data)
            self.assertEqual(r["errors"][0]["offset"], 0, data)
            self.assertIn("truncated", r["errors"][0]["message"])

    def test_unknown_control_byte(self):
        r = decode(b"a\x09b\n")
        self.assertEqual(r["errors"][0]["offset"], 1)


class CommandLine(unittest.TestCase):
    def run_cli(self, args, data):
        return subprocess.run([sys.executable, str(SCRIPT), *args], input=data,
                              capture_output=True, check=False)

    def test_text_mode_utf8(self):
        p = self.run_cli(["-"], INIT + PC858 + b"5 \xd5" + LF + b"\x1d\x56\x00")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.decode("utf-8"), "5 \u20ac\n[cut]\n")

    def test_json_mode(self):
        p = self.run_cli(["--json", "-"], INIT + BOLD_ON + b"\xd5" + LF)
        self.assertEqual(p.returncode, 0, p.stderr)
        obj = json.loads(p.stdout.decode("utf-8"))
        self.assertEqual(set(obj), {"lines", "code_pages_used", "errors"})
        self.assertEqual(obj["lines"][0]["text"], "\u2552")
        self.assertTrue(obj["lines"][0]["bold"])
        self.assertEqual(obj["code_pages_used"], [0])

    def test_error_exit_code_and_message(self):
        p = self.run_cli(["-"], INIT + b"\x1b\x7a")
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"error at offset 2", p.stderr)

    def test_file_argument(self):
        import tempfile
        with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as fh:
            fh.write(INIT + WPC1252 + b"\xe9t\xe9" + LF)
            name = fh.name
        try:
            p = self.run_cli([name], b"")
        finally:
            Path(name).unlink()
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.decode("utf-8"), "été\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
