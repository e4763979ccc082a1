#!/usr/bin/env bash
# Builds the C ABI (release) and runs the C test program against both the
# shared and the static library: the seed cases of tests/data/seeds, generation
# for every built-in policy, errors, one checker from 4 threads, and the
# options (parameters, display name) of passpolicy_checker_new_with.
set -euo pipefail
cd "$(dirname "$0")/../../.."
cargo build --quiet --release -p passpolicy-ffi
lib=$PWD/target/release
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O1
  -I bindings/c/include)
cc "${cflags[@]}" bindings/c/tests/c_api_test.c -o "$out/test_shared" \
  -L"$lib" -lpasspolicy -Wl,-rpath,"$lib" -lpthread
cc "${cflags[@]}" bindings/c/tests/c_api_test.c -o "$out/test_static" \
  "$lib/libpasspolicy.a" -lpthread -ldl -lm
# The shared build must really use the .so, the static one must not.
ldd "$out/test_shared" | grep -q 'libpasspolicy\.so'
! ldd "$out/test_static" | grep -q 'libpasspolicy'
# The README's example, against the static library.
cc "${cflags[@]}" bindings/c/examples/example.c -o "$out/example" \
  "$lib/libpasspolicy.a" -lpthread -ldl -lm
"$out/example" | grep -q '^generated 16 characters, accepted: 1$'

for kind in shared static; do
  printf '%s: ' "$kind"
  "$out/test_$kind" tests/data/seeds
done

# Parameters and the display name (passpolicy_checker_new_with).
cc "${cflags[@]}" bindings/c/tests/options_test.c -o "$out/options_shared" \
  -L"$lib" -lpasspolicy -Wl,-rpath,"$lib"
cc "${cflags[@]}" bindings/c/tests/options_test.c -o "$out/options_static" \
  "$lib/libpasspolicy.a" -lpthread -ldl -lm
for kind in shared static; do
  printf '%s: ' "$kind"
  "$out/options_$kind"
done

# Verdicts as JSON equal the CLI's, line by line (without its "index").
cargo build --quiet --release -p passpolicy-cli
ids=(tencent-ecm tencent-cvm-v2 huawei-clouddc baidu-bcc tencent-redis)
pw=$(printf '%s\n' 'abc123ABC!@#' short '/Abcdef123!x' 'root1234ABC!' \
  'abcé1234XYZ!' 'aaaaAAAA1111!!!!' 'Abc 123!xyz' '' ; printf 'Abc12345!\xff\n')
want=$(printf '%s\n' "$pw" | target/release/passpolicy check --lang en \
  --format json "${ids[@]/#/-p}" | sed 's/^{"index":[0-9]*,/{/' || true)
got=$(printf '%s\n' "$pw" | "$out/test_static" --json "${ids[@]}")
[ "$(printf '%s\n' "$want" | wc -l)" -eq 9 ]
diff <(printf '%s\n' "$want") <(printf '%s\n' "$got")
echo "JSON verdicts: the CLI's, for 9 passwords and all five seed policies"

# The pkg-config file, installed into a scratch prefix, links the test too.
if command -v pkg-config >/dev/null 2>&1; then
  prefix=$out/prefix
  mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/c/Cargo.toml)
  sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" \
    bindings/c/passpolicy.pc.in >"$prefix/lib/pkgconfig/passpolicy.pc"
  cp "$lib/libpasspolicy.so" "$lib/libpasspolicy.a" "$prefix/lib/"
  cp bindings/c/include/passpolicy.h "$prefix/include/"
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
  [ "$(pkg-config --modversion passpolicy)" = "$version" ]
  # shellcheck disable=SC2046 # pkg-config prints several words
  cc "${cflags[@]}" bindings/c/tests/c_api_test.c -o "$out/test_pc" \
    $(pkg-config --cflags --libs passpolicy) -Wl,-rpath,"$prefix/lib" -lpthread
  printf 'pkg-config: '
  "$out/test_pc" tests/data/seeds
fi
