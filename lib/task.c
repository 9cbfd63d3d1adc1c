/* task.c: one function run beside the caller. Exports task_start, task_wait. */
#include "task.h"

#include "banned.h"

void task_start(struct task *t, void *(*fn)(void *), void *arg, int use_thread)
{
	t->fn = fn;
	t->arg = arg;
	t->threaded = use_thread && pthread_create(&t->thread, NULL, fn, arg) == 0;
	t->pending = !t->threaded;
}

void task_wait(struct task *t)
{
	if (t->threaded)
		pthread_join(t->thread, NULL);
	else if (t->pending)
		t->fn(t->arg);
	t->threaded = t->pending = 0;
}
