/* Deaths by signal (a NULL dereference, an undefined instruction, abort(), kill by the
   parent), then signal handlers: siginfo, sa_mask, nesting, sigreturn restoring every
   register, SIGSEGV with siglongjmp, sigsuspend, sigaltstack, SA_RESETHAND, a handled kill
   to a child, SIGCHLD and its auto-reaping. */
#include <errno.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "common.h"

/* regs_probe(buf): buf[0] = pid, buf[1] = tid; loads known values into r1..r12 (not r7,
   r11: syscall number and base), makes tgkill(pid, tid, SIGUSR1) and stores r0..r12 and sp
   after the call at buf[2..15], sp before it at buf[16]. */
void regs_probe(uint32_t *buf);
/* clobber_all: a SIGUSR1 handler that trashes r0..r12 (sigreturn must restore them). */
void clobber_all(int sig);
__asm__(".text\n.arm\n.align 2\n.global regs_probe\nregs_probe:\n"
        "push {r4-r11, lr}\n"
        "mov r11, r0\n"
        "ldr r0, [r11]\n ldr r1, [r11, #4]\n mov r2, #10\n"
        "ldr r3, =0x33333333\n ldr r4, =0x44444444\n ldr r5, =0x55555555\n ldr r6, =0x66666666\n"
        "ldr r8, =0x88888888\n ldr r9, =0x99999999\n ldr r10, =0xaaaaaaaa\n ldr r12, =0xcccccccc\n"
        "ldr r7, =268\n"
        "str sp, [r11, #64]\n"
        "svc #0\n"
        "str r0, [r11, #8]\n str r1, [r11, #12]\n str r2, [r11, #16]\n str r3, [r11, #20]\n"
        "str r4, [r11, #24]\n str r5, [r11, #28]\n str r6, [r11, #32]\n str r7, [r11, #36]\n"
        "str r8, [r11, #40]\n str r9, [r11, #44]\n str r10, [r11, #48]\n str r12, [r11, #52]\n"
        "str sp, [r11, #56]\n"
        "pop {r4-r11, pc}\n"
        ".ltorg\n"
        ".global clobber_all\nclobber_all:\n"
        "mov r0, #0\n mov r1, #1\n mov r2, #2\n mov r3, #3\n mov r4, #4\n mov r5, #5\n mov r6, #6\n"
        "mov r8, #8\n mov r9, #9\n mov r10, #10\n mov r11, #11\n mov r12, #12\n bx lr\n");

static volatile sig_atomic_t events[16];
static volatile int nevents;
static volatile int depth, maxdepth;
static volatile int last_code, last_pid, last_status, got_chld;
static sigjmp_buf jump;
static char altstack[16384];
static volatile uintptr_t bad_address = 0x10;

static void note(int what) {
  if (nevents < 16) events[nevents++] = what;
}

static void info_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  last_code = si->si_code;
  last_pid = si->si_pid;
  note(sig);
}

static void usr1_masked(int sig) {
  note(sig);
  raise(SIGUSR2); /* blocked by sa_mask: runs after this handler returns */
  sigset_t p;
  sigpending(&p);
  note(sigismember(&p, SIGUSR2) ? 100 : 101);
  note(-sig);
}

static void plain(int sig) { note(sig); }

static void nested(int sig) {
  depth++;
  if (depth > maxdepth) maxdepth = depth;
  if (depth < 3) raise(sig); /* SA_NODEFER: runs at once, nested */
  depth--;
}

static void segv_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  last_code = si->si_code;
  note(sig);
  note(si->si_addr == (void *)0x10 ? 1 : 0);
  siglongjmp(jump, 1);
}

static void alt_handler(int sig) {
  char here;
  stack_t ss;
  note(sig);
  note(&here >= altstack && &here < altstack + sizeof altstack);
  sigaltstack(NULL, &ss);
  note(ss.ss_flags & SS_ONSTACK);
}

static void chld_handler(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  last_code = si->si_code;
  last_pid = si->si_pid;
  last_status = si->si_status;
  got_chld++;
}

static void install(int sig, void (*h)(int), int flags, int masked) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  if (masked) sigaddset(&sa.sa_mask, masked);
  CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void install_info(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void print_events(const char *what) {
  printf("%s:", what);
  for (int i = 0; i < nevents; i++) printf(" %d", (int)events[i]);
  printf("\n");
  nevents = 0;
}

static void handlers(void) {
  /* siginfo of a raise (tgkill: SI_TKILL, our pid). */
  install_info(SIGUSR1, info_handler, 0);
  raise(SIGUSR1);
  print_events("siginfo handler");
  printf("si_code %d, si_pid is ours %d\n", last_code, last_pid == getpid());

  /* sa_mask: SIGUSR2 raised inside the SIGUSR1 handler waits for it to return. */
  install(SIGUSR1, usr1_masked, 0, SIGUSR2);
  install(SIGUSR2, plain, 0, 0);
  raise(SIGUSR1);
  print_events("sa_mask");

  /* Nested delivery with SA_NODEFER. */
  install(SIGUSR1, nested, SA_NODEFER, 0);
  raise(SIGUSR1);
  printf("nested depth %d\n", maxdepth);

  /* sigreturn restores every register and the stack pointer. */
  install(SIGUSR1, clobber_all, 0, 0);
  static uint32_t buf[17];
  buf[0] = (uint32_t)getpid();
  buf[1] = (uint32_t)syscall(SYS_gettid);
  regs_probe(buf);
  int ok = buf[2] == 0 && buf[3] == buf[1] && buf[4] == 10 && buf[5] == 0x33333333 && buf[6] == 0x44444444 &&
           buf[7] == 0x55555555 && buf[8] == 0x66666666 && buf[9] == 268 && buf[10] == 0x88888888 &&
           buf[11] == 0x99999999 && buf[12] == 0xaaaaaaaa && buf[13] == 0xcccccccc && buf[14] == buf[16];
  printf("registers after the handler: %s\n", ok ? "all restored" : "CHANGED");

  /* SIGSEGV handler leaving with siglongjmp, twice (the mask comes back each time). */
  install_info(SIGSEGV, segv_handler, 0);
  for (int i = 0; i < 2; i++) {
    if (sigsetjmp(jump, 1) == 0) {
      volatile int *bad = (volatile int *)bad_address;
      *bad = 1;
      printf("not reached\n");
    }
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("recovered from SIGSEGV (code %d), SIGSEGV blocked %d\n", last_code, sigismember(&now, SIGSEGV));
  }
  print_events("segv");

  /* sigsuspend: a pending blocked signal runs inside it; the mask comes back. */
  install(SIGUSR2, plain, 0, 0);
  sigset_t block, old, empty, pend;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  sigprocmask(SIG_BLOCK, &block, &old);
  raise(SIGUSR2);
  sigpending(&pend);
  printf("pending while blocked: %d, handled yet: %d\n", sigismember(&pend, SIGUSR2), nevents);
  sigemptyset(&empty);
  int r = sigsuspend(&empty);
  int e = errno;
  sigset_t after;
  sigprocmask(SIG_BLOCK, NULL, &after);
  printf("sigsuspend = %d (%s), still blocked after: %d\n", r, e == EINTR ? "EINTR" : "?", sigismember(&after, SIGUSR2));
  sigprocmask(SIG_SETMASK, &old, NULL);
  print_events("sigsuspend");

  /* sigaltstack with SA_ONSTACK. */
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  CHECK(sigaltstack(&ss, NULL) == 0);
  install(SIGUSR1, alt_handler, SA_ONSTACK, 0);
  raise(SIGUSR1);
  stack_t cur;
  sigaltstack(NULL, &cur);
  print_events("alternate stack (sig, on it, SS_ONSTACK)");
  printf("after the handler: SS_ONSTACK %d\n", cur.ss_flags & SS_ONSTACK);

  /* SA_RESETHAND: the handler runs once, then the action is SIG_DFL again. */
  install(SIGUSR2, plain, SA_RESETHAND, 0);
  raise(SIGUSR2);
  struct sigaction q;
  sigaction(SIGUSR2, NULL, &q);
  print_events("reset hand");
  printf("action after it: %s\n", q.sa_handler == SIG_DFL ? "SIG_DFL" : "still set");
}

static void child_signals(void) {
  /* A handled kill to a child waiting in sigsuspend; it exits with what it saw. */
  int ready[2];
  CHECK(pipe(ready) == 0);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  pid_t pid = fork();
  if (pid == 0) {
    install_info(SIGUSR1, info_handler, 0);
    sigset_t empty;
    sigemptyset(&empty);
    CHECK(write(ready[1], "r", 1) == 1);
    int r = sigsuspend(&empty);
    _exit(r == -1 && errno == EINTR && nevents == 1 && last_code == 0 && last_pid == getppid() ? 42 : 1);
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  char c;
  CHECK(read(ready[0], &c, 1) == 1);
  CHECK(kill(pid, SIGUSR1) == 0);
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("child with a handler: exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  close(ready[0]);
  close(ready[1]);

  /* SIGCHLD with siginfo. */
  install_info(SIGCHLD, chld_handler, SA_RESTART);
  pid = fork();
  if (pid == 0) _exit(3);
  CHECK(waitpid(pid, &status, 0) == pid);
  for (int i = 0; i < 100 && !got_chld; i++) (void)getpid();
  printf("SIGCHLD: %d, code %d, status %d, pid matches %d\n", got_chld, last_code, last_status, last_pid == pid);
  got_chld = 0;
  pid = fork();
  if (pid == 0) {
    raise(SIGTERM);
    _exit(0);
  }
  CHECK(waitpid(pid, &status, 0) == pid);
  for (int i = 0; i < 100 && !got_chld; i++) (void)getpid();
  printf("SIGCHLD: %d, code %d, status %d\n", got_chld, last_code, last_status);

  /* SIGCHLD ignored: children are reaped by the system, wait finds none. */
  signal(SIGCHLD, SIG_IGN);
  pid = fork();
  if (pid == 0) _exit(5);
  int r = waitpid(pid, &status, 0);
  printf("SIG_IGN SIGCHLD: waitpid = %d (%s)\n", r, r == -1 && errno == ECHILD ? "ECHILD" : "?");
  signal(SIGCHLD, SIG_DFL);
}

static void describe(const char *what, int status) {
  if (WIFSTOPPED(status))
    printf("%s: stopped by %d\n", what, WSTOPSIG(status));
  else if (WIFCONTINUED(status))
    printf("%s: continued\n", what);
  else if (WIFSIGNALED(status))
    printf("%s: killed by signal %d\n", what, WTERMSIG(status));
  else
    printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

static volatile int usr1_seen;
static void count_usr1(int sig) {
  (void)sig;
  usr1_seen++;
}

static void interrupted_read(void) {
  /* A child blocked in a pipe read gets a handled SIGUSR1: without SA_RESTART the read
     fails with EINTR; with SA_RESTART it goes on and returns the byte written later. */
  int data[2], ready[2];
  CHECK(pipe(data) == 0 && pipe(ready) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    install(SIGUSR1, count_usr1, 0, 0);
    CHECK(write(ready[1], "a", 1) == 1);
    int r = (int)read(data[0], &c, 1);
    int e = errno;
    install(SIGUSR1, count_usr1, SA_RESTART, 0);
    CHECK(write(ready[1], "b", 1) == 1);
    int r2 = (int)read(data[0], &c, 1);
    _exit((r == -1 && e == EINTR ? 10 : 0) + (r2 == 1 && c == 'x' ? 1 : 0) + (usr1_seen == 2 ? 100 : 0));
  }
  char c;
  struct timespec pause_ts = {0, 200000000};
  /* Let the child reach its read first (sched_yield for a system whose nanosleep does not wait). */
  CHECK(read(ready[0], &c, 1) == 1);
  nanosleep(&pause_ts, NULL);
  for (int i = 0; i < 20; i++) sched_yield();
  CHECK(kill(pid, SIGUSR1) == 0);
  CHECK(read(ready[0], &c, 1) == 1);
  nanosleep(&pause_ts, NULL);
  for (int i = 0; i < 20; i++) sched_yield();
  CHECK(kill(pid, SIGUSR1) == 0);
  nanosleep(&pause_ts, NULL);
  for (int i = 0; i < 20; i++) sched_yield();
  CHECK(write(data[1], "x", 1) == 1);
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("interrupted read: %d (111: EINTR, then restarted)\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  close(data[0]);
  close(data[1]);
  close(ready[0]);
  close(ready[1]);
}

static void job_control(void) {
  /* SIGSTOP / SIGCONT / SIGTSTP to a child waiting in pause, seen through WUNTRACED and WCONTINUED. */
  /* The child gets a process group of its own: Linux discards SIGTSTP for an orphaned
     group, which ours would be when the test runs without a terminal (setsid, CI). */
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    for (;;) pause();
  }
  setpgid(pid, pid);
  int status = 0;
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &status, WUNTRACED) == pid);
  describe("SIGSTOP", status);
  CHECK(waitpid(pid, &status, WNOHANG | WUNTRACED) == 0);
  CHECK(kill(pid, SIGCONT) == 0);
  CHECK(waitpid(pid, &status, WCONTINUED) == pid);
  describe("SIGCONT", status);
  CHECK(kill(pid, SIGTSTP) == 0);
  CHECK(waitpid(pid, &status, WUNTRACED) == pid);
  describe("SIGTSTP", status);
  CHECK(kill(pid, SIGKILL) == 0);
  CHECK(waitpid(pid, &status, 0) == pid);
  describe("SIGKILL while stopped", status);
}

static void report(const char *what, pid_t pid) {
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  if (WIFSIGNALED(status))
    printf("%s: killed by signal %d\n", what, WTERMSIG(status));
  else
    printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

int main(void) {
  cz_init();
  pid_t pid = fork();
  if (pid == 0) {
    volatile int *p = (volatile int *)0;
    *p = 1;
    _exit(0);
  }
  report("null store", pid);
  pid = fork();
  if (pid == 0) {
    __asm__ volatile(".word 0xe7f000f0");
    _exit(0);
  }
  report("undefined instruction", pid);
  pid = fork();
  if (pid == 0) abort();
  report("abort", pid);
  int p[2];
  CHECK(pipe(p) == 0);
  pid = fork();
  if (pid == 0) {
    char c;
    close(p[1]);
    (void)read(p[0], &c, 1); /* blocks until killed */
    _exit(0);
  }
  close(p[0]);
  CHECK(kill(pid, SIGTERM) == 0);
  report("SIGTERM while blocked", pid);
  close(p[1]);
  pid = fork();
  if (pid == 0) _exit(200);
  report("normal", pid);
  printf("the parent lives on\n");
  handlers();
  child_signals();
  interrupted_read();
  job_control();
  return 0;
}
