/*
 * IPC demo: the first thread and a worker in the same space exchange a short call (six
 * message registers), a full call (sixty) and an extended message (a string), and the
 * worker answers each.
 */
#include <l4/l4.h>

static char text[64];

static int worker(void *arg) {
  l4id_t parent = (l4id_t)arg;
  /* Short: reply with the sum of MR0..MR5. */
  if (l4_receive(parent, L4_IPC_SHORT) < 0) return 1;
  u32 sum = 0;
  for (int i = 0; i < MR_PRIMARY; i++) sum += read_mr(i);
  write_mr(0, sum);
  if (l4_send(parent, L4_IPC_SHORT) < 0) return 2;
  /* Full: reply with the sum of MR0..MR59 and every register doubled. */
  if (l4_receive(parent, L4_IPC_FULL) < 0) return 3;
  sum = 0;
  for (int i = 0; i < MR_TOTAL; i++) sum += read_mr(i);
  for (int i = 1; i < MR_TOTAL; i++) write_mr(i, read_mr(i) * 2);
  write_mr(0, sum);
  if (l4_send(parent, L4_IPC_FULL) < 0) return 4;
  /* Extended: receive a string, send it back in capitals. */
  char buf[64];
  memset(buf, 0, sizeof(buf));
  if (l4_receive_extended(parent, 2, buf, sizeof(buf)) < 0) return 5;
  for (char *p = buf; *p; p++)
    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
  return l4_send_extended(parent, 2, buf, sizeof(buf)) < 0 ? 6 : 0;
}

int main(void) {
  int ok = 1;
  int w = l4_thread_create(worker, (void *)self_tid());
  ok &= w > 0;
  for (int i = 0; i < MR_PRIMARY; i++) write_mr(i, (u32)(i + 1));
  ok &= l4_sendrecv((l4id_t)w, L4_IPC_SHORT) == 0;
  printf("short call: MR0..MR5 = 1..6, the worker answers %u\n", read_mr(0));
  ok &= read_mr(0) == 21;

  for (int i = 0; i < MR_TOTAL; i++) write_mr(i, (u32)i);
  ok &= l4_sendrecv((l4id_t)w, L4_IPC_FULL) == 0;
  printf("full call: MR0..MR59 = 0..59, the worker answers %u, MR59 = %u\n", read_mr(0), read_mr(59));
  ok &= read_mr(0) == 1770 && read_mr(59) == 118;

  const char *msg = "hello over extended ipc";
  memset(text, 0, sizeof(text));
  memcpy(text, msg, strlen(msg));
  ok &= l4_send_extended((l4id_t)w, 2, text, sizeof(text)) == 0;
  memset(text, 0, sizeof(text));
  ok &= l4_receive_extended((l4id_t)w, 2, text, sizeof(text)) == 0;
  printf("extended: sent \"%s\", got \"%s\"\n", msg, text);
  ok &= strcmp(text, "HELLO OVER EXTENDED IPC") == 0;

  ok &= l4_thread_wait((l4id_t)w) == 0;
  printf("%-27s%s\n", "IPC DEMO:", ok ? "-- PASSED --" : "-- FAILED --");
  return 0;
}
