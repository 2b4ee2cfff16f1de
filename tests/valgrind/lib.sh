# Sourced by the valgrind runners (run.sh: unit tests and golden
# scenarios; web.sh: the HTTP suites): memcheck's options, a directory of
# this run's own for its reports, and the TAP line that says whether a
# program left any. The caller is at the repository root.
logs=$(mktemp -d "${TMPDIR:-/tmp}/lvzhi-valgrind-XXXXXX") || exit 1
# 40 callers, not 12: a report reaches the caller in lvzhi through deep
# library stacks, and suppressions can name the library's entry point.
VALGRIND_OPTS="--error-exitcode=1 --leak-check=full --track-fds=no -q \
--num-callers=40"
VALGRIND_SUPP=$PWD/tests/valgrind/lvzhi.supp
export VALGRIND_OPTS VALGRIND_SUPP
: "${LVZHI_RULES:=$PWD/rules/guizhou-2020.md}"
export LVZHI_RULES

n=0
failed=0
# One TAP line for the reports in the logs named $1*: none, or not ok
# (and each shown).
clean() {
	n=$((n + 1))
	bad=$(find "$logs" -name "$1*" -size +0 | sort)
	if [ -z "$bad" ] && [ "$2" -eq 0 ]; then
		echo "ok $n - valgrind: $3"
		return
	fi
	echo "not ok $n - valgrind: $3 (exit $2)"
	for f in $bad; do
		sed 's/^/#   /' "$f" | head -80
	done
	failed=1
}

# The plan, then the logs removed when all was clean, kept when not;
# exits with the run's status.
finish() {
	echo "1..$n"
	if [ "$failed" -eq 0 ]; then
		rm -rf "$logs"
	else
		echo "# kept $logs"
	fi
	exit $failed
}
