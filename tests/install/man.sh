#!/bin/sh
# The man page against the binary (TAP): every command `lvzhi help` lists
# has its section in man/lvzhi.1, every option of the usage text, every
# setting of lvzhi.ini.example and every LVZHI_ variable the binary reads
# is documented, the page is of this version, each command's own --help
# works, and the page renders without a warning from groff and man.
cd "$(dirname "$0")/../.." || exit 1
BIN=${LVZHI_BIN:-./lvzhi}
PAGE=man/lvzhi.1
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { if [ -z "$2" ]; then ok "$1"; else not_ok "$1: missing $2"; fi; }

help=$("$BIN" help) || not_ok "lvzhi help exits 0"
# Commands: the first word of each usage line indented by two spaces.
commands=$(printf '%s\n' "$help" | sed -n 's/^  \([a-z][a-z]*\).*/\1/p' |
    sort -u)
[ "$(printf '%s\n' "$commands" | wc -l)" -ge 10 ] &&
    ok "lvzhi help lists the commands" || not_ok "lvzhi help lists the commands"

missing=""
for c in $commands; do
	grep -qx "\.SS $c" "$PAGE" || missing="$missing $c"
done
check "every command has a section in $PAGE" "$missing"

missing=""
for o in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	grep -q -- "$esc" "$PAGE" || missing="$missing $o"
done
check "every option of the usage text is in $PAGE" "$missing"

missing=""
for k in $(sed -n 's/^[;[:space:]]*\([a-z_][a-z_]*\)[[:space:]]*=.*/\1/p' \
    lvzhi.ini.example); do
	grep -qx "\.B $k" "$PAGE" || missing="$missing $k"
done
check "every setting of lvzhi.ini.example is in $PAGE" "$missing"

missing=""
for v in $(strings "$BIN" | grep -o 'LVZHI_[A-Z_]*' | sort -u); do
	grep -q "$v" "$PAGE" || missing="$missing $v"
done
check "every LVZHI_ variable the binary reads is in $PAGE" "$missing"

version=$("$BIN" --version)
grep -q "^\.TH LVZHI 1 [0-9-]* \"$version\"" "$PAGE" &&
    ok "$PAGE is of $version" || not_ok "$PAGE is of $version"

bad=""
for c in $commands; do
	out=$("$BIN" "$c" --help 2>&1) && printf '%s\n' "$out" |
	    grep -q "^  $c" || bad="$bad $c"
done
check "lvzhi COMMAND --help prints that command's usage" "$bad"
"$BIN" help no-such-command >/dev/null 2>&1
[ $? -eq 2 ] && ok "lvzhi help refuses an unknown command" ||
    not_ok "lvzhi help refuses an unknown command"

warn=$(groff -man -ww -z -k "$PAGE" 2>&1)
check "groff -ww renders $PAGE without a warning" "$warn"
if command -v man >/dev/null 2>&1; then
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" \
	    2>&1 >/dev/null)
	check "man -l renders $PAGE without a warning" "$warn"
fi
echo "1..$n"
[ "$fails" -eq 0 ]
