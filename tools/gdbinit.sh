#!/bin/sh
# tools/gdbinit.sh GDB_ARCH KERNEL PORT ENTRY: the gdbinit `make gdb` uses.
cat <<GDB
set confirm off
set pagination off
set architecture $1
file $2
target remote 127.0.0.1:$3
hbreak $4
echo \n*** Keel: continuing to the kernel entry ($4)\n
continue
GDB
