import { textProblem } from '@shared/domain/text';

export interface InputProblem {
  path: string;
  message: string;
}

/** Deeper than any input the contract declares; a cycle or a hostile nesting ends here. */
const MAX_DEPTH = 32;

/**
 * The check every call's raw input passes before its schema, whatever the endpoint: every string
 * (object keys included) is well-formed Unicode, has no control character other than tab, newline and
 * carriage return, and is at most `maxText` long. One generic walk, so an endpoint added later (or a
 * schema that forgot a limit) is covered too. Returns the first problem, or null.
 */
export function rawInputProblem(input: unknown, maxText: number): InputProblem | null {
  const walk = (v: unknown, path: string[], depth: number): InputProblem | null => {
    const at = () => path.join('.') || 'input';
    if (typeof v === 'string') {
      if (v.length > maxText) return { path: at(), message: `is too long (${v.length} characters; at most ${maxText})` };
      const p = textProblem(v);
      return p ? { path: at(), message: p } : null;
    }
    if (v === null || typeof v !== 'object') return null;
    if (depth >= MAX_DEPTH) return { path: at(), message: `is nested too deeply (more than ${MAX_DEPTH} levels)` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], [...path, String(i)], depth + 1);
        if (p) return p;
      }
      return null;
    }
    for (const [k, child] of Object.entries(v)) {
      // A bad key is named by where it is, not by its own (unprintable or huge) text.
      const keyProblem = k.length > maxText ? 'is too long' : textProblem(k);
      if (keyProblem) return { path: at(), message: `has a key that ${keyProblem}` };
      const p = walk(child, [...path, k], depth + 1);
      if (p) return p;
    }
    return null;
  };
  return walk(input, [], 0);
}
