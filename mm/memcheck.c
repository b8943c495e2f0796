/*
 * mm/memcheck.c - see mm/memcheck.h.
 */
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/memcheck.h"

void mem_snapshot(struct mem_snapshot *s)
{
	struct frame_stats st;

	frame_get_stats(&st);
	s->free_frames = st.free;
	s->heap_frames = kmalloc_frames();
	s->heap_objects = kmalloc_in_use();
}

long mem_frames_leaked(const struct mem_snapshot *before)
{
	struct mem_snapshot now;

	mem_snapshot(&now);
	return (long)(before->free_frames - now.free_frames) -
	       (long)(now.heap_frames - before->heap_frames);
}

long mem_objects_leaked(const struct mem_snapshot *before)
{
	return (long)(kmalloc_in_use() - before->heap_objects);
}
