import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/query';

/** The file's bytes as base64 (the import contracts' contentBase64), read in the renderer. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * The preview of a chosen file: read once per file and options (never refetched behind the clerk's
 * back, never retried, since a file with a problem stays one until it is chosen again).
 */
export function useFilePreview<P>(queryKey: readonly unknown[], queryFn: () => Promise<P>, enabled: boolean) {
  return useQuery({ queryKey, queryFn, enabled, staleTime: Infinity, gcTime: 60_000, retry: false });
}

export interface ChosenFile {
  name: string;
  base64: string;
  /** Changes each time a file is chosen, even the same one again after fixing it. */
  stamp: number;
}

/**
 * A file import's state (the bank statement and the return file): the chosen file, then the one
 * all-or-nothing run and its result or error.
 */
export function useFileImport<R>() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const choose = async (f: File | null) => {
    if (!f) return;
    setResult(null);
    setError(null);
    setFile({ name: f.name, base64: await readAsBase64(f), stamp: Date.now() });
  };
  /** Runs the import, keeps its result, and refreshes what it changed (the query key roots named). */
  const run = async (go: () => Promise<R>, refresh: readonly string[]) => {
    setRunning(true);
    setError(null);
    try {
      setResult(await go());
      for (const d of refresh) void queryClient.invalidateQueries({ queryKey: [d] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(false);
    }
  };
  return { file, choose, result, clearResult: () => setResult(null), error, running, run };
}
