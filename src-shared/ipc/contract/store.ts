import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';

/**
 * The store's key, before any backend exists. Answered by the Electron shell itself (main process),
 * never by the backend: these are the only endpoints that run while the store is still closed.
 */
export type StoreState =
  | 'ready' // the key was unwrapped and the store is open
  | 'needsPassphrase' // the key is wrapped only by a passphrase: ask for it
  | 'needsNewPassphrase' // new store and the OS keychain is unavailable: the user must set a passphrase
  | 'error'; // the store cannot be opened (message says why)

export interface StoreStatus {
  state: StoreState;
  storePath: string;
  keychainAvailable: boolean;
  message?: string;
}

const passphrase = z.string().min(10, 'The passphrase must be at least 10 characters').max(500);

export const storeContract = {
  'store.status': endpoint(noInput).returns<StoreStatus>(),
  'store.unlock': endpoint(z.object({ passphrase: z.string().min(1).max(500) })).returns<StoreStatus>(),
  'store.create': endpoint(z.object({ passphrase })).returns<StoreStatus>(),
};
export type StoreChannel = keyof typeof storeContract;
export const storeChannels = Object.keys(storeContract) as StoreChannel[];
