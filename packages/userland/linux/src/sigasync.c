/* Asynchronous signals: a signal sent by another process (or an interval timer) reaches a
   thread that loops in user code without making a system call. A handler interrupts a pure
   compute loop (SIGUSR2 from a child, SIGALRM from setitimer); a
   handler that clobbers every condition flag returns into code that depends on the flags
   set just before (sigreturn must restore the CPSR flags); a looping child is stopped by
   SIGTSTP (it makes no progress while stopped), continued by SIGCONT (it goes on where it
   was) and killed. Nothing printed depends on timing. `sigasync count N` only counts to N
   without a system call (for ^Z / fg by hand). */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>
#include "common.h"

static volatile sig_atomic_t got_usr1, done;

static void on_usr1(int sig) {
  (void)sig;
  got_usr1++;
}

static void on_usr2(int sig) {
  (void)sig;
  done = 1;
}

/* flag_loop(done_ptr): runs until *done_ptr != 0 and returns how many times a conditional
   instruction saw flags other than those its `cmp` set. Between each `cmp r2, #1` (N set,
   Z, C, V clear) and the next `cmp`, 32 conditional instructions must all be skipped. */
int flag_loop(volatile sig_atomic_t *done_ptr);
/* clobber_flags: a signal handler that sets Z, C and V and clears N, then counts. */
void clobber_flags(int sig);
__asm__(".text\n.arm\n.align 2\n.global flag_loop\nflag_loop:\n"
        "push {r4, r5, lr}\n"
        "mov r5, #0\n"
        "1:\n"
        "mov r2, #0\n"
        "cmp r2, #1\n"
        ".rept 8\n"
        "addpl r5, r5, #1\n addeq r5, r5, #1\n addcs r5, r5, #1\n addvs r5, r5, #1\n"
        ".endr\n"
        "ldr r1, [r0]\n"
        "cmp r1, #0\n"
        "beq 1b\n"
        "mov r0, r5\n"
        "pop {r4, r5, pc}\n"
        ".global clobber_flags\nclobber_flags:\n"
        "msr cpsr_f, #0x70000000\n"
        "ldr r0, =got_usr1\n ldr r1, [r0]\n add r1, r1, #1\n str r1, [r0]\n"
        "bx lr\n"
        ".ltorg\n");

/* A child that keeps signalling the parent, with some computing between, then says done. */
static pid_t pester(int rounds) {
  pid_t parent = getpid();
  pid_t c = fork();
  if (c == 0) {
    for (int i = 0; i < rounds; i++) {
      kill(parent, SIGUSR1);
      for (volatile int j = 0; j < 20000; j++) {
      }
    }
    kill(parent, SIGUSR2);
    _exit(0);
  }
  return c;
}

static void install(int sig, void (*h)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sigemptyset(&sa.sa_mask);
  CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void compute_loop(void) {
  install(SIGUSR1, on_usr1);
  install(SIGUSR2, on_usr2);
  got_usr1 = 0;
  done = 0;
  pid_t c = pester(5);
  volatile uint32_t x = 1;
  while (!done) x = x * 1103515245u + 12345u; /* no system call in here */
  int st;
  CHECK(waitpid(c, &st, 0) == c);
  printf("compute loop: interrupted by SIGUSR2 %s, SIGUSR1 handled %s, child exit %d\n", done ? "yes" : "no",
         got_usr1 > 0 ? "yes" : "no", WEXITSTATUS(st));
}

static void alarm_loop(void) {
  install(SIGALRM, on_usr2);
  done = 0;
  struct itimerval it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_usec = 20000; /* 20 ms, once */
  CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
  volatile uint32_t x = 1;
  while (!done) x = x * 69069u + 1u; /* no system call in here */
  printf("setitimer: SIGALRM interrupted a compute loop: %s\n", done ? "yes" : "no");
}

static void flags_loop(void) {
  install(SIGUSR1, clobber_flags);
  install(SIGUSR2, on_usr2);
  got_usr1 = 0;
  done = 0;
  pid_t c = pester(40);
  int bad = flag_loop(&done);
  int st;
  CHECK(waitpid(c, &st, 0) == c);
  printf("flags loop: SIGUSR1 handled %s, conditionals that saw clobbered flags: %d\n", got_usr1 > 0 ? "yes" : "no",
         bad);
}

static void stop_continue(void) {
  volatile uint32_t *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(counter != MAP_FAILED);
  *counter = 0;
  pid_t c = fork();
  if (c == 0) {
    /* Its own process group (with a parent in this session), so SIGTSTP is not discarded. */
    setpgid(0, 0);
    for (;;) (*counter)++; /* no system call */
  }
  setpgid(c, c);
  while (*counter < 1000) sched_yield();
  int st;
  CHECK(kill(c, SIGTSTP) == 0);
  CHECK(waitpid(c, &st, WUNTRACED) == c);
  printf("looping child: %s by signal %d\n", WIFSTOPPED(st) ? "stopped" : "not stopped", WSTOPSIG(st));
  uint32_t before = *counter;
  for (int i = 0; i < 50; i++) sched_yield();
  for (volatile int j = 0; j < 200000; j++) {
  }
  printf("while stopped it made progress: %s\n", *counter != before ? "yes" : "no");
  CHECK(kill(c, SIGCONT) == 0);
  CHECK(waitpid(c, &st, WCONTINUED) == c);
  printf("continued: %s\n", WIFCONTINUED(st) ? "yes" : "no");
  while (*counter < before + 1000) sched_yield();
  printf("after SIGCONT it goes on counting: yes\n");
  CHECK(kill(c, SIGKILL) == 0);
  CHECK(waitpid(c, &st, 0) == c);
  printf("killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
}

int main(int argc, char **argv) {
  cz_init();
  if (argc == 3 && strcmp(argv[1], "count") == 0) {
    /* For interactive use (^Z, jobs, fg): count to N in user code, no system call. */
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 10);
    printf("counting to %u\n", n);
    volatile uint32_t i = 0;
    while (i < n) i++;
    printf("counted to %u\n", i);
    return 0;
  }
  compute_loop();
  alarm_loop();
  flags_loop();
  stop_continue();
  printf("done\n");
  return 0;
}
