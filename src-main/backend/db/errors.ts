import type { ErrorCode } from '@shared/ipc/result';

type StoreErrorCode = Extract<ErrorCode, `STORE_${string}`>;

/** Typed errors for opening and writing a store; each says what is wrong in words a user can act on. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly storePath: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export class WrongKeyError extends StoreError {
  /** `unsure`: nothing could vouch for the key, so a damaged start of the file cannot be ruled out. */
  constructor(storePath: string, unsure = false) {
    super(
      'STORE_WRONG_KEY',
      unsure
        ? `The key does not open this store (${storePath}), or the start of the file is damaged: without its anchor file the two cannot be told apart. Use the key this store was created with; if it is the right key, restore the store from a backup.`
        : `The key does not open this store (${storePath}). Use the key this store was created with, or restore it from a backup with its passphrase.`,
      storePath,
    );
    this.name = 'WrongKeyError';
  }
}

export class NotAStoreError extends StoreError {
  constructor(storePath: string, why: string) {
    super('STORE_NOT_A_STORE', `${storePath} is not a Ledgerdesk store: ${why}.`, storePath);
    this.name = 'NotAStoreError';
  }
}

export class DamagedStoreError extends StoreError {
  constructor(storePath: string, why: string) {
    super('STORE_DAMAGED', `The store ${storePath} is damaged: ${why}. Restore it from a backup.`, storePath);
    this.name = 'DamagedStoreError';
  }
}

export class EmptyStoreError extends StoreError {
  constructor(storePath: string) {
    super(
      'STORE_EMPTY',
      `The store ${storePath} is an empty file (0 bytes): what it held is gone (an interrupted copy or sync can do this). Restore it from a backup; to start a new store instead, move the empty file away first.`,
      storePath,
    );
    this.name = 'EmptyStoreError';
  }
}

export class StoreFullError extends StoreError {
  constructor(storePath: string) {
    super('STORE_FULL', `The disk that holds the store (${storePath}) is full, so nothing was saved. Free some space on it and try again.`, storePath);
    this.name = 'StoreFullError';
  }
}

/** When: met while opening (nothing could be used yet) or by a change (which was rolled back). */
export type StoreMoment = 'open' | 'write';

export class StoreReadOnlyError extends StoreError {
  constructor(storePath: string, when: StoreMoment = 'write', what: 'file' | 'folder' | 'file or folder' = 'file or folder') {
    super(
      'STORE_READ_ONLY',
      when === 'open'
        ? `Ledgerdesk cannot write to the store ${storePath}: its ${what === 'folder' ? 'folder is' : what === 'file' ? 'file is' : 'file or its folder is'} read-only. Give your user write permission on the file and its folder (Ledgerdesk keeps journal files beside the store), then open it again.`
        : `The store (${storePath}) cannot be written (the file or its folder is read-only), so nothing was saved. Check its permissions.`,
      storePath,
    );
    this.name = 'StoreReadOnlyError';
  }
}

export class StoreNoAccessError extends StoreError {
  constructor(storePath: string) {
    super(
      'STORE_NO_ACCESS',
      `Ledgerdesk cannot open the store ${storePath}: this user may not read it or its folder. Check the permissions of both.`,
      storePath,
    );
    this.name = 'StoreNoAccessError';
  }
}

export class StoreLockedError extends StoreError {
  constructor(storePath: string, when: StoreMoment = 'write') {
    super(
      'STORE_LOCKED',
      when === 'open'
        ? `The store ${storePath} is in use by another program that is writing to it (another Ledgerdesk, or a command such as an import), so it could not be opened. Try again when that has finished.`
        : `The store ${storePath} is busy: another program (another Ledgerdesk, or a command such as an import) is writing to it, so nothing was saved. Try again in a moment.`,
      storePath,
    );
    this.name = 'StoreLockedError';
  }
}

export class MigrationChangedError extends StoreError {
  constructor(storePath: string, changed: { id: number; name: string }[]) {
    const list = changed.map((m) => `migration ${m.id} (${m.name})`).join(', ');
    super(
      'STORE_MIGRATION_CHANGED',
      `The store ${storePath} was upgraded by ${list}, which this version of Ledgerdesk defines differently (its checksum does not match). A migration must never change once released, so this version will not use the store: open it with the version that upgraded it, and report this.`,
      storePath,
    );
    this.name = 'MigrationChangedError';
  }
}
