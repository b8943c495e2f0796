/*
 * urename.h - the user library (user/lib) on the host: gives its
 * libc-named functions names of their own (strlen -> u_strlen), so that
 * the tests call the user library's code while the host's libc and the
 * sanitizers keep theirs.  The system calls the library makes (write,
 * mmap, exit ...) become u_write and so on, which ushims.c fakes.
 *
 * printf is the exception: ulib.h names it in format(printf, ...)
 * attributes, where it must stay "printf".  The Makefile renames it in
 * the compiled objects instead (objcopy --redefine-sym printf=u_printf).
 */
#define memset u_memset
#define memcpy u_memcpy
#define memmove u_memmove
#define memcmp u_memcmp
#define strlen u_strlen
#define strcmp u_strcmp
#define strncmp u_strncmp
#define strcpy u_strcpy
#define strlcpy u_strlcpy
#define strchr u_strchr
#define atol u_atol
#define atoi u_atoi
#define strtoul u_strtoul
#define errstr u_errstr
#define fprintf u_fprintf
#define snprintf u_snprintf
#define vsnprintf u_vsnprintf
#define vfprintf u_vfprintf
#define puts u_puts
#define putchar u_putchar
#define malloc u_malloc
#define calloc u_calloc
#define realloc u_realloc
#define free u_free
#define readline u_readline
#define die u_die
#define exit u_exit
#define spawn u_spawn
#define wait u_wait
#define getpid u_getpid
#define getppid u_getppid
#define yield u_yield
#define sleep_ms u_sleep_ms
#define read u_read
#define write u_write
#define open u_open
#define close u_close
#define mmap u_mmap
#define munmap u_munmap
#define mprotect u_mprotect
#define memstats u_memstats
#define fstat u_fstat
#define readdir u_readdir
#define uptime_ms u_uptime_ms
