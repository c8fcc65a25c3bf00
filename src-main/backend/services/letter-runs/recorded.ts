import { billingEmailOf, type Contact } from '@shared/domain/accounts';
import type { Queryable } from '../../context';

const CHUNK = 500;

/** The day each account was last sent a letter (the letters recorded as they went out), for "no letter in the last N days". */
export async function lastLetterOn(db: Queryable, accountIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let k = 0; k < accountIds.length; k += CHUNK) {
    const rows = await db
      .selectFrom('letter')
      .select(['account_id', (eb) => eb.fn.max('created_at').as('last')])
      .where('account_id', 'in', accountIds.slice(k, k + CHUNK))
      .groupBy('account_id')
      .execute();
    // Instants are UTC; the day is their date part.
    for (const r of rows) if (r.last) out.set(r.account_id, String(r.last).slice(0, 10));
  }
  return out;
}

/** Accounts with a letter recorded for this run (the pipeline records each with its run, one per account). */
export async function lettersOfRun(db: Queryable, runId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('letter').select('account_id').where('run_id', '=', runId).execute();
  return new Set(rows.map((r) => r.account_id));
}

/**
 * Accounts that opted into letters by email and have an address to send them to (the billing email,
 * as the pipeline chooses it). No preference row means paper.
 */
export async function emailConsent(db: Queryable, accountIds: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let k = 0; k < accountIds.length; k += CHUNK) {
    const rows = await db
      .selectFrom('account_delivery_preference as p')
      .innerJoin('account_contact as c', 'c.account_id', 'p.account_id')
      .select(['p.account_id', 'c.id', 'c.name', 'c.title', 'c.is_primary', 'c.emails'])
      .where('p.letters_by_email', '=', 1)
      .where('p.account_id', 'in', accountIds.slice(k, k + CHUNK))
      .orderBy('c.sort_order')
      .execute();
    const contacts = new Map<number, Contact[]>();
    for (const r of rows) {
      const list = contacts.get(r.account_id) ?? contacts.set(r.account_id, []).get(r.account_id)!;
      list.push({ id: r.id, name: r.name, title: r.title, isPrimary: r.is_primary === 1, phones: [], emails: JSON.parse(r.emails) as Contact['emails'] });
    }
    for (const [id, list] of contacts) if (billingEmailOf({ contacts: list })) out.add(id);
  }
  return out;
}
