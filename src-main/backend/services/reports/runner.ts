import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportProgress } from './builders';
import { runReportJob, type ReportAnswer, type ReportJob } from './jobs';
import { reportCancelled } from './runs';
import type { ReportThreadMessage } from './thread';

/**
 * Runs a report job until it answers or `signal` aborts it (then it answers CANCELLED): in a thread of
 * its own (the app), or in this thread (the CLI, tests that need no concurrency).
 */
export type ReportRunner = (job: ReportJob, progress: ReportProgress, signal: AbortSignal) => Promise<ReportAnswer>;

const cancelledAnswer = (): ReportAnswer => ({ ok: false, code: 'CANCELLED', message: reportCancelled().message });

/** In this thread: a cancel is seen at the next stage (progress), since the work does not yield between. */
export const inlineReportRunner: ReportRunner = async (job, progress, signal) => {
  if (signal.aborted) return cancelledAnswer();
  const answer = await runReportJob(job, (label, done, total) => {
    if (signal.aborted) throw reportCancelled();
    progress(label, done, total);
  });
  return signal.aborted ? cancelledAnswer() : answer;
};

/**
 * The thread's script: `report-thread.js` beside the bundled backend worker (out/main), or this folder's
 * thread.ts, loaded through tsx (tests and the CLI run from source).
 */
function threadScript(): { file: string; execArgv?: string[]; env?: NodeJS.ProcessEnv } {
  // Bundled, this code sits in worker.js or in a shared chunk one folder below it.
  const bundled = [path.join(__dirname, 'report-thread.js'), path.join(__dirname, '..', 'report-thread.js')].find((f) => fs.existsSync(f));
  if (bundled) return { file: bundled };
  const repo = path.resolve(__dirname, '../../../..');
  return {
    file: path.join(__dirname, 'thread.ts'),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(repo, 'tsconfig.node.json') },
  };
}

/** In a thread of its own; a cancel terminates the thread at once (its connection and memory go with it). */
export const threadReportRunner: ReportRunner = (job, progress, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(cancelledAnswer());
    const script = threadScript();
    const worker = new Worker(script.file, { workerData: job, execArgv: script.execArgv, env: script.env });
    let answered = false;
    const answer = (a: ReportAnswer) => {
      if (answered) return;
      answered = true;
      signal.removeEventListener('abort', stop);
      resolve(a);
      void worker.terminate();
    };
    const stop = () => answer(cancelledAnswer());
    signal.addEventListener('abort', stop);
    worker.on('message', (m: ReportThreadMessage) => {
      if (m.type === 'progress') {
        if (!answered) progress(m.label, m.done, m.total);
      } else answer(m.answer);
    });
    worker.on('error', (err) => answer({ ok: false, code: 'INTERNAL', message: `The report thread failed: ${err.message}` }));
    worker.on('exit', (code) => answer({ ok: false, code: 'INTERNAL', message: `The report thread stopped (exit code ${code}) before it answered.` }));
  });
