import type { Channel, Contract } from './contract';
import type { InputOf, OutputOf } from './endpoint';
import type { EventMap, EventName } from './events';
import type { Result } from './result';

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}.${infer V}` ? V : never;

type Call<C extends Channel> =
  undefined extends InputOf<Contract[C]>
    ? (input?: InputOf<Contract[C]>) => Promise<Result<OutputOf<Contract[C]>>>
    : (input: InputOf<Contract[C]>) => Promise<Result<OutputOf<Contract[C]>>>;

/** The shape of `window.api`, derived from the contract. */
export type Api = {
  [D in DomainOf<Channel>]: { [V in VerbOf<Channel, D>]: Call<Extract<`${D}.${V}`, Channel>> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};
