import type { Migration } from './types';

/**
 * Aging rows carry the account's kind (consumer or commercial) so a report can be cut by it. The
 * name-ordered index aging reads account names from gains the kind, to stay a covering index.
 */
export const m007AgingAccountKind: Migration = {
  id: 7,
  name: 'aging: account kind in the name index',
  up(db) {
    db.exec(`
      DROP INDEX account_name_norm;
      CREATE INDEX account_name_norm ON account (name_norm, id, account_number, name, kind);
    `);
  },
};
