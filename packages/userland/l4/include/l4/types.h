/* Basic types and fixed addresses of the L4 ABI (codezero-ts, spec/codezero.md section 2). */
#ifndef L4_TYPES_H
#define L4_TYPES_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned char u8;
typedef unsigned int l4id_t;
typedef unsigned int size_t;

#define NULL ((void *)0)

#define L4_NILTHREAD 0xFFFFFFFFu
#define L4_ANYTHREAD 0xFFFFFFFEu

/* The kernel interface page and the syscall page, mapped in every space. */
#define L4_KIP_ADDRESS 0xFF000000u
#define L4_SYSCALL_PAGE 0xFFFFF000u
#define L4_USER_END 0xBF000000u
#define L4_PAGE_SIZE 4096u

/* KIP words. */
#define L4_KIP_MAGIC 0x4B75344Cu /* 'L4uK' */
#define L4_KIP_OFF_MAGIC 0x00
#define L4_KIP_OFF_NSYSCALLS 0x0C
#define L4_KIP_OFF_SYSCALLS 0x10
#define L4_KIP_OFF_UTCB 0x50
#define L4_KIP_OFF_CONSOLE 0x54

/* Thread, space and group ids as thread_control and getid use them. */
struct task_ids {
  l4id_t tid;
  l4id_t spid;
  l4id_t tgid;
};

#endif
