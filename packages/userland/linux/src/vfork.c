/* vfork, clone(CLONE_VM) and CLONE_PARENT: shared memory until exec, the parent suspended
 * until the child execs or exits, the grandparent as the parent of a CLONE_PARENT child.
 * Prints only facts that do not depend on pid values.
 * qemu-arm (user mode) runs vfork as fork and refuses CLONE_VM without CLONE_THREAD and
 * CLONE_PARENT (EINVAL), so the golden run (no argument) prints what qemu-arm can confirm;
 * `vfork linux` adds the shared-memory, suspension and CLONE_PARENT facts of Linux (checked
 * on codezero-ts against Linux's documented behaviour). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

extern char **environ;

static volatile int shared_value;
static volatile pid_t child_pid_seen;
static volatile int child_ppid_ok;
static volatile int child_steps;
static volatile pid_t sigchld_from;
static volatile char parent_state;
static char stat_path[32], stat_text[128];

static const char *yes(int c) { return c ? "yes" : "no"; }

/* The exec'd image: reports its parent relation, exits with a status the parent checks. */
static int exec_child(char **argv) {
  pid_t expected = (pid_t)strtol(argv[2], NULL, 10);
  printf("exec'd child: ppid == vfork parent: %s\n", yes(getppid() == expected));
  return 5;
}

static void vfork_exit(int memory) {
  pid_t me = getpid();
  pid_t pid = vfork();
  CHECK(pid >= 0);
  if (pid == 0) {
    /* Memory is the parent's: these writes are what the parent reads when it resumes. */
    shared_value = 42;
    child_pid_seen = getpid();
    child_ppid_ok = getppid() == me;
    /* The suspended parent as /proc shows it (field 3 of stat: "pid (comm) S …"). */
    snprintf(stat_path, sizeof stat_path, "/proc/%d/stat", (int)me);
    int fd = open(stat_path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, stat_text, sizeof stat_text - 1);
    if (fd >= 0) close(fd);
    char *end = n > 0 ? strrchr(stat_text, ')') : NULL;
    parent_state = end != NULL && end[1] == ' ' ? end[2] : '?';
    for (int i = 0; i < 20; i++) {
      child_steps++;
      sched_yield(); /* the parent must not run meanwhile */
    }
    _exit(7);
  }
  if (memory) {
    printf("vfork: parent sees the child's write: %s\n", yes(shared_value == 42));
    printf("vfork: returned the child's pid: %s\n", yes(child_pid_seen == pid));
    printf("vfork: child's ppid == my pid: %s\n", yes(child_ppid_ok));
    printf("vfork: parent resumed after the child exited: %s\n", yes(child_steps == 20));
    printf("vfork: the waiting parent's state in /proc: %c\n", parent_state);
  }
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("vfork: child _exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void vfork_exec(int memory) {
  char arg[16];
  snprintf(arg, sizeof arg, "%d", (int)getpid());
  shared_value = 0;
  child_steps = 0;
  pid_t pid = vfork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char *args[] = {"vfork", "exec-child", arg, NULL};
    shared_value = 1;
    for (int i = 0; i < 10; i++) {
      child_steps++;
      sched_yield();
    }
    execve("./bin/vfork", args, environ);
    _exit(127);
  }
  int resumed_after_exec = shared_value == 1 && child_steps == 10;
  /* The exec'd image runs on its own now: print after it is gone, so the order is fixed. */
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  if (memory) printf("vfork+exec: parent resumed after the child's execve began: %s\n", yes(resumed_after_exec));
  printf("vfork+exec: exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static char clone_stack[16384] __attribute__((aligned(8)));

static int vm_child(void *arg) {
  (void)arg;
  shared_value = 99;
  child_pid_seen = getpid();
  return 3;
}

static void clone_vm_vfork(int memory) {
  shared_value = 0;
  pid_t pid = clone(vm_child, clone_stack + sizeof clone_stack, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
  CHECK(pid > 0);
  if (memory) printf("clone(CLONE_VM|CLONE_VFORK): parent sees the child's write: %s\n", yes(shared_value == 99 && child_pid_seen == pid));
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("clone(CLONE_VM|CLONE_VFORK): exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void clone_vm(void) {
  shared_value = 0;
  pid_t pid = clone(vm_child, clone_stack + sizeof clone_stack, CLONE_VM | SIGCHLD, NULL);
  CHECK(pid > 0);
  while (shared_value != 99) sched_yield();
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("clone(CLONE_VM): a process sharing memory, exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void spawn(void) {
  char arg[16];
  snprintf(arg, sizeof arg, "%d", (int)getpid());
  char *args[] = {"vfork", "exec-child", arg, NULL};
  pid_t pid;
  int r = posix_spawn(&pid, "./bin/vfork", NULL, NULL, args, environ);
  CHECK(r == 0);
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("posix_spawn: ok\n");
  printf("posix_spawn: exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void on_sigchld(int sig, siginfo_t *si, void *ctx) {
  (void)sig;
  (void)ctx;
  sigchld_from = si->si_pid;
}

/* A middle process makes a CLONE_PARENT child: the child is ours (the grandparent's). */
static void clone_parent(void) {
  int to_top[2], go[2];
  CHECK(pipe(to_top) == 0 && pipe(go) == 0);
  pid_t top = getpid();
  pid_t middle = fork();
  CHECK(middle >= 0);
  if (middle == 0) {
    long g = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
    if (g == 0) {
      /* The sibling: its parent is the top process. */
      char c;
      int ok = getppid() == top;
      if (read(go[0], &c, 1) != 1) _exit(1);
      _exit(ok ? 9 : 8);
    }
    int info[2] = {(int)g, 0};
    info[1] = g > 0 && waitpid((pid_t)g, NULL, WNOHANG) < 0 && errno == ECHILD;
    if (write(to_top[1], info, sizeof info) != sizeof info) _exit(1);
    _exit(0);
  }
  int info[2] = {0, 0};
  CHECK(read(to_top[0], info, sizeof info) == sizeof info);
  CHECK(info[0] > 0);
  printf("CLONE_PARENT: the middle process cannot wait for it: %s\n", yes(info[1]));
  int status = 0;
  CHECK(waitpid(middle, &status, 0) == middle && WIFEXITED(status));
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_sigchld;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
  CHECK(write(go[1], "x", 1) == 1);
  CHECK(waitpid(info[0], &status, 0) == info[0]);
  printf("CLONE_PARENT: child's ppid == my pid: %s\n", yes(WIFEXITED(status) && WEXITSTATUS(status) == 9));
  printf("CLONE_PARENT: its SIGCHLD came to me: %s\n", yes(sigchld_from == info[0]));
  signal(SIGCHLD, SIG_DFL);
}

/* wait4 by process group: pid 0 is the caller's group, -pgid another group. */
static void wait_groups(void) {
  int go[2];
  CHECK(pipe(go) == 0);
  pid_t other = fork(); /* in a group of its own */
  CHECK(other >= 0);
  if (other == 0) {
    char c;
    setpgid(0, 0);
    if (read(go[0], &c, 1) != 1) _exit(1);
    _exit(21);
  }
  CHECK(setpgid(other, other) == 0 || errno == EACCES);
  pid_t same = fork(); /* stays in the caller's group */
  CHECK(same >= 0);
  if (same == 0) {
    char c;
    if (read(go[0], &c, 1) != 1) _exit(1);
    _exit(22);
  }
  CHECK(write(go[1], "xx", 2) == 2);
  int status = 0;
  pid_t r = waitpid(0, &status, 0);
  printf("waitpid(0) reaps the child of my group: %s, status %d\n", yes(r == same), WEXITSTATUS(status));
  r = waitpid(0, &status, WNOHANG);
  printf("waitpid(0) with only another group's child left: %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "unexpected");
  r = waitpid(-other, &status, 0);
  printf("waitpid(-pgid) reaps the child of that group: %s, status %d\n", yes(r == other), WEXITSTATUS(status));
  r = waitpid(-1, &status, WNOHANG);
  printf("waitpid(-1) after both: %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "unexpected");
}

/* Only meaningful as init (pid 1): CLONE_PARENT there is EINVAL. */
static int as_init(void) {
  long r = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
  if (r == 0) _exit(0);
  printf("init: pid %d, clone(CLONE_PARENT) %s\n", (int)getpid(), r < 0 && errno == EINVAL ? "EINVAL" : "succeeded");
  return 0;
}

int main(int argc, char **argv) {
  cz_init();
  if (argc > 2 && strcmp(argv[1], "exec-child") == 0) return exec_child(argv);
  if (argc > 1 && strcmp(argv[1], "as-init") == 0) return as_init();
  int memory = argc > 1 && strcmp(argv[1], "linux") == 0;
  vfork_exit(memory);
  vfork_exec(memory);
  clone_vm_vfork(memory);
  if (memory) clone_vm();
  spawn();
  wait_groups();
  if (memory) clone_parent();
  return 0;
}
