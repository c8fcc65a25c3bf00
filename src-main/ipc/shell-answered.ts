/**
 * Endpoints the shell answers in the backend's place: the call goes to the backend first, like every
 * call (session, role, text check, zod, and the backend's own answer for when there is no shell); only
 * when that succeeds does the shell act and answer instead. Main uses it with Electron's APIs, the e2e
 * bridge with the test process's facts. No Electron import here, so both can.
 */
import type { z } from 'zod';
import { type Contract, contract } from '@shared/ipc/contract';
import { diagnosticsShellAnswered, type DiagnosticsShellAnswered } from '@shared/ipc/contract/diagnostics';
import type { BackendOutputOf, OutputOf, ParsedInputOf } from '@shared/ipc/endpoint';
import { fail, ok, type Result } from '@shared/ipc/result';
import { DomainError } from '../backend/errors';

/**
 * Each answer receives the backend's answer value (a prepared print job, an archived PDF) and the
 * call's input as the contract parses it; answers that need neither ignore them.
 */
export type ShellAnswers<C extends keyof Contract> = {
  [K in C]: (backend: BackendOutputOf<Contract[K]>, input: ParsedInputOf<Contract[K]>) => Promise<OutputOf<Contract[K]>> | OutputOf<Contract[K]>;
};

export const isDiagnosticsShellAnswered = (channel: string): channel is DiagnosticsShellAnswered =>
  (diagnosticsShellAnswered as readonly string[]).includes(channel);

/**
 * `backendAnswer` is the backend's result for the call; a refusal (not signed in, wrong role, bad input)
 * is returned as it is. `input` is the call's input, which the backend has already accepted. A
 * DomainError from the shell's answer crosses with its code and message; anything else is logged by
 * `onError` and answered INTERNAL.
 */
export async function answerInShell<C extends keyof Contract>(
  channel: C,
  backendAnswer: Result<unknown>,
  answers: ShellAnswers<C>,
  onError: (err: unknown) => void,
  input: unknown = undefined,
): Promise<Result<unknown>> {
  if (!backendAnswer.ok) return backendAnswer;
  try {
    const schema: z.ZodType = contract[channel].input;
    const parsed = schema.parse(input) as ParsedInputOf<Contract[C]>;
    return ok(await answers[channel](backendAnswer.value as BackendOutputOf<Contract[C]>, parsed));
  } catch (err) {
    if (err instanceof DomainError) return fail(err.code, err.message, err.details);
    onError(err);
    return fail('INTERNAL', 'Something went wrong. The details are in the log.');
  }
}
