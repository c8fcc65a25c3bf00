/**
 * A report in a worker thread of its own (bundled as report-thread.js beside the backend worker): it
 * reads over its own read-only connection and writes the workbook here, so the backend answers other
 * calls meanwhile. Cancelling a report terminates this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runReportJob, type ReportAnswer, type ReportJob } from './jobs';

export type ReportThreadMessage = { type: 'progress'; label: string; done: number; total: number } | { type: 'answer'; answer: ReportAnswer };

const port = parentPort;
if (!port) throw new Error('thread.ts must run in a worker thread');
void runReportJob(workerData as ReportJob, (label, done, total) =>
  port.postMessage({ type: 'progress', label, done, total } satisfies ReportThreadMessage),
).then((answer) => port.postMessage({ type: 'answer', answer } satisfies ReportThreadMessage));
