/* Extended IPC helpers. */
#include <l4/l4.h>

int l4_send_extended(l4id_t to, u32 mr, const void *buf, u32 size) {
  write_mr((int)mr, (u32)buf);
  return l4_ipc(to, L4_NILTHREAD, l4_ipc_extended_flags(mr, size));
}

int l4_receive_extended(l4id_t from, u32 mr, void *buf, u32 size) {
  write_mr((int)mr, (u32)buf);
  return l4_ipc(L4_NILTHREAD, from, l4_ipc_extended_flags(mr, size));
}
