/*
 * passpolicy_checker_new_with from C: policy parameters (MySQL's
 * validate_password with a dictionary file), the display name (Windows AD),
 * and the errors of both: unknown parameters and bad values
 * (PASSPOLICY_ERR_PARAMETER, naming the parameter, never the value), NULL,
 * non-UTF-8 and blank arguments (PASSPOLICY_ERR_ARGUMENT).
 *
 * Usage: options_test   (prints "ok: ..." and exits 0 on success)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "passpolicy.h"

static int failures = 0;
static int checks = 0;

#define EXPECT(cond, ...)                                                      \
  do {                                                                         \
    checks++;                                                                  \
    if (!(cond)) {                                                             \
      fprintf(stderr, "options_test:%d: ", __LINE__);                          \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
      failures++;                                                              \
    }                                                                          \
  } while (0)

static void die(const char *what) {
  fprintf(stderr, "options_test: %s\n", what);
  exit(2);
}

/* A checker for one policy with `opts`; NULL on failure, with *code and
 * msg (a copy of the error's message) set. */
static passpolicy_checker *build(const char *id, const passpolicy_options *opts,
                                 int *code, char *msg, size_t cap) {
  const char *ids[1] = {id};
  passpolicy_error *err = NULL;
  passpolicy_checker *ch = passpolicy_checker_new_with(ids, 1, opts, &err);
  *code = ch ? 0 : passpolicy_error_code(err);
  snprintf(msg, cap, "%s", ch ? "" : passpolicy_error_message(err));
  passpolicy_error_free(err);
  return ch;
}

static int check(const passpolicy_checker *ch, const char *pw) {
  return passpolicy_check(ch, pw, strlen(pw));
}

/* Whether the verdict's JSON for `pw` names violation code `code`. */
static int has_code(const passpolicy_checker *ch, const char *pw,
                    const char *code) {
  static char json[1 << 14];
  char want[96];
  if (passpolicy_check_json(ch, pw, strlen(pw), json, sizeof json, NULL) < 0)
    die("check_json");
  snprintf(want, sizeof want, "\"code\":\"%s\"", code);
  return strstr(json, want) != NULL;
}

static void set(passpolicy_options *o, const char *name, const char *value) {
  if (passpolicy_options_set_param(o, name, value, NULL) != PASSPOLICY_OK)
    die("set_param");
}

/* The issue's example: policy=STRONG, a dictionary holding "password",
 * user app: MyPassword1! is refused for the dictionary word, and only for
 * it (without the file, or with MEDIUM, it passes). */
static void mysql_dictionary(const char *dict) {
  int code;
  char msg[1024];
  passpolicy_options *o = passpolicy_options_new();
  if (!o) die("options_new");
  set(o, "policy", "STRONG");
  EXPECT(passpolicy_options_set_user(o, "app", NULL) == PASSPOLICY_OK,
         "set_user");
  passpolicy_checker *plain = build("mysql-validate-password", o, &code, msg,
                                    sizeof msg);
  set(o, "dictionary_file", dict);
  passpolicy_checker *strong = build("mysql-validate-password", o, &code, msg,
                                     sizeof msg);
  set(o, "policy", "medium"); /* replaces STRONG; any case */
  passpolicy_checker *medium = build("mysql-validate-password", o, &code, msg,
                                     sizeof msg);
  /* The checkers copied what they need. */
  passpolicy_options_free(o);
  if (!plain || !strong || !medium) die(msg);

  EXPECT(check(strong, "MyPassword1!") == PASSPOLICY_REJECTED,
         "STRONG + dictionary accepted MyPassword1!");
  EXPECT(has_code(strong, "MyPassword1!", "dictionary_word"),
         "no dictionary_word violation");
  EXPECT(check(plain, "MyPassword1!") == PASSPOLICY_OK,
         "STRONG without a dictionary refused MyPassword1!");
  EXPECT(check(medium, "MyPassword1!") == PASSPOLICY_OK,
         "MEDIUM refused MyPassword1! (the dictionary is STRONG's)");
  /* user app: the password equal to the user name is refused. */
  EXPECT(has_code(strong, "app", "equals_username"), "app: no equals_username");

  /* Generation honours the bound rules. */
  char pw[256];
  for (int i = 0; i < 20; i++) {
    size_t written = 0;
    EXPECT(passpolicy_generate(strong, 0, pw, sizeof pw, &written, NULL) ==
                   PASSPOLICY_OK &&
               check(strong, pw) == PASSPOLICY_OK,
           "a generated STRONG password was refused");
  }
  memset(pw, 0, sizeof pw);

  /* explain describes the bound values, from the file as read at
   * construction: it still works once the file is gone. */
  if (unlink(dict) != 0) die("unlink");
  static char out[1 << 16];
  size_t needed = 0;
  int rc = passpolicy_explain_json(strong, NULL, out, sizeof out, &needed);
  EXPECT(rc == PASSPOLICY_OK, "explain after the file went: %d", rc);
  EXPECT(strstr(out, "STRONG") && strstr(out, dict),
         "explain lacks the bound values: %.300s", out);
  passpolicy_checker_free(plain);
  passpolicy_checker_free(strong);
  passpolicy_checker_free(medium);
}

/* windows-ad with a display name: a password holding one of its tokens
 * (three or more characters, any case) is refused; without the display name
 * the same password passes. */
static void display_name(void) {
  int code;
  char msg[1024];
  passpolicy_options *o = passpolicy_options_new();
  if (!o) die("options_new");
  EXPECT(passpolicy_options_set_user(o, "jdoe", NULL) == PASSPOLICY_OK,
         "set_user");
  passpolicy_checker *without = build("windows-ad", o, &code, msg, sizeof msg);
  EXPECT(passpolicy_options_set_display_name(o, "John Q. Doe-Smith", NULL) ==
             PASSPOLICY_OK,
         "set_display_name");
  set(o, "minimum_password_length", "10");
  passpolicy_checker *with = build("windows-ad", o, &code, msg, sizeof msg);
  passpolicy_options_free(o);
  if (!without || !with) die(msg);
  EXPECT(check(with, "Smith#2024x") == PASSPOLICY_REJECTED &&
             has_code(with, "Smith#2024x", "contains_display_name"),
         "a display-name token was accepted");
  EXPECT(check(with, "sMITH#2024x") == PASSPOLICY_REJECTED,
         "tokens are case-insensitive");
  EXPECT(check(with, "Q-Do#2024xx") == PASSPOLICY_OK,
         "tokens of 2 or fewer characters are skipped");
  EXPECT(check(without, "Smith#2024x") == PASSPOLICY_OK,
         "no display name, yet Smith#2024x refused");
  /* minimum_password_length=10 bound: 9 characters are too short. */
  EXPECT(check(with, "Abc#2024x") == PASSPOLICY_REJECTED &&
             has_code(with, "Abc#2024x", "too_short"),
         "minimum_password_length=10 not applied");
  EXPECT(check(without, "Abc#2024x") == PASSPOLICY_OK,
         "the default minimum_password_length is 7");
  passpolicy_checker_free(without);
  passpolicy_checker_free(with);
}

/* Unknown parameters and bad values: PASSPOLICY_ERR_PARAMETER, the message
 * naming the parameter and what it takes, never the value given. */
static void parameter_errors(void) {
  int code;
  char msg[2048];
  struct {
    const char *id, *name, *value, *in_message;
  } cases[] = {
      {"mysql-validate-password", "polcy", "STRONG", "policy"},
      {"mysql-validate-password", "policy", "Hunter2-secret", "LOW"},
      {"mysql-validate-password", "length", "-1", "length"},
      {"mysql-validate-password", "check_user_name", "maybe", "ON or OFF"},
      {"mysql-validate-password", "dictionary_file",
       "/nonexistent/passpolicy-words.txt", "passpolicy-words.txt"},
      {"baidu-bcc", "length", "8", "baidu-bcc"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    passpolicy_options *o = passpolicy_options_new();
    if (!o) die("options_new");
    set(o, cases[i].name, cases[i].value);
    passpolicy_checker *ch = build(cases[i].id, o, &code, msg, sizeof msg);
    passpolicy_options_free(o);
    EXPECT(!ch, "%s=%s compiled", cases[i].name, cases[i].value);
    passpolicy_checker_free(ch);
    EXPECT(code == PASSPOLICY_ERR_PARAMETER, "%s: code %d", cases[i].name,
           code);
    EXPECT(strstr(msg, cases[i].in_message), "%s: message %s", cases[i].name,
           msg);
    EXPECT(!strstr(msg, "Hunter2"), "the value is in the message: %s", msg);
  }
  /* An unknown id is still a policy error. */
  passpolicy_options *o = passpolicy_options_new();
  if (!o) die("options_new");
  EXPECT(!build("baidu-bc", o, &code, msg, sizeof msg) &&
             code == PASSPOLICY_ERR_POLICY,
         "unknown id: code %d", code);
  passpolicy_options_free(o);
}

/* NULL, non-UTF-8, empty and blank arguments: PASSPOLICY_ERR_ARGUMENT, the
 * options unchanged. */
static void argument_errors(void) {
  passpolicy_options *o = passpolicy_options_new();
  if (!o) die("options_new");
  passpolicy_error *err = NULL;
  EXPECT(passpolicy_options_set_user(o, "   ", &err) == PASSPOLICY_ERR_ARGUMENT,
         "a blank user was taken");
  EXPECT(err && passpolicy_error_code(err) == PASSPOLICY_ERR_ARGUMENT &&
             strstr(passpolicy_error_message(err), "blank"),
         "blank user: %s", passpolicy_error_message(err));
  passpolicy_error_free(err);
  EXPECT(passpolicy_options_set_user(o, "", NULL) == PASSPOLICY_ERR_ARGUMENT,
         "an empty user was taken");
  EXPECT(passpolicy_options_set_display_name(o, "", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "an empty display name was taken");
  EXPECT(passpolicy_options_set_display_name(o, " \t", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "a blank display name was taken");
  EXPECT(passpolicy_options_set_user(o, NULL, NULL) == PASSPOLICY_ERR_ARGUMENT,
         "a NULL user was taken");
  EXPECT(passpolicy_options_set_display_name(o, "Jo\xff", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "a non-UTF-8 display name was taken");
  EXPECT(passpolicy_options_set_param(o, NULL, "1", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "a NULL name was taken");
  EXPECT(passpolicy_options_set_param(o, "length", NULL, NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "a NULL value was taken");
  EXPECT(passpolicy_options_set_param(o, "", "1", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "an empty name was taken");
  EXPECT(passpolicy_options_set_param(o, "length\xff", "1", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "a non-UTF-8 name was taken");
  EXPECT(passpolicy_options_set_user(NULL, "app", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "NULL options were taken");
  EXPECT(passpolicy_options_set_param(NULL, "a", "b", NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "NULL options were taken");
  /* Nothing was set: the options compile huawei-clouddc as they are, and
   * its fixed account root still applies. */
  int code;
  char msg[1024];
  passpolicy_checker *ch = build("huawei-clouddc/linux", o, &code, msg,
                                 sizeof msg);
  EXPECT(ch && check(ch, "Xroot123!") == PASSPOLICY_REJECTED,
         "options after refused setters: %s", msg);
  passpolicy_checker_free(ch);
  passpolicy_options_free(o);
  passpolicy_options_free(NULL);

  /* NULL options: as passpolicy_checker_new without a user. */
  ch = build("tencent-cvm-v2/windows", NULL, &code, msg, sizeof msg);
  EXPECT(ch && check(ch, "abc123ABC!@#") == PASSPOLICY_OK &&
             check(ch, "short") == PASSPOLICY_REJECTED,
         "NULL options: %s", msg);
  passpolicy_checker_free(ch);
  const char *bad[1] = {"baidu-bcc\xff"};
  passpolicy_error *e = NULL;
  EXPECT(!passpolicy_checker_new_with(bad, 1, NULL, &e) &&
             passpolicy_error_code(e) == PASSPOLICY_ERR_ARGUMENT,
         "a non-UTF-8 id");
  passpolicy_error_free(e);
  e = NULL;
  EXPECT(!passpolicy_checker_new_with(NULL, 1, NULL, &e) &&
             passpolicy_error_code(e) == PASSPOLICY_ERR_ARGUMENT,
         "a NULL id array with a count");
  passpolicy_error_free(e);
}

/* A dictionary given as contents: no file is read. The contents are the
 * file's lines; a NUL-free buffer need not be NUL-terminated. */
static void dictionary_contents(void) {
  int code;
  char msg[1024];
  passpolicy_options *o = passpolicy_options_new();
  if (!o) die("options_new");
  set(o, "policy", "STRONG");
  const char words[] = "secret\npassword"; /* no final newline: a line */
  EXPECT(passpolicy_options_set_param_contents(o, "dictionary_file", "vault",
                                               words, sizeof words - 1,
                                               NULL) == PASSPOLICY_OK,
         "set_param_contents");
  passpolicy_checker *ch = build("mysql-validate-password", o, &code, msg,
                                 sizeof msg);
  if (!ch) die(msg);
  EXPECT(has_code(ch, "MyPassword1!", "dictionary_word"),
         "contents: no dictionary_word violation");
  EXPECT(has_code(ch, "MySecret12!", "dictionary_word"),
         "contents: the first line is not a word");
  EXPECT(check(ch, "MyPasswor1!x") == PASSPOLICY_OK,
         "contents: a password without a word was refused");
  static char out[1 << 16];
  EXPECT(passpolicy_explain_json(ch, NULL, out, sizeof out, NULL) ==
                 PASSPOLICY_OK &&
             strstr(out, "vault"),
         "explain lacks the origin of the contents");
  passpolicy_checker_free(ch);

  /* Contents for a parameter that is not a file: a parameter error. */
  EXPECT(passpolicy_options_set_param_contents(o, "length", "x", "8", 1,
                                               NULL) == PASSPOLICY_OK,
         "set_param_contents length");
  ch = build("mysql-validate-password", o, &code, msg, sizeof msg);
  EXPECT(!ch && code == PASSPOLICY_ERR_PARAMETER,
         "contents for an integer parameter: %d %s", code, msg);
  passpolicy_checker_free(ch);
  EXPECT(passpolicy_options_set_param_contents(o, "dictionary_file", "x", NULL,
                                               3, NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "NULL contents with a length were taken");
  EXPECT(passpolicy_options_set_param_contents(o, "dictionary_file", NULL, "a",
                                               1, NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "a NULL origin was taken");
  EXPECT(passpolicy_options_set_param_contents(o, "dictionary_file", "x",
                                               "\xff", 1, NULL) ==
             PASSPOLICY_ERR_ARGUMENT,
         "non-UTF-8 contents were taken");
  passpolicy_options_free(o);
}

int main(void) {
  char dict[] = "/tmp/passpolicy-dict-XXXXXX";
  int fd = mkstemp(dict);
  if (fd < 0) die("mkstemp");
  const char words[] = "password\n";
  if (write(fd, words, sizeof words - 1) != (ssize_t)(sizeof words - 1))
    die("write");
  close(fd);
  mysql_dictionary(dict); /* removes the file */
  dictionary_contents();
  display_name();
  parameter_errors();
  argument_errors();
  if (failures) {
    fprintf(stderr, "options_test: %d of %d checks failed\n", failures,
            checks);
    return 1;
  }
  printf("ok: options, %d checks\n", checks);
  return 0;
}
