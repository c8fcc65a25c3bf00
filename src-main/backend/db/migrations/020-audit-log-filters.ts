import type { Migration } from './types';

/**
 * The audit log screen's filters (docs/clerks-day.md, The audit log): by office days (`at`), by person
 * and by action, each an index so that a page and its total read the matching records only, not the
 * whole log (the rows are wide: values and hashes). Rowids (seq) ride in every index, so a filtered
 * count is index-only and equal actions or people come out in sequence order.
 */
export const m020AuditLogFilters: Migration = {
  id: 20,
  name: 'audit: indexes for the audit log filters',
  up(db) {
    db.exec(`
      CREATE INDEX audit_at ON audit (at);
      CREATE INDEX audit_user ON audit (user_id);
      CREATE INDEX audit_action ON audit (action);
    `);
  },
};
