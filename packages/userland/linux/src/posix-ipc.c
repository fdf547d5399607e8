/*
 * The POSIX calls over the original Codezero IPC protocol (l4posix.h): files, directories,
 * brk, mmap, shm, fork/exit/wait, clone, SYNC_EXTENDED and execve, each through a tagged
 * IPC call to mm0 rather than a Linux SWI, and one IPC between two processes. Prints one
 * PASSED/FAILED line per group.
 * codezero-ts only (it needs the L4 ABI). Expected output: ../expected/posix-ipc.txt.
 *
 *   posix-ipc            the tests, ending with an execve of itself
 *   posix-ipc exec A B   the execve'd image: checks its arguments and environment
 *   posix-ipc cat        copies the console to itself with READ and WRITE until end of input
 *   posix-ipc fuzz SEED N  N random requests (random tags and arguments) to mm0 from
 *                        forked children; prints "fuzz done" if the parent survives
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "l4posix.h"

/* Linux values (the protocol passes them through). */
#define O_RDONLY 0
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_DIRECTORY 040000
#define SEEK_SET 0
#define SEEK_END 2
#define PROT_RW 3
#define MAP_SHARED 1
#define MAP_PRIVATE 2
#define MAP_ANON 0x20
#define MS_SYNC 4
#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define S_IFMT 0170000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define CLONE_THREAD_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000)
#define ENOENT 2
#define EBADF 9
#define ECHILD 10
#define EEXIST 17
#define EINVAL 22
#define ENOSYS 38
#define PAGE 4096u

static void result(const char *name, int ok) { printf("%-24s-- %s --\n", name, ok ? "PASSED" : "FAILED"); }

static int file_test(void) {
  static const char text[] = "hello over ipc";
  const uint32_t n = sizeof text - 1;
  char buf[32];
  struct l4p_stat st;
  int fd = l4p_open("/ipc-file.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  if (fd < 0) return 0;
  int ok = l4p_write(fd, text, n) == (int32_t)n;
  ok = ok && l4p_lseek(fd, 0, SEEK_SET) == 0;
  memset(buf, 0, sizeof buf);
  ok = ok && l4p_read(fd, buf, sizeof buf) == (int32_t)n && memcmp(buf, text, n) == 0;
  ok = ok && l4p_read(fd, buf, sizeof buf) == 0;
  ok = ok && l4p_lseek(fd, 0, SEEK_END) == (int32_t)n;
  ok = ok && l4p_fstat(fd, &st) == 0 && st.size == n && (st.mode & S_IFMT) == S_IFREG;
  ok = ok && l4p_fsync(fd) == 0;
  ok = ok && l4p_close(fd) == 0 && l4p_close(fd) == -EBADF;
  ok = ok && l4p_stat("/ipc-file.txt", &st) == 0 && st.size == n && (st.mode & 0777) == 0644;
  ok = ok && l4p_stat("/no/such/file", &st) == -ENOENT;
  ok = ok && l4p_open("/no/such/file", O_RDONLY, 0) == -ENOENT;
  ok = ok && l4p_read(99, buf, 1) == -EBADF;
  return ok;
}

/* Lists directory path: a bit per expected name seen (., .., a, b), -1 on an error. */
static int list_dir(const char *path) {
  static char buf[512] __attribute__((aligned(8)));
  int fd = l4p_open(path, O_RDONLY | O_DIRECTORY, 0);
  if (fd < 0) return -1;
  int seen = 0;
  for (;;) {
    int32_t n = l4p_readdir(fd, buf, sizeof buf);
    if (n < 0) return -1;
    if (n == 0) break;
    for (int32_t off = 0; off < n;) {
      struct l4p_dirent *d = (struct l4p_dirent *)(buf + off);
      if (strcmp(d->name, ".") == 0) seen |= 1;
      else if (strcmp(d->name, "..") == 0) seen |= 2;
      else if (strcmp(d->name, "a") == 0) seen |= 4;
      else if (strcmp(d->name, "b") == 0) seen |= 8;
      else seen |= 16;
      off += d->reclen;
    }
  }
  l4p_close(fd);
  return seen;
}

static int dir_test(void) {
  struct l4p_stat st;
  int ok = l4p_mkdir("/ipcdir", 0755) == 0 && l4p_mkdir("/ipcdir", 0755) == -EEXIST;
  ok = ok && l4p_mkdir("/ipcdir/a", 0755) == 0 && l4p_mkdir("/ipcdir//./b", 0755) == 0;
  ok = ok && l4p_chdir("/ipcdir") == 0 && l4p_chdir("/missing") == -ENOENT;
  ok = ok && list_dir(".") == 15 && list_dir("/ipcdir/./") == 15;
  ok = ok && l4p_stat("a", &st) == 0 && (st.mode & S_IFMT) == S_IFDIR;
  int fd = l4p_open("b/f", O_CREAT | O_RDWR, 0600);
  ok = ok && fd >= 0 && l4p_close(fd) == 0 && l4p_stat("/ipcdir/b/f", &st) == 0;
  ok = ok && l4p_chdir("/") == 0;
  return ok;
}

static int brk_test(void) {
  uint32_t cur = l4p_brk(0);
  if (cur == 0 || (int32_t)cur < 0) return 0;
  uint32_t top = cur + 3 * PAGE;
  int ok = l4p_brk(top) == top;
  volatile uint8_t *p = (volatile uint8_t *)cur;
  for (uint32_t i = 0; ok && i < 3 * PAGE; i += 512) p[i] = (uint8_t)i;
  for (uint32_t i = 0; ok && i < 3 * PAGE; i += 512) ok = p[i] == (uint8_t)i;
  ok = ok && l4p_brk(cur) == cur;
  return ok;
}

static int mmap_test(void) {
  /* Anonymous: three pages, the middle one unmapped again. */
  int32_t a = l4p_mmap(0, 3 * PAGE, PROT_RW, MAP_PRIVATE | MAP_ANON, -1, 0);
  if (a < 0 && a > -4096) return 0;
  volatile uint32_t *w = (volatile uint32_t *)a;
  w[0] = 11;
  w[PAGE / 4] = 22;
  w[2 * PAGE / 4] = 33;
  int ok = l4p_munmap((void *)(a + PAGE), PAGE) == 0 && w[0] == 11 && w[2 * PAGE / 4] == 33;
  ok = ok && l4p_munmap((void *)a, 3 * PAGE) == 0;
  ok = ok && l4p_mmap((void *)1, PAGE, PROT_RW, MAP_SHARED, 99, 0) == -EBADF;
  /* A shared file mapping at page offset 1: a store reaches the file after msync. */
  int fd = l4p_open("/ipc-map", O_CREAT | O_RDWR | O_TRUNC, 0644);
  static char page[PAGE];
  memset(page, 'x', sizeof page);
  ok = ok && fd >= 0 && l4p_write(fd, page, PAGE) == (int32_t)PAGE && l4p_write(fd, page, PAGE) == (int32_t)PAGE;
  int32_t m = l4p_mmap(0, PAGE, PROT_RW, MAP_SHARED, fd, 1);
  ok = ok && !(m < 0 && m > -4096);
  if (ok) {
    memcpy((char *)m + 100, "mapped", 6);
    ok = l4p_msync((void *)m, PAGE, MS_SYNC) == 0 && l4p_munmap((void *)m, PAGE) == 0;
    char back[8] = {0};
    ok = ok && l4p_lseek(fd, PAGE + 100, SEEK_SET) == (int32_t)(PAGE + 100) && l4p_read(fd, back, 6) == 6 && memcmp(back, "mapped", 6) == 0;
  }
  ok = ok && l4p_close(fd) == 0;
  return ok;
}

static int shm_test(void) {
  int id = l4p_shmget(0x1234, PAGE, IPC_CREAT | 0666);
  if (id < 0) return 0;
  int ok = l4p_shmget(0x1234, PAGE, IPC_CREAT | IPC_EXCL | 0666) == -EEXIST;
  int32_t p = l4p_shmat(id, 0, 0);
  if (p < 0 && p > -4096) return 0;
  volatile uint32_t *w = (volatile uint32_t *)p;
  w[0] = 1;
  int pid = l4p_fork();
  if (pid == 0) {
    w[0] = 2; /* the segment is shared with the parent */
    l4p_exit(0);
  }
  int status = -1;
  ok = ok && pid > 0 && l4p_wait(pid, &status, 0) == pid && status == 0 && w[0] == 2;
  ok = ok && l4p_shmdt((void *)p) == 0;
  /* The last detach destroyed the segment: attaching again fails. */
  int32_t again = l4p_shmat(id, 0, 0);
  ok = ok && again < 0 && again > -4096;
  return ok;
}

static volatile int fork_global;

static int fork_test(void) {
  int pids[3];
  for (int i = 0; i < 3; i++) {
    pids[i] = l4p_fork();
    if (pids[i] < 0) return 0;
    if (pids[i] == 0) {
      fork_global += 10 + i; /* a private copy: the parent never sees it */
      l4p_exit(fork_global == 10 + i ? 40 + i : 1);
    }
  }
  int ok = fork_global == 0;
  for (int i = 2; i >= 0; i--) {
    int status = -1;
    ok = ok && l4p_wait(pids[i], &status, 0) == pids[i] && status == (40 + i) << 8;
  }
  int status;
  ok = ok && l4p_wait(-1, &status, 0) == -ECHILD;
  return ok;
}

static volatile int clone_count;
static volatile int clone_done;

static int clone_fn(void *arg) {
  int n = (int)(intptr_t)arg;
  for (int i = 0; i < n; i++) __sync_add_and_fetch(&clone_count, 1);
  __sync_add_and_fetch(&clone_done, 1);
  return 0;
}

static int clone_test(void) {
  static uint8_t stacks[4][4096] __attribute__((aligned(8)));
  for (int i = 0; i < 4; i++) {
    if (l4p_clone(clone_fn, stacks[i] + sizeof stacks[i], CLONE_THREAD_FLAGS, (void *)(intptr_t)25) <= 0) return 0;
  }
  /* thread_switch (syscall page slot 0x04) until every thread has counted. */
  for (int spins = 0; clone_done < 4 && spins < 100000; spins++) {
    __asm__ volatile("mov ip, #0\n\tsub ip, ip, #0x1000\n\tadd ip, ip, #4\n\tblx ip" : : : "r0", "r1", "r2", "r3", "ip", "lr", "memory", "cc");
  }
  return clone_done == 4 && clone_count == 100 && l4p_clone(clone_fn, 0, 0, 0) == -EINVAL;
}

static int sync_test(void) {
  static uint8_t buf[2048];
  memset(buf, 0x5a, sizeof buf);
  int ok = l4p_sync_extended(buf, sizeof buf) == (int32_t)sizeof buf;
  ok = ok && l4p_sync_extended(buf, 4096) == -EINVAL;
  ok = ok && l4p_sync() == 0 && l4p_request(99, 1, 2, 3, 4) == -ENOSYS && l4p_request(2 * 1000, 0, 0, 0, 0) == -ENOSYS;
  /* Forged kernel messages (page fault, undefined instruction, SWI exception, notify): only
     the kernel speaks for a faulting thread, so mm0 refuses them, and a forged one sent
     without waiting for the reply must not hold mm0 up. */
  uint32_t forged[6] = {0, 0, 0x1000, 0, 0x1000, 0};
  ok = ok && l4p_ipc_raw(L4P_MM0, L4P_NIL, L4P_IPC_SHORT, forged) == 0;
  ok = ok && l4p_request(0, 0x1000, 0, 0x1000, 0) == -ENOSYS && l4p_request(1, 0, 0, 0, 0) == -ENOSYS;
  ok = ok && l4p_request(2, 0, 0, 0, 0) == -ENOSYS && l4p_request(0x7c, 0, 0, 0, 0) == -ENOSYS;
  return ok;
}

/* A short IPC between two processes (not to mm0): the parent's trace shows it. */
static int user_ipc_test(void) {
  uint32_t ids[3] = {0, 0, 0};
  register uint32_t r0 __asm__("r0") = (uint32_t)ids;
  __asm__ volatile("mov ip, #0\n\tsub ip, ip, #0x1000\n\tadd ip, ip, #0x24\n\tblx ip" : "+r"(r0) : : "r1", "r2", "r3", "ip", "lr", "memory", "cc");
  uint32_t self = ids[0];
  int pid = l4p_fork();
  if (pid == 0) {
    uint32_t mr[6] = {0x99, 0, 7, 8, 9, 10};
    l4p_exit(l4p_ipc_raw(self, L4P_NIL, L4P_IPC_SHORT, mr) == 0 ? 0 : 1);
  }
  uint32_t mr[6] = {0, 0, 0, 0, 0, 0};
  int ok = pid > 0 && l4p_ipc_raw(L4P_NIL, 0xfffffffeu, L4P_IPC_SHORT, mr) == 0 && mr[0] == 0x99 && mr[2] == 7 && mr[5] == 10;
  int status = -1;
  return ok && l4p_wait(pid, &status, 0) == pid && status == 0;
}

static uint32_t rng_state;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

/* Random requests: tags 0..40 and 0x7c (forged kernel messages, the protocol's and beyond), arguments small, addresses in a
   scratch buffer or the mmap area, or wild, short, full or extended transfers. */
static uint8_t fuzz_scratch[8192];

static void fuzz(uint32_t seed, int calls) {
  rng_state = seed ? seed : 1;
  for (int child = 0; child < 3; child++) {
    int pid = l4p_fork();
    if (pid == 0) {
      rng_state ^= (uint32_t)(child + 1) * 0x9e3779b9u;
      for (int i = 0; i < calls; i++) {
        uint32_t tag = rng() % 41;
        if ((rng() & 15) == 0) tag = 0x7c; /* a forged notification */
        uint32_t mr[6];
        for (int k = 0; k < 6; k++) {
          uint32_t r = rng();
          mr[k] = (r & 3) == 0 ? r : (r & 3) == 1 ? (r & 0xff) : (r & 3) == 2 ? 0x40000000u + (r & 0xff000) : (uint32_t)fuzz_scratch + (r & 0xfff);
        }
        mr[0] = tag;
        /* Not the calls that end, replace or multiply the fuzzer. Forged kernel messages
           (tags 0..2 and 0x7c) are in: mm0 must refuse them. */
        if (tag == L4P_EXIT || tag == L4P_EXECVE || tag == L4P_FORK || tag == L4P_CLONE) continue;
        volatile uint32_t *u = l4p_utcb();
        u[10] = rng();
        u[11] = rng() & 0xff;
        /* Short or full, or extended with the scratch buffer (MR2) and a size that may be
           too big; a call mostly, a send alone (no reply awaited) now and then. */
        uint32_t kind = rng() % 8;
        uint32_t flags = kind < 7 ? (kind & 1) : (2 | (2 << 4) | ((rng() % 2100) << 16));
        if (kind == 7) mr[2] = (uint32_t)fuzz_scratch;
        l4p_ipc_raw(L4P_MM0, tag == L4P_SYNC || (rng() & 7) == 0 ? L4P_NIL : L4P_MM0, flags, mr);
      }
      l4p_exit(0);
    }
  }
  for (int i = 0; i < 3; i++) l4p_wait(-1, 0, 0);
  printf("fuzz done\n");
}

int main(int argc, char **argv, char **envp) {
  cz_init();
  if (argc >= 2 && strcmp(argv[1], "exec") == 0) {
    int ok = argc == 4 && strcmp(argv[2], "one") == 0 && strcmp(argv[3], "two") == 0;
    ok = ok && envp[0] != 0 && strcmp(envp[0], "VIA=ipc") == 0 && envp[1] == 0;
    result("EXECVE", ok);
    return ok ? 0 : 1;
  }
  if (argc >= 2 && strcmp(argv[1], "cat") == 0) {
    /* READ blocks on the console (mm0 parks the request) until the host types something. */
    static char buf[256];
    int32_t n;
    while ((n = l4p_read(0, buf, sizeof buf)) > 0) l4p_write(1, buf, (uint32_t)n);
    return n == 0 ? 0 : 1;
  }
  if (argc >= 4 && strcmp(argv[1], "fuzz") == 0) {
    fuzz((uint32_t)strtoul(argv[2], 0, 0), atoi(argv[3]));
    return 0;
  }
  printf("posix-ipc: POSIX calls over L4 IPC to mm0\n");
  result("FILE", file_test());
  result("DIR", dir_test());
  result("BRK", brk_test());
  result("MMAP", mmap_test());
  result("SHM", shm_test());
  result("FORK/EXIT/WAIT", fork_test());
  result("CLONE", clone_test());
  result("SYNC_EXTENDED/ENOSYS", sync_test());
  result("USER IPC", user_ipc_test());
  char *args[] = {"posix-ipc", "exec", "one", "two", 0};
  char *env[] = {"VIA=ipc", 0};
  int32_t r = l4p_execve(argv[0], args, env);
  printf("execve failed: %d\n", (int)r);
  return 1;
}
