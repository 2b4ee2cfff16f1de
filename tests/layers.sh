#!/bin/sh
# The layers of src/ (docs/architecture.md), checked over #include lines:
# a file may include its own folder and any lower layer, never a higher
# one; src/api and src/web, side by side, never include each other.
# Prints each offending line and exits 1; nothing: exit 0.
set -eu
cd "$(dirname "$0")/.."

rank() {
	case "$1" in
	base) echo 0 ;;
	rules | store) echo 1 ;;
	audit | oversight) echo 2 ;;
	auth | engine | report | import) echo 3 ;;
	domain) echo 4 ;;
	http) echo 5 ;;
	api | web) echo 6 ;;
	demo | cli | app) echo 7 ;;
	*) echo "" ;;
	esac
}

# One awk pass over every #include (a loop of grep, sed and test per line
# took minutes on a busy machine); the table above stays the one place
# that ranks the folders.
ranks=""
for d in $(ls -d src/*/ | sed 's,^src/,,; s,/$,,'; sed -n \
    's,^#include "\([a-z]*\)/.*,\1,p' src/*/*.c src/*/*.h | sort -u); do
	ranks="$ranks $d=$(rank "$d")"
done
# shellcheck disable=SC2086 # the file lists, split on purpose
awk -v ranks="$ranks" '
BEGIN {
	n = split(ranks, kv, " ")
	for (i = 1; i <= n; i++) {
		split(kv[i], p, "=")
		rank[p[1]] = p[2]
	}
}
FNR == 1 {
	from = FILENAME
	sub(/^src\//, "", from)
	sub(/\/.*/, "", from)
	rf = rank[from]
	if (rf == "") {
		print FILENAME ": folder " from " has no layer in tests/layers.sh"
		bad = 1
		nextfile
	}
}
/^#include "[a-z]*\// {
	to = $0
	sub(/^#include "/, "", to)
	sub(/\/.*/, "", to)
	if (to == from)
		next
	rt = rank[to]
	if (rt == "" || rt + 0 > rf + 0 || (rt + 0 == rf + 0 && rf + 0 == 6)) {
		print FILENAME ":" FNR ":" $0 " (" from ", layer " rf \
		    ", includes " to ", layer " (rt == "" ? "?" : rt) ")"
		bad = 1
	}
}
END {
	if (bad) {
		print "layers: a lower layer includes a higher one " \
		    "(docs/architecture.md)"
		exit 1
	}
	print "layers: every #include points down"
}' src/*/*.c src/*/*.h
