import { useEffect, useRef, useState } from 'react';
import { REPORT_TASK, type ReportFile } from '@shared/domain/report-workbooks';
import type { Result } from '@shared/ipc/result';
import { CallError, fieldErrors, unwrap } from '../../api/client';
import { downloadBase64 } from '../../components/download';
import { newRunId } from '../documents/api';
import type { RunProgressState } from '../documents/useDocumentRun';

/** How an export ended, in words for the screen. */
export type ExportEnd =
  | { kind: 'saved'; fileName: string; bytes: number; at: Date }
  | { kind: 'cancelled' }
  | { kind: 'failed'; title: string; message: string; fields: Record<string, string> };

const failureTitles: Record<string, string> = {
  VALIDATION: 'Check the report’s settings',
  FORBIDDEN: 'Your role may not export reports',
  NOT_FOUND: 'Something the report names no longer exists',
  INTERNAL: 'The workbook could not be made',
};

/** A failed export in words: a title by the error's code and the backend's own message. */
export function exportFailure(err: unknown): Extract<ExportEnd, { kind: 'failed' }> {
  // The backend's refusal names the endpoint; the page says it in words.
  if (err instanceof CallError && err.code === 'FORBIDDEN')
    return {
      kind: 'failed',
      title: failureTitles.FORBIDDEN!,
      message: 'Reports are for supervisors and administrators. Ask an administrator if your role should change.',
      fields: {},
    };
  if (err instanceof CallError)
    return { kind: 'failed', title: failureTitles[err.code] ?? 'The workbook could not be made', message: err.message, fields: fieldErrors(err) };
  return { kind: 'failed', title: 'The workbook could not be made', message: err instanceof Error ? err.message : String(err), fields: {} };
}

/**
 * One workbook export: the run's id (progress events name it, reports.cancel stops it), the progress
 * while the backend builds it, and the download under the file name the backend chose.
 */
export function useReportExport() {
  const runRef = useRef<string | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<RunProgressState | null>(null);
  const [end, setEnd] = useState<ExportEnd | null>(null);

  useEffect(
    () =>
      window.api.on('progress', (p) => {
        if (p.task === REPORT_TASK && p.run !== undefined && p.run === runRef.current) setProgress({ done: p.done, total: p.total, label: p.label });
      }),
    [],
  );

  const start = async (call: (run: string) => Promise<Result<ReportFile>>): Promise<ExportEnd> => {
    const run = newRunId();
    runRef.current = run;
    setRunning(true);
    setProgress(null);
    setEnd(null);
    let result: ExportEnd;
    try {
      const file = await unwrap(call(run));
      downloadBase64(file.fileName, file.base64);
      result = { kind: 'saved', fileName: file.fileName, bytes: Math.floor((file.base64.length * 3) / 4), at: new Date() };
    } catch (err) {
      result = err instanceof CallError && err.code === 'CANCELLED' ? { kind: 'cancelled' } : exportFailure(err);
    } finally {
      runRef.current = null;
      setRunning(false);
      setProgress(null);
    }
    setEnd(result);
    return result;
  };

  /** Stops the run; its call then answers CANCELLED and nothing is downloaded. */
  const cancel = () => {
    const run = runRef.current;
    if (run) void window.api.reports.cancel({ run });
  };

  return { running, progress, end, start, cancel };
}
