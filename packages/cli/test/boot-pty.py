"""Runs `codezero boot` on a Linux pseudo-terminal and types a session, expect-style.
argv: CWD PROGRAM ARGS...; stdin: JSON list of [send_hex, wait_for_text] steps (each types
its bytes, then waits for the text in what the terminal shows after them). Prints the
transcript (latin1), then "[lflag-restored yes|no]" (ICANON and ECHO set again on the
terminal after the program ended) and "[exit N]" (or "[signal N]" / "[stuck …]")."""
import json, os, pty, select, sys, termios, time

cwd, argv = sys.argv[1], sys.argv[2:]
steps = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cwd)
    os.execvpe(argv[0], argv, dict(os.environ))
buf = b""


def pump(until, start=0, timeout=float(os.environ.get("PTY_TIMEOUT", "60"))):
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


stuck = not pump("$ ")
if stuck:
    sys.stdout.write("[stuck waiting for the first prompt]\n")
for send_hex, wait_for in steps:
    mark = len(buf)
    os.write(fd, bytes.fromhex(send_hex))
    if wait_for and not pump(wait_for, mark):
        sys.stdout.write("[stuck waiting for %r after sending %r]\n" % (wait_for, bytes.fromhex(send_hex)))
        stuck = True
        break
if stuck:
    os.kill(pid, 15)
while True:
    try:
        r, _, _ = select.select([fd], [], [], 5.0)
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
_, status = os.waitpid(pid, 0)
sys.stdout.write(buf.decode("latin1"))
sys.stdout.write("\n[lflag-restored %s]\n" % ("yes" if restored else "no" if restored is False else "unknown"))
if os.WIFEXITED(status):
    sys.stdout.write("[exit %d]\n" % os.WEXITSTATUS(status))
else:
    sys.stdout.write("[signal %d]\n" % os.WTERMSIG(status))
