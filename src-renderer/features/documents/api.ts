import { useQuery } from '@tanstack/react-query';
import { errorTitles } from '@shared/domain/documents-text';
import { CallError, unwrap } from '../../api/client';

/** Query hooks for documents; every key starts with 'documents' so a data.changed event refreshes them. */
export const usePrinters = (enabled: boolean) =>
  useQuery({ queryKey: ['documents', 'printers'], queryFn: () => unwrap(window.api.documents.printers()), enabled, staleTime: 10_000 });

export const useArchive = (accountId: number) =>
  useQuery({ queryKey: ['documents', 'archive', accountId], queryFn: () => unwrap(window.api.documents.archiveList({ accountId })) });

export const useDocumentSettings = () => useQuery({ queryKey: ['documents', 'settings'], queryFn: () => unwrap(window.api.documents.getSettings()) });

/** A run's id: progress events carry it and documents.cancel names it. */
export const newRunId = () => crypto.randomUUID();

/** A failed call in words: the code's title, and the backend's message as the detail. */
export function errorWords(err: unknown): { title: string; message: string; code: string | null } {
  if (err instanceof CallError) return { title: errorTitles[err.code] ?? 'It did not work', message: err.message, code: err.code };
  return { title: 'It did not work', message: err instanceof Error ? err.message : String(err), code: null };
}
