import type Sqlite from 'better-sqlite3-multiple-ciphers';

export interface PolicyCheck {
  name: string;
  ok: boolean;
  detail: string;
  problems?: string[];
}

const LIMIT = 50;
const check = (name: string, okDetail: string, problems: string[]): PolicyCheck =>
  problems.length === 0
    ? { name, ok: true, detail: okDetail }
    : { name, ok: false, detail: `${problems.length} problem(s)`, problems: problems.slice(0, LIMIT) };

/**
 * The collections-policy invariants, for verify:
 *  - late fees: each assessment is one posted fee document of its amount on its invoice's account; no two
 *    for one invoice and period; no fee took its invoice or its account's calendar year over the caps in
 *    force when it was posted (waived fees do not count);
 *  - fee waivers: a credit adjustment of the fee's amount on the fee's account;
 *  - payment plans: the stored schedule adds up to the plan total, with the down payment and the number
 *    of installments the plan says.
 */
export function collectionsPolicyChecks(sqlite: Sqlite.Database): PolicyCheck[] {
  const out: PolicyCheck[] = [];

  const feeProblems: string[] = [];
  const mismatched = sqlite
    .prepare(
      `SELECT f.id, f.period, i.number AS invoice, d.number AS fee, d.kind, d.status, d.total_cents, f.amount_cents, d.account_id AS doc_account, f.account_id, i.account_id AS inv_account, d.related_document_id, f.invoice_id
       FROM fee_assessment f JOIN document d ON d.id = f.fee_document_id JOIN document i ON i.id = f.invoice_id
       WHERE d.kind <> 'fee' OR d.status <> 'posted' OR d.total_cents <> f.amount_cents OR d.account_id <> f.account_id OR i.account_id <> f.account_id OR d.related_document_id IS NOT f.invoice_id`,
    )
    .all() as { id: number; period: string; invoice: string; fee: string }[];
  for (const r of mismatched)
    feeProblems.push(`assessment ${r.id} (${r.invoice}, ${r.period}): its document ${r.fee} is not a posted fee of that amount on that invoice's account`);
  const dupes = sqlite.prepare(`SELECT invoice_id, period, COUNT(*) AS n FROM fee_assessment GROUP BY invoice_id, period HAVING n > 1`).all() as {
    invoice_id: number;
    period: string;
    n: number;
  }[];
  for (const r of dupes) feeProblems.push(`invoice ${r.invoice_id} has ${r.n} late fees for ${r.period}`);
  const rows = sqlite
    .prepare(
      `SELECT f.id, f.account_id, f.invoice_id, f.period, f.amount_cents, f.max_per_invoice_cents, f.max_per_account_year_cents, (w.id IS NOT NULL) AS waived, d.number
       FROM fee_assessment f JOIN document d ON d.id = f.fee_document_id LEFT JOIN fee_waiver w ON w.fee_document_id = f.fee_document_id ORDER BY f.id`,
    )
    .iterate() as IterableIterator<{
    id: number;
    account_id: number;
    invoice_id: number;
    period: string;
    amount_cents: number;
    max_per_invoice_cents: number | null;
    max_per_account_year_cents: number | null;
    waived: number;
    number: string;
  }>;
  const perInvoice = new Map<number, number>();
  const perYear = new Map<string, number>();
  let fees = 0;
  for (const r of rows) {
    fees++;
    const yearKey = `${r.account_id}:${r.period.slice(0, 4)}`;
    const inv = (perInvoice.get(r.invoice_id) ?? 0) + (r.waived ? 0 : r.amount_cents);
    const yr = (perYear.get(yearKey) ?? 0) + (r.waived ? 0 : r.amount_cents);
    perInvoice.set(r.invoice_id, inv);
    perYear.set(yearKey, yr);
    if (!r.waived && r.max_per_invoice_cents !== null && inv > r.max_per_invoice_cents)
      feeProblems.push(`${r.number}: late fees on invoice ${r.invoice_id} reach ${inv} cents, over the ${r.max_per_invoice_cents} cents maximum per invoice`);
    if (!r.waived && r.max_per_account_year_cents !== null && yr > r.max_per_account_year_cents)
      feeProblems.push(
        `${r.number}: late fees on account ${r.account_id} in ${r.period.slice(0, 4)} reach ${yr} cents, over the ${r.max_per_account_year_cents} cents yearly maximum`,
      );
  }
  const waivers = sqlite
    .prepare(
      `SELECT w.id, f.number AS fee, c.number AS credit FROM fee_waiver w JOIN document f ON f.id = w.fee_document_id JOIN document c ON c.id = w.credit_document_id
       WHERE f.kind <> 'fee' OR c.kind <> 'adjustment' OR c.side <> 'credit' OR c.status <> 'posted' OR c.account_id <> f.account_id OR c.total_cents <> f.total_cents OR w.amount_cents <> f.total_cents`,
    )
    .all() as { id: number; fee: string; credit: string }[];
  for (const r of waivers) feeProblems.push(`waiver ${r.id}: ${r.credit} does not credit the whole of ${r.fee} on its account`);
  out.push(check('late fees', `${fees} late fee(s): one per invoice and period, within the caps, each a posted fee document`, feeProblems));

  const plans = sqlite
    .prepare(
      `SELECT p.id, p.total_cents, p.down_payment_cents, p.installment_count,
         COALESCE(SUM(i.amount_cents), 0) AS sum, COUNT(CASE WHEN i.seq >= 1 THEN 1 END) AS n, COALESCE(SUM(CASE WHEN i.seq = 0 THEN i.amount_cents END), 0) AS down,
         MIN(i.seq) AS lo, MAX(i.seq) AS hi
       FROM payment_plan p LEFT JOIN payment_plan_installment i ON i.plan_id = p.id GROUP BY p.id`,
    )
    .all() as {
    id: number;
    total_cents: number;
    down_payment_cents: number;
    installment_count: number;
    sum: number;
    n: number;
    down: number;
    lo: number | null;
    hi: number | null;
  }[];
  const planProblems: string[] = [];
  for (const p of plans) {
    if (p.sum !== p.total_cents) planProblems.push(`plan ${p.id}: schedule adds up to ${p.sum} cents, the total is ${p.total_cents}`);
    if (p.n !== p.installment_count || p.hi !== p.installment_count)
      planProblems.push(`plan ${p.id}: ${p.n} installments stored (up to #${p.hi ?? 0}), the plan has ${p.installment_count}`);
    if (p.down !== p.down_payment_cents) planProblems.push(`plan ${p.id}: down payment stored as ${p.down} cents, the plan says ${p.down_payment_cents}`);
  }
  out.push(check('payment plans', `${plans.length} plan(s): every schedule adds up to its total`, planProblems));
  return out;
}
