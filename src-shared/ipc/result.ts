/** The envelope every endpoint answers with. Errors cross as a code and a message, never a stack trace. */
export const errorCodes = [
  'VALIDATION', // input failed the contract's schema or a domain rule about its shape
  'UNAUTHENTICATED', // no one is signed in on this window
  'FORBIDDEN', // the signed-in role may not call this endpoint
  'SESSION_LOCKED', // idle lock: the user must re-enter the password
  'ACCOUNT_LOCKED', // too many failed sign-ins
  'BAD_CREDENTIALS',
  'NOT_FOUND',
  'CONFLICT', // state does not allow it (already posted, duplicate, ...)
  'RULE_BLOCKED', // a compliance or policy rule blocks it; details say which and until when
  'STORE_WRONG_KEY',
  'STORE_NOT_A_STORE',
  'STORE_DAMAGED',
  'STORE_FULL', // the disk is full: the change was rolled back
  'STORE_READ_ONLY', // the file or its folder cannot be written: the change was rolled back
  'STORE_EMPTY', // the store file is 0 bytes: its content is gone (never made into a new store)
  'STORE_NO_ACCESS', // this user may not read the store file or its folder
  'STORE_LOCKED', // another program holds the store for writing: nothing was saved
  'STORE_MIGRATION_CHANGED', // a migration the store applied differs from this version's (its checksum)
  'STORE_RESTORING', // a restore is replacing the store: the call was not run; sign in again when it is done
  'BACKUP_FOLDER_UNAVAILABLE', // the backup folder is missing, not a folder, or cannot be written (a share not connected)
  'BACKUP_DISK_FULL', // the backup folder's disk filled up: the partial copy was deleted
  'BACKUP_RUNNING', // a backup, export or restore is already running
  'BACKUP_NOT_A_BACKUP', // the file is not a Ledgerdesk backup (no manifest of ours beside it)
  'BACKUP_DAMAGED', // the backup's bytes or contents fail their checks (changed, truncated, unreadable)
  'BACKUP_WRONG_KEY', // the backup was made with another store key and carries no passphrase-wrapped key
  'BACKUP_WRONG_PASSPHRASE', // the passphrase does not unwrap the exported backup's key
  'BACKUP_NEWER_VERSION', // made by a newer Ledgerdesk (a format or migrations this version does not know)
  'PRINTER_NOT_FOUND', // the printer (queue) named does not exist on this computer
  'PRINTER_STOPPED', // the printer exists but is stopped or not accepting jobs
  'PRINT_REFUSED', // the print system refused the job (lp's message in the text)
  'RENDER_FAILED', // Chromium could not turn a document into a PDF (none found, or it failed)
  'CANCELLED', // the user cancelled the run: nothing of it left or was archived
  'EMAIL_NOT_SET_UP', // no SMTP server or sender address in Settings > Documents
  'EMAIL_AUTH', // the SMTP server refused the user name or password
  'EMAIL_TLS', // the TLS handshake failed (certificate, protocol, or TLS asked of a server without it)
  'EMAIL_CONNECTION', // the SMTP server could not be reached (refused, timed out, unknown host)
  'EMAIL_RECIPIENT', // the server refused the recipient address
  'EMAIL_FAILED', // the server refused the message for another reason (its reply in the text)
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems or rule details, safe to show. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
