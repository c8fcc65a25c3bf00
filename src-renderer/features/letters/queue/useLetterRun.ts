import { useState } from 'react';
import type { OutputProblem, PrintChoice } from '@shared/domain/documents';
import type { LetterRunException, LetterRunPlan, LetterRunStart } from '@shared/domain/letter-runs';
import { unwrap } from '../../../api/client';
import { queryClient } from '../../../api/query';
import { useDocumentRun } from '../../documents/useDocumentRun';

/** Paper as one print job or one PDF; emailed letters go to the accounts that asked for them. */
export interface ProduceMode {
  paper: 'print' | 'pdf';
  email: boolean;
  /** The print job's printer and paper (paper 'print'). */
  choice?: PrintChoice;
}

/** What a run did: letters that left, accounts listed apart with the reason, and whether it stopped early. */
export interface LetterRunResult {
  runId: number;
  templateName: string;
  mode: ProduceMode;
  sent: number;
  /** Resumed: letters of this run recorded before. */
  earlier: number;
  pages: number;
  destination: string | null;
  exceptions: LetterRunException[];
  problems: OutputProblem[];
  /** Cancelled or failed before every letter left: "Resume run" produces only the letters still missing. */
  stopped: { title: string; message: string } | null;
}

/**
 * A letter run on the screen: record it (letters.startRun) or read it back to resume (letters.getRun),
 * then produce its letters through the document pipeline, emailed ones first, then paper in postal-code
 * order, as one job each, with the documents run's progress and Cancel.
 */
export function useLetterRun() {
  const docs = useDocumentRun();
  const [result, setResult] = useState<LetterRunResult | null>(null);
  const [busy, setBusy] = useState(false);

  const produce = async (plan: LetterRunPlan, mode: ProduceMode): Promise<LetterRunResult> => {
    const out: LetterRunResult = {
      runId: plan.runId,
      templateName: plan.templateName,
      mode,
      sent: 0,
      earlier: 0,
      pages: 0,
      destination: null,
      exceptions: plan.exceptions,
      problems: [],
      stopped: null,
    };
    const jobs: { channel: 'email' | 'print' | 'pdf'; go: (run: string) => ReturnType<typeof window.api.documents.email> }[] = [];
    if (mode.email && plan.email.length) jobs.push({ channel: 'email', go: (run) => window.api.documents.email({ documents: plan.email, run }) });
    if (plan.paper.length) {
      if (mode.paper === 'print' && mode.choice) {
        const choice = mode.choice;
        jobs.push({ channel: 'print', go: (run) => window.api.documents.print({ documents: plan.paper, choice, run }) });
      } else jobs.push({ channel: 'pdf', go: (run) => window.api.documents.savePdf({ documents: plan.paper, run }) });
    }
    for (const job of jobs) {
      const end = await docs.start(job.channel, job.go);
      if (!end.ok) {
        out.stopped = { title: end.title, message: end.message };
        break;
      }
      out.sent += end.outcome.delivered;
      out.pages += end.outcome.pages;
      out.problems.push(...end.outcome.problems);
      if (end.outcome.destination) out.destination = out.destination ? `${out.destination}; ${end.outcome.destination}` : end.outcome.destination;
      if (end.outcome.cancelled) {
        out.stopped = { title: 'Nothing more left', message: 'The save or print dialog was closed: the rest of this run did not go out.' };
        break;
      }
    }
    return out;
  };

  const finish = async (step: () => Promise<LetterRunResult>) => {
    setBusy(true);
    try {
      const r = await step();
      setResult(r);
      return r;
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: ['collections', 'letterQueue'] });
    }
  };

  return {
    docs,
    busy,
    result,
    clearResult: () => setResult(null),
    /** Records a new run for the chosen accounts and produces it. */
    start: (input: LetterRunStart, mode: ProduceMode) =>
      finish(async () => produce(await unwrap(window.api.letters.startRun({ ...input, channel: mode.paper, emailOptedIn: mode.email })), mode)),
    /** Produces what a recorded run still misses (accounts without a letter recorded for it); never one twice. */
    resume: (runId: number, mode: ProduceMode) =>
      finish(async () => {
        const view = await unwrap(window.api.letters.getRun({ runId }));
        return { ...(await produce(view, mode)), earlier: view.sent.length };
      }),
  };
}
