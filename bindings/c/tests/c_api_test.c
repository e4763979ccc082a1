/*
 * The C ABI from C: the seed cases of tests/data/seeds/ (*.yaml) with the same
 * verdicts as the library, generation for every built-in policy, error
 * reporting, and one checker used from 4 threads at once.
 *
 * Usage: c_api_test SEEDS_DIR   (prints "ok: ..." and exits 0 on success)
 *        c_api_test --json ID... (verdicts of stdin's lines as JSON lines)
 *
 * The seed files are read with a parser for exactly the subset of YAML they
 * use (see tests/data/seeds/tencent-ecm.yaml); anything else is an error,
 * so a new construct in the data fails this test instead of being skipped.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "passpolicy.h"

static int failures = 0;

#define FAIL(...)                                                              \
  do {                                                                         \
    fprintf(stderr, __VA_ARGS__);                                              \
    fputc('\n', stderr);                                                       \
    failures++;                                                                \
  } while (0)

static void die(const char *what) {
  fprintf(stderr, "c_api_test: %s\n", what);
  exit(2);
}

/* Copies a line field, refusing one that does not fit. */
static void copy(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap) die("a field is too long");
  memcpy(dst, src, n + 1);
}

/* ---- token sets ------------------------------------------------ */

typedef struct {
  char items[32][96];
  int n;
} tokens;

static void add_token(tokens *t, const char *s) {
  for (int i = 0; i < t->n; i++)
    if (strcmp(t->items[i], s) == 0) return;
  if (t->n == 32 || strlen(s) >= 96) die("too many or too long tokens");
  strcpy(t->items[t->n++], s);
}

static int cmp_str(const void *a, const void *b) { return strcmp(a, b); }

static void join(tokens *t, char *out, size_t cap) {
  qsort(t->items, (size_t)t->n, sizeof t->items[0], cmp_str);
  out[0] = 0;
  for (int i = 0; i < t->n; i++) {
    if (i) strncat(out, ",", cap - strlen(out) - 1);
    strncat(out, t->items[i], cap - strlen(out) - 1);
  }
}

/* ---- the YAML subset ---------------------------------------------------- */

typedef struct {
  char policy[96];
  char user[96];
  int has_user;
  char password[256];
  size_t password_len;
  int per_variant; /* expect is a map from variant label to codes */
  tokens expect;   /* codes, or "label:code" when per_variant */
  int has_expect;
  int has_password;
  int line;
} seed_case;

static void put_utf8(char *out, size_t *n, unsigned cp) {
  if (cp < 0x80) {
    out[(*n)++] = (char)cp;
  } else if (cp < 0x800) {
    out[(*n)++] = (char)(0xC0 | cp >> 6);
    out[(*n)++] = (char)(0x80 | (cp & 0x3F));
  } else {
    out[(*n)++] = (char)(0xE0 | cp >> 12);
    out[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[(*n)++] = (char)(0x80 | (cp & 0x3F));
  }
}

/* A double-quoted YAML scalar with the escapes the data uses. */
static int parse_quoted(const char *s, char *out, size_t *len) {
  size_t n = 0;
  if (*s++ != '"') return 0;
  while (*s && *s != '"') {
    if (n > 240) return 0;
    if (*s != '\\') {
      out[n++] = *s++;
      continue;
    }
    s++;
    switch (*s++) {
    case '"': out[n++] = '"'; break;
    case '\\': out[n++] = '\\'; break;
    case 't': out[n++] = '\t'; break;
    case 'n': out[n++] = '\n'; break;
    case '0': out[n++] = '\0'; break;
    case 'u': {
      char hex[5] = {0};
      for (int i = 0; i < 4; i++) {
        if (!s[i]) return 0;
        hex[i] = s[i];
      }
      char *end;
      unsigned cp = (unsigned)strtoul(hex, &end, 16);
      if (*end) return 0;
      put_utf8(out, &n, cp);
      s += 4;
      break;
    }
    default: return 0;
    }
  }
  if (*s != '"') return 0;
  s++;
  while (*s == ' ') s++;
  if (*s) return 0;
  *len = n;
  return 1;
}

/* `ok` (no codes) or `[a, b]`; each code is added with `prefix`. */
static int parse_codes(const char *s, const char *prefix, tokens *t) {
  if (strcmp(s, "ok") == 0) return 1;
  if (*s != '[') return 0;
  s++;
  char buf[96];
  for (;;) {
    while (*s == ' ') s++;
    size_t k = strcspn(s, ",]");
    if (!s[k] || k == 0 || k > 60) return 0;
    snprintf(buf, sizeof buf, "%s%.*s", prefix, (int)k, s);
    add_token(t, buf);
    s += k;
    if (*s++ == ']') return *s == 0 ? t->n > 0 : 0;
  }
}

static void trim_end(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
    s[--n] = 0;
}

/* ---- checking one case -------------------------------------------------- */

static char json[1 << 16];

/* The violation tokens of the JSON verdict: codes, or "policy:code". */
static void verdict_tokens(const char *j, int per_variant, tokens *t) {
  const char *p = j;
  while ((p = strstr(p, "\"code\":\"")) != NULL) {
    p += 8;
    size_t k = strcspn(p, "\"");
    char code[64], buf[96];
    snprintf(code, sizeof code, "%.*s", (int)k, p);
    const char *q = strstr(p, "\"policy\":\"");
    if (!q) die("a violation without a policy");
    q += 10;
    size_t m = strcspn(q, "\"");
    if (per_variant)
      snprintf(buf, sizeof buf, "%.*s:%s", (int)m, q, code);
    else
      snprintf(buf, sizeof buf, "%s", code);
    add_token(t, buf);
  }
}

static void run_case(const char *file, seed_case *c) {
  const char *ids[1] = {c->policy};
  passpolicy_error *err = NULL;
  passpolicy_checker *ch =
      passpolicy_checker_new(ids, 1, c->has_user ? c->user : NULL, &err);
  if (!ch) {
    FAIL("%s:%d: %s", file, c->line, passpolicy_error_message(err));
    passpolicy_error_free(err);
    return;
  }
  int rc = passpolicy_check(ch, c->password, c->password_len);
  size_t needed = 0;
  int rj = passpolicy_check_json(ch, c->password, c->password_len, json,
                                 sizeof json, &needed);
  tokens got = {.n = 0};
  verdict_tokens(json, c->per_variant, &got);
  char want_s[2048], got_s[2048];
  join(&c->expect, want_s, sizeof want_s);
  join(&got, got_s, sizeof got_s);
  int want_rc = c->expect.n ? PASSPOLICY_REJECTED : PASSPOLICY_OK;
  if (rc != want_rc || rj != want_rc || strcmp(want_s, got_s) != 0)
    FAIL("%s:%d: %s: want %d [%s], got check %d, json %d [%s]", file,
         c->line, c->policy, want_rc, want_s, rc, rj, got_s);
  passpolicy_checker_free(ch);
}

static int run_file(const char *dir, const char *name) {
  char path[1024], line[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "r");
  if (!f) die("cannot open a seed file");
  seed_case c;
  int open = 0, count = 0, lineno = 0, in_map = 0, in_why = 0;
  for (;;) {
    char *ok = fgets(line, sizeof line, f);
    lineno++;
    if (ok) trim_end(line);
    int starts = ok && strncmp(line, "- policy: ", 10) == 0;
    if (open && (!ok || starts)) {
      if (!c.has_expect || !c.has_password)
        FAIL("%s:%d: incomplete case", name, c.line);
      else
        run_case(name, &c);
      count++;
      open = 0;
    }
    if (!ok) break;
    if (line[0] == 0 || line[0] == '#') continue;
    if (starts) {
      memset(&c, 0, sizeof c);
      copy(c.policy, sizeof c.policy, line + 10);
      c.line = lineno;
      open = 1;
      in_map = 0;
      continue;
    }
    if (!open) {
      FAIL("%s:%d: a line outside a case", name, lineno);
      continue;
    }
    if (in_why && strncmp(line, "    ", 4) == 0) continue; /* folded */
    in_why = 0;
    if (in_map && strncmp(line, "    ", 4) == 0) {
      char *colon = strstr(line + 4, ": ");
      char prefix[96];
      if (!colon) die("bad expect map line");
      snprintf(prefix, sizeof prefix, "%.*s:", (int)(colon - line - 4),
               line + 4);
      if (!parse_codes(colon + 2, prefix, &c.expect))
        FAIL("%s:%d: cannot read the codes", name, lineno);
      continue;
    }
    in_map = 0;
    if (strncmp(line, "  user: ", 8) == 0) {
      copy(c.user, sizeof c.user, line + 8);
      c.has_user = 1;
    } else if (strncmp(line, "  password: ", 12) == 0) {
      if (!parse_quoted(line + 12, c.password, &c.password_len))
        FAIL("%s:%d: cannot read the password", name, lineno);
      c.has_password = 1;
    } else if (strcmp(line, "  expect:") == 0) {
      c.per_variant = 1;
      c.has_expect = 1;
      in_map = 1;
    } else if (strncmp(line, "  expect: ", 10) == 0) {
      c.has_expect = 1;
      if (!parse_codes(line + 10, "", &c.expect))
        FAIL("%s:%d: cannot read the codes", name, lineno);
    } else if (strncmp(line, "  why:", 6) == 0) {
      in_why = 1;
    } else {
      FAIL("%s:%d: a line this reader does not know: %s", name, lineno, line);
    }
  }
  fclose(f);
  if (count == 0) FAIL("%s: no cases", name);
  return count;
}

static int seed_cases(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) die("cannot open the seeds directory");
  struct dirent *e;
  int total = 0, files = 0;
  while ((e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name);
    if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) {
      total += run_file(dir, e->d_name);
      files++;
    }
  }
  closedir(d);
  if (files == 0) die("no seed files");
  return total;
}

/* ---- generation for every built-in policy ------------------------------- */

static int generate_all(void) {
  size_t needed = 0;
  if (passpolicy_policies_json(NULL, 0, &needed) != PASSPOLICY_ERR_BUFFER)
    die("policies_json size query");
  char *list = malloc(needed);
  if (!list || passpolicy_policies_json(list, needed, &needed) != PASSPOLICY_OK)
    die("policies_json");
  int policies = 0;
  for (const char *p = list; (p = strstr(p, "\"id\":\"")) != NULL;) {
    p += 6;
    char id[96];
    snprintf(id, sizeof id, "%.*s", (int)strcspn(p, "\""), p);
    const char *ids[1] = {id};
    passpolicy_error *err = NULL;
    passpolicy_checker *ch = passpolicy_checker_new(ids, 1, NULL, &err);
    if (!ch) {
      FAIL("%s: %s", id, passpolicy_error_message(err));
      passpolicy_error_free(err);
      continue;
    }
    size_t def = 0;
    if (passpolicy_default_length(ch, &def, NULL) != PASSPOLICY_OK)
      FAIL("%s: no default length", id);
    char pw[512];
    for (int i = 0; i < 50; i++) {
      size_t written = 0;
      int rc = passpolicy_generate(ch, 0, pw, sizeof pw, &written, &err);
      if (rc != PASSPOLICY_OK) {
        FAIL("%s: generate %d: %s", id, rc, passpolicy_error_message(err));
        passpolicy_error_free(err);
        err = NULL;
        break;
      }
      if (pw[written] != 0 || strlen(pw) != written)
        FAIL("%s: not NUL-terminated at its length", id);
      if (passpolicy_check(ch, pw, written) != PASSPOLICY_OK)
        FAIL("%s: a generated password is rejected", id);
    }
    memset(pw, 0, sizeof pw);
    passpolicy_checker_free(ch);
    policies++;
  }
  free(list);
  if (policies < 5) FAIL("only %d built-in policies", policies);
  return policies;
}

/* ---- errors ------------------------------------------------------------- */

static void errors(void) {
  const char *ids[2] = {"baidu-bcc", "baidu-bc/linux"};
  passpolicy_error *err = NULL;
  if (passpolicy_checker_new(ids, 2, NULL, &err) != NULL)
    FAIL("an unknown id compiled");
  else if (passpolicy_error_code(err) != PASSPOLICY_ERR_POLICY ||
           !strstr(passpolicy_error_message(err), "did you mean baidu-bcc"))
    FAIL("unknown id: code %d, message %s", passpolicy_error_code(err),
         passpolicy_error_message(err));
  passpolicy_error_free(err);
  if (passpolicy_checker_new(ids, 2, NULL, NULL) != NULL)
    FAIL("an unknown id compiled (no error out-parameter)");

  passpolicy_checker *ch = passpolicy_checker_new(ids, 1, NULL, NULL);
  if (!ch) die("baidu-bcc");
  char pw[8];
  size_t written = 0;
  err = NULL;
  if (passpolicy_generate(ch, 12, pw, sizeof pw, &written, &err) !=
          PASSPOLICY_ERR_BUFFER ||
      written != 13)
    FAIL("a small buffer: written %zu", written);
  passpolicy_error_free(err);
  err = NULL;
  char big[64];
  if (passpolicy_generate(ch, 40, big, sizeof big, &written, &err) !=
      PASSPOLICY_ERR_POLICY)
    FAIL("a length past the maximum was generated");
  else if (!strstr(passpolicy_error_message(err), "40"))
    FAIL("length error: %s", passpolicy_error_message(err));
  passpolicy_error_free(err);
  if (passpolicy_check(ch, "Abc12345!\xff", 10) != PASSPOLICY_REJECTED)
    FAIL("invalid UTF-8 was not rejected");
  passpolicy_check_json(ch, "Abc12345!\xff", 10, json, sizeof json, NULL);
  if (!strstr(json, "\"code\":\"invalid_utf8\""))
    FAIL("invalid UTF-8: %s", json);
  if (passpolicy_check(NULL, "x", 1) != PASSPOLICY_ERR_ARGUMENT)
    FAIL("a NULL checker was accepted");
  passpolicy_checker_free(ch);
  passpolicy_checker_free(NULL);
}

/* ---- one checker, 4 threads --------------------------------------------- */

typedef struct {
  passpolicy_checker *ch;
  const char *expected_json;
  int bad;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  char out[4096], pw[256];
  for (int i = 0; i < 2000; i++) {
    size_t written = 0, needed = 0;
    if (passpolicy_generate(w->ch, i % 3 ? 0 : 14, pw, sizeof pw, &written,
                            NULL) != PASSPOLICY_OK ||
        passpolicy_check(w->ch, pw, written) != PASSPOLICY_OK)
      w->bad++;
    if (passpolicy_check_json(w->ch, "short", 5, out, sizeof out, &needed) !=
            PASSPOLICY_REJECTED ||
        strcmp(out, w->expected_json) != 0)
      w->bad++;
  }
  memset(pw, 0, sizeof pw);
  return NULL;
}

static void threads(void) {
  const char *ids[2] = {"tencent-cvm-v2", "huawei-clouddc"};
  passpolicy_checker *ch = passpolicy_checker_new(ids, 2, NULL, NULL);
  if (!ch) die("threads: checker");
  static char expected[4096];
  if (passpolicy_check_json(ch, "short", 5, expected, sizeof expected, NULL) !=
      PASSPOLICY_REJECTED)
    die("threads: verdict");
  pthread_t t[4];
  worker w[4];
  for (int i = 0; i < 4; i++) {
    w[i] = (worker){ch, expected, 0};
    if (pthread_create(&t[i], NULL, work, &w[i]) != 0) die("pthread_create");
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    if (w[i].bad) FAIL("thread %d: %d wrong answers", i, w[i].bad);
  }
  passpolicy_checker_free(ch);
}

/* `c_api_test --json ID...`: one passpolicy_check_json object per line of
 * standard input, for comparison with `passpolicy check --format json`. */
static int json_lines(int n, char **ids) {
  passpolicy_error *err = NULL;
  passpolicy_checker *ch =
      passpolicy_checker_new((const char *const *)ids, (size_t)n, NULL, &err);
  if (!ch) die(passpolicy_error_message(err));
  static char line[1 << 12];
  while (fgets(line, sizeof line, stdin)) {
    size_t len = strlen(line);
    if (len && line[len - 1] == '\n') len--;
    size_t needed = 0;
    if (passpolicy_check_json(ch, line, len, json, sizeof json, &needed) < 0)
      die("check_json");
    puts(json);
  }
  memset(line, 0, sizeof line);
  passpolicy_checker_free(ch);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 2 && strcmp(argv[1], "--json") == 0)
    return json_lines(argc - 2, argv + 2);
  if (argc != 2) die("usage: c_api_test SEEDS_DIR | c_api_test --json ID...");
  const char *v = passpolicy_version();
  if (!v || !*v) FAIL("no version");
  int cases = seed_cases(argv[1]);
  int policies = generate_all();
  errors();
  threads();
  if (failures) {
    fprintf(stderr, "c_api_test: %d failures\n", failures);
    return 1;
  }
  printf("ok: passpolicy %s, %d seed cases, %d policies generated, "
         "errors, 4 threads\n",
         v, cases, policies);
  return 0;
}
