import { z } from 'zod';

/** One endpoint of the contract: its zod input schema and its output type (carried as a phantom). */
export interface Endpoint<I extends z.ZodType, O> {
  input: I;
  /**
   * The longest string (UTF-16 units) dispatch lets through to the schema: a backstop checked before
   * parsing, for every string at any depth. Default DEFAULT_MAX_TEXT; raised only for file contents.
   */
  maxText?: number;
  /** Never set at run time; only carries the output type. */
  output?: O;
}

/** Longer than any text field (notes: 4,000); see Endpoint.maxText. */
export const DEFAULT_MAX_TEXT = 10_000;

/** `endpoint(z.object({...})).returns<Output>()`; `opts.maxText` for endpoints that carry files. */
export function endpoint<I extends z.ZodType>(input: I, opts: { maxText?: number } = {}) {
  return { returns: <O>(): Endpoint<I, O> => ({ input, ...opts }) };
}

/** For endpoints that take nothing. */
export const noInput = z.undefined();

export type InputOf<E> = E extends Endpoint<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<E> = E extends Endpoint<infer I, unknown> ? z.output<I> : never;
export type OutputOf<E> = E extends Endpoint<z.ZodType, infer O> ? O : never;
