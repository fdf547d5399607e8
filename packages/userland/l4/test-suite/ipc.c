/*
 * IPC: short and full calls, a short sender to a full receiver, and an extended 2 KiB
 * message between two threads whose buffers start 3/4 into a page and whose pages are all
 * unmapped: each side faults its pages in through the first thread, its pager.
 */
#include "tests.h"

#define SEND_BUF (0x50000000u + 3 * L4_PAGE_SIZE / 4)
#define RECV_BUF (0x50100000u + 3 * L4_PAGE_SIZE / 4)
#define EXT_SIZE 2048u

static int short_echo(void *arg) {
  l4id_t parent = (l4id_t)arg;
  if (l4_receive(parent, L4_IPC_SHORT) < 0) return 1;
  u32 sum = 0;
  for (int i = 0; i < MR_PRIMARY; i++) sum += read_mr(i);
  write_mr(0, sum);
  return l4_send(parent, L4_IPC_SHORT) < 0 ? 2 : 0;
}

static int full_echo(void *arg) {
  l4id_t parent = (l4id_t)arg;
  if (l4_receive(parent, L4_IPC_FULL) < 0) return 1;
  int good = 1;
  for (int i = 0; i < MR_TOTAL; i++) good &= read_mr(i) == (u32)(1000 + i);
  for (int i = 0; i < MR_TOTAL; i++) write_mr(i, (u32)(2000 + i));
  write_mr(0, (u32)good);
  return l4_send(parent, L4_IPC_FULL) < 0 ? 2 : 0;
}

/* Receives with a full receive what the parent sends short: all sixty registers arrive. */
static int full_receiver(void *arg) {
  l4id_t parent = (l4id_t)arg;
  for (int i = MR_PRIMARY; i < MR_TOTAL; i++) write_mr(i, 0);
  if (l4_receive(parent, L4_IPC_FULL) < 0) return 1;
  int good = 1;
  for (int i = 0; i < MR_TOTAL; i++) good &= read_mr(i) == (u32)(3000 + i);
  return good ? 0 : 3;
}

static l4id_t ext_receiver_tid;

static int ext_sender(void *arg) {
  l4id_t parent = (l4id_t)arg;
  u8 *buf = (u8 *)SEND_BUF;
  for (u32 i = 0; i < EXT_SIZE; i++) buf[i] = (u8)(i * 7 + 3); /* faults on both pages */
  int r = l4_send_extended(ext_receiver_tid, 2, buf, EXT_SIZE);
  write_mr(0, TAG_REPORT);
  write_mr(2, (u32)r);
  l4_send(parent, L4_IPC_SHORT);
  return 0;
}

static int ext_receiver(void *arg) {
  l4id_t parent = (l4id_t)arg;
  u8 *buf = (u8 *)RECV_BUF;
  int r = l4_receive_extended(L4_ANYTHREAD, 2, buf, EXT_SIZE);
  int good = r == 0;
  for (u32 i = 0; i < EXT_SIZE; i++) good &= buf[i] == (u8)(i * 7 + 3);
  write_mr(0, TAG_REPORT);
  write_mr(2, (u32)good);
  l4_send(parent, L4_IPC_SHORT);
  return 0;
}

static int test_extended(void) {
  int ok = 1;
  int rx = l4_thread_create(ext_receiver, (void *)self_tid());
  ext_receiver_tid = (l4id_t)rx;
  int tx = l4_thread_create(ext_sender, (void *)self_tid());
  ok &= rx > 0 && tx > 0;
  int faults = 0, reports = 0;
  while (reports < 2) {
    if (l4_receive(L4_ANYTHREAD, L4_IPC_SHORT) < 0) return 0;
    if (read_mr(0) == L4_IPC_TAG_PFAULT) {
      faults++;
      ok &= serve_page_fault() == 0;
    } else if (read_mr(0) == TAG_REPORT) {
      reports++;
      ok &= read_mr(1) == (u32)tx ? read_mr(2) == 0 : read_mr(2) == 1;
    } else {
      ok = 0;
    }
  }
  ok &= faults == 4; /* two pages on each side */
  ok &= l4_thread_wait((l4id_t)rx) == 0 && l4_thread_wait((l4id_t)tx) == 0;
  return ok;
}

void test_ipc(void) {
  int ok = 1;
  l4id_t me = self_tid();
  int t = l4_thread_create(short_echo, (void *)me);
  for (int i = 0; i < MR_PRIMARY; i++) write_mr(i, (u32)(10 + i));
  ok &= l4_sendrecv((l4id_t)t, L4_IPC_SHORT) == 0 && read_mr(0) == 75;
  ok &= l4_thread_wait((l4id_t)t) == 0;

  t = l4_thread_create(full_echo, (void *)me);
  for (int i = 0; i < MR_TOTAL; i++) write_mr(i, (u32)(1000 + i));
  ok &= l4_sendrecv((l4id_t)t, L4_IPC_FULL) == 0 && read_mr(0) == 1;
  for (int i = 1; i < MR_TOTAL; i++) ok &= read_mr(i) == (u32)(2000 + i);
  ok &= l4_thread_wait((l4id_t)t) == 0;

  t = l4_thread_create(full_receiver, (void *)me);
  for (int i = 0; i < MR_TOTAL; i++) write_mr(i, (u32)(3000 + i));
  ok &= l4_send((l4id_t)t, L4_IPC_SHORT) == 0;
  ok &= l4_thread_wait((l4id_t)t) == 0;

  /* Argument errors. */
  ok &= l4_ipc(L4_NILTHREAD, L4_NILTHREAD, 0) == -EINVAL;
  ok &= l4_ipc(me, L4_NILTHREAD, 0) == -EINVAL;
  ok &= l4_ipc(200, L4_NILTHREAD, 0) == -ESRCH;
  ok &= l4_ipc(2, 3, 0) == -ENOSYS;

  ok &= test_extended();
  report("IPC:", ok);
}
