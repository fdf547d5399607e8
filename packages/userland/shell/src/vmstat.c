/*
 * vmstat [FILE]: shows the memory and IPC counters the system publishes in FILE (default
 * /proc/vmstat), one "NAME VALUE" pair per line. The codezero-ts system is expected to
 * provide at least frames_total, frames_free, vm_objects, page_faults, ipc_calls and
 * processes; any other lines are shown too, in file order. When the file is missing,
 * vmstat says so and exits with status 0 (there is nothing to show, not an error).
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *path = argc > 1 ? argv[1] : "/proc/vmstat";
  FILE *f = fopen(path, "r");
  if (!f) { printf("vmstat: %s not available\n", path); return 0; }
  char line[256], name[128];
  long long value;
  int shown = 0;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "%127s %lld", name, &value) != 2) continue;
    printf("%-24s %12lld\n", name, value);
    shown++;
  }
  fclose(f);
  if (shown == 0) printf("vmstat: %s holds no counters\n", path);
  return 0;
}
