import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { MAX_DATE, MIN_DATE } from '@shared/dates';
import { MAX_CENTS } from '@shared/money';
import { formatNumber } from '../numbering';

export interface ReceivablesCheck {
  name: string;
  ok: boolean;
  detail: string;
  problems?: string[];
}

/** The audit actions that record a posting (every posted document has one). */
export const postingAuditActions = [
  'invoice.post',
  'creditNote.post',
  'payment.post',
  'refund.post',
  'payment.reverse',
  'fee.post',
  'adjustment.post',
  'writeOff.post',
];

const LIMIT = 50;

function check(name: string, okDetail: string, problems: string[], total: number): ReceivablesCheck {
  return total === 0 ? { name, ok: true, detail: okDetail } : { name, ok: false, detail: `${total} problem(s)`, problems };
}

export interface BalanceDisagreement {
  id: number;
  account_number: string;
  balance_cents: number;
  unapplied_cents: number;
  ledger: number;
  open_debits: number;
  open_credits: number;
}

/**
 * Invariant 1 per account: the accounts whose stored balance, ledger sum and open items less unapplied
 * credit (and stored unapplied credit) do not all agree. verify reports them; the irregularities view lists them.
 */
export function balanceDisagreements(sqlite: Sqlite.Database): BalanceDisagreement[] {
  return sqlite
    .prepare(
      `SELECT a.id, a.account_number, a.balance_cents, a.unapplied_cents, COALESCE(le.s, 0) AS ledger, COALESCE(od.s, 0) AS open_debits, COALESCE(oc.s, 0) AS open_credits
       FROM account a
       LEFT JOIN (SELECT account_id, SUM(amount_cents) AS s FROM ledger_entry GROUP BY account_id) le ON le.account_id = a.id
       LEFT JOIN (SELECT account_id, SUM(open_cents) AS s FROM document WHERE side = 'debit' AND open_cents > 0 GROUP BY account_id) od ON od.account_id = a.id
       LEFT JOIN (SELECT account_id, SUM(open_cents) AS s FROM document WHERE side = 'credit' AND open_cents > 0 GROUP BY account_id) oc ON oc.account_id = a.id
       WHERE a.balance_cents <> COALESCE(le.s, 0) OR COALESCE(le.s, 0) <> COALESCE(od.s, 0) - COALESCE(oc.s, 0) OR a.unapplied_cents <> COALESCE(oc.s, 0)`,
    )
    .all() as BalanceDisagreement[];
}

/**
 * The receivables invariants of DOMAIN.md over the whole store, for verify:
 *  1. account balance = sum of its ledger entries = open items - unapplied credit (and the stored
 *     account.balance_cents / unapplied_cents say the same);
 *  2. allocations never exceed a document (net per document between 0 and its total; stored
 *     document.open_cents = total - allocations); allocations join documents of the right side and
 *     account, effective no earlier than either document;
 *  3. every posted document has its ledger entry and its posting audit record; numbers are gap-free
 *     per series;
 *  4. every posted amount is whole cents within MAX_CENTS and every posting date within MIN_DATE..MAX_DATE
 *     (the input schemas refuse anything else; an older version let such postings through).
 */
export function receivablesChecks(sqlite: Sqlite.Database): ReceivablesCheck[] {
  const out: ReceivablesCheck[] = [];

  // 1. balances
  const bal = balanceDisagreements(sqlite);
  const accounts = (sqlite.prepare('SELECT count(*) AS n FROM account').get() as { n: number }).n;
  out.push(
    check(
      'account balances',
      `${accounts} accounts: balance = ledger = open items - unapplied credit`,
      bal
        .slice(0, LIMIT)
        .map(
          (r) =>
            `account ${r.account_number}: stored balance ${r.balance_cents}, ledger ${r.ledger}, open items ${r.open_debits} - unapplied ${r.open_credits}, stored unapplied ${r.unapplied_cents}`,
        ),
      bal.length,
    ),
  );

  // 2. documents against their allocations and ledger entries
  const docs = sqlite
    .prepare(
      `SELECT d.id, d.number, d.status, d.side, d.total_cents, d.open_cents, COALESCE(ac.s, 0) AS as_credit, COALESCE(ad.s, 0) AS as_debit, COALESCE(l.s, 0) AS ledger, COALESCE(l.n, 0) AS entries
       FROM document d
       LEFT JOIN (SELECT credit_document_id AS id, SUM(amount_cents) AS s FROM allocation GROUP BY credit_document_id) ac ON ac.id = d.id
       LEFT JOIN (SELECT debit_document_id AS id, SUM(amount_cents) AS s FROM allocation GROUP BY debit_document_id) ad ON ad.id = d.id
       LEFT JOIN (SELECT document_id AS id, SUM(amount_cents) AS s, COUNT(*) AS n FROM ledger_entry GROUP BY document_id) l ON l.id = d.id
       WHERE (d.status = 'draft' AND (COALESCE(l.n, 0) <> 0 OR d.open_cents <> 0 OR ac.s IS NOT NULL OR ad.s IS NOT NULL))
          OR (d.status = 'posted' AND (
               COALESCE(l.n, 0) <> 1
            OR COALESCE(l.s, 0) <> CASE d.side WHEN 'debit' THEN d.total_cents ELSE -d.total_cents END
            OR (d.side = 'debit' AND (ac.s IS NOT NULL OR d.open_cents <> d.total_cents - COALESCE(ad.s, 0) OR COALESCE(ad.s, 0) < 0 OR COALESCE(ad.s, 0) > d.total_cents))
            OR (d.side = 'credit' AND (ad.s IS NOT NULL OR d.open_cents <> d.total_cents - COALESCE(ac.s, 0) OR COALESCE(ac.s, 0) < 0 OR COALESCE(ac.s, 0) > d.total_cents))))`,
    )
    .all() as {
    id: number;
    number: string | null;
    status: string;
    side: string;
    total_cents: number;
    open_cents: number;
    as_credit: number;
    as_debit: number;
    ledger: number;
    entries: number;
  }[];
  const pairs = sqlite
    .prepare(
      `SELECT a.credit_document_id AS c, a.debit_document_id AS d, SUM(a.amount_cents) AS net, MIN(CASE WHEN a.account_id = cd.account_id AND a.account_id = dd.account_id AND cd.side = 'credit' AND dd.side = 'debit'
                AND cd.status = 'posted' AND dd.status = 'posted' AND a.effective_date >= cd.doc_date AND a.effective_date >= dd.doc_date
                AND a.debit_doc_date = dd.doc_date AND a.debit_due_date = COALESCE(dd.due_date, dd.doc_date) AND a.credit_doc_date = cd.doc_date THEN 1 ELSE 0 END) AS fine
       FROM allocation a JOIN document cd ON cd.id = a.credit_document_id JOIN document dd ON dd.id = a.debit_document_id
       GROUP BY a.credit_document_id, a.debit_document_id HAVING net < 0 OR fine = 0`,
    )
    .all() as { c: number; d: number; net: number; fine: number }[];
  const docCount = (sqlite.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
  out.push(
    check(
      'documents and allocations',
      `${docCount} documents: one ledger entry each, allocations within every total, open amounts as stored`,
      [
        ...docs
          .slice(0, LIMIT)
          .map(
            (r) =>
              `${r.number ?? `draft ${r.id}`} (${r.side}, ${r.status}): total ${r.total_cents}, stored open ${r.open_cents}, allocated as credit ${r.as_credit} / as debit ${r.as_debit}, ledger ${r.ledger} in ${r.entries} entr${r.entries === 1 ? 'y' : 'ies'}`,
          ),
        ...pairs
          .slice(0, LIMIT)
          .map(
            (r) =>
              `allocation of document ${r.c} to ${r.d}: ${r.net < 0 ? `nets to ${r.net}` : 'joins documents of the wrong side, account or state, counts before one of them is dated, or copies their dates wrongly'}`,
          ),
      ],
      docs.length + pairs.length,
    ),
  );

  // 3. audit records and numbering
  const actions = postingAuditActions.map((a) => `'${a}'`).join(', ');
  const unaudited = sqlite
    .prepare(
      `SELECT d.id, d.number FROM document d WHERE d.status = 'posted'
       AND NOT EXISTS (SELECT 1 FROM audit au WHERE au.entity = 'document' AND au.entity_id = CAST(d.id AS TEXT) AND au.action IN (${actions}))`,
    )
    .all() as { id: number; number: string }[];
  out.push(
    check(
      'postings audited',
      'every posted document has its posting audit record',
      unaudited.slice(0, LIMIT).map((r) => `${r.number} has no posting audit record`),
      unaudited.length,
    ),
  );

  const series = sqlite
    .prepare(
      `SELECT d.series, COUNT(*) AS n, COUNT(DISTINCT d.number_seq) AS distinct_n, MIN(d.number_seq) AS lo, MAX(d.number_seq) AS hi, s.next_value
       FROM document d LEFT JOIN number_series s ON s.series = d.series WHERE d.series IS NOT NULL GROUP BY d.series`,
    )
    .all() as { series: string; n: number; distinct_n: number; lo: number; hi: number; next_value: number | null }[];
  const numberProblems: string[] = [];
  for (const s of series) {
    if (s.lo !== 1 || s.hi !== s.n || s.distinct_n !== s.n)
      numberProblems.push(`series ${s.series}: ${s.n} numbers from ${s.lo} to ${s.hi} (gaps or duplicates)`);
    if (s.next_value !== s.hi + 1) numberProblems.push(`series ${s.series}: the counter is at ${s.next_value ?? 'nothing'}, expected ${s.hi + 1}`);
  }
  const badNumbers = sqlite.prepare(`SELECT id, series, number_seq, number FROM document WHERE series IS NOT NULL`).iterate() as IterableIterator<{
    id: number;
    series: string;
    number_seq: number;
    number: string;
  }>;
  let badCount = 0;
  for (const r of badNumbers) {
    if (r.number !== formatNumber(r.series, r.number_seq)) {
      if (badCount < LIMIT) numberProblems.push(`document ${r.id}: number ${r.number} does not match ${r.series} #${r.number_seq}`);
      badCount++;
    }
  }
  out.push(
    check(
      'gap-free numbering',
      `${series.length} series, each numbered 1..n without gaps`,
      numberProblems,
      numberProblems.length + Math.max(0, badCount - LIMIT),
    ),
  );

  // 4. the one ceiling and the one date range
  const outOfRange = sqlite
    .prepare(
      `SELECT id, number, total_cents, doc_date FROM document WHERE status = 'posted' AND (
         typeof(total_cents) <> 'integer' OR ABS(total_cents) > ? OR doc_date < ? OR doc_date > ? OR doc_date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`,
    )
    .all(MAX_CENTS, MIN_DATE, MAX_DATE) as { id: number; number: string | null; total_cents: number; doc_date: string }[];
  out.push(
    check(
      'amounts and dates in range',
      `every posted amount within the ceiling, every posting dated ${MIN_DATE}..${MAX_DATE}`,
      outOfRange.slice(0, LIMIT).map((r) => `${r.number ?? `document ${r.id}`}: total ${r.total_cents} cents, dated ${r.doc_date}`),
      outOfRange.length,
    ),
  );
  return out;
}
