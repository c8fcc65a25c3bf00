/**
 * Who gets a worklist account that has no one on it (docs/clerks-day.md, "The day starts ready"). A
 * pure function of the accounts, the rules, who is active and on duty, and how many worklist accounts
 * each person already holds, so each rule is tested by hand without a store.
 */
import type { DailyEvaluationSettings } from '@shared/domain/daily-evaluation';

export interface AssignCandidate {
  accountId: number;
  name: string;
  kind: 'consumer' | 'commercial';
  stageId: number | null;
}

export interface AssignPeople {
  /** Every active user (a rule naming someone inactive falls back to the even share). */
  active: ReadonlySet<number>;
  /** The clerks on duty, in the order ties are broken (by name). */
  onDuty: readonly number[];
  /** Worklist accounts each person holds already; updated as accounts are handed out. */
  load: Map<number, number>;
}

/** "Émile Co" -> "E"; null when the name does not start with a letter A to Z. */
export function nameLetter(name: string): string | null {
  const c = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .charAt(0)
    .toUpperCase();
  return c >= 'A' && c <= 'Z' ? c : null;
}

function ruleUser(c: AssignCandidate, rules: DailyEvaluationSettings['assignment']): number | null {
  switch (rules.mode) {
    case 'by_stage':
      return c.stageId === null ? null : (rules.byStage.find((r) => r.stageId === c.stageId)?.userId ?? null);
    case 'by_kind':
      return rules.byKind[c.kind];
    case 'by_alphabet': {
      const letter = nameLetter(c.name);
      return letter === null ? null : (rules.byAlphabet.find((r) => r.from <= letter && letter <= r.to)?.userId ?? null);
    }
    default:
      return null;
  }
}

/**
 * accountId -> userId. Accounts are taken by name (then id) so the result does not depend on the
 * worklist's order. The mode's rule decides when it names an active person; otherwise the account
 * goes to the clerk on duty holding the fewest worklist accounts (ties: the earlier in `onDuty`), which
 * hands them out in turn. With mode 'none', or nobody on duty and no rule, the account stays shared.
 */
export function planAssignments(
  candidates: readonly AssignCandidate[],
  rules: DailyEvaluationSettings['assignment'],
  people: AssignPeople,
): Map<number, number> {
  const out = new Map<number, number>();
  if (rules.mode === 'none') return out;
  const ordered = [...candidates].sort((a, b) => a.name.localeCompare(b.name) || a.accountId - b.accountId);
  for (const c of ordered) {
    let who = ruleUser(c, rules);
    if (who !== null && !people.active.has(who)) who = null;
    if (who === null) for (const u of people.onDuty) if (who === null || (people.load.get(u) ?? 0) < (people.load.get(who) ?? 0)) who = u;
    if (who === null) continue;
    out.set(c.accountId, who);
    people.load.set(who, (people.load.get(who) ?? 0) + 1);
  }
  return out;
}
