import type { DocumentSettingsView } from '@shared/domain/documents';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { errorWords } from './api';

export type DocumentSettingsPatch = Parameters<typeof window.api.documents.updateSettings>[0];

/** Saves one section of Settings › Documents; the answer replaces the cached settings. */
export async function saveDocumentSettings(patch: DocumentSettingsPatch): Promise<DocumentSettingsView> {
  const view = await unwrap(window.api.documents.updateSettings(patch));
  queryClient.setQueryData(['documents', 'settings'], view);
  return view;
}

/** A refused save: the message, and the field errors keyed by path ("letterhead.email"). */
export function saveProblem(err: unknown): { message: string; fields: Record<string, string> } {
  const w = errorWords(err);
  return { message: w.code === 'VALIDATION' ? 'Some fields need attention; they are marked in red.' : w.message, fields: fieldErrors(err) };
}
