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

bad=0
for f in src/*/*.c src/*/*.h; do
	from=$(basename "$(dirname "$f")")
	rf=$(rank "$from")
	if [ -z "$rf" ]; then
		echo "$f: folder $from has no layer in tests/layers.sh"
		bad=1
		continue
	fi
	grep -n '^#include "[a-z]*/' "$f" | while IFS= read -r line; do
		to=$(echo "$line" | sed 's/^[0-9]*:#include "\([a-z]*\)\/.*/\1/')
		[ "$to" = "$from" ] && continue
		rt=$(rank "$to")
		if [ -z "$rt" ] || [ "$rt" -gt "$rf" ] ||
		    { [ "$rt" -eq "$rf" ] && [ "$rf" -eq 6 ]; }; then
			echo "$f:$line ($from, layer $rf, includes $to, layer ${rt:-?})"
		fi
	done
done > build/layers.out 2>&1 || true
if [ -s build/layers.out ] || [ $bad -ne 0 ]; then
	cat build/layers.out
	echo "layers: a lower layer includes a higher one (docs/architecture.md)"
	exit 1
fi
echo "layers: every #include points down"
