/*
 * sh: the codezero-ts shell. One command line at a time: words with quotes and
 * backslashes, $? and $NAME, pipelines (a | b | c), redirections (<, >, >>, 2>, 2>&1),
 * ';' and a trailing '&' for background jobs, builtins cd, pwd, exit, wait, jobs, fg.
 * With a terminal on stdin: a "$ " prompt (-i gives one anyway) and job control: each
 * pipeline in its own process group, made the terminal's foreground group with tcsetpgrp,
 * so ^C, ^\ and ^Z reach the job while the shell ignores them.
 * -t (transcript) prints the prompt and each command line as read, so a session fed from
 * a pipe reads like a terminal session. Input is read a byte at a time so that commands
 * reading standard input see the lines after their own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LINE 4096
#define MAX_WORDS 256
#define MAX_CMDS 16
#define MAX_JOBS 16

extern char **environ;

struct redir { int fd; int flags; const char *path; int dupfrom; };
struct cmd {
  char *argv[MAX_WORDS];
  int argc;
  struct redir redirs[8];
  int nredirs;
};
struct job { int used; pid_t pgid; int npids; pid_t pids[MAX_CMDS]; int status; int stopped; char text[128]; };

static int interactive, prompt, transcript, last_status;
static pid_t shell_pgid;
static struct job jobs[MAX_JOBS];

static void out(int fd, const char *s) {
  size_t n = strlen(s);
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w <= 0) { if (w < 0 && errno == EINTR) continue; return; }
    s += w; n -= (size_t)w;
  }
}

static void errmsg(const char *a, const char *b, const char *c) {
  char buf[512];
  snprintf(buf, sizeof buf, "sh: %s%s%s\n", a, b ? b : "", c ? c : "");
  out(2, buf);
}

/* Reads one line (without the newline); returns -1 at end of input with nothing read. */
static int read_line(char *line, int cap) {
  int n = 0;
  for (;;) {
    char c;
    ssize_t r = read(0, &c, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return n > 0 ? n : -1;
    if (c == '\n') break;
    if (n < cap - 1) line[n++] = c;
  }
  line[n] = 0;
  return n;
}

/* Word storage for one line. */
static char words[MAX_LINE * 2];
static int words_len;

static char *word_start(void) { return words + words_len; }
static void word_put(char c) { if (words_len < (int)sizeof words - 1) words[words_len++] = c; }
static void word_puts(const char *s) { while (*s) word_put(*s++); }

static int is_special(char c) { return c == '|' || c == '<' || c == '>' || c == '&' || c == ';'; }

/* Expands $? or $NAME at *p (just after '$'); advances p. */
static const char *expand(const char **p) {
  static char num[16];
  const char *s = *p;
  if (*s == '?') { *p = s + 1; snprintf(num, sizeof num, "%d", last_status); return num; }
  if (*s == '$') { *p = s + 1; snprintf(num, sizeof num, "%d", (int)getpid()); return num; }
  char name[64]; int n = 0;
  while ((*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) && n < 63) name[n++] = *s++;
  name[n] = 0;
  *p = s;
  if (n == 0) return "$";
  const char *v = getenv(name);
  return v ? v : "";
}

enum { T_WORD, T_PIPE, T_LT, T_GT, T_GTGT, T_ERR, T_ERRDUP, T_AMP, T_SEMI, T_END, T_BAD };

/* Splits the line into tokens; each word is a NUL-terminated string in words[]. */
static int tokenize(const char *s, int *types, char **vals, int max) {
  int n = 0;
  words_len = 0;
  while (n < max - 1) {
    while (*s == ' ' || *s == '\t') s++;
    if (*s == 0 || *s == '#') break;
    if (s[0] == '2' && s[1] == '>' && s[2] == '&' && s[3] == '1') { types[n++] = T_ERRDUP; s += 4; continue; }
    if (s[0] == '2' && s[1] == '>') { types[n++] = T_ERR; s += 2; continue; }
    if (*s == '|') { types[n++] = T_PIPE; s++; continue; }
    if (*s == '<') { types[n++] = T_LT; s++; continue; }
    if (s[0] == '>' && s[1] == '>') { types[n++] = T_GTGT; s += 2; continue; }
    if (*s == '>') { types[n++] = T_GT; s++; continue; }
    if (*s == '&') { types[n++] = T_AMP; s++; continue; }
    if (*s == ';') { types[n++] = T_SEMI; s++; continue; }
    char *w = word_start();
    while (*s && *s != ' ' && *s != '\t' && !is_special(*s)) {
      if (*s == '\\' && s[1]) { word_put(s[1]); s += 2; }
      else if (*s == '\'') {
        s++;
        while (*s && *s != '\'') word_put(*s++);
        if (*s != '\'') return -1;
        s++;
      } else if (*s == '"') {
        s++;
        while (*s && *s != '"') {
          if (*s == '\\' && (s[1] == '"' || s[1] == '\\' || s[1] == '$')) { word_put(s[1]); s += 2; }
          else if (*s == '$') { s++; word_puts(expand(&s)); }
          else word_put(*s++);
        }
        if (*s != '"') return -1;
        s++;
      } else if (*s == '$') { s++; word_puts(expand(&s)); }
      else word_put(*s++);
    }
    word_put(0);
    types[n] = T_WORD;
    vals[n++] = w;
  }
  types[n] = T_END;
  return n;
}

static void set_job_signals(void (*h)(int)) {
  signal(SIGINT, h);
  signal(SIGQUIT, h);
  signal(SIGTSTP, h);
  signal(SIGTTIN, h);
  signal(SIGTTOU, h);
}

static const char *lookup(const char *name, char *buf, size_t cap) {
  if (strchr(name, '/')) return name;
  const char *path = getenv("PATH");
  if (!path || !*path) path = "/bin";
  while (*path) {
    const char *end = strchr(path, ':');
    size_t len = end ? (size_t)(end - path) : strlen(path);
    snprintf(buf, cap, "%.*s/%s", (int)len, path, name);
    if (access(buf, X_OK) == 0) return buf;
    path += len + (end ? 1 : 0);
  }
  return NULL;
}

static void do_redirs(struct cmd *c) {
  for (int i = 0; i < c->nredirs; i++) {
    struct redir *r = &c->redirs[i];
    if (r->path == NULL) { dup2(r->dupfrom, r->fd); continue; }
    int fd = open(r->path, r->flags, 0666);
    if (fd < 0) { errmsg(r->path, ": ", strerror(errno)); _exit(1); }
    if (fd != r->fd) { dup2(fd, r->fd); close(fd); }
  }
}

static int builtin_cd(struct cmd *c) {
  const char *dir = c->argc > 1 ? c->argv[1] : getenv("HOME");
  if (!dir || !*dir) dir = "/";
  if (chdir(dir) < 0) {
    char buf[512];
    snprintf(buf, sizeof buf, "sh: cd: %s: %s\n", dir, strerror(errno));
    out(2, buf);
    return 1;
  }
  return 0;
}

static int status_of(int st) {
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  return 128 + WSTOPSIG(st);
}

static void report_signal(int st) {
  if (!WIFSIGNALED(st)) return;
  int sig = WTERMSIG(st);
  if (sig == SIGINT) out(1, "\n");
  else if (sig != SIGPIPE) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s%s\n", strsignal(sig), WCOREDUMP(st) ? " (core dumped)" : "");
    out(2, buf);
  }
}

/* Waits for the job's processes (foreground); returns the status of the last one. */
static int wait_job(struct job *j) {
  int st = 0, last = 0;
  for (int i = 0; i < j->npids; i++) {
    if (j->pids[i] == 0) continue;
    pid_t r;
    do r = waitpid(j->pids[i], &st, interactive ? WUNTRACED : 0); while (r < 0 && errno == EINTR);
    if (r < 0) continue;
    if (WIFSTOPPED(st)) { j->stopped = 1; last = st; continue; }
    j->pids[i] = 0;
    if (i == j->npids - 1) last = st;
    else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGINT) last = st;
  }
  if (interactive) tcsetpgrp(0, shell_pgid);
  return last;
}

static struct job *new_job(void) {
  for (int i = 0; i < MAX_JOBS; i++) if (!jobs[i].used) { memset(&jobs[i], 0, sizeof jobs[i]); jobs[i].used = 1; return &jobs[i]; }
  return NULL;
}

static void print_job(int n, const char *what, struct job *j) {
  char buf[256];
  snprintf(buf, sizeof buf, "[%d] %s %s\n", n + 1, what, j->text);
  out(1, buf);
}

/* Reaps finished background jobs (block: wait for all of them) and reports them. */
static void reap_jobs(int block) {
  for (int i = 0; i < MAX_JOBS; i++) {
    struct job *j = &jobs[i];
    if (!j->used || j->stopped) continue;
    int alive = 0;
    for (int k = 0; k < j->npids; k++) {
      if (j->pids[k] == 0) continue;
      int st;
      pid_t r;
      do r = waitpid(j->pids[k], &st, block ? 0 : WNOHANG); while (r < 0 && errno == EINTR);
      if (r == 0) { alive = 1; continue; }
      j->pids[k] = 0;
      if (r > 0 && k == j->npids - 1) j->status = st;
    }
    if (alive) continue;
    char what[32];
    if (WIFEXITED(j->status) && WEXITSTATUS(j->status) == 0) snprintf(what, sizeof what, "Done");
    else if (WIFEXITED(j->status)) snprintf(what, sizeof what, "Exit %d", WEXITSTATUS(j->status));
    else snprintf(what, sizeof what, "Killed (%s)", strsignal(WTERMSIG(j->status)));
    print_job(i, what, j);
    j->used = 0;
  }
}

static int run_foreground(struct job *j, int n) {
  int st = wait_job(j);
  if (j->stopped) {
    out(1, "\n");
    print_job(n, "Stopped", j);
    return 128 + WSTOPSIG(st);
  }
  j->used = 0;
  report_signal(st);
  return status_of(st);
}

static int builtin_fg(struct cmd *c) {
  int n = c->argc > 1 ? atoi(c->argv[1][0] == '%' ? c->argv[1] + 1 : c->argv[1]) - 1 : -1;
  if (n < 0) for (int i = MAX_JOBS - 1; i >= 0; i--) if (jobs[i].used) { n = i; break; }
  if (n < 0 || n >= MAX_JOBS || !jobs[n].used) { errmsg("fg: no such job", NULL, NULL); return 1; }
  struct job *j = &jobs[n];
  out(1, j->text); out(1, "\n");
  if (interactive) tcsetpgrp(0, j->pgid);
  j->stopped = 0;
  kill(-j->pgid, SIGCONT);
  return run_foreground(j, n);
}

/* Runs one pipeline of ncmds commands; background when bg. */
static int run_pipeline(struct cmd *cmds, int ncmds, int bg, const char *text) {
  if (ncmds == 1 && cmds[0].argc > 0) {
    struct cmd *c = &cmds[0];
    const char *name = c->argv[0];
    if (strcmp(name, "exit") == 0) { reap_jobs(0); exit(c->argc > 1 ? atoi(c->argv[1]) : last_status); }
    if (strcmp(name, "cd") == 0) return builtin_cd(c);
    if (strcmp(name, "wait") == 0) { reap_jobs(1); return 0; }
    if (strcmp(name, "fg") == 0) return builtin_fg(c);
    if (strcmp(name, "jobs") == 0) {
      for (int i = 0; i < MAX_JOBS; i++) if (jobs[i].used) print_job(i, jobs[i].stopped ? "Stopped" : "Running", &jobs[i]);
      return 0;
    }
    if (strcmp(name, "pwd") == 0) {
      char buf[1024];
      if (!getcwd(buf, sizeof buf)) { errmsg("pwd: ", strerror(errno), NULL); return 1; }
      out(1, buf); out(1, "\n");
      return 0;
    }
  }
  struct job *j = new_job();
  if (!j) { errmsg("too many jobs", NULL, NULL); return 1; }
  snprintf(j->text, sizeof j->text, "%s", text);
  int in = -1;
  for (int i = 0; i < ncmds; i++) {
    int pfd[2] = { -1, -1 };
    if (i < ncmds - 1 && pipe(pfd) < 0) { errmsg("pipe: ", strerror(errno), NULL); break; }
    pid_t pid = fork();
    if (pid < 0) { errmsg("fork: ", strerror(errno), NULL); break; }
    if (pid == 0) {
      pid_t me = getpid();
      if (interactive) {
        setpgid(0, j->pgid ? j->pgid : me);
        if (!bg) tcsetpgrp(0, j->pgid ? j->pgid : me);
        set_job_signals(SIG_DFL);
      } else if (bg) {
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
      }
      if (bg && !interactive && i == 0) {
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) { dup2(nul, 0); close(nul); }
      }
      if (in >= 0) { dup2(in, 0); close(in); }
      if (pfd[1] >= 0) { dup2(pfd[1], 1); close(pfd[1]); close(pfd[0]); }
      do_redirs(&cmds[i]);
      if (cmds[i].argc == 0) _exit(0);
      char buf[1024];
      const char *path = lookup(cmds[i].argv[0], buf, sizeof buf);
      if (!path) { errmsg(cmds[i].argv[0], ": not found", NULL); _exit(127); }
      execve(path, cmds[i].argv, environ);
      errmsg(cmds[i].argv[0], ": ", strerror(errno));
      _exit(errno == ENOENT ? 127 : 126);
    }
    if (j->pgid == 0) j->pgid = pid;
    if (interactive) setpgid(pid, j->pgid);
    j->pids[j->npids++] = pid;
    if (in >= 0) close(in);
    if (pfd[1] >= 0) close(pfd[1]);
    in = pfd[0];
  }
  if (in >= 0) close(in);
  int n = (int)(j - jobs);
  if (bg) {
    char buf[64];
    if (interactive) snprintf(buf, sizeof buf, "[%d] %d\n", n + 1, (int)j->pgid);
    else snprintf(buf, sizeof buf, "[%d]\n", n + 1);
    out(1, buf);
    return 0;
  }
  return run_foreground(j, n);
}

/* Parses tokens [from, to) into commands and runs them as one pipeline. */
static int run_tokens(int *types, char **vals, int from, int to, int bg, const char *text) {
  static struct cmd cmds[MAX_CMDS];
  int ncmds = 1;
  memset(&cmds[0], 0, sizeof cmds[0]);
  for (int i = from; i < to; i++) {
    struct cmd *c = &cmds[ncmds - 1];
    int t = types[i];
    if (t == T_WORD) { if (c->argc < MAX_WORDS - 1) c->argv[c->argc++] = vals[i]; continue; }
    if (t == T_PIPE) {
      if (c->argc == 0 && c->nredirs == 0) { errmsg("syntax error near '|'", NULL, NULL); return 2; }
      if (ncmds == MAX_CMDS) { errmsg("pipeline too long", NULL, NULL); return 2; }
      memset(&cmds[ncmds], 0, sizeof cmds[ncmds]);
      ncmds++;
      continue;
    }
    if (c->nredirs == 8) { errmsg("too many redirections", NULL, NULL); return 2; }
    struct redir *r = &c->redirs[c->nredirs];
    if (t == T_ERRDUP) { r->fd = 2; r->path = NULL; r->dupfrom = 1; c->nredirs++; continue; }
    if (i + 1 >= to || types[i + 1] != T_WORD) { errmsg("syntax error: redirection without a file", NULL, NULL); return 2; }
    r->path = vals[++i];
    if (t == T_LT) { r->fd = 0; r->flags = O_RDONLY; }
    else if (t == T_GT) { r->fd = 1; r->flags = O_WRONLY | O_CREAT | O_TRUNC; }
    else if (t == T_GTGT) { r->fd = 1; r->flags = O_WRONLY | O_CREAT | O_APPEND; }
    else { r->fd = 2; r->flags = O_WRONLY | O_CREAT | O_TRUNC; }
    c->nredirs++;
  }
  if (ncmds > 1 && cmds[ncmds - 1].argc == 0 && cmds[ncmds - 1].nredirs == 0) { errmsg("syntax error near '|'", NULL, NULL); return 2; }
  if (ncmds == 1 && cmds[0].argc == 0 && cmds[0].nredirs == 0) return last_status;
  return run_pipeline(cmds, ncmds, bg, text);
}

/* Runs one tokenized command list segment (no ';' or '&' inside) as a pipeline. */
static void run_segment(char *seg, int bg) {
  static int types[MAX_WORDS];
  static char *vals[MAX_WORDS];
  char text[128];
  int n = tokenize(seg, types, vals, MAX_WORDS);
  if (n < 0) { errmsg("syntax error: unterminated quote", NULL, NULL); last_status = 2; return; }
  if (n == 0 && !bg) return;
  /* Text of the command for job reports: the words joined by spaces. */
  text[0] = 0;
  for (int k = 0; k < n; k++) {
    const char *w = types[k] == T_WORD ? vals[k] : types[k] == T_PIPE ? "|" : types[k] == T_LT ? "<" : types[k] == T_GT ? ">" : types[k] == T_GTGT ? ">>" : types[k] == T_ERR ? "2>" : "2>&1";
    size_t len = strlen(text);
    snprintf(text + len, sizeof text - len, "%s%s", len ? " " : "", w);
  }
  last_status = run_tokens(types, vals, 0, n, bg, text);
}

/*
 * Splits a line at ';' and '&' outside quotes (not the '&' of "2>&1") and runs each
 * part in turn, expanding $? and $NAME only when its turn comes.
 */
static void run_line(char *line) {
  char *s = line;
  while (*s) {
    char *p = s, q = 0;
    for (; *p; p++) {
      if (q) {
        if (*p == '\\' && q == '"' && p[1]) p++;
        else if (*p == q) q = 0;
      } else if (*p == '\\' && p[1]) p++;
      else if (*p == '\'' || *p == '"') q = *p;
      else if (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t')) { *p = 0; break; }
      else if (*p == ';' || (*p == '&' && !(p > line && p[-1] == '>'))) break;
    }
    char sep = *p;
    *p = 0;
    run_segment(s, sep == '&');
    if (sep == 0) break;
    s = p + 1;
  }
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-i") == 0) prompt = 1;
    else if (strcmp(argv[i], "-t") == 0) transcript = 1;
    else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) { run_line(argv[i + 1]); reap_jobs(1); return last_status; }
    else { errmsg("usage: sh [-i] [-t] [-c COMMAND]", NULL, NULL); return 2; }
  }
  if (isatty(0)) {
    interactive = prompt = 1;
    shell_pgid = getpid();
    if (getpgrp() != shell_pgid) setpgid(0, shell_pgid);
    set_job_signals(SIG_IGN);
    tcsetpgrp(0, shell_pgid);
  }
  if (!getenv("PATH")) setenv("PATH", "/bin", 1);
  char line[MAX_LINE];
  for (;;) {
    reap_jobs(0);
    if (prompt || transcript) out(1, "$ ");
    int n = read_line(line, sizeof line);
    if (n < 0) break;
    if (transcript) { out(1, line); out(1, "\n"); }
    run_line(line);
  }
  if (prompt || transcript) out(1, "\n");
  reap_jobs(1);
  return last_status;
}
