import type { Migration } from './types';

/**
 * A designated inconvenient time names its person by contact id as well as by name, so renaming the
 * contact does not drop the consumer's restriction (the call rules match either). Rows written before
 * keep matching by name only. No foreign key: a contact removed from the account must not take the
 * consumer's recorded wish with it.
 */
export const m008InconvenientTimeContact: Migration = {
  id: 8,
  name: 'inconvenient times: contact id',
  up(db) {
    db.exec(`ALTER TABLE inconvenient_time ADD COLUMN contact_id INTEGER;`);
  },
};
