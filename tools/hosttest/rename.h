/*
 * Forced into every kernel file built for the host tests: gives the
 * kernel's libc-named functions names of their own, so that the tests link
 * against the kernel's code and the sanitizers keep libc's.
 */
#define memset k_memset
#define memcpy k_memcpy
#define memmove k_memmove
#define memcmp k_memcmp
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#define strstr k_strstr
#define strchr k_strchr
#define strlcpy k_strlcpy
#define strtoul k_strtoul
