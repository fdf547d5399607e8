"""Drives a program on a real Linux pseudo-terminal and types a session, expect-style.

argv: CWD PROGRAM ARGS...  (the environment is passed through)
stdin: a JSON list of steps [send_hex, wait_for_text]: each step types its bytes, then waits
until the text appears in what the terminal shows after them (PTY_TIMEOUT seconds, default
60). The session starts once the first "$ " prompt is shown.

Prints the whole transcript (latin1), then "[lflag-restored yes|no|unknown]" (ICANON and
ECHO set again on the terminal after the program ended), "[exit N]" or "[signal N]", and
"[ok]" or "[timeout]". A step that never sees its text adds a "[stuck ...]" line before the
transcript and ends the program (SIGTERM); one that does not exit within 10 s is killed.
"""
import json, os, pty, select, sys, termios, time

cwd, argv = sys.argv[1], sys.argv[2:]
steps = json.load(sys.stdin)
timeout = float(os.environ.get("PTY_TIMEOUT", "60"))
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cwd)
    os.execvpe(argv[0], argv, dict(os.environ))
buf = b""


def pump(until, start=0):
    """Reads the terminal until `until` shows after byte `start`; False on timeout or EOF."""
    global buf
    end = time.monotonic() + timeout
    while until.encode("latin1") not in buf[start:]:
        left = end - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return False
            if not data:
                return False
            buf += data
    return True


ok = pump("$ ")
if not ok:
    sys.stdout.write("[stuck waiting for the first prompt]\n")
for send_hex, wait_for in steps:
    mark = len(buf)
    os.write(fd, bytes.fromhex(send_hex))
    if wait_for and not pump(wait_for, mark):
        sys.stdout.write("[stuck waiting for %r after sending %r]\n" % (wait_for, bytes.fromhex(send_hex)))
        ok = False
        os.kill(pid, 15)
        break
while True:
    try:
        r, _, _ = select.select([fd], [], [], 2.0)
        if not r:
            break
        data = os.read(fd, 4096)
        if not data:
            break
        buf += data
    except OSError:
        break
try:
    lflag = termios.tcgetattr(fd)[3]
    restored = (lflag & termios.ICANON) != 0 and (lflag & termios.ECHO) != 0
except termios.error:
    restored = None
for _ in range(100):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    time.sleep(0.1)
else:
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    ok = False
sys.stdout.write(buf.decode("latin1"))
sys.stdout.write("\n[lflag-restored %s]\n" % ("yes" if restored else "no" if restored is False else "unknown"))
if os.WIFEXITED(status):
    sys.stdout.write("[exit %d]\n" % os.WEXITSTATUS(status))
else:
    sys.stdout.write("[signal %d]\n" % os.WTERMSIG(status))
sys.stdout.write("[ok]\n" if ok else "[timeout]\n")
