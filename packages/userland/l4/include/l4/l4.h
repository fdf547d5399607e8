/* libl4 of codezero-ts: everything an L4 program needs. */
#ifndef L4_L4_H
#define L4_L4_H
#include <l4/types.h>
#include <l4/errno.h>
#include <l4/syscalls.h>
#include <l4/utcb.h>
#include <l4/ipc.h>
#include <l4/exregs.h>
#include <l4/mutex.h>
#include <l4/thread.h>
#include <l4/lib.h>
#include <l4/libc.h>
#endif
