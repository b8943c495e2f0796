/*
 * kern/lab.h - solution markers for the lab course (docs/labs.md).
 *
 * Code that students write in lab N sits between
 *
 *	#if SOLUTION(N)
 *	    ... the reference solution ...
 *	#else
 *	    ... the stub students start from: a comment saying what to
 *	    implement and which test checks it, then LAB_TODO(N, "...") ...
 *	#endif
 *
 * `make handout LAB=N` (tools/handout.py) rewrites every such block: for a
 * lab >= N it keeps only the stub, for an earlier lab only the solution, and
 * drops the markers either way.  Building with KEEL_STUB_FROM=N compiles the
 * same choice in place, without writing a handout (the lab meta-test uses
 * both).
 */
#ifndef KERN_LAB_H
#define KERN_LAB_H

#ifndef KEEL_STUB_FROM
#define KEEL_STUB_FROM 0	/* 0: the full solution tree */
#endif

#define SOLUTION(lab)	(KEEL_STUB_FROM == 0 || (lab) < KEEL_STUB_FROM)

/* Say, once per call site, that a lab stub was reached:
 * "LAB 1 TODO: <what>".  Returns so that the stub can fail softly. */
#define LAB_TODO(lab, what)						\
	do {								\
		static bool lab_todo_said_;				\
		if (!lab_todo_said_) {					\
			lab_todo_said_ = true;				\
			lab_todo_say(lab, what, __FILE__, __LINE__);	\
		}							\
	} while (0)

void lab_todo_say(int lab, const char *what, const char *file, int line);

#endif
