/*
 * test0 of codezero-ts (spec/codezero.md 4.1): the POSIX container's test list, as a static
 * glibc program. POSIX calls go through the Linux ABI; the undefined-instruction, IPC and
 * user-mutex tests use the L4 ABI (the KIP, the UTCB and the syscall page at 0xFFFFF000)
 * through the small inline layer below. It runs on codezero-ts only.
 *
 * After the FORK TEST eight processes run the rest of the list; only the original prints
 * PASSED lines, any process prints FAILED. Every process waits for its children before the
 * EXECVE TEST, so the output order is fixed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "l4posix.h"

/* ------------------------------------------------------------------ L4 layer */

#define KIP ((volatile uint32_t *)0xff000000u)
#define L4_NIL 0xffffffffu
#define L4_IPC_FULL 1u
#define L4_IPC_EXTENDED 2u
#define TAG_SYNC_FULL 4u
#define MUTEX_LOCK 0x10000000u
#define MUTEX_UNLOCK 0x20000000u

/* The UTCB and raw IPC come from l4posix.h (shared with posix-ipc): l4p_utcb, l4p_ipc_raw. */

/* A syscall-page call with up to three arguments: slot offset, r0..r2. */
static int l4_call(uint32_t slot, uint32_t a0, uint32_t a1, uint32_t a2) {
  register uint32_t r0 __asm__("r0") = a0;
  register uint32_t r1 __asm__("r1") = a1;
  register uint32_t r2 __asm__("r2") = a2;
  register uint32_t r3 __asm__("r3") = 0xfffff000u + slot;
  __asm__ volatile("blx r3" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "ip", "lr", "memory", "cc");
  return (int)r0;
}

static int l4_getid(uint32_t ids[3]) { return l4_call(0x24, (uint32_t)ids, 0, 0); }
static void l4_thread_switch(void) { l4_call(0x04, 0, 0, 0); }
static int l4_mutex_control(volatile int *word, uint32_t op) { return l4_call(0x34, (uint32_t)word, op, 0); }

/* The user-space half of the kernel mutex (spec 2.4): -1 unlocked, 0 locked, > 0 contenders. */
static void mutex_lock(volatile int *word) {
  while (__sync_add_and_fetch(word, 1) != 0) l4_mutex_control(word, MUTEX_LOCK);
}

static void mutex_unlock(volatile int *word) {
  int old = __sync_lock_test_and_set(word, -1);
  if (old > 0) l4_mutex_control(word, MUTEX_UNLOCK | (uint32_t)old);
}

/* ------------------------------------------------------------------ reporting */

static pid_t original;

static void result(const char *name, int ok) {
  if (!ok)
    printf("%-20s-- FAILED -- (pid %d)\n", name, (int)getpid());
  else if (getpid() == original)
    printf("%-20s-- PASSED --\n", name);
}

/* ------------------------------------------------------------------ the tests */

static int mini_io(void) {
  const char *strs[4] = {"first string", "second string", "third string", "fourth string"};
  int fd1 = open("/miniio.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  int fd2 = open("/miniio.txt", O_RDWR);
  if (fd1 < 0 || fd2 < 0) return 0;
  for (int i = 0; i < 4; i++) {
    if (lseek(fd1, i * 4096, SEEK_SET) != i * 4096) return 0;
    if (write(fd1, strs[i], strlen(strs[i]) + 1) != (ssize_t)strlen(strs[i]) + 1) return 0;
  }
  close(fd1);
  char buf[64];
  for (int i = 0; i < 4; i++) {
    if (lseek(fd2, i * 4096, SEEK_SET) != i * 4096) return 0;
    if (read(fd2, buf, strlen(strs[i]) + 1) != (ssize_t)strlen(strs[i]) + 1 || strcmp(buf, strs[i]) != 0) return 0;
  }
  static char big[8192 + 8];
  char *unaligned = big + 3;
  if (lseek(fd2, 0, SEEK_SET) != 0 || read(fd2, unaligned, 8192) != 8192) return 0;
  int ok = strcmp(unaligned, strs[0]) == 0 && strcmp(unaligned + 4096, strs[1]) == 0;
  close(fd2);
  unlink("/miniio.txt");
  return ok;
}

static int list(const char *path) {
  DIR *d = opendir(path);
  if (d == NULL) return 0;
  int n = 0;
  while (readdir(d) != NULL) n++;
  closedir(d);
  return n >= 2; /* at least . and .. */
}

static int dir_test(void) {
  if (!list(".") || !list("/")) return 0;
  const char *dirs[] = {"/usr", "/etc", "/tmp", "/var", "/bin", "/boot", "/lib", "/dev", "/usr/bin", "/home/", "/home/user"};
  for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
    if (mkdir(dirs[i], 0755) < 0 && errno != EEXIST) return 0;
  if (chdir("/home/user") < 0) return 0;
  return list("/") && list("/usr") && list(".") && list("/usr/./././bin//") && chdir("/") == 0;
}

static int mmap_test(void) {
  int fd = open("/tmp/mmapfile", O_CREAT | O_RDWR | O_TRUNC, 0644);
  if (fd < 0) return 0;
  if (lseek(fd, 16 * 4096, SEEK_SET) != 16 * 4096 || write(fd, "end!", 4) != 4) return 0;
  char *m = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) return 0;
  strcpy(m + 2 * 4096, "page two");
  if (msync(m + 2 * 4096, 4096, MS_SYNC) != 0) return 0;
  if (munmap(m + 2 * 4096, 4096) != 0) return 0;
  m[3 * 4096] = 'x';
  m[1 * 4096] = 'y';
  char buf[16] = {0};
  int ok = pread(fd, buf, 9, 2 * 4096) == 9 && strcmp(buf, "page two") == 0;
  ok = ok && munmap(m, 2 * 4096) == 0 && munmap(m + 3 * 4096, 13 * 4096) == 0;
  close(fd);
  unlink("/tmp/mmapfile");
  return ok;
}

static int shm_test(void) {
  int a = shmget(0x1000, 4096, IPC_CREAT | 0600);
  int b = shmget(0x2000, 10 * 4096, IPC_CREAT | 0600);
  if (a < 0 || b < 0) return 0;
  char *pa = shmat(a, NULL, 0);
  char *pb = shmat(b, NULL, 0);
  if (pa == (char *)-1 || pb == (char *)-1) return 0;
  strcpy(pa, "shm a");
  strcpy(pb + 9 * 4096, "shm b");
  if (shmdt(pa) != 0 || shmdt(pb) != 0) return 0;
  /* The last detach destroyed both segments (the original's rule). */
  return shmat(a, NULL, 0) == (void *)-1 && shmat(b, NULL, 0) == (void *)-1;
}

static int fileio_test(void) {
  char name[64];
  snprintf(name, sizeof name, "/tmp/fileio-%d", (int)getpid());
  int fd = open(name, O_CREAT | O_RDWR | O_TRUNC, 0644);
  if (fd < 0) return 0;
  const char *text = "A line written by test0.\n";
  char buf[64] = {0};
  int ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text) && lseek(fd, 0, SEEK_SET) == 0 &&
           read(fd, buf, sizeof buf) == (ssize_t)strlen(text) && strcmp(buf, text) == 0;
  close(fd);
  unlink(name);
  return ok;
}

static int global_value;

static int fork_test(void) {
  for (int i = 0; i < 3; i++)
    if (fork() < 0) return 0;
  global_value += getpid();
  return global_value == getpid();
}

static volatile int clone_counter;
static volatile int clone_done;

static int clone_fn(void *arg) {
  (void)arg;
  for (int i = 0; i < 25; i++) __sync_add_and_fetch(&clone_counter, 1);
  __sync_add_and_fetch(&clone_done, 1);
  return 0;
}

static int clone_test(void) {
  for (int i = 0; i < 20; i++) {
    char *stack = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (stack == MAP_FAILED) return 0;
    if (clone(clone_fn, stack + 4 * 4096, CLONE_VM | CLONE_FS | CLONE_SIGHAND | CLONE_THREAD, NULL) < 0) return 0;
  }
  while (clone_done < 20) sched_yield();
  return clone_counter == 20 * 25;
}

static int undef_test(void) {
  signal(SIGILL, SIG_IGN);
  volatile int after = 0;
  __asm__ volatile(".word 0xf1f0feed");
  after = 1;
  return after == 1;
}

/* The caller's L4 thread id (Linux pids are a namespace of their own). */
static uint32_t self_tid(void) {
  uint32_t ids[3];
  l4_getid(ids);
  return ids[0];
}

static int full_ipc_test(void) {
  volatile uint32_t *u = l4p_utcb();
  uint32_t mr[6] = {TAG_SYNC_FULL, self_tid(), 2, 3, 4, 5};
  for (int i = 6; i < 60; i++) u[10 + i - 6] = (uint32_t)i;
  if (l4p_ipc_raw(1, 1, L4_IPC_FULL, mr) != 0) return 0;
  for (int i = 2; i < 6; i++)
    if (mr[i] != 0) return 0;
  for (int i = 6; i < 60; i++)
    if (u[10 + i - 6] != 0) return 0;
  return 1;
}

static int extended_ipc_test(void) {
  static char sendbuf[3 * 4096] __attribute__((aligned(4096)));
  char *recvbuf = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (recvbuf == MAP_FAILED) return 0;
  uint32_t flags = L4_IPC_EXTENDED | (2u << 4) | (2048u << 16);
  uint32_t parent = self_tid();
  int fds[2];
  if (pipe(fds) != 0) return 0;
  pid_t pid = fork();
  if (pid < 0) return 0;
  if (pid == 0) {
    uint32_t me = self_tid(); /* tells the parent whom to receive from */
    if (write(fds[1], &me, sizeof me) != sizeof me) _exit(1);
    char *src = sendbuf + 4096 - 1024; /* 1 KiB before a page boundary */
    for (int i = 0; i < 2048; i++) src[i] = (char)(i * 7 + 1);
    uint32_t mr[6] = {0, 0, (uint32_t)src, 0, 0, 0};
    _exit(l4p_ipc_raw(parent, L4_NIL, flags, mr) == 0 ? 0 : 1);
  }
  uint32_t child = 0;
  int got = read(fds[0], &child, sizeof child) == sizeof child;
  close(fds[0]);
  close(fds[1]);
  uint32_t mr[6] = {0, 0, (uint32_t)(recvbuf + 512), 0, 0, 0}; /* untouched pages */
  int ok = got && l4p_ipc_raw(L4_NIL, child, flags, mr) == 0;
  for (int i = 0; i < 2048 && ok; i++) ok = recvbuf[512 + i] == (char)(i * 7 + 1);
  int status;
  ok = ok && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  munmap(recvbuf, 2 * 4096);
  return ok;
}

static int user_mutex_test(void) {
  volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) return 0;
  shared[0] = -1; /* the lock word: unlocked */
  shared[1] = 0;  /* the counter */
  pid_t pid = fork();
  if (pid < 0) return 0;
  int step = pid == 0 ? 1 : -1;
  for (int i = 0; i < 2000; i++) {
    mutex_lock(&shared[0]);
    int v = shared[1];
    l4_thread_switch();
    shared[1] = v + step;
    mutex_unlock(&shared[0]);
  }
  if (pid == 0) _exit(0);
  int status;
  int ok = waitpid(pid, &status, 0) == pid && shared[1] == 0;
  munmap((void *)shared, 4096);
  return ok;
}

/*
 * The EXECVE TEST's second program (test0-exec.c), built first and embedded here by the
 * build (scripts/build-linux.sh puts its directory on the assembler's include path).
 */
__asm__(".section .rodata\n"
        ".balign 4\n"
        "test0_exec_start:\n"
        ".incbin \"test0-exec\"\n"
        "test0_exec_end:\n"
        ".previous\n");
extern const char test0_exec_start[], test0_exec_end[];

/* Writes the second program to a new file and runs it with four arguments and an environment. */
static int execve_test(void) {
  char name[64];
  snprintf(name, sizeof name, "/tmp/execve-%d", (int)getpid());
  int out = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0755);
  if (out < 0) return 0;
  const char *p = test0_exec_start;
  while (p < test0_exec_end) {
    ssize_t n = write(out, p, (size_t)(test0_exec_end - p));
    if (n <= 0) return 0;
    p += n;
  }
  close(out);
  char orig[16];
  snprintf(orig, sizeof orig, "%d", getpid() == original ? 1 : 0);
  char *argv[] = {name, "execve-child", "arg two", "3", orig, NULL};
  char *envp[] = {"TEST0=execve", "HOME=/", NULL};
  execve(name, argv, envp);
  return 0;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  uint32_t ids[3];
  l4_getid(ids);
  original = getpid();
  printf("test0: Started with thread id %u\n", (unsigned)ids[0]);
  printf("test0: Running POSIX API tests.\n");
  result("MINI IO TEST", mini_io());
  result("DIR TEST", dir_test());
  result("MMAP TEST", mmap_test());
  result("SHM TEST", shm_test());
  result("FILE IO TEST", fileio_test());
  result("FORK TEST", fork_test());
  result("CLONE TEST", clone_test());
  result("UNDEF TEST", undef_test());
  result("FULL IPC TEST:", full_ipc_test());
  result("EXTENDED IPC TEST:", extended_ipc_test());
  result("USER MUTEX TEST:", user_mutex_test());
  while (wait(NULL) > 0) {
  }
  result("EXECVE TEST", execve_test());
  return 1;
}
