import { endpoint, noInput } from '../endpoint';
import type { SessionInfo } from '../../domain/users';

export interface OpenDemoResult extends SessionInfo {
  /** What was generated (counts, as-of date, seconds). */
  demo: {
    size: string;
    seed: number;
    asOf: string;
    accounts: number;
    invoices: number;
    payments: number;
    reversals: number;
    creditNotes: number;
    writeOffs: number;
    adjustments: number;
    seconds: number;
  };
  /** The demo users and their demo passwords, to show on screen. */
  users: { username: string; password: string; role: string }[];
}

/**
 * First run: "Open the demo company". Public, and only while the store has no company (CONFLICT
 * otherwise). Creates "Riverside Medical Billing" with about 200 accounts and 18 months of history
 * ending today, the demo users admin / supervisor / clerk (passwords riverside-admin,
 * riverside-supervisor, riverside-clerk; docs/demo.md), and signs the caller in as the administrator.
 * Takes about 10 seconds; `progress` events (task 'demo') report the work.
 */
export const demoContract = {
  'app.openDemo': endpoint(noInput).returns<OpenDemoResult>(),
};
