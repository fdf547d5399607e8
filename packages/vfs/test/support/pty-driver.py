"""Feeds byte strings to real Linux pseudo-terminals (n_tty, default termios) and reports,
for each, what the terminal echoed and what successive non-blocking reads of the slave
returned. Input: JSON list of hex strings on stdin. Output: JSON list of
{"echo": hex, "reads": [hex | null]} (null = a read of 0 bytes, end of file)."""
import json, os, pty, select, sys, time, termios

def run_batch(cases):
    ptys = []
    for hexs in cases:
        m, s = pty.openpty()
        attrs = termios.tcgetattr(s)
        attrs[3] &= ~termios.NOFLSH
        termios.tcsetattr(s, termios.TCSANOW, attrs)
        os.set_blocking(m, False)
        os.set_blocking(s, False)
        ptys.append((m, s))
        os.write(m, bytes.fromhex(hexs))
    echoes = [b''] * len(cases)
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 0.15:
        r, _, _ = select.select([m for m, _ in ptys], [], [], 0.05)
        for fd in r:
            i = [m for m, _ in ptys].index(fd)
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b''
            if data:
                echoes[i] += data
                quiet_since = time.monotonic()
    out = []
    for i, (m, s) in enumerate(ptys):
        reads = []
        for _ in range(200):
            try:
                data = os.read(s, 65536)
            except BlockingIOError:
                break
            reads.append(data.hex() if data else None)
        out.append({"echo": echoes[i].hex(), "reads": reads})
        os.close(s)
        os.close(m)
    return out

cases = json.load(sys.stdin)
result = []
for k in range(0, len(cases), 64):
    result.extend(run_batch(cases[k:k + 64]))
json.dump(result, sys.stdout)
