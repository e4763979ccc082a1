#!/usr/bin/env bash
# Regenerates include/passpolicy.h with cbindgen 0.29.x (crates.io:
# `cargo install cbindgen --version ^0.29 --locked`; Debian's 0.24 cannot
# read edition-2024 attributes). CI runs this, then `git diff --exit-code`.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "$(cbindgen --version 2>/dev/null)" in
  "cbindgen 0.29."*) ;;
  *) echo "cbindgen 0.29.x is needed (found: $(cbindgen --version 2>&1 || true))" >&2; exit 2 ;;
esac
cbindgen --quiet --config bindings/c/cbindgen.toml --crate passpolicy-ffi \
  --output bindings/c/include/passpolicy.h bindings/c
