import type { Address } from '@shared/domain/accounts';
import type { AccountKind } from '@shared/domain/accounts';
import { daysBetween } from '@shared/dates';
import type { LetterBlock, LetterCandidate, LetterExceptionCode } from '@shared/domain/letter-runs';
import type { LetterPurpose } from '@shared/domain/letters';
import type { Queryable } from '../../context';
import type { ComplianceService } from '../compliance';
import { mailability, mailingAddressOf } from '../documents/address';
import { compliancePurposeOf } from '../documents/letters';
import { pastDueByAccount } from '../stages';
import { emailConsent } from './recorded';

/** The template a candidate gets, as the run needs it. */
export interface TemplateFacts {
  id: number;
  name: string;
  purpose: LetterPurpose;
  active: boolean;
}

/** What is known of one account before its letter is built. */
export interface AccountFacts {
  accountId: number;
  accountNumber: string;
  accountName: string;
  accountKind: AccountKind;
  pastDueCents: number;
  daysPastDue: number;
  postalCode: string;
  addressMissing: string[];
  emailConsent: boolean;
  blocks: LetterBlock[];
}

const CHUNK = 500;

/**
 * Facts of many accounts at once (chunked reads of the account table and the open-item index), and the
 * compliance check of each. Accounts not found are left out of the map.
 */
export async function accountFacts(
  db: Queryable,
  compliance: ComplianceService,
  accountIds: readonly number[],
  today: string,
  purpose: LetterPurpose,
): Promise<Map<number, AccountFacts>> {
  const ids = [...new Set(accountIds)];
  const out = new Map<number, AccountFacts>();
  const pastDue = await pastDueByAccount(db, today, ids);
  const consent = await emailConsent(db, ids);
  // A letter is blocked only by an open flag (compliance rules.ts checkLetter): the full check runs for
  // the accounts that have one, which are few, instead of once per account.
  const flagged = new Set<number>();
  for (let k = 0; k < ids.length; k += CHUNK) {
    const rows = await db
      .selectFrom('collection_flag')
      .select('account_id')
      .distinct()
      .where('cleared_at', 'is', null)
      .where('account_id', 'in', ids.slice(k, k + CHUNK))
      .execute();
    for (const r of rows) flagged.add(r.account_id);
  }
  for (let k = 0; k < ids.length; k += CHUNK) {
    const rows = await db
      .selectFrom('account')
      .select(['id', 'account_number', 'name', 'kind', 'billing_address', 'mailing_address'])
      .where('id', 'in', ids.slice(k, k + CHUNK))
      .execute();
    for (const r of rows) {
      const address = mailingAddressOf({
        billingAddress: JSON.parse(r.billing_address) as Address,
        mailingAddress: r.mailing_address ? (JSON.parse(r.mailing_address) as Address) : null,
      });
      const mail = mailability(address);
      const pd = pastDue.get(r.id);
      const check = flagged.has(r.id) ? await compliance.checkLetter({ accountId: r.id, purpose: compliancePurposeOf(purpose) }, db) : null;
      out.set(r.id, {
        accountId: r.id,
        accountNumber: r.account_number,
        accountName: r.name,
        accountKind: r.kind,
        pastDueCents: pd?.pastDueCents ?? 0,
        daysPastDue: pd ? daysBetween(pd.oldestDue, today) : 0,
        postalCode: address.postalCode.trim(),
        addressMissing: mail.ok ? [] : mail.missing,
        emailConsent: consent.has(r.id),
        blocks: check && !check.allowed ? check.blocks : [],
      });
    }
  }
  return out;
}

/**
 * Why this account cannot get this letter now, in the order a clerk would look: no template, a
 * compliance block, nothing past due (collection letters only), no mailable address (paper only).
 */
export function exceptionOf(template: TemplateFacts | null, facts: AccountFacts, byEmail: boolean): LetterExceptionCode | null {
  if (!template?.active) return 'NO_TEMPLATE';
  if (facts.blocks.length) return 'BLOCKED';
  if (template.purpose === 'collection' && facts.pastDueCents <= 0) return 'NOTHING_DUE';
  if (!byEmail && facts.addressMissing.length) return 'NO_ADDRESS';
  return null;
}

export function candidateOf(
  facts: AccountFacts,
  template: TemplateFacts | null,
  task: { id: number; status: 'open' | 'blocked'; stageId: number | null; stageName: string | null; queuedOn: string } | null,
): LetterCandidate {
  return {
    taskId: task?.id ?? null,
    taskStatus: task?.status ?? null,
    accountId: facts.accountId,
    accountNumber: facts.accountNumber,
    accountName: facts.accountName,
    accountKind: facts.accountKind,
    templateId: template?.id ?? null,
    templateName: template?.name ?? null,
    stageId: task?.stageId ?? null,
    stageName: task?.stageName ?? null,
    queuedOn: task?.queuedOn ?? null,
    pastDueCents: facts.pastDueCents,
    daysPastDue: facts.daysPastDue,
    postalCode: facts.postalCode,
    addressMissing: facts.addressMissing,
    emailConsent: facts.emailConsent,
    exception: exceptionOf(template, facts, facts.emailConsent),
    blocks: facts.blocks,
  };
}

/** Presort order: postal code (blank last), then account number. */
export function byPostalCode<T extends { postalCode: string; accountNumber: string }>(a: T, b: T): number {
  if (!a.postalCode !== !b.postalCode) return a.postalCode ? -1 : 1;
  return a.postalCode.localeCompare(b.postalCode) || a.accountNumber.localeCompare(b.accountNumber);
}
