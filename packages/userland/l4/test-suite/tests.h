/* The L4 API test suite (spec/codezero.md 4.2): the first thread is the pager of every
 * thread the tests create and serves their page faults. */
#ifndef TESTS_H
#define TESTS_H
#include <l4/l4.h>

void test_thread_control(void);
void test_getid(void);
void test_exregs(void);
void test_map_unmap(void);
void test_ipc(void);
void test_mutex(void);
void test_cache(void);

/* Prints "NAME  -- PASSED --" or "-- FAILED --". */
void report(const char *name, int ok);
/* Maps a fresh page at the faulting address of the page-fault message in the MRs and
 * replies to the faulting thread; returns 0 or a negative error. */
int serve_page_fault(void);
/* Message tag the test threads use to report to the first thread. */
#define TAG_REPORT 0x100u

#endif
