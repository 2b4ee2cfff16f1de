#!/bin/sh
# make install into a temporary DESTDIR, then the installed tree (TAP):
# exactly the files mk/install.mk lists, with their modes; a hardened
# release binary; the installed binary run from elsewhere (version, help,
# init, demo, rules check against the installed catalog, serve answering
# /login and stopping on SIGTERM); PREFIX honoured; the systemd units
# verified (systemd-analyze, when present); the nginx site accepted by
# nginx -t with a self-signed certificate and proxying HTTPS to lvzhi
# (when nginx is present); make uninstall leaving nothing.
cd "$(dirname "$0")/../.." || exit 1
REPO=$(pwd)
TREE_BIN=${LVZHI_BIN:-$REPO/lvzhi}
case $TREE_BIN in /*) ;; *) TREE_BIN=$REPO/$TREE_BIN ;; esac
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
t() { desc=$1; shift; if "$@"; then ok "$desc"; else not_ok "$desc"; fi; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

tmp=$(mktemp -d)
srv=""
ngx=""
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	[ -n "$ngx" ] && kill "$ngx" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
D=$tmp/dest
P=/usr/local
# The commands run as an administrator would: no test catalog, no db.
unset LVZHI_RULES LVZHI_DB LVZHI_CONFIG
# make check runs this under make: its flags must not leak into ours.
unset MAKEFLAGS MFLAGS MAKELEVEL
MAKE="make --no-print-directory -C $REPO"

free_port() {
	node -e 'const s = require("net").createServer();
	    s.listen(0, "127.0.0.1", () => { console.log(s.address().port);
	    s.close(); });'
}
# Waits up to 10 s for a line matching $2 in file $1.
wait_for() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -gt 100 ] && return 1
		sleep 0.1
	done
}

$MAKE -s install DESTDIR="$D" >"$tmp/install.log" 2>&1
t "make install DESTDIR=... succeeds" test $? -eq 0 ||
    sed 's/^/# /' "$tmp/install.log"
$MAKE -s install-files | sed "s|^|$D|" | sort >"$tmp/want"
find "$D" -type f | sort >"$tmp/have"
t "the installed files are exactly mk/install.mk's list" \
    cmp -s "$tmp/want" "$tmp/have" ||
    diff "$tmp/want" "$tmp/have" | sed "s/^/# /"
for f in bin/lvzhi share/lvzhi/rules/guizhou-2020.md share/man/man1/lvzhi.1 \
    share/doc/lvzhi/lvzhi.ini.example lib/systemd/system/lvzhi.service; do
	t "installed $P/$f" test -s "$D$P/$f"
done
t "the binary is mode 755, the rest 644" sh -c '
    [ "$(stat -c %a "$1/bin/lvzhi")" = 755 ] &&
    [ -z "$(find "$1" -type f ! -path "$1/bin/lvzhi" ! -perm 644)" ]' \
    - "$D$P"

BIN=$D$P/bin/lvzhi
# Hardening, read off the ELF file: PIE, full RELRO, no executable stack,
# stack protector and fortified calls.
elf=$(readelf -h -l -d -W "$BIN" 2>/dev/null)
syms=$(readelf --dyn-syms -W "$BIN" 2>/dev/null)
t "release binary is position-independent (PIE)" \
    sh -c 'printf "%s\n" "$1" | grep -q "Type:.*DYN"' - "$elf"
t "release binary has full RELRO (GNU_RELRO, BIND_NOW)" \
    sh -c 'printf "%s\n" "$1" | grep -q GNU_RELRO &&
    printf "%s\n" "$1" | grep -q "FLAGS.*BIND_NOW\|FLAGS_1.*NOW"' - "$elf"
t "release binary has no executable stack" \
    sh -c 'printf "%s\n" "$1" | grep GNU_STACK | grep -qv RWE' - "$elf"
t "release binary uses the stack protector and fortified calls" \
    sh -c 'printf "%s\n" "$1" | grep -q __stack_chk_fail &&
    printf "%s\n" "$1" | grep -q "__[a-z]*_chk"' - "$syms"

# The installed binary, run from a directory with no catalog in it.
W=$tmp/work
mkdir -p "$W"
cd "$W" || exit 1
t "installed lvzhi --version matches the tree's" \
    test "$("$BIN" --version)" = "$("$TREE_BIN" --version)"
t "installed lvzhi help lists serve" \
    sh -c '"$1" help | grep -q "^  serve"' - "$BIN"
t "lvzhi init creates a database" sh -c '"$1" --db "$2" init 2>/dev/null' \
    - "$BIN" "$W/t.db"
t "lvzhi demo fills it" sh -c '"$1" --db "$2" demo --accounts >/dev/null 2>&1' \
    - "$BIN" "$W/t.db"
CAT=$D$P/share/lvzhi/rules/guizhou-2020.md
t "rules check uses the installed catalog" \
    sh -c '"$1" rules check | grep -q "^$2: "' - "$BIN" "$CAT"
# Proof that it is read, not just named: break it, and it is refused.
cp "$CAT" "$tmp/catalog.ok"
printf '\n```rule\nid: broken\n```\n' >>"$CAT"
t "a broken installed catalog is refused, named by its path" \
    sh -c '! "$1" rules check 2>"$3" && grep -q "^lvzhi: $2:" "$3"' \
    - "$BIN" "$CAT" "$tmp/check.err"
cp "$tmp/catalog.ok" "$CAT"

# Settings from a file naming the database, started elsewhere: the
# evidence files go beside that database, not into the working directory.
port=$(free_port)
printf '[server]\nlisten = 127.0.0.1:%s\ndb = %s\naccess_log =\n' \
    "$port" "$W/t.db" >"$W/lvzhi.ini"
mkdir -p "$W/elsewhere"
cd "$W/elsewhere" || exit 1
"$BIN" serve --config "$W/lvzhi.ini" 2>"$tmp/serve.err" &
srv=$!
t "installed lvzhi serve starts with an INI file" \
    wait_for "$tmp/serve.err" "listening"
t "its evidence directory is beside the INI file's database" \
    sh -c 'test -d "$1/t.db.evidence" && ! test -e lvzhi.db.evidence' - "$W"
t "serve answers /login" sh -c 'curl -sf "http://127.0.0.1:$1/login" |
    grep -q "<form"' - "$port"

# nginx in front: the site file with a self-signed certificate and free
# ports, checked by nginx -t, then run and asked for /login over HTTPS.
if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1
then
	N=$tmp/nginx
	mkdir -p "$N/logs"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
	    -keyout "$N/key.pem" -out "$N/cert.pem" >/dev/null 2>&1
	https=$(free_port)
	http=$(free_port)
	sed -e "s|/etc/ssl/certs/lvzhi.pem|$N/cert.pem|" \
	    -e "s|/etc/ssl/private/lvzhi.key|$N/key.pem|" \
	    -e "s|127.0.0.1:8080|127.0.0.1:$port|" \
	    -e "s|listen 443|listen 127.0.0.1:$https|; /listen \[::\]/d" \
	    -e "s|listen 80;|listen 127.0.0.1:$http;|" \
	    "$D$P/share/doc/lvzhi/nginx-lvzhi.conf" >"$N/site.conf"
	cat >"$N/nginx.conf" <<-CONF
	pid $N/nginx.pid;
	error_log $N/logs/error.log;
	events {}
	http {
	    access_log $N/logs/access.log;
	    client_body_temp_path $N/body;
	    proxy_temp_path $N/proxy;
	    fastcgi_temp_path $N/fastcgi;
	    uwsgi_temp_path $N/uwsgi;
	    scgi_temp_path $N/scgi;
	    include $N/site.conf;
	}
	CONF
	nginx -t -q -p "$N" -e "$N/logs/error.log" -c "$N/nginx.conf" \
	    >"$N/t.out" 2>&1
	t "nginx -t accepts the site without a warning" \
	    sh -c '[ $1 -eq 0 ] && ! grep -q . "$2"' - $? "$N/t.out" ||
	    sed "s/^/# /" "$N/t.out"
	max=$(sed -n 's/^ *client_max_body_size \([0-9]*\)m;/\1/p' \
	    "$N/site.conf")
	ini() { sed -n "s/^$1 *= *//p" "$REPO/lvzhi.ini.example"; }
	lim=$(($(ini max_upload) + $(ini max_body)))
	t "client_max_body_size is lvzhi's max_upload + max_body" \
	    test "$((max * 1048576))" = "$lim"
	nginx -p "$N" -e "$N/logs/error.log" -c "$N/nginx.conf" \
	    -g "daemon off;" 2>>"$N/logs/error.log" &
	ngx=$!
	i=0
	until curl -sk -o /dev/null "https://127.0.0.1:$https/login" ||
	    [ "$i" -gt 50 ]; do i=$((i + 1)); sleep 0.1; done
	t "nginx proxies HTTPS to lvzhi's /login" \
	    sh -c 'curl -sfk "https://127.0.0.1:$1/login" | grep -q "<form"' \
	    - "$https"
	t "nginx redirects plain HTTP to HTTPS" \
	    sh -c 'curl -s -o /dev/null -w "%{http_code}" \
	    "http://127.0.0.1:$1/login" | grep -q 301' - "$http"
	t "behind TLS the session cookie is Secure (X-Forwarded-Proto)" \
	    sh -c 'curl -sk -D - -o /dev/null \
	    -d "username=admin&password=Lvzhi@2025" \
	    "https://127.0.0.1:$1/login" | grep -qi "^set-cookie:.*; Secure"' \
	    - "$https"
	kill "$ngx" && wait "$ngx" 2>/dev/null
	ngx=""
else
	skip "nginx -t accepts the site" "nginx or openssl not installed"
fi

kill -TERM "$srv"
wait "$srv"
rc=$?
srv=""
t "serve stops on SIGTERM with status 0" test "$rc" -eq 0

# $LVZHI_DB comes before the file's db, as the environment does before the
# file for every setting.
"$BIN" --db "$W/env.db" init >/dev/null 2>&1
LVZHI_DB=$W/env.db "$BIN" serve --config "$W/lvzhi.ini" 2>"$tmp/serve2.err" &
srv=$!
wait_for "$tmp/serve2.err" listening
t "LVZHI_DB overrides the settings file's db" test -d "$W/env.db.evidence"
kill -TERM "$srv"
wait "$srv"
srv=""
cd "$REPO" || exit 1

if command -v systemd-analyze >/dev/null 2>&1; then
	# verify wants ExecStart= to exist: point it into DESTDIR.
	U=$tmp/units
	mkdir -p "$U"
	for u in lvzhi.service lvzhi-backup.service lvzhi-backup.timer; do
		sed "s|$P/bin/lvzhi|$BIN|" "$D$P/lib/systemd/system/$u" >"$U/$u"
	done
	(cd "$U" && MANPATH=$D$P/share/man systemd-analyze verify \
	    ./lvzhi.service ./lvzhi-backup.service ./lvzhi-backup.timer) \
	    >"$tmp/verify.out" 2>&1
	t "systemd-analyze verify accepts the units" \
	    sh -c '[ $1 -eq 0 ] && ! grep -q . "$2"' - $? "$tmp/verify.out" ||
	    sed "s/^/# /" "$tmp/verify.out"
else
	skip "systemd-analyze verify accepts the units" "systemd not installed"
fi

t "make uninstall removes every file" sh -c '
    $1 -s uninstall DESTDIR="$2" >/dev/null &&
    [ -z "$(find "$2" -type f)" ]' - "$MAKE" "$D"

# Another PREFIX: the files move, the units name the new binary, and the
# compiled-in data directory follows.
$MAKE -s install DESTDIR="$D" PREFIX=/opt/lvzhi >/dev/null 2>&1
t "make install PREFIX=/opt/lvzhi" test $? -eq 0
t "PREFIX moves the binary and the catalog" sh -c '
    test -x "$1/opt/lvzhi/bin/lvzhi" &&
    test -f "$1/opt/lvzhi/share/lvzhi/rules/guizhou-2020.md"' - "$D"
t "the installed unit runs PREFIX's binary" \
    grep -qx "ExecStart=/opt/lvzhi/bin/lvzhi serve .*" \
    "$D/opt/lvzhi/lib/systemd/system/lvzhi.service"
t "the binary looks for PREFIX's data directory" sh -c '
    strings "$1" | grep -qx /opt/lvzhi/share/lvzhi/rules/guizhou-2020.md' \
    - "$D/opt/lvzhi/bin/lvzhi"
echo "1..$n"
[ "$fails" -eq 0 ]
