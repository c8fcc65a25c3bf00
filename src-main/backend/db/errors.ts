/** Typed errors for opening a store; each says what is wrong in words a user can act on. */
export class StoreError extends Error {
  constructor(
    readonly code: 'STORE_WRONG_KEY' | 'STORE_NOT_A_STORE' | 'STORE_DAMAGED' | 'STORE_FULL' | 'STORE_READ_ONLY',
    message: string,
    readonly storePath: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export class WrongKeyError extends StoreError {
  constructor(storePath: string) {
    super('STORE_WRONG_KEY', `The key does not open this store (${storePath}). Use the key this store was created with, or restore it from a backup with its passphrase.`, storePath);
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

export class StoreFullError extends StoreError {
  constructor(storePath: string) {
    super('STORE_FULL', `The disk that holds the store (${storePath}) is full, so nothing was saved. Free some space on it and try again.`, storePath);
    this.name = 'StoreFullError';
  }
}

export class StoreReadOnlyError extends StoreError {
  constructor(storePath: string) {
    super('STORE_READ_ONLY', `The store (${storePath}) cannot be written (the file or its folder is read-only), so nothing was saved. Check its permissions.`, storePath);
    this.name = 'StoreReadOnlyError';
  }
}
