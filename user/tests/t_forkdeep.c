/*
 * user/tests/t_forkdeep.c - a chain of forks 8 deep: level 0 forks level
 * 1, which forks level 2, and so on, so the fork tree grows a node per
 * level and must collapse back level by level as they exit.
 *
 * slots[] is one page per level, in bss.  Level m writes its own slot and
 * its parent's before it forks (PRE); its child must then see those, the
 * ancestors' PRE values, and zeros beyond.  The write to the parent's
 * slot comes after the parent overwrote it, so nobody else can see the
 * frame any more: it is taken, not copied.  After the fork, level m overwrites every slot
 * it can see with its own values (POST): its child, still running, must
 * not see them, and once the child has exited, level m must see its own
 * POST values and none of what its descendants wrote.  Each level exits
 * with 100 + its level; its parent checks that.
 *
 * The child must check after its parent's POST writes, or a leak could
 * go unseen: the parent says it is done by forking a process that exits
 * at once (the "step" of t_cow.c), and the child waits until the process
 * count shows it.  Each level reaps its step process only after its own
 * child has exited, so the count only grows on the way down.
 *
 * The chain runs twice; the second run must give back every frame.
 */
#include "utest.h"

const char *utest_name = "t_forkdeep";

#define DEPTH	8
#define WPP	(PAGE / 4)
#define PRE	1
#define POST	2
#define BALLAST_PRE(i)	(seed + (i))
#define BALLAST_POST(i)	((seed ^ 0x5a5a0000u) + (i))
#define MIN(a, b)	((a) < (b) ? (a) : (b))

static uint32_t slots[DEPTH + 1][WPP] __attribute__((aligned(4096)));
/* Pages level 0 writes before the chain (BALLAST_PRE); level m writes
 * word m of page m after its fork (BALLAST_POST) and nobody below it
 * writes that page.  So each node holds more pages than the level above
 * it writes after the fork, and some of those writes are pages the
 * child never writes: collapse must keep them, not the node's older
 * pages for the same offsets. */
#define BALLAST	16
static uint32_t ballast[BALLAST][WPP] __attribute__((aligned(4096)));
static uint32_t seed;
static unsigned long procs0;		/* processes before level 0 forked */

/* Word w of slot s as level m writes it in phase (PRE or POST); 0 is
 * what a slot nobody wrote holds. */
static uint32_t value(int s, int m, int phase, unsigned w)
{
	return utest_mix(seed + (uint32_t)m * 31, (uint32_t)s, (uint32_t)phase) + w * 0x01000193u;
}

static void write_slot(int s, int m, int phase)
{
	for (unsigned w = 0; w < WPP; w++)
		slots[s][w] = value(s, m, phase, w);
}

/* Slot s holds what level m wrote in phase, or (m < 0) zeros. */
static void check_slot(int self, int s, int m, int phase)
{
	for (unsigned w = 0; w < WPP; w++) {
		uint32_t want = m < 0 ? 0 : value(s, m, phase, w);

		if (slots[s][w] != want) {
			fprintf(STDERR_FILENO, "t_forkdeep: level %d: slot %d word %u: 0x%x, "
				"expected 0x%x\n", self, s, w, slots[s][w], want);
			CHECK_EQ(slots[s][w], want);
		}
	}
}

/* Level m's view right after its fork: the PRE slots of its ancestors,
 * each last written by the level below its owner; zeros below. */
static void check_inherited(int m)
{
	for (int s = 0; s <= DEPTH; s++)
		check_slot(m, s, s < m ? MIN(s + 1, m - 1) : -1, PRE);
}

/* Wait until the parent of level m has written POST: levels 0..m alive
 * (m of them forked), and the step processes of levels 0..m-1. */
static void await_parent(int m)
{
	unsigned long deadline = uptime_ms() + 10000;
	struct keel_memstats st;

	for (;;) {
		utest_memstats(&st);
		if (st.processes >= procs0 + 2 * (unsigned long)m)
			return;
		CHECK(uptime_ms() < deadline);
		yield();
	}
}

/* Run levels 0 .. DEPTH: returns only in level 0, when all is done. */
static void chain(void)
{
	int m = 0, pid, step, status;

	for (;;) {
		write_slot(m, m, PRE);
		if (m > 0)
			write_slot(m - 1, m, PRE);	/* takes the parent's frame */
		if (m == DEPTH)
			exit(100 + m);		/* the deepest: nothing to fork */
		pid = fork();
		CHECK(pid >= 0);
		if (pid == 0) {
			m++;
			await_parent(m);
			check_inherited(m);
			continue;		/* now level m */
		}
		for (int s = 0; s <= m; s++)
			write_slot(s, m, POST);
		ballast[m][m] = BALLAST_POST(m);
		step = fork();
		CHECK(step >= 0);
		if (step == 0)
			exit(0);
		status = utest_wait(pid);
		if (status != 100 + m + 1)
			fprintf(STDERR_FILENO, "t_forkdeep: level %d's child ended with 0x%x\n", m,
				status);
		CHECK_EQ(status, 100 + m + 1);
		CHECK_EQ(utest_wait(step), 0);
		for (int s = 0; s <= DEPTH; s++)
			check_slot(m, s, s <= m ? m : -1, POST);
		CHECK_EQ(ballast[m][m], BALLAST_POST(m));
		CHECK_EQ(ballast[m + 1][m + 1], BALLAST_PRE(m + 1));
		if (m == 0)
			return;
		exit(100 + m);
	}
}

int main(void)
{
	struct keel_memstats before, after;

	seed = utest_seed();
	for (int run = 0; run < 2; run++) {
		memset(slots, 0, sizeof(slots));	/* every page ours before the baseline */
		for (int i = 0; i < BALLAST; i++)
			ballast[i][i] = BALLAST_PRE(i);
		utest_memstats(&before);
		procs0 = before.processes;
		chain();
		for (int i = 0; i < BALLAST; i++)
			CHECK_EQ(ballast[i][i], i ? BALLAST_PRE(i) : BALLAST_POST(0));
		memset(slots, 0, sizeof(slots));
		utest_memstats(&after);
		/* Each level's POST writes copy the slots its child can see;
		 * each child's first write to its parent's slot takes one. */
		CHECK(after.cow_copies - before.cow_copies >= DEPTH);
		CHECK(after.cow_takes - before.cow_takes >= DEPTH);
		CHECK(after.fork_collapses - before.fork_collapses >= DEPTH);
		CHECK_BASELINE(before, run > 0);
	}
	return utest_pass();
}
