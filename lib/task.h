/* task.h: one function run beside the caller. task_start runs it on a thread of its
 * own when asked to and when a thread can be made; otherwise task_wait runs it, so
 * the caller's code is the same either way. */
#ifndef TASK_H
#define TASK_H

#include <pthread.h>

struct task {
	void *(*fn)(void *);
	void *arg;
	pthread_t thread;
	int threaded;  /* fn runs on thread */
	int pending;   /* fn has not run: task_wait runs it */
};

void task_start(struct task *t, void *(*fn)(void *), void *arg, int use_thread);
/* Return once fn has finished (running it now if no thread did); then a no-op. */
void task_wait(struct task *t);

#endif
