import { useEffect, useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import type { DeliveryChannel, DeliveryOutcome, OutputProblem } from '@shared/domain/documents';
import { outcomeText } from '@shared/domain/documents-text';
import type { Result } from '@shared/ipc/result';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { errorWords, newRunId } from './api';

export interface RunProgressState {
  done: number;
  total: number;
  label?: string;
}
export type RunEnd = { ok: true; outcome: DeliveryOutcome } | { ok: false; cancelled: boolean; title: string; message: string };

/**
 * One print, save or email run: its id, the progress events that name it, Cancel, and what the user is
 * told afterwards (a toast worded from the outcome; the documents that could not go, listed).
 */
export function useDocumentRun() {
  const runRef = useRef<string | null>(null);
  const [channel, setChannel] = useState<DeliveryChannel | null>(null);
  const [progress, setProgress] = useState<RunProgressState | null>(null);
  const [problems, setProblems] = useState<{ channel: DeliveryChannel; list: OutputProblem[] } | null>(null);

  useEffect(
    () =>
      window.api.on('progress', (p) => {
        if (p.task === 'documents.render' && p.run !== undefined && p.run === runRef.current) setProgress({ done: p.done, total: p.total, label: p.label });
      }),
    [],
  );

  const start = async (ch: DeliveryChannel, call: (run: string) => Promise<Result<DeliveryOutcome>>): Promise<RunEnd> => {
    const run = newRunId();
    runRef.current = run;
    setChannel(ch);
    setProgress(null);
    try {
      const outcome = await unwrap(call(run));
      const words = outcomeText(outcome);
      notifications.show({
        color: outcome.delivered > 0 ? 'teal' : outcome.cancelled ? 'gray' : 'yellow',
        title: words.title,
        message: words.message,
        autoClose: 8000,
      });
      if (outcome.problems.length > 0) setProblems({ channel: ch, list: outcome.problems });
      return { ok: true, outcome };
    } catch (err) {
      const words = errorWords(err);
      const cancelled = words.code === 'CANCELLED';
      if (cancelled) notifications.show({ color: 'gray', title: words.title, message: words.message });
      return { ok: false, cancelled, title: words.title, message: words.message };
    } finally {
      runRef.current = null;
      setChannel(null);
      setProgress(null);
      void queryClient.invalidateQueries({ queryKey: ['documents'] });
    }
  };

  const cancel = () => {
    const run = runRef.current;
    if (run) void window.api.documents.cancel({ run });
  };

  return { running: channel, progress, start, cancel, problems, clearProblems: () => setProblems(null) };
}
