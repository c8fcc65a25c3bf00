/**
 * Hand the browser a file to save under its own name, through a Blob link: no Node and no dialog of
 * our own (Electron's download handling, or the browser's, asks where to put it).
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked a beat later: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A text file (CSV by default). */
export const downloadText = (fileName: string, text: string, type = 'text/csv;charset=utf-8') => downloadBlob(fileName, new Blob([text], { type }));

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bytes that crossed IPC as base64 (a workbook: `ReportFile`). */
export function downloadBase64(fileName: string, base64: string, type = XLSX_TYPE): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(fileName, new Blob([bytes], { type }));
}
