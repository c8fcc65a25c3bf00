import { z } from 'zod';

/** One endpoint of the contract: its zod input schema and its output type (carried as a phantom). */
export interface Endpoint<I extends z.ZodType, O> {
  input: I;
  /** Never set at run time; only carries the output type. */
  output?: O;
}

/** `endpoint(z.object({...})).returns<Output>()` */
export function endpoint<I extends z.ZodType>(input: I) {
  return { returns: <O>(): Endpoint<I, O> => ({ input }) };
}

/** For endpoints that take nothing. */
export const noInput = z.undefined();

export type InputOf<E> = E extends Endpoint<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<E> = E extends Endpoint<infer I, unknown> ? z.output<I> : never;
export type OutputOf<E> = E extends Endpoint<z.ZodType, infer O> ? O : never;
