# Installing lvzhi (docs/deploy.md tells the whole procedure).
#
#   make install     PREFIX=/usr/local DESTDIR=   the release binary, the rule
#                    catalog, the man page, the example settings and the
#                    systemd and nginx files
#   make uninstall   removes what install put there (never /etc/lvzhi or
#                    /var/lib/lvzhi: settings and data are the admin's)
#   make check-release   the release build installed into a temporary
#                    DESTDIR and checked (tests/install/run.sh), and the
#                    man page against the binary (tests/install/man.sh);
#                    CI runs it, the everyday make check does not
#   make check-service   docs/deploy.md's steps run in a container booted
#                    with systemd, the service started from its unit
#                    (tests/install/service.sh; root and systemd-nspawn)
#   make check-fresh     all of docs/deploy.md's steps for one machine, 1 to
#                    10, on a fresh Debian 12 made by debootstrap: the
#                    packages, the build, nginx and the upgrade too (the
#                    same script; root, systemd-nspawn, debootstrap and a
#                    Debian mirror; some ten minutes)
#
# The release binary is built apart from ./lvzhi, in build/release/, with
# the hardening flags below. It reads at run time only the rule catalog;
# the CSS/JS and the OpenAPI description are built into it. It looks for
# the catalog's versions beside itself (../share/lvzhi/rules/, which also
# finds them under DESTDIR), then in $(DATADIR) compiled in from PREFIX;
# --rules and $LVZHI_RULES override both (src/rules/catalog.c).

BINDIR        ?= $(PREFIX)/bin
MANDIR        ?= $(PREFIX)/share/man
DOCDIR        ?= $(PREFIX)/share/doc/lvzhi
# systemd reads units, sysusers.d and tmpfiles.d from /usr/local/lib as
# well as /usr/lib; another PREFIX needs these set to where systemd looks.
SYSTEMDDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR   ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR   ?= $(PREFIX)/lib/tmpfiles.d

# Release build: optimised, with Debian's "hardening=+all" set by hand
# (dpkg-buildflags is not a build dependency): fortified libc calls, stack
# protector and clash protection, position-independent executable,
# read-only relocations bound at start, no executable stack; on x86-64
# also control-flow protection (CET).
REL_OBJ      := $(SRC:src/%.c=build/release/%.o)
REL_TARGET   := $(shell $(CC) -dumpmachine)
REL_CFLAGS    = -O2 -g -D_FORTIFY_SOURCE=3 -fstack-protector-strong \
                -fstack-clash-protection -fPIE \
                $(if $(findstring x86_64,$(REL_TARGET)),-fcf-protection)
REL_LDFLAGS   = -pie -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack

# DATADIR is compiled into catalog.c: a stamp holding its value rebuilds
# that object when PREFIX changes between builds.
build/release/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

build/release/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(REL_CFLAGS) -MMD -MP -c -o $@ $<

build/release/rules/catalog.o: build/release/datadir
build/release/rules/catalog-embed.o: $(RULES)
build/release/api/api-openapi.o: docs/openapi.json
build/release/web/page-static.o: $(wildcard web/static/*)

build/release/lvzhi: build/release/main.o $(REL_OBJ)
	$(CC) $(REL_CFLAGS) $(REL_LDFLAGS) -o $@ $^ $(LIBS)

release: build/release/lvzhi

# What install puts where, relative to DESTDIR (tests/install/run.sh
# checks the installed tree against the same list).
INSTALL_FILES = $(BINDIR)/lvzhi \
                $(addprefix $(DATADIR)/rules/,$(notdir $(RULES_ALL))) \
                $(MANDIR)/man1/lvzhi.1 $(DOCDIR)/lvzhi.ini.example \
                $(DOCDIR)/deploy.md $(DOCDIR)/deploy-walk.md \
                $(DOCDIR)/nginx-lvzhi.conf \
                $(SYSTEMDDIR)/lvzhi.service \
                $(SYSTEMDDIR)/lvzhi-backup.service \
                $(SYSTEMDDIR)/lvzhi-backup.timer \
                $(SYSUSERSDIR)/lvzhi.conf $(TMPFILESDIR)/lvzhi.conf

# The units name the binary as /usr/local/bin/lvzhi; install writes the
# real BINDIR into its copies.
UNIT_SED = sed 's|/usr/local/bin/lvzhi|$(BINDIR)/lvzhi|g'

install: build/release/lvzhi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(TMPFILESDIR)
	install -m 755 build/release/lvzhi $(DESTDIR)$(BINDIR)/lvzhi
	install -m 644 $(RULES_ALL) $(DESTDIR)$(DATADIR)/rules/
	install -m 644 man/lvzhi.1 $(DESTDIR)$(MANDIR)/man1/lvzhi.1
	install -m 644 lvzhi.ini.example docs/deploy.md docs/deploy-walk.md \
	    dist/nginx-lvzhi.conf \
	    $(DESTDIR)$(DOCDIR)/
	for u in lvzhi.service lvzhi-backup.service lvzhi-backup.timer; do \
	    $(UNIT_SED) dist/$$u > $(DESTDIR)$(SYSTEMDDIR)/$$u && \
	    chmod 644 $(DESTDIR)$(SYSTEMDDIR)/$$u || exit 1; done
	install -m 644 dist/sysusers-lvzhi.conf \
	    $(DESTDIR)$(SYSUSERSDIR)/lvzhi.conf
	install -m 644 dist/tmpfiles-lvzhi.conf \
	    $(DESTDIR)$(TMPFILESDIR)/lvzhi.conf

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALL_FILES))
	-rmdir $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(DOCDIR) 2>/dev/null

# The file list for tests/install/run.sh, one path a line.
install-files:
	@printf '%s\n' $(INSTALL_FILES)

# The release build first (a full compile of its own, hence not in the
# everyday make check); tests/install/run.sh installs it into a temporary
# DESTDIR and compares it with the sanitizer build, tests/install/man.sh
# checks the man page against that one.
check-release: build/release/lvzhi build/san/lvzhi
	@LVZHI_BIN=$(CURDIR)/build/san/lvzhi LVZHI_RULES=$(CURDIR)/rules \
	    $(LSAN_ENV) sh tests/check.sh \
	    tests/install/man.sh tests/install/run.sh

check-service: build/release/lvzhi
	@sh tests/check.sh tests/install/service.sh

# Builds in the container from the committed tree, so nothing here first.
check-fresh:
	@LVZHI_FRESH=1 sh tests/check.sh tests/install/service.sh

FORCE:

.PHONY: release install uninstall install-files check-release \
    check-service check-fresh FORCE

-include $(REL_OBJ:.o=.d) build/release/main.d
