/*
 * l4posix: the POSIX calls of a codezero-ts process made over L4 IPC with the original
 * Codezero protocol tags, instead of Linux SWIs. Header-only; it needs the L4 ABI of
 * codezero-ts (the syscall page at 0xFFFFF000 and the KIP), so it never runs under qemu-arm.
 *
 * Each call is one IPC call (send then receive) to the pager, mm0 (thread 1):
 *   MR0 = tag, MR1 = sender (the kernel fills it in), MR2..MR5 = arguments,
 *   MR6, MR7 = fifth and sixth arguments (UTCB words, so the call is a full IPC: MMAP);
 *   reply MR0 = the result, a negative errno on error. A failed IPC returns its own error.
 * Pointers are addresses in the caller's memory; the pager reads and writes them through
 * its own mapping of the caller's pages (faults are resolved as for any access).
 */
#ifndef CZ_L4POSIX_H
#define CZ_L4POSIX_H
#include <stdint.h>

#define L4P_MM0 1u
#define L4P_NIL 0xffffffffu
#define L4P_IPC_SHORT 0u
#define L4P_IPC_FULL 1u

/* Protocol tags (spec/codezero.md §2.1). */
enum {
  L4P_SYNC_EXTENDED = 3,
  L4P_SYNC_FULL = 4,
  L4P_SYNC = 5,
  L4P_SHMGET = 6,
  L4P_SHMAT = 7,
  L4P_SHMDT = 8,
  L4P_MMAP = 9,
  L4P_MUNMAP = 10,
  L4P_MSYNC = 11,
  L4P_OPEN = 12,
  L4P_READ = 13,
  L4P_WRITE = 14,
  L4P_LSEEK = 15,
  L4P_CLOSE = 16,
  L4P_BRK = 17,
  L4P_READDIR = 18,
  L4P_MKDIR = 19,
  L4P_EXECVE = 20,
  L4P_CHDIR = 21,
  L4P_FORK = 22,
  L4P_STAT = 23,
  L4P_FSTAT = 24,
  L4P_FSYNC = 25,
  L4P_CLONE = 26,
  L4P_EXIT = 27,
  L4P_WAIT = 28,
};

/* What STAT and FSTAT store: the Linux ARM EABI struct stat64 (104 bytes). */
struct l4p_stat {
  uint64_t dev;
  uint32_t pad0;
  uint32_t ino32;
  uint32_t mode;
  uint32_t nlink;
  uint32_t uid;
  uint32_t gid;
  uint64_t rdev;
  uint32_t pad1[2];
  int64_t size;
  uint32_t blksize;
  uint32_t pad2;
  uint64_t blocks;
  uint32_t times[6];
  uint64_t ino;
};

/* What READDIR stores: Linux dirent64 records, back to back (d_reclen bytes each). */
struct l4p_dirent {
  uint64_t ino;
  int64_t off;
  uint16_t reclen;
  uint8_t type;
  char name[];
};

/* The current thread's UTCB: mr[6], saved tag, saved sender, notify[8], mr_rest[54]. */
static inline volatile uint32_t *l4p_utcb(void) { return (volatile uint32_t *)(*(volatile uint32_t *)0xff000050u); }

/* ipc(to, from, flags) with MR0..MR5 = mr[0..5]; MRs come back in mr[]; returns the IPC result. */
static inline int32_t l4p_ipc_raw(uint32_t to, uint32_t from, uint32_t flags, uint32_t mr[6]) {
  register uint32_t r0 __asm__("r0") = to;
  register uint32_t r1 __asm__("r1") = from;
  register uint32_t r2 __asm__("r2") = flags;
  register uint32_t r3 __asm__("r3") = mr[0];
  register uint32_t r4 __asm__("r4") = mr[1];
  register uint32_t r5 __asm__("r5") = mr[2];
  register uint32_t r6 __asm__("r6") = mr[3];
  register uint32_t r7 __asm__("r7") = mr[4];
  register uint32_t r8 __asm__("r8") = mr[5];
  __asm__ volatile("mov ip, #0\n\tsub ip, ip, #0x1000\n\tblx ip"
                   : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
                   :
                   : "ip", "lr", "memory", "cc");
  mr[0] = r3;
  mr[1] = r4;
  mr[2] = r5;
  mr[3] = r6;
  mr[4] = r7;
  mr[5] = r8;
  return (int32_t)r0;
}

/* One IPC call (send, then receive the reply) to mm0. */
static inline int32_t l4p_ipc(uint32_t flags, uint32_t mr[6]) { return l4p_ipc_raw(L4P_MM0, L4P_MM0, flags, mr); }

/* SYNC: mm0 checks its invariants; it sends no reply, so this only sends. */
static inline int32_t l4p_sync(void) {
  uint32_t mr[6] = {L4P_SYNC, 0, 0, 0, 0, 0};
  return l4p_ipc_raw(L4P_MM0, L4P_NIL, L4P_IPC_SHORT, mr);
}

/* A request with up to four arguments (MR2..MR5): the reply's MR0, or the IPC error. */
static inline int32_t l4p_request(uint32_t tag, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  uint32_t mr[6] = {tag, 0, a, b, c, d};
  int32_t e = l4p_ipc(L4P_IPC_SHORT, mr);
  return e != 0 ? e : (int32_t)mr[0];
}

static inline int32_t l4p_open(const char *path, int flags, int mode) { return l4p_request(L4P_OPEN, (uint32_t)path, (uint32_t)flags, (uint32_t)mode, 0); }
static inline int32_t l4p_read(int fd, void *buf, uint32_t n) { return l4p_request(L4P_READ, (uint32_t)fd, (uint32_t)buf, n, 0); }
static inline int32_t l4p_write(int fd, const void *buf, uint32_t n) { return l4p_request(L4P_WRITE, (uint32_t)fd, (uint32_t)buf, n, 0); }
static inline int32_t l4p_lseek(int fd, int32_t off, int whence) { return l4p_request(L4P_LSEEK, (uint32_t)fd, (uint32_t)off, (uint32_t)whence, 0); }
static inline int32_t l4p_close(int fd) { return l4p_request(L4P_CLOSE, (uint32_t)fd, 0, 0, 0); }
static inline int32_t l4p_fsync(int fd) { return l4p_request(L4P_FSYNC, (uint32_t)fd, 0, 0, 0); }
static inline int32_t l4p_stat(const char *path, struct l4p_stat *st) { return l4p_request(L4P_STAT, (uint32_t)path, (uint32_t)st, 0, 0); }
static inline int32_t l4p_fstat(int fd, struct l4p_stat *st) { return l4p_request(L4P_FSTAT, (uint32_t)fd, (uint32_t)st, 0, 0); }
static inline int32_t l4p_mkdir(const char *path, int mode) { return l4p_request(L4P_MKDIR, (uint32_t)path, (uint32_t)mode, 0, 0); }
static inline int32_t l4p_chdir(const char *path) { return l4p_request(L4P_CHDIR, (uint32_t)path, 0, 0, 0); }
/* READDIR: fills buf with dirent64 records of directory fd; returns the bytes stored, 0 at the end. */
static inline int32_t l4p_readdir(int fd, void *buf, uint32_t n) { return l4p_request(L4P_READDIR, (uint32_t)fd, (uint32_t)buf, n, 0); }
/* BRK: sets the break (0 asks for it); returns the break now in force. */
static inline uint32_t l4p_brk(uint32_t addr) { return (uint32_t)l4p_request(L4P_BRK, addr, 0, 0, 0); }
static inline int32_t l4p_munmap(void *addr, uint32_t len) { return l4p_request(L4P_MUNMAP, (uint32_t)addr, len, 0, 0); }
static inline int32_t l4p_msync(void *addr, uint32_t len, int flags) { return l4p_request(L4P_MSYNC, (uint32_t)addr, len, (uint32_t)flags, 0); }
static inline int32_t l4p_shmget(uint32_t key, uint32_t size, int flags) { return l4p_request(L4P_SHMGET, key, size, (uint32_t)flags, 0); }
/* SHMAT: the attach address (a negative errno on error). */
static inline int32_t l4p_shmat(int id, const void *addr, int flags) { return l4p_request(L4P_SHMAT, (uint32_t)id, (uint32_t)addr, (uint32_t)flags, 0); }
static inline int32_t l4p_shmdt(const void *addr) { return l4p_request(L4P_SHMDT, (uint32_t)addr, 0, 0, 0); }
static inline int32_t l4p_execve(const char *path, char *const argv[], char *const envp[]) { return l4p_request(L4P_EXECVE, (uint32_t)path, (uint32_t)argv, (uint32_t)envp, 0); }
/* FORK: the child's pid in the parent, 0 in the child (which resumes from the same call). */
static inline int32_t l4p_fork(void) { return l4p_request(L4P_FORK, 0, 0, 0, 0); }
/* WAIT: wait4(pid, status, options) with the Linux status encoding. */
static inline int32_t l4p_wait(int pid, int *status, int options) { return l4p_request(L4P_WAIT, (uint32_t)pid, (uint32_t)status, (uint32_t)options, 0); }
/* SYNC_EXTENDED: mm0 reads len (≤ 2048) bytes at buf and checks its invariants; returns len. */
static inline int32_t l4p_sync_extended(const void *buf, uint32_t len) { return l4p_request(L4P_SYNC_EXTENDED, (uint32_t)buf, len, 0, 0); }

/* MMAP: six arguments, so MR6 and MR7 (fd, page offset) go in the UTCB and the call is full. */
static inline int32_t l4p_mmap(void *addr, uint32_t len, int prot, int flags, int fd, uint32_t pgoff) {
  volatile uint32_t *u = l4p_utcb();
  u[10] = (uint32_t)fd;
  u[11] = pgoff;
  uint32_t mr[6] = {L4P_MMAP, 0, (uint32_t)addr, len, (uint32_t)prot, (uint32_t)flags};
  int32_t e = l4p_ipc(L4P_IPC_FULL, mr);
  return e != 0 ? e : (int32_t)mr[0];
}

/* EXIT: ends the calling thread (its process with its last thread) with status; no return. */
static inline void __attribute__((noreturn)) l4p_exit(int status) {
  for (;;) l4p_request(L4P_EXIT, (uint32_t)status, 0, 0, 0);
}

/*
 * CLONE: a thread in this address space running fn(arg) on stack (its top), which ends
 * with EXIT(fn's result). flags are Linux clone flags and must hold CLONE_VM and
 * CLONE_THREAD. Returns the new thread's id, or a negative errno. The child's half runs
 * inside this asm (its stack is not ours), like the C library's clone.
 */
static inline int32_t l4p_clone(int (*fn)(void *), void *stack, uint32_t flags, void *arg) {
  register uint32_t r0 __asm__("r0") = L4P_MM0;
  register uint32_t r1 __asm__("r1") = L4P_MM0;
  register uint32_t r2 __asm__("r2") = L4P_IPC_SHORT;
  register uint32_t r3 __asm__("r3") = L4P_CLONE;
  register uint32_t r4 __asm__("r4") = 0;
  register uint32_t r5 __asm__("r5") = flags;
  register uint32_t r6 __asm__("r6") = (uint32_t)stack;
  register uint32_t r7 __asm__("r7") = 0;
  register uint32_t r8 __asm__("r8") = 0;
  register uint32_t r9 __asm__("r9") = (uint32_t)fn;
  register uint32_t r10 __asm__("r10") = (uint32_t)arg;
  __asm__ volatile(
      "mov ip, #0\n\tsub ip, ip, #0x1000\n\tblx ip\n\t"
      "cmp r0, #0\n\tbne 1f\n\t"
      "cmp r3, #0\n\tbne 1f\n\t"
      /* the child: fn(arg), then EXIT with its result, as a call so it sleeps until it is gone */
      "mov r0, r10\n\tblx r9\n\t"
      "mov r5, r0\n\t"
      "2:\n\tmov r3, #27\n\tmov r0, #1\n\tmov r1, #1\n\tmov r2, #0\n\t"
      "mov ip, #0\n\tsub ip, ip, #0x1000\n\tblx ip\n\tb 2b\n"
      "1:\n"
      : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8), "+r"(r9), "+r"(r10)
      :
      : "ip", "lr", "memory", "cc");
  return r0 != 0 ? (int32_t)r0 : (int32_t)r3;
}

#endif
