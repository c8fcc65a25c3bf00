import type { Migration } from './types';

/**
 * Contact ids are never reused: the call log and promises keep a contact's id, so an id freed by a
 * removed contact must not come back as somebody else (AUTOINCREMENT instead of the rowid's max+1).
 */
export const m006ContactIds: Migration = {
  id: 6,
  name: 'contacts: ids never reused',
  up(db) {
    db.exec(`
      CREATE TABLE account_contact_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES account (id),
        sort_order INTEGER NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
        phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
        emails TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails))
      ) STRICT;
      INSERT INTO account_contact_next (id, account_id, sort_order, name, title, is_primary, phones, emails)
        SELECT id, account_id, sort_order, name, title, is_primary, phones, emails FROM account_contact;
      DROP TABLE account_contact;
      ALTER TABLE account_contact_next RENAME TO account_contact;
      CREATE INDEX account_contact_account ON account_contact (account_id, sort_order);
    `);
  },
};
