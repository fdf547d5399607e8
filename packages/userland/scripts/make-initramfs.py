#!/usr/bin/env python3
"""Writes a cpio "newc" initramfs of the Linux-ABI programs, reproducibly.

Usage: make-initramfs.py OUT BINDIR NAME... [--shell SHELLDIR NAME...]

The archive holds /bin (0755) with each NAME as /bin/NAME (0755), the symbolic link
/bin/init -> test0, and an empty /tmp (1777). With --shell, each shell NAME from SHELLDIR
goes to /bin too, except `init`, which becomes /sbin/init (the interactive system's pid 1),
and an empty /proc (0555) is there to mount the process view on. Every entry has uid 0,
gid 0, mtime 0 and inode numbers in archive order, so the bytes depend only on the programs.
"""
import os
import sys


def entry(out, ino, name, mode, data=b"", nlink=1):
    name_b = name.encode() + b"\0"
    header = "070701" + "".join(
        "%08X" % v
        for v in (ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(name_b), 0)
    )
    out.write(header.encode() + name_b)
    out.write(b"\0" * ((4 - (110 + len(name_b)) % 4) % 4))
    out.write(data)
    out.write(b"\0" * ((4 - len(data) % 4) % 4))


def main():
    out_path, bindir, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    shelldir, shell_names = None, []
    if "--shell" in names:
        i = names.index("--shell")
        shelldir, shell_names, names = names[i + 1], names[i + 2:], names[:i]
    with open(out_path, "wb") as out:
        ino = 1
        entry(out, ino, "bin", 0o040755, nlink=2)
        for name in names:
            ino += 1
            with open(os.path.join(bindir, name), "rb") as f:
                entry(out, ino, "bin/" + name, 0o100755, f.read())
        for name in shell_names:
            if name == "init":
                continue
            ino += 1
            with open(os.path.join(shelldir, name), "rb") as f:
                entry(out, ino, "bin/" + name, 0o100755, f.read())
        ino += 1
        entry(out, ino, "bin/init", 0o120777, b"test0")
        if "init" in shell_names:
            ino += 1
            entry(out, ino, "sbin", 0o040755, nlink=2)
            ino += 1
            with open(os.path.join(shelldir, "init"), "rb") as f:
                entry(out, ino, "sbin/init", 0o100755, f.read())
        if shelldir is not None:
            ino += 1
            entry(out, ino, "proc", 0o040555, nlink=2)
        ino += 1
        entry(out, ino, "tmp", 0o041777, nlink=2)
        entry(out, 0, "TRAILER!!!", 0)
        size = out.tell()
        out.write(b"\0" * ((512 - size % 512) % 512))


main()
