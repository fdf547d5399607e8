"""Drives a program on a real Linux pseudo-terminal, expect-style. argv: CWD PROGRAM ARGS...;
stdin: JSON list of steps [send_hex, wait_for_text]: each step types its bytes, then waits
until the text appears in what the terminal shows after them. The environment is passed through.
Prints the whole transcript (latin1), then a line "[exit N]" (or "[signal N]")."""
import json, os, pty, select, sys, time

cwd, argv = sys.argv[1], sys.argv[2:]
steps = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cwd)
    os.execvpe(argv[0], argv, dict(os.environ))
buf = b""

def pump(until, start=0, timeout=30.0):
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
for send_hex, wait_for in steps:
    mark = len(buf)
    os.write(fd, bytes.fromhex(send_hex))
    if wait_for and not pump(wait_for, mark):
        ok = False
        sys.stdout.write("[stuck waiting for %r after sending %r]\n" % (wait_for, bytes.fromhex(send_hex)))
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
if os.WIFEXITED(status):
    sys.stdout.write("[exit %d]\n" % os.WEXITSTATUS(status))
else:
    sys.stdout.write("[signal %d]\n" % os.WTERMSIG(status))
sys.stdout.write("[ok]\n" if ok else "[timeout]\n")
