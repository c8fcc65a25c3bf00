import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runJob, type Job, type JobAnswer, type JobValue, type Progress } from './jobs';
import type { ThreadMessage } from './thread';

/** Runs a job: in a thread of its own (the app), or in this thread (the CLI, tests that need no concurrency). */
export type JobRunner = <J extends Job>(job: J, progress?: Progress) => Promise<JobAnswer<JobValue<J>>>;

export const inlineRunner: JobRunner = (job, progress) => runJob(job, progress);

/**
 * The thread's script: `backup-thread.js` beside the bundled backend worker (out/main), or this folder's
 * thread.ts, loaded through tsx (tests and the CLI run from source).
 */
function threadScript(): { file: string; execArgv?: string[]; env?: NodeJS.ProcessEnv } {
  // Bundled, this code sits in worker.js or in a shared chunk one folder below it.
  const bundled = [path.join(__dirname, 'backup-thread.js'), path.join(__dirname, '..', 'backup-thread.js')].find((f) => fs.existsSync(f));
  if (bundled) return { file: bundled };
  const repo = path.resolve(__dirname, '../../../..');
  return {
    file: path.join(__dirname, 'thread.ts'),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(repo, 'tsconfig.node.json') },
  };
}

export const threadRunner: JobRunner = (job, progress) =>
  new Promise((resolve) => {
    const script = threadScript();
    const worker = new Worker(script.file, { workerData: job, execArgv: script.execArgv, env: script.env });
    let answered = false;
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') progress?.(m.label, m.done, m.total);
      else {
        answered = true;
        resolve(m.answer as JobAnswer<JobValue<typeof job>>);
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      answered = true;
      resolve({ ok: false, code: 'INTERNAL', message: `The backup thread failed: ${err.message}` });
    });
    worker.on('exit', (code) => {
      if (!answered) resolve({ ok: false, code: 'INTERNAL', message: `The backup thread stopped (exit code ${code}) before it answered.` });
    });
  });
