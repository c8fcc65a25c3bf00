import type { Migration } from './types';

/**
 * The letter template library (docs/letters.md). A template is a named slot (key, purpose, active);
 * its wording lives in numbered versions. Saving a template adds a version and never edits one, so a
 * letter that went out can name (template_id, version) and keep its exact text: triggers refuse
 * UPDATE and DELETE on versions, as on archived_document (migration 010).
 */
export const m012LetterTemplates: Migration = {
  id: 12,
  name: 'letters: template library with immutable versions',
  up(db) {
    db.exec(`
      CREATE TABLE letter_template (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        purpose TEXT NOT NULL CHECK (purpose IN ('collection', 'cease_permitted', 'confirmation', 'validation_notice')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT
      ) STRICT;
      CREATE TABLE letter_template_version (
        id INTEGER PRIMARY KEY,
        template_id INTEGER NOT NULL REFERENCES letter_template (id),
        version INTEGER NOT NULL CHECK (version >= 1),
        subject TEXT NOT NULL,
        body_html TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by TEXT,
        UNIQUE (template_id, version)
      ) STRICT;
      CREATE TRIGGER letter_template_version_no_update BEFORE UPDATE ON letter_template_version BEGIN SELECT RAISE(ABORT, 'letter template versions are never edited; save a new version'); END;
      CREATE TRIGGER letter_template_version_no_delete BEFORE DELETE ON letter_template_version BEGIN SELECT RAISE(ABORT, 'letter template versions are never removed'); END;
      CREATE TRIGGER letter_template_no_delete BEFORE DELETE ON letter_template BEGIN SELECT RAISE(ABORT, 'letter templates are never removed; set them inactive'); END;
    `);
  },
};
