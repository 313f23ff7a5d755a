#!/usr/bin/env bash
# Print the path of a Python interpreter that every pin in requirements.txt
# supports, or stop with one line saying what is needed.
#
# Tries python3.13, python3.12, python3.11 (newer first), every match of each
# name on PATH in PATH order, so a too-old first match (Debian 12's
# /usr/bin/python3.11 is 3.11.2) does not hide a good one further on. A
# candidate must run, be at least FLOOR and below CEILING, and have the venv
# and ensurepip modules (Debian ships them in python3.X-venv).
# PYTHON=/path/to/python overrides the search; it is checked the same way.
#
# FLOOR is the strictest Requires-Python among the pinned packages: since
# `make lock` resolves for Python 3.11.0 (soupsieve is held at 2.10; 4.1.3
# needed 3.11.5), every pin accepts 3.11.0, so Debian 12's 3.11.2 qualifies;
# nbval 0.11.0 sets the only ceiling, <4. tests/test_find_python.py recomputes this from
# the metadata of the installed pins, so a new pin with a stricter floor
# fails the tests until FLOOR is raised.
#
# Only bash builtins are used (no sort, grep or sed), so it runs anywhere
# bash does, including a PATH that holds nothing but fake interpreters.
FLOOR=3.11.0
CEILING=4.0
NAMES=(python3.13 python3.12 python3.11)

probe='import sys
try:
    import venv, ensurepip
    ok = "venv"
except Exception:
    ok = "no-venv"
print("%d.%d.%d %s" % (sys.version_info[0], sys.version_info[1], sys.version_info[2], ok))'

# version_ge A B: is dotted version A >= B (numeric, missing parts are 0)?
version_ge() {
  local IFS=.
  local -a a=($1) b=($2)
  local i x y
  for i in 0 1 2; do
    x=${a[i]:-0}; y=${b[i]:-0}
    [[ $x =~ ^[0-9]+$ && $y =~ ^[0-9]+$ ]] || return 1
    if (( 10#$x > 10#$y )); then return 0; fi
    if (( 10#$x < 10#$y )); then return 1; fi
  done
  return 0
}

rejected=()
# check CANDIDATE: print it and succeed if it qualifies, else note why not.
check() {
  local candidate=$1 output version venv
  if ! output=$("$candidate" -c "$probe" 2>/dev/null); then
    rejected+=("$candidate (does not run)")
    return 1
  fi
  read -r version venv <<<"$output"
  if ! version_ge "$version" "$FLOOR"; then
    rejected+=("$candidate $version (older than $FLOOR)")
    return 1
  fi
  if version_ge "$version" "$CEILING"; then
    rejected+=("$candidate $version (not below $CEILING)")
    return 1
  fi
  if [[ $venv != venv ]]; then
    rejected+=("$candidate $version (no venv/ensurepip module: install python${version%.*}-venv)")
    return 1
  fi
  printf '%s\n' "$candidate"
}

if [[ -n ${PYTHON:-} ]]; then
  check "$PYTHON" && exit 0
else
  seen=" "
  for name in "${NAMES[@]}"; do
    while read -r candidate; do
      [[ -n $candidate && $seen != *" $candidate "* ]] || continue
      seen+="$candidate "
      check "$candidate" && exit 0
    done < <(type -ap "$name" 2>/dev/null)
  done
fi

found="none on PATH"
if (( ${#rejected[@]} )); then
  found=$(IFS=';'; printf '%s' "${rejected[*]}")
  found=${found//;/; }
fi
printf 'find_python: need Python >= %s and < %s with the venv module (tried %s); found: %s. Install one (e.g. apt-get install python3.12-venv, or pyenv/uv) or set PYTHON=/path/to/python3.X\n' \
  "$FLOOR" "$CEILING" "${PYTHON:-${NAMES[*]}}" "$found" >&2
exit 1
