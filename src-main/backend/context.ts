import type { Kysely, Transaction } from 'kysely';
import type { EventMap, EventName } from '@shared/ipc/events';
import type { Database } from './db/schema';
import type { Store } from './db/open';
import { automaticUsername } from '@shared/domain/users';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Who did it: written into every audit record. */
export interface Actor {
  userId: number | null;
  username: string | null;
}
export const systemActor: Actor = { userId: null, username: automaticUsername };

export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** What every service receives. */
export interface ServiceContext {
  store: Store;
  db: Kysely<Database>;
  clock: Clock;
  emit: Emit;
}

export type Trx = Transaction<Database>;
export type Queryable = Kysely<Database> | Trx;

export const nowIso = (clock: Clock) => clock.now().toISOString();
