/* A small thread library: threads in the caller's space with their own stack and UTCB. */
#ifndef L4_THREAD_H
#define L4_THREAD_H
#include <l4/types.h>

#define L4_THREAD_MAX 16
#define L4_THREAD_STACK 4096

typedef int (*l4_thread_fn)(void *arg);

/* Creates and starts a thread running fn(arg); returns its tid or a negative error. The
 * caller becomes its pager. When fn returns, the thread exits with fn's result. */
int l4_thread_create(l4_thread_fn fn, void *arg);
/* Creates a thread that is set up but not started (start it with l4_thread_start). */
int l4_thread_prepare(l4_thread_fn fn, void *arg);
int l4_thread_start(l4id_t tid);
/* Waits until thread tid has exited; returns its exit code (low 16 bits). */
int l4_thread_wait(l4id_t tid);
/* Destroys thread tid (the caller must be its pager) and frees its slot. */
int l4_thread_destroy(l4id_t tid);
/* Ends the calling thread with an exit code. */
void l4_exit(int code) __attribute__((noreturn));

#endif
