#!/usr/bin/python3
"""A virtual social security card (社会保障卡) for vpcd (vsmartcard-vpcd in pcscd).

Connected to vpcd = the card is in the reader; the process ending = the card is taken out.
Serves the application and record files described by a JSON card file (written by
pcsc-sim.ts from the same field table the driver decodes with):
  {"atr": hex, "aid": hex, "files": {"ef05": {"7": hex record, ...}, ...}, "mode": "ok" | "garbage"}
("garbage": the application and its files select, every record read answers random bytes)
APDUs are parsed with python3-virtualsmartcard (virtualsmartcard.utils); the vpcd socket
protocol (2-byte big-endian length, then a 1-byte control code or an APDU) is its own loop here,
because the library's VirtualICC pulls in crypto modules this card does not need.
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys

sys.path.insert(0, "/usr/lib/python3/site-packages/virtualsmartcard")
from virtualsmartcard.utils import C_APDU, R_APDU  # noqa: E402
from virtualsmartcard.SWutils import SW  # noqa: E402

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4


class SocialCard:
    def __init__(self, card):
        self.atr = bytes.fromhex(card["atr"])
        self.aid = bytes.fromhex(card["aid"])
        self.files = {int(fid, 16): {int(tag): bytes.fromhex(rec) for tag, rec in recs.items()} for fid, recs in card["files"].items()}
        self.garbage = card.get("mode") == "garbage"
        self.reset()

    def reset(self):
        self.in_app = False
        self.current = None

    def execute(self, msg):
        try:
            c = C_APDU(msg)
        except Exception:
            return self.sw("ERR_WRONGLENGTH")
        if c.cla != 0x00:
            return (0x6E00).to_bytes(2, "big")  # class not supported
        if c.ins == 0xA4 and c.p1 == 0x04:
            self.in_app = bytes(c.data) == self.aid
            self.current = None
            return self.sw("NORMAL" if self.in_app else "ERR_FILENOTFOUND")
        if c.ins == 0xA4 and c.p1 in (0x00, 0x02) and len(c.data) == 2:
            fid = int.from_bytes(bytes(c.data), "big")
            if not self.in_app or (fid not in self.files and not self.garbage):
                return self.sw("ERR_FILENOTFOUND")
            self.current = fid
            return self.sw("NORMAL")
        if c.ins == 0xB2 and c.p2 == 0x04:
            if self.current is None:
                return self.sw("ERR_NOCURRENTEF")
            if self.garbage:
                # selects fine, then reads are noise: a damaged or foreign record layout
                return os.urandom(1 + os.urandom(1)[0] % 40) + SW["NORMAL"].to_bytes(2, "big")
            rec = self.files[self.current].get(c.p1)
            if rec is None:
                return self.sw("ERR_RECORDNOTFOUND")
            return R_APDU(rec, SW["NORMAL"].to_bytes(2, "big")).render()
        return self.sw("ERR_INSNOTSUPPORTED")

    @staticmethod
    def sw(name):
        return SW[name].to_bytes(2, "big")


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--card", required=True)
    args = ap.parse_args()
    with open(args.card, encoding="utf-8") as f:
        card = SocialCard(json.load(f))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sock = socket.create_connection(("127.0.0.1", args.port))
    print("inserted", flush=True)

    def send(data):
        sock.sendall(struct.pack("!H", len(data)) + data)

    try:
        while True:
            (size,) = struct.unpack("!H", recv_exact(sock, 2))
            msg = recv_exact(sock, size) if size else b""
            if size == 1:
                if msg[0] == CTRL_ATR:
                    send(card.atr)
                elif msg[0] in (CTRL_ON, CTRL_RESET, CTRL_OFF):
                    card.reset()
            elif size > 1:
                send(card.execute(msg))
    except (EOFError, ConnectionError):
        pass
    finally:
        sock.close()


if __name__ == "__main__":
    main()
