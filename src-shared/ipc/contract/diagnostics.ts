import { endpoint, noInput } from '../endpoint';

/**
 * The About / diagnostics page: what an office sends to support. Nothing here is customer data:
 * versions, sizes, counts, folders. The store's facts come from the backend; the versions, the
 * operating system and the log folder from the Electron shell (main), which answers its endpoints
 * itself once the backend has let the call through (session, role, input): see
 * `diagnosticsShellAnswered` below.
 */

/** The most recent backup attempt, from the backups service. */
export interface LastBackup {
  /** ISO instant it finished (or started, if it never finished). */
  at: string;
  ok: boolean;
  bytes: number | null;
  /** When the attempt failed: the last one that worked, if any. */
  lastSuccessAt: string | null;
}

export interface StoreDiagnostics {
  /** The store file's full path: administrators only (null for everyone else). */
  storePath: string | null;
  storeBytes: number;
  /** The write-ahead log beside the store (`<store>-wal`): changes not yet copied into the store file. */
  walBytes: number;
  /** The highest migration applied: the store's schema version. */
  schemaVersion: number;
  migrationsApplied: number;
  /** Migrations this version of Ledgerdesk ships; more than applied never happens on an open store. */
  migrationsKnown: number;
  lastBackup: LastBackup | null;
}

export interface ShellDiagnostics {
  appVersion: string;
  /** 'electron' in the app; 'browser' where the end-to-end tests' bridge stands in for main. */
  runtime: 'electron' | 'browser';
  /** null outside Electron (the bridge). */
  electron: string | null;
  chromium: string;
  node: string;
  /** "Windows 10.0.22631 (x64)". */
  os: string;
  logFolder: string;
}

export const diagnosticsContract = {
  'diagnostics.store': endpoint(noInput).returns<StoreDiagnostics>(),
  /** The backend answers null (it has no shell); the shell (or the e2e bridge in its place) answers the facts. */
  'diagnostics.shell': endpoint(noInput).returns<ShellDiagnostics | null>(),
  /** The backend answers false (nothing opened); the shell opens the folder in the file manager and answers true. */
  'diagnostics.openLogFolder': endpoint(noInput).returns<boolean>(),
};

/** Endpoints the shell answers in the backend's place once the backend has let the call through (src-main/ipc/shell-answered.ts). */
export const diagnosticsShellAnswered = ['diagnostics.shell', 'diagnostics.openLogFolder'] as const;
export type DiagnosticsShellAnswered = (typeof diagnosticsShellAnswered)[number];
