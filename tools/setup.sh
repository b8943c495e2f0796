#!/bin/sh
# tools/setup.sh - install the Debian packages Keel needs.  Idempotent.
#
#   sh tools/setup.sh            install what is missing (as root)
#   sh tools/setup.sh --ensure   the same, but only if something is missing;
#                                when not root, print the command to run
#   sh tools/setup.sh --check    exit 1 if something is missing
set -e

PACKAGES="make gcc python3 python3-pytest python3-pytest-timeout
qemu-system-x86 qemu-system-ppc qemu-system-mips qemu-system-data
bochs bochsbios vgabios bochs-term grub-pc-bin grub-common xorriso mtools
gdb-multiarch gcc-powerpc64-linux-gnu gcc-mipsel-linux-gnu"

# A command each package provides, to notice what is missing cheaply.
COMMANDS="make gcc /usr/bin/python3 pytest-3 qemu-system-x86_64
qemu-system-ppc64 qemu-system-mipsel bochs grub-mkrescue xorriso mformat
gdb-multiarch powerpc64-linux-gnu-gcc mipsel-linux-gnu-gcc"
FILES="/usr/share/qemu/vof.bin /usr/lib/grub/i386-pc/modinfo.sh
/usr/share/bochs/BIOS-bochs-latest /usr/share/vgabios/vgabios.bin
/usr/lib/x86_64-linux-gnu/bochs/plugins/libbx_term_gui.so.0 /usr/lib/python3/dist-packages/pytest_timeout.py"

missing() {
	for c in $COMMANDS; do
		command -v "$c" >/dev/null 2>&1 || { echo "$c"; return 0; }
	done
	for f in $FILES; do
		[ -e "$f" ] || { echo "$f"; return 0; }
	done
	return 1
}

install() {
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq $PACKAGES >/dev/null
}

case "${1:-}" in
--check)
	if m=$(missing); then echo "missing: $m"; exit 1; fi
	exit 0 ;;
--ensure)
	m=$(missing) || exit 0
	if [ "$(id -u)" != 0 ]; then
		echo "Keel needs Debian packages that are missing ($m). Run, as root:"
		echo "    sh tools/setup.sh"
		exit 1
	fi
	echo "*** installing Keel's Debian packages (missing: $m)"
	install
	if m=$(missing); then echo "setup: still missing $m"; exit 1; fi ;;
"")
	[ "$(id -u)" = 0 ] || { echo "run as root: sh tools/setup.sh"; exit 1; }
	install ;;
*)
	echo "usage: sh tools/setup.sh [--check|--ensure]"; exit 2 ;;
esac
