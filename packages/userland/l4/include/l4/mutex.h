/*
 * A user-space mutex (spec/codezero.md 2.4): the lock word is UNLOCKED -1, LOCKED 0, or the
 * number of contenders. Uncontended lock and unlock never enter the kernel.
 */
#ifndef L4_MUTEX_H
#define L4_MUTEX_H
#include <l4/types.h>

#define L4_MUTEX_UNLOCKED (-1)

struct l4_mutex {
  volatile int lock;
};

static inline void l4_mutex_init(struct l4_mutex *m) { m->lock = L4_MUTEX_UNLOCKED; }
int l4_mutex_lock(struct l4_mutex *m);
int l4_mutex_unlock(struct l4_mutex *m);

/* Atomic helpers built on SWP (uniprocessor, preemptible). */
int l4_atomic_increment(volatile int *word);
int l4_atomic_reset(volatile int *word, int value); /* stores value, returns the old one */
int l4_swp(volatile int *word, int value);

#endif
