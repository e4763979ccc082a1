/* The README's C example: check a password, print why it is refused, and
 * generate one the policy accepts. bindings/c/tests/run.sh builds and runs it. */
#include <stdio.h>
#include <string.h>

#include "passpolicy.h"

int main(void) {
  const char *ids[] = {"tencent-cvm-v2/windows"};
  passpolicy_error *err = NULL;
  passpolicy_checker *c = passpolicy_checker_new(ids, 1, NULL, &err);
  if (!c) {
    fprintf(stderr, "%s\n", passpolicy_error_message(err));
    passpolicy_error_free(err);
    return 2;
  }
  const char *pw = "short";
  char json[4096];
  size_t needed = 0;
  if (passpolicy_check(c, pw, strlen(pw)) == PASSPOLICY_REJECTED &&
      passpolicy_check_json(c, pw, strlen(pw), json, sizeof json, &needed) ==
          PASSPOLICY_REJECTED)
    printf("%s\n", json); /* {"ok":false,"violations":[{"code":"too_short",... */

  char out[64];
  size_t n = 0;
  if (passpolicy_generate(c, 0, out, sizeof out, &n, &err) != PASSPOLICY_OK) {
    fprintf(stderr, "%s\n", passpolicy_error_message(err));
    passpolicy_error_free(err);
    return 2;
  }
  printf("generated %zu characters, accepted: %d\n", n,
         passpolicy_check(c, out, n) == PASSPOLICY_OK);
  memset(out, 0, sizeof out); /* wipe the password when done */
  passpolicy_checker_free(c);
  return 0;
}
