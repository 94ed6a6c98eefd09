#!/usr/bin/env python3
"""Independent ESC/POS byte-stream decoder (Python 3.11 standard library only).

Written from the ESC/POS command reference (Epson's public ESC/POS command set)
and shared/reference/escpos-usb.md, *independently of the till's C++ encoder*,
so that it can be used to check the bytes that encoder produces.

Usage:
    python3 escpos_decode.py [--json] FILE      (FILE may be - for stdin)

Text mode prints what would appear on paper, one printed line per output line,
plus bracketed markers for non-text items ([image WxH], [qr DATA],
[barcode TYPE DATA], [cut], [partial cut], [drawer pin2], [status n], ...).
Errors go to stderr as "error at offset N (0xN): message".

--json prints {"lines": [...], "code_pages_used": [...], "errors": [...]}.

Exit status: 0 = decoded without errors, 1 = at least one decode error,
2 = usage error / unreadable file.

Error policy
  * An unknown command after ESC / GS / FS / DLE, and a truncated command, are
    fatal: they are reported with the offset of the command's first byte and
    decoding stops (the length of an unknown command cannot be known).
  * Other problems are reported with their offset and decoding continues:
    parameters out of range (the printer ignores such a command, so the decoder
    does not apply it), unsupported code pages, bytes undefined in the selected
    code page, unknown control bytes (HT, FF, NUL, ...), commands the printer
    only honours at the beginning of a line (ESC a, GS V, GS v 0, GS k,
    GS ( k print) arriving while text is waiting in the print buffer, text
    discarded by ESC @, and text left unprinted at the end of the data (no
    final LF).
"""

from __future__ import annotations

import argparse
import json
import sys

NUL, HT, LF, CR = 0x00, 0x09, 0x0A, 0x0D
DLE, ESC, FS, GS = 0x10, 0x1B, 0x1C, 0x1D

EURO = "\u20ac"


def _table(codec: str, overrides: dict[int, str] | None = None) -> list[str | None]:
    """256-entry byte -> character table; None where the code page has no character."""
    table: list[str | None] = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            table.append(None)
    for b, ch in (overrides or {}).items():
        table[b] = ch
    return table


# ESC t n -> (name, table).  PC858 is PC850 with 0xD5 (dotless i) replaced by the euro sign.
CODE_PAGES: dict[int, tuple[str, list[str | None]]] = {
    0: ("PC437", _table("cp437")),
    2: ("PC850", _table("cp850")),
    16: ("WPC1252", _table("cp1252")),
    19: ("PC858", _table("cp850", {0xD5: EURO})),
}

BARCODE_TYPES = {
    0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF", 6: "CODABAR",
    65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF",
    71: "CODABAR", 72: "CODE93", 73: "CODE128",
}

ALIGN = {0: "left", 48: "left", 1: "centre", 49: "centre", 2: "right", 50: "right"}


class Fatal(Exception):
    """Unknown or truncated command: decoding cannot continue."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


def _printable(b: int) -> str:
    return f" ({chr(b)!r})" if 0x20 <= b < 0x7F else ""


def _bytes_text(data: bytes) -> str:
    """Symbol / barcode payload as text: UTF-8 if valid, otherwise with \\xNN escapes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="backslashreplace")
    # Make control characters visible instead of printing them raw.
    return "".join(c if (c >= " " and c != "\x7f") else f"\\x{ord(c):02x}" for c in text)


class Decoder:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0
        self.lines: list[dict] = []
        self.errors: list[dict] = []
        self.code_pages_used: list[int] = []
        # Print buffer (current, not yet printed line).
        self.buf: list[str] = []
        self.buf_style: dict | None = None
        self.buf_offset = 0
        # 2D symbol storage (GS ( k).
        self.symbol_data: dict[int, bytes | None] = {48: None, 49: None}
        self._reset_state()

    # ------------------------------------------------------------------ state
    def _reset_state(self) -> None:
        self.code_page = 0
        self.bold = False
        self.underline = False
        self.invert = False
        self.width = 1
        self.height = 1
        self.align = "left"

    def _style(self) -> dict:
        return {
            "bold": self.bold,
            "underline": self.underline,
            "invert": self.invert,
            "width": self.width,
            "height": self.height,
            "align": self.align,
        }

    def _error(self, offset: int, message: str) -> None:
        self.errors.append({"offset": offset, "message": message})

    def _need(self, start: int, count: int, what: str) -> bytes:
        """Consume `count` bytes of the command that started at `start`."""
        left = len(self.data) - self.pos
        if count > left:
            raise Fatal(start, f"truncated {what}: needs {count} more byte(s) at offset "
                               f"{self.pos}, only {left} left")
        chunk = self.data[self.pos:self.pos + count]
        self.pos += count
        return chunk

    # ------------------------------------------------------------------ output
    def _print_line(self) -> None:
        style = self.buf_style if self.buf else self._style()
        self.lines.append({"text": "".join(self.buf), **style})
        self.buf = []
        self.buf_style = None

    def _begin_block(self, start: int, name: str) -> None:
        """For commands the printer only honours at the beginning of a line."""
        if self.buf:
            self._error(start, f"{name} while text {''.join(self.buf)!r} (from offset "
                               f"{self.buf_offset}) is still in the print buffer; the printer "
                               f"only honours {name} at the beginning of a line (missing LF?)")
            self._print_line()

    def _emit(self, entry: dict) -> None:
        self.lines.append(entry)

    def _char(self, b: int, offset: int) -> None:
        if not self.buf:
            self.buf_style = self._style()
            self.buf_offset = offset
        if self.code_page not in self.code_pages_used:
            self.code_pages_used.append(self.code_page)
        page = CODE_PAGES.get(self.code_page)
        if page is None:
            ch = chr(b) if b < 0x80 else "\ufffd"
        else:
            ch = page[1][b]
            if ch is None:
                self._error(offset, f"byte 0x{b:02X} has no character in code page "
                                    f"{self.code_page} ({page[0]})")
                ch = "\ufffd"
        self.buf.append(ch)

    # ------------------------------------------------------------------ main loop
    def run(self) -> dict:
        data = self.data
        try:
            while self.pos < len(data):
                start = self.pos
                b = data[start]
                if b == LF:
                    self.pos += 1
                    self._print_line()
                elif b == CR:
                    self.pos += 1
                elif b == ESC:
                    self.pos += 1
                    self._esc(start)
                elif b == GS:
                    self.pos += 1
                    self._gs(start)
                elif b == FS:
                    self.pos += 1
                    self._fs(start)
                elif b == DLE:
                    self.pos += 1
                    self._dle(start)
                elif b < 0x20:
                    self.pos += 1
                    self._error(start, f"unsupported control byte 0x{b:02X}")
                else:
                    self.pos += 1
                    self._char(b, start)
            if self.buf:
                self._error(self.buf_offset, f"text {''.join(self.buf)!r} is never printed: "
                                             f"no LF after it before the end of the data")
        except Fatal as exc:
            self._error(exc.offset, exc.message)
        return {
            "lines": self.lines,
            "code_pages_used": self.code_pages_used,
            "errors": self.errors,
        }

    # ------------------------------------------------------------------ ESC
    def _esc(self, start: int) -> None:
        (c,) = self._need(start, 1, "ESC command")
        name = f"ESC {chr(c)}" if 0x20 < c < 0x7F else f"ESC 0x{c:02X}"

        if c == 0x40:  # ESC @  initialise
            if self.buf:
                self._error(start, f"ESC @ discards unprinted text {''.join(self.buf)!r} "
                                   f"(from offset {self.buf_offset})")
                self.buf = []
                self.buf_style = None
            self._reset_state()
        elif c == 0x74:  # ESC t n  select character code table
            (n,) = self._need(start, 1, name)
            if n not in CODE_PAGES:
                self._error(start, f"ESC t {n}: code page {n} is not supported by this decoder "
                                   f"(supported: 0 PC437, 2 PC850, 16 WPC1252, 19 PC858)")
            self.code_page = n
        elif c == 0x45:  # ESC E n  emphasised
            (n,) = self._need(start, 1, name)
            self.bold = bool(n & 1)
        elif c == 0x47:  # ESC G n  double-strike (no effect on the decoded text)
            self._need(start, 1, name)
        elif c == 0x2D:  # ESC - n  underline
            (n,) = self._need(start, 1, name)
            if n in (0, 48):
                self.underline = False
            elif n in (1, 2, 49, 50):
                self.underline = True
            else:
                self._error(start, f"ESC - {n}: parameter out of range (0-2, 48-50)")
        elif c == 0x21:  # ESC ! n  print mode
            (n,) = self._need(start, 1, name)
            self.bold = bool(n & 0x08)
            self.height = 2 if n & 0x10 else 1
            self.width = 2 if n & 0x20 else 1
            self.underline = bool(n & 0x80)
        elif c == 0x61:  # ESC a n  justification
            (n,) = self._need(start, 1, name)
            if n not in ALIGN:
                self._error(start, f"ESC a {n}: parameter out of range (0-2, 48-50)")
                return
            if self.buf:
                self._error(start, f"ESC a {n} while text {''.join(self.buf)!r} is in the print "
                                   f"buffer; the printer only honours ESC a at the beginning "
                                   f"of a line")
            self.align = ALIGN[n]
        elif c == 0x64:  # ESC d n  print and feed n lines
            (n,) = self._need(start, 1, name)
            # Equivalent on paper to n LFs: pending text (if any) is printed on the
            # first of them, the others are empty lines.
            for _ in range(n):
                self._print_line()
            if n == 0 and self.buf:
                self._print_line()
        elif c == 0x4A:  # ESC J n  print and feed n dots
            self._need(start, 1, name)
            if self.buf:
                self._print_line()
        elif c == 0x32:  # ESC 2  default line spacing
            pass
        elif c == 0x33:  # ESC 3 n  line spacing
            self._need(start, 1, name)
        elif c == 0x20:  # ESC SP n  right-side character spacing
            self._need(start, 1, name)
        elif c == 0x4D:  # ESC M n  character font
            (n,) = self._need(start, 1, name)
            if n not in (0, 1, 2, 3, 4, 48, 49, 50, 51, 52, 97, 98):
                self._error(start, f"ESC M {n}: parameter out of range")
        elif c == 0x52:  # ESC R n  international character set
            (n,) = self._need(start, 1, name)
            if n != 0:
                self._error(start, f"ESC R {n}: international character sets other than 0 (USA) "
                                   f"are not supported by this decoder")
        elif c == 0x70:  # ESC p m t1 t2  generate pulse
            m, _t1, _t2 = self._need(start, 3, name)
            if m in (0, 48):
                self._emit({"drawer": 2})
            elif m in (1, 49):
                self._emit({"drawer": 5})
            else:
                self._error(start, f"ESC p {m}: connector pin out of range (0, 1, 48, 49)")
        else:
            raise Fatal(start, f"unknown command ESC 0x{c:02X}{_printable(c)}")

    # ------------------------------------------------------------------ GS
    def _gs(self, start: int) -> None:
        (c,) = self._need(start, 1, "GS command")
        name = f"GS {chr(c)}" if 0x20 < c < 0x7F else f"GS 0x{c:02X}"

        if c == 0x42:  # GS B n  reverse (white/black)
            (n,) = self._need(start, 1, name)
            self.invert = bool(n & 1)
        elif c == 0x21:  # GS ! n  character size
            (n,) = self._need(start, 1, name)
            w, h = (n >> 4) + 1, (n & 0x0F) + 1
            if w > 8 or h > 8:
                self._error(start, f"GS ! 0x{n:02X}: width/height out of range (1-8)")
                return
            self.width, self.height = w, h
        elif c == 0x56:  # GS V m [n]  cut
            (m,) = self._need(start, 1, name)
            if m in (0, 48, 1, 49):
                full = m in (0, 48)
            elif m in (65, 66, 97, 98, 103, 104):
                self._need(start, 1, f"GS V {m} n")
                full = m in (65, 97, 103)
            else:
                raise Fatal(start, f"unknown command GS V {m} (cut mode not 0, 1, 48, 49, 65, 66, "
                                   f"97, 98, 103, 104)")
            self._begin_block(start, "GS V (cut)")
            self._emit({"cut": "full" if full else "partial"})
        elif c == 0x76:  # GS v 0 m xL xH yL yH d1..dk  raster bit image
            (c2,) = self._need(start, 1, "GS v")
            if c2 != 0x30:
                raise Fatal(start, f"unknown command GS v 0x{c2:02X}{_printable(c2)}")
            m, xl, xh, yl, yh = self._need(start, 5, "GS v 0 header")
            xbytes, height = xl + xh * 256, yl + yh * 256
            self._need(start, xbytes * height,
                       f"GS v 0 raster data ({xbytes} bytes x {height} rows = "
                       f"{xbytes * height} bytes declared)")
            if m not in (0, 1, 2, 3, 48, 49, 50, 51):
                self._error(start, f"GS v 0: mode {m} out of range (0-3, 48-51)")
                return
            if xbytes == 0 or height == 0:
                self._error(start, f"GS v 0: empty image ({xbytes} bytes x {height} rows)")
                return
            self._begin_block(start, "GS v 0 (raster image)")
            width = xbytes * 8
            last = self.lines[-1] if self.lines else None
            if (last is not None and "image" in last and last["image"]["width"] == width
                    and last.get("align") == self.align):
                last["image"]["height"] += height
            else:
                self._emit({"image": {"width": width, "height": height}, "align": self.align})
        elif c == 0x28:  # GS ( x pL pH ...
            (fn_class,) = self._need(start, 1, "GS (")
            pl, ph = self._need(start, 2, f"GS ( {chr(fn_class)} pL pH")
            body = self._need(start, pl + ph * 256, f"GS ( {chr(fn_class)} parameters")
            if fn_class == 0x6B:
                self._gs_paren_k(start, body)
            else:
                # Framing is known (pL pH), so the bytes can be stepped over, but it is
                # reported: this decoder does not know what the command does.
                self._error(start, f"unsupported command GS ( 0x{fn_class:02X}"
                                   f"{_printable(fn_class)} ({len(body)} parameter bytes skipped)")
        elif c == 0x6B:  # GS k  barcode
            self._gs_k(start)
        elif c == 0x68:  # GS h n  barcode height
            (n,) = self._need(start, 1, name)
            if n == 0:
                self._error(start, "GS h 0: barcode height out of range (1-255)")
        elif c == 0x77:  # GS w n  barcode module width
            (n,) = self._need(start, 1, name)
            if not (1 <= n <= 6 or 68 <= n <= 76):
                self._error(start, f"GS w {n}: module width out of range (1-6, 68-76)")
        elif c == 0x48:  # GS H n  HRI position
            (n,) = self._need(start, 1, name)
            if n not in (0, 1, 2, 3, 48, 49, 50, 51):
                self._error(start, f"GS H {n}: parameter out of range (0-3, 48-51)")
        elif c == 0x66:  # GS f n  HRI font
            self._need(start, 1, name)
        elif c == 0x62:  # GS b n  smoothing
            self._need(start, 1, name)
        elif c == 0x4C:  # GS L nL nH  left margin
            self._need(start, 2, name)
        elif c == 0x57:  # GS W nL nH  print area width
            self._need(start, 2, name)
        else:
            raise Fatal(start, f"unknown command GS 0x{c:02X}{_printable(c)}")

    # QR (cn 49) and PDF417 (cn 48): number of parameter bytes after fn, per function.
    _SYMBOL_FN_LEN = {
        49: {65: 2, 67: 1, 69: 1, 81: 1, 82: 1},
        48: {65: 1, 66: 1, 67: 1, 68: 1, 69: 2, 70: 1, 81: 1, 82: 1},
    }

    def _gs_paren_k(self, start: int, body: bytes) -> None:
        if len(body) < 2:
            self._error(start, f"GS ( k: pL/pH declare {len(body)} byte(s); cn and fn need 2")
            return
        cn, fn, params = body[0], body[1], body[2:]
        if cn not in self._SYMBOL_FN_LEN:
            self._error(start, f"GS ( k cn={cn}: 2D symbol type not supported by this decoder "
                               f"(only 49 QR and 48 PDF417); {len(body)} bytes skipped")
            return
        kind = "qr" if cn == 49 else "pdf417"
        label = f"GS ( k {kind.upper()} fn {fn}"
        if fn == 80:  # store data: m d1..dk
            if len(params) < 2 or params[0] != 48:
                self._error(start, f"{label} (store): expected m=48 followed by at least one "
                                   f"data byte")
                return
            self.symbol_data[cn] = bytes(params[1:])
            return
        expected = self._SYMBOL_FN_LEN[cn].get(fn)
        if expected is None:
            self._error(start, f"{label}: unknown function")
            return
        if len(params) != expected:
            self._error(start, f"{label}: {len(params)} parameter byte(s), expected {expected} "
                               f"(pL={len(body)})")
            return
        if cn == 49:
            if fn == 65 and (params[0] not in (49, 50, 51) or params[1] != 0):
                self._error(start, f"{label} (model): n1={params[0]} n2={params[1]} out of range")
            elif fn == 67 and not 1 <= params[0] <= 16:
                self._error(start, f"{label} (module size): {params[0]} out of range (1-16)")
            elif fn == 69 and params[0] not in (48, 49, 50, 51):
                self._error(start, f"{label} (error correction): {params[0]} out of range (48-51)")
        if fn in (81, 82) and params[0] != 48:
            self._error(start, f"{label}: m={params[0]}, expected 48")
            return
        if fn == 81:  # print the stored symbol
            self._begin_block(start, f"GS ( k {kind.upper()} print")
            stored = self.symbol_data[cn]
            if stored is None:
                self._error(start, f"{label} (print): no {kind.upper()} data stored before "
                                   f"printing")
                return
            self._emit({kind: _bytes_text(stored), "align": self.align})

    def _gs_k(self, start: int) -> None:
        (m,) = self._need(start, 1, "GS k")
        if m <= 6:  # form A: d1..dk NUL
            end = self.data.find(b"\x00", self.pos)
            if end < 0:
                raise Fatal(start, f"truncated GS k {m}: no NUL terminator before the end "
                                   f"of the data")
            payload = self.data[self.pos:end]
            self.pos = end + 1
        elif 65 <= m <= 73:  # form B: n d1..dn
            (n,) = self._need(start, 1, f"GS k {m} n")
            payload = self._need(start, n, f"GS k {m} data ({n} bytes declared)")
        else:
            raise Fatal(start, f"unknown command GS k {m} (barcode system not 0-6 or 65-73)")
        kind = BARCODE_TYPES[m]
        problem = _barcode_problem(kind, payload)
        if problem:
            self._error(start, f"GS k {m} ({kind}): {problem}")
        self._begin_block(start, "GS k (barcode)")
        self._emit({"barcode": {"type": kind, "data": _bytes_text(payload)},
                    "align": self.align})

    # ------------------------------------------------------------------ FS / DLE
    def _fs(self, start: int) -> None:
        (c,) = self._need(start, 1, "FS command")
        if c == 0x2E:  # FS .  cancel Kanji character mode
            return
        raise Fatal(start, f"unknown command FS 0x{c:02X}{_printable(c)}")

    def _dle(self, start: int) -> None:
        (c,) = self._need(start, 1, "DLE command")
        if c == 0x04:  # DLE EOT n  real-time status transmission
            (n,) = self._need(start, 1, "DLE EOT")
            if n not in (1, 2, 3, 4):
                raise Fatal(start, f"unknown command DLE EOT {n} (this decoder knows n=1-4)")
            self._emit({"status": n})
            return
        raise Fatal(start, f"unknown command DLE 0x{c:02X}{_printable(c)}")


def _barcode_problem(kind: str, data: bytes) -> str | None:
    """Basic data checks from the GS k reference; None if the data looks acceptable."""
    if not data:
        return "no data"
    text = data.decode("latin-1")
    digits = text.isdigit() and text.isascii()
    lengths = {"UPC-A": (11, 12), "UPC-E": (6, 7, 8, 11, 12), "EAN13": (12, 13), "EAN8": (7, 8)}
    if kind in lengths:
        if not digits or len(data) not in lengths[kind]:
            return f"needs {' or '.join(map(str, lengths[kind]))} digits, got {text!r}"
    elif kind == "ITF":
        if not digits or len(data) % 2:
            return f"needs an even number of digits, got {text!r}"
    elif kind == "CODE39":
        if any(ch not in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./" for ch in text):
            return f"character outside the CODE39 set in {text!r}"
    elif kind == "CODABAR":
        if any(ch not in "0123456789ABCDabcd$+-./:" for ch in text):
            return f"character outside the CODABAR set in {text!r}"
    elif kind in ("CODE93", "CODE128"):
        if any(b > 0x7F for b in data):
            return f"byte above 0x7F in {text!r}"
        if kind == "CODE128" and (len(data) < 2 or data[0] != 0x7B or data[1] not in b"ABC"):
            return f"data must start with a code set selection {{A, {{B or {{C, got {text!r}"
    return None


def decode(data: bytes) -> dict:
    """Decode an ESC/POS byte string; returns {"lines", "code_pages_used", "errors"}."""
    return Decoder(bytes(data)).run()


def render_line(entry: dict) -> str:
    if "text" in entry:
        return entry["text"]
    if "image" in entry:
        return f"[image {entry['image']['width']}x{entry['image']['height']}]"
    if "qr" in entry:
        return f"[qr {entry['qr']}]"
    if "pdf417" in entry:
        return f"[pdf417 {entry['pdf417']}]"
    if "barcode" in entry:
        return f"[barcode {entry['barcode']['type']} {entry['barcode']['data']}]"
    if "cut" in entry:
        return "[cut]" if entry["cut"] == "full" else "[partial cut]"
    if "drawer" in entry:
        return f"[drawer pin{entry['drawer']}]"
    if "status" in entry:
        return f"[status {entry['status']}]"
    raise ValueError(f"unknown entry {entry!r}")


def render_text(result: dict) -> str:
    return "".join(render_line(entry) + "\n" for entry in result["lines"])


def format_errors(result: dict) -> str:
    return "".join(f"error at offset {e['offset']} (0x{e['offset']:X}): {e['message']}\n"
                   for e in result["errors"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Decode an ESC/POS byte stream into the text "
                                                 "it would print.")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead of text")
    parser.add_argument("file", metavar="FILE", help="ESC/POS data file, or - for stdin")
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        print(f"escpos_decode: {exc}", file=sys.stderr)
        return 2
    result = decode(data)
    if args.json:
        out = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_text(result)
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    if result["errors"] and not args.json:
        sys.stderr.buffer.write(format_errors(result).encode("utf-8"))
        sys.stderr.flush()
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
