/*
 * User-space mutex (spec/codezero.md 2.4). SWP only swaps, so the atomic read-modify-write
 * operations first swap a BUSY marker into the word; a thread that finds the marker yields
 * to the one in the middle of its update (uniprocessor) and tries again.
 */
#include <l4/l4.h>

#define BUSY ((int)0x80000000)

static int swap_in_busy(volatile int *word) {
  for (;;) {
    int old = l4_swp(word, BUSY);
    if (old != BUSY) return old;
    l4_thread_switch();
  }
}

int l4_atomic_increment(volatile int *word) {
  int v = swap_in_busy(word) + 1;
  *word = v;
  return v;
}

int l4_atomic_reset(volatile int *word, int value) {
  int old = swap_in_busy(word);
  *word = value;
  return old;
}

/* Incrementing UNLOCKED (-1) gives LOCKED (0): ours. Otherwise we are a contender: sleep in
 * the kernel until an unlock, then try again (our count was reset by the unlock). */
int l4_mutex_lock(struct l4_mutex *m) {
  while (l4_atomic_increment(&m->lock) != 0) {
    int err = l4_mutex_control((void *)&m->lock, L4_MUTEX_LOCK);
    if (err < 0 && err != -EINTR) return err;
  }
  return 0;
}

/* Back to UNLOCKED; contenders counted in the word are woken by the kernel. */
int l4_mutex_unlock(struct l4_mutex *m) {
  int old = l4_atomic_reset(&m->lock, L4_MUTEX_UNLOCKED);
  if (old > 0) return l4_mutex_control((void *)&m->lock, L4_MUTEX_UNLOCK | (u32)old);
  return 0;
}
