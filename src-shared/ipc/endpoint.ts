import { z } from 'zod';

/** One endpoint of the contract: its zod input schema and its output type (carried as a phantom). */
export interface Endpoint<I extends z.ZodType, O, B = O> {
  input: I;
  /**
   * The longest string (UTF-16 units) dispatch lets through to the schema: a backstop checked before
   * parsing, for every string at any depth. Default DEFAULT_MAX_TEXT; raised only for file contents.
   */
  maxText?: number;
  /** Never set at run time; only carries the output type. */
  output?: O;
  /**
   * Never set at run time: what the backend's handler returns when it differs from what the caller
   * gets, for endpoints the shell answers with the backend's answer in hand (a prepared print job).
   */
  backendOutput?: B;
}

/** Longer than any text field (notes: 4,000); see Endpoint.maxText. */
export const DEFAULT_MAX_TEXT = 10_000;

/** `endpoint(z.object({...})).returns<Output>()`; `opts.maxText` for endpoints that carry files. */
export function endpoint<I extends z.ZodType>(input: I, opts: { maxText?: number } = {}) {
  return { returns: <O, B = O>(): Endpoint<I, O, B> => ({ input, ...opts }) };
}

/** For endpoints that take nothing. */
export const noInput = z.undefined();

export type InputOf<E> = E extends Endpoint<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<E> = E extends Endpoint<infer I, unknown> ? z.output<I> : never;
export type OutputOf<E> = E extends Endpoint<z.ZodType, infer O, unknown> ? O : never;
/** What the backend's handler returns: the output, or for shell-answered endpoints what the shell needs to answer. */
export type BackendOutputOf<E> = E extends Endpoint<z.ZodType, unknown, infer B> ? B : never;
