/*
 * mm/hat_common.c - what every HAT backend shares: the counters.
 */
#include "mm/hat.h"

struct hat_stats hat_stats;
