/*
 * ps: lists processes from a /proc-like view. For every numeric directory /proc/PID it
 * reads /proc/PID/stat, which must start like Linux's: "PID (COMM) STATE PPID PGRP SID ..."
 * (COMM may hold spaces and parentheses: it ends at the last ')'). Prints
 * "  PID  PPID  PGRP S COMMAND", sorted by pid. Missing /proc: a message and status 1.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc { int pid, ppid, pgrp; char state; char comm[64]; };

static int by_pid(const void *a, const void *b) { return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid; }

static int read_stat(int pid, struct proc *p) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');
  if (!open_paren || !close_paren || close_paren < open_paren) return -1;
  size_t len = (size_t)(close_paren - open_paren - 1);
  if (len >= sizeof p->comm) len = sizeof p->comm - 1;
  memcpy(p->comm, open_paren + 1, len);
  p->comm[len] = 0;
  p->pid = pid;
  if (sscanf(close_paren + 1, " %c %d %d", &p->state, &p->ppid, &p->pgrp) != 3) return -1;
  return 0;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  DIR *d = opendir("/proc");
  if (!d) { fprintf(stderr, "ps: /proc is not available\n"); return 1; }
  struct proc *list = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 0) continue;
    if (n == cap) { cap = cap ? cap * 2 : 64; list = realloc(list, cap * sizeof *list); if (!list) return 1; }
    if (read_stat((int)pid, &list[n]) == 0) n++;
  }
  closedir(d);
  qsort(list, n, sizeof *list, by_pid);
  printf("  PID  PPID  PGRP S COMMAND\n");
  for (size_t i = 0; i < n; i++) printf("%5d %5d %5d %c %s\n", list[i].pid, list[i].ppid, list[i].pgrp, list[i].state, list[i].comm);
  free(list);
  return 0;
}
