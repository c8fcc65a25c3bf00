/**
 * A backup job in a worker thread of its own (bundled as backup-thread.js beside the backend worker),
 * so a long copy and its verification never hold up the calls the backend answers meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type Job } from './jobs';

export type ThreadMessage = { type: 'progress'; label: string; done: number; total: number } | { type: 'answer'; answer: Awaited<ReturnType<typeof runJob>> };

const port = parentPort;
if (!port) throw new Error('thread.ts must run in a worker thread');
void runJob(workerData as Job, (label, done, total) => port.postMessage({ type: 'progress', label, done, total } satisfies ThreadMessage)).then((answer) =>
  port.postMessage({ type: 'answer', answer } satisfies ThreadMessage),
);
