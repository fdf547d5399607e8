/* Error numbers returned (negated) by L4 system calls. */
#ifndef L4_ERRNO_H
#define L4_ERRNO_H

#define EPERM 1
#define ESRCH 3
#define EINTR 4
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EINVAL 22
#define ENOSYS 38
#define EACTIVE 132
#define ENOIPC 133
#define ENOCAP 134
#define ENOUTCB 135
#define ENOMAP 136
#define ENOIRQ 137
#define EABORT 138
#define ENOCHILD 139

#endif
