import { dateInZone, formatDate, formatInstant } from '../dates';
import { formatMoney } from '../money';
import {
  callOutcomeLabels,
  flagLabels,
  ruleCitations,
  ruleLabels,
  weekdayNames,
  type BlockFacts,
  type ComplianceBlock,
  type FlagKind,
  type TimelineEntry,
} from './collections';
import { archiveChannelText, archiveTitle } from './documents-text';
import type { CollectionTaskKind, FeeAdjustment, FeeExclusion, HoldReason, TaskCancelled, WorklistReason, WorklistReasonRow } from './collections-policy';

/**
 * The words for the collections codes the backend sends (held reasons, worklist reasons, the contact
 * timeline, compliance blocks): one place, used by the screens, by the backend for the English of its
 * error messages, and by tests. Dates arrive ISO and amounts in cents; they are formatted here with the
 * shared codecs.
 */

/** The business date of an instant on this computer's clock (where the office is). */
const localDate = (instant: string) => formatDate(dateInZone(new Date(instant), Intl.DateTimeFormat().resolvedOptions().timeZone));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---- Held accounts ----

/** The short name of a hold, for badges and grouping. */
export function holdLabel(h: HoldReason): string {
  switch (h.code) {
    case 'flag':
      return flagLabels[h.flag];
    case 'promise':
      return 'Promise pending';
    case 'plan':
      return h.planStatus === 'late' ? 'Plan late' : 'Current plan';
    case 'referred':
      return 'Referred';
  }
}

/** "Disputed (since Mar 15, 2026): Never received the goods". */
export function holdText(h: HoldReason): string {
  switch (h.code) {
    case 'flag':
      return `${flagLabels[h.flag]} (since ${localDate(h.since)})${h.note ? `: ${h.note}` : ''}`;
    case 'promise':
      return `Promise to pay ${formatMoney(h.amountCents)} by ${formatDate(h.dueDate)}`;
    case 'plan':
      return `On payment plan #${h.planId} (${h.planStatus})`;
    case 'referred':
      return `Referred to ${h.agencyName} on ${formatDate(h.referredOn)}`;
  }
}

// ---- Worklist reasons ----

export const worklistReasonLabels: Record<WorklistReason, string> = {
  stage_action: 'Stage action due',
  promise_due: 'Promise due',
  promise_broken: 'Promise broken',
  installment_missed: 'Installment missed',
  callback: 'Callback',
};

export const taskLabels: Record<CollectionTaskKind, string> = {
  call: 'Call',
  letter: 'Send letter',
  statement: 'Send statement',
  fee: 'Fee',
  status: 'Status change',
};

/** "Down payment", "Installment 3 of 6". */
export const installmentLabel = (seq: number, installmentCount: number) => (seq === 0 ? 'Down payment' : `Installment ${seq} of ${installmentCount}`);

/** One reason an account is on the worklist, in a sentence. */
export function worklistReasonText(r: WorklistReasonRow): string {
  switch (r.reason) {
    case 'stage_action':
      return `${taskLabels[r.task]}${r.templateName ? `: ${r.templateName}` : ''}${r.stageName ? ` (${r.stageName})` : ''}${r.note ? `: ${r.note}` : ''}`;
    case 'promise_due':
    case 'promise_broken':
      return `Promise of ${formatMoney(r.amountCents)} for ${formatDate(r.dueDate)} ${r.reason === 'promise_due' ? 'is due' : 'was broken'}`;
    case 'installment_missed':
      return `Plan #${r.planId}: ${plural(r.unpaid, 'installment')} unpaid, first ${installmentLabel(r.seq, r.installmentCount).toLowerCase()} of ${formatMoney(r.amountCents)} due ${formatDate(r.dueDate)}${r.planBroken ? ' (past the grace days: plan broken)' : ''}`;
    case 'callback':
      return `Callback: ${r.contactName} at ${r.phone}${r.setBy ? ` (set by ${r.setBy})` : ''}`;
  }
}

// ---- Late fees ----

/** "Raised to the $5.00 minimum", "Capped by the $20.00 maximum per invoice". */
export function feeAdjustmentText(a: FeeAdjustment): string {
  switch (a.code) {
    case 'minimum':
      return `Raised to the ${formatMoney(a.minimumCents)} minimum`;
    case 'max_per_invoice':
      return `Capped by the ${formatMoney(a.maxCents)} maximum per invoice`;
    case 'max_per_account_year':
      return `Capped by the ${formatMoney(a.maxCents)} maximum per account in ${a.year}`;
  }
}

/** Why an invoice is not charged a fee, in a sentence. */
export function feeExclusionText(x: FeeExclusion): string {
  switch (x.code) {
    case 'disabled':
      return 'Late fees are switched off';
    case 'grace':
      return `Within the ${x.graceDays} grace days`;
    case 'account_closed':
      return 'Account closed';
    case 'account_kind':
      return `Only ${x.appliesTo} accounts are charged late fees`;
    case 'already_charged':
      return `Already charged for ${x.period}${x.feeNumber ? ` (${x.feeNumber})` : ''}`;
    case 'written_off':
      return 'Written off';
    case 'disputed':
      return 'Disputed';
    case 'plan':
      return x.planId === null ? 'On a payment plan' : `On payment plan #${x.planId}`;
    case 'no_fee':
      return 'The rules give no fee';
    case 'max_per_invoice':
    case 'max_per_account_year':
      return feeAdjustmentText(x).replace(/^Capped by/, 'Reached');
    case 'not_past_due':
      return `Not an open invoice past due on ${formatDate(x.asOf)}`;
  }
}

// ---- Compliance blocks ----

const flagFacts: Record<'cease_communication' | 'dispute' | 'attorney_represented' | 'bankruptcy' | 'deceased', string> = {
  cease_communication: 'the consumer asked in writing that communication cease',
  dispute: 'the consumer disputes the debt; collection is paused until verification is recorded',
  attorney_represented: 'the consumer is represented by an attorney; contact the attorney instead',
  bankruptcy: 'the consumer is in bankruptcy; the automatic stay bars collection',
  deceased: 'the consumer is recorded as deceased',
};

/** What a rule found, in a sentence without its label or citation: "it is 07:30 in America/Chicago (address); ...". */
export function blockFactsText(b: BlockFacts): string {
  if ('recorded' in b) return b.recorded;
  switch (b.rule) {
    case 'calling_hours': {
      const parts = b.zones.map((z) => `${z.time} in ${z.zone} (${z.source === 'address' ? 'address' : `area code ${z.areaCode ?? '?'}`})`);
      return `it is ${parts.join(' and ')}; calls are allowed ${b.start}-${b.end} in ${b.zones.length > 1 ? 'every one of the consumer\u2019s time zones' : 'the consumer\u2019s time zone'}`;
    }
    case 'inconvenient_time': {
      const days = b.weekdays.length === 7 ? 'every day' : b.weekdays.map((d) => weekdayNames[d]).join(', ');
      return `the consumer asked not to be called ${days} ${b.start}-${b.end}${b.note ? ` (${b.note})` : ''}`;
    }
    case 'call_frequency':
      return `${b.attempts} call attempts to ${b.person} about this account in the 7 days ${formatDate(b.from)} to ${formatDate(b.to)} (at most ${b.max})`;
    case 'conversation_wait':
      return `a telephone conversation with ${b.person} about this account took place on ${formatDate(b.on)} (day 1 of 7)`;
    case 'cease_communication':
    case 'dispute':
      return `${flagFacts[b.rule]}${b.letter ? '; only the notices 1006.6(c)(2) permits may be sent' : ''}`;
    case 'attorney_represented':
      return `${flagFacts.attorney_represented} (${b.attorneyName}${b.attorneyPhone ? `, ${b.attorneyPhone}` : ''})`;
    case 'bankruptcy':
      return `${flagFacts.bankruptcy} (chapter ${b.chapter}, case ${b.caseNumber})`;
    case 'deceased':
      return flagFacts.deceased;
    case 'wrong_number':
      return `${b.phone} is recorded as a wrong number for this account`;
    case 'do_not_call':
      return `the consumer asked not to be called at ${b.phone}`;
  }
}

/**
 * A block in one sentence with its label and citation; `when` words its allowedAt (in the consumer's
 * zone, which the caller knows): "Calling hours: it is ... Allowed from Tue, Mar 10, 2026, 8:00 AM CDT. (12 CFR ...)".
 */
export function blockText(b: ComplianceBlock, when: ((allowedAt: string) => string) | null): string {
  if ('recorded' in b) return b.recorded;
  const allowed = b.allowedAt && when ? ` Allowed from ${when(b.allowedAt)}.` : b.allowedAt ? '' : ' Allowed only when the flag is cleared.';
  return `${ruleLabels[b.rule]}: ${blockFactsText(b)}.${allowed} (${ruleCitations[b.rule]})`;
}

// ---- The contact timeline ----

const flagName = (flag: FlagKind, phone: string | null) => `${flagLabels[flag]}${phone ? ` (${phone})` : ''}`;

/** Why the system cancelled a task. */
export const taskCancelledText = (c: TaskCancelled) => (c.code === 'superseded' ? `Superseded: account moved to ${c.stageName}` : 'Nothing past due any more');

const letterVerb = { open: 'queued', done: 'done', cancelled: 'cancelled', blocked: 'not queued' } as const;

/** The entry's first line. */
export function timelineTitle(e: TimelineEntry): string {
  switch (e.kind) {
    case 'call':
      return `${e.direction === 'outgoing' ? 'Call to' : 'Call from'} ${e.contactName}: ${callOutcomeLabels[e.outcome]}`;
    case 'flag_set':
      return `Flag set: ${flagName(e.flag, e.phone)}`;
    case 'flag_cleared':
      return e.verified ? `Dispute verified${e.verifiedOn ? ` (sent ${formatDate(e.verifiedOn)})` : ''}` : `Flag cleared: ${flagName(e.flag, e.phone)}`;
    case 'promise':
      return `Promise to pay ${formatMoney(e.amountCents)} by ${formatDate(e.dueDate)}: ${e.status}`;
    case 'override':
      return `Compliance override (${e.action}): ${e.rules.map((r) => ruleLabels[r]).join(', ')}`;
    case 'validation_notice':
      return `Validation notice sent ${formatDate(e.sentOn)}`;
    case 'stage':
      return e.toStage
        ? `Collection stage: ${e.toStage}${e.fromStage ? ` (was ${e.fromStage})` : ''}`
        : `Left collections${e.fromStage ? ` (was ${e.fromStage})` : ''}`;
    case 'letter':
      return `Letter ${letterVerb[e.status]}: ${e.templateName ?? 'unknown template'}${e.stageName ? ` (${e.stageName})` : ''}`;
    case 'document':
      return archiveTitle({ kind: e.documentKind, number: e.number, copy: e.copy });
    case 'referral':
      return e.action === 'referred' ? `Referred to ${e.agencyName} on ${formatDate(e.date)}` : `Recalled from ${e.agencyName} on ${formatDate(e.date)}`;
    case 'writeoff':
      return `Write-off of ${formatMoney(e.amountCents)} ${e.action}`;
  }
}

/** The entry's second line ('' when there is nothing more to say). */
export function timelineDetail(e: TimelineEntry): string {
  switch (e.kind) {
    case 'call':
      return [
        e.phone,
        e.notes,
        e.callbackAt ? `callback ${formatInstant(e.callbackAt)}${e.callbackDone ? ' (done)' : ''}` : '',
        e.overrideId ? `compliance override #${e.overrideId}` : '',
      ]
        .filter(Boolean)
        .join(' \u00b7 ');
    case 'flag_set':
    case 'flag_cleared':
    case 'override':
      return e.reason;
    case 'promise':
      return `${e.contactName ?? ''}${e.status === 'pending' ? ` \u00b7 counts payments through ${formatDate(e.lastDate)}` : ` \u00b7 paid ${formatMoney(e.paidCents)}${e.decidedOn ? `, decided ${formatDate(e.decidedOn)}` : ''}`}`;
    case 'validation_notice':
      return '';
    case 'stage':
      return e.toStage
        ? `${plural(e.daysPastDue, 'day')} past due \u00b7 ${formatMoney(e.pastDueCents)} past due on ${formatDate(e.asOf)}`
        : `nothing past due on ${formatDate(e.asOf)}`;
    case 'letter':
      return [e.blockedBy ? `Blocked: ${ruleLabels[e.blockedBy]}` : '', e.cancelled ? taskCancelledText(e.cancelled) : '', e.note]
        .filter(Boolean)
        .join(' \u00b7 ');
    case 'document':
      return archiveChannelText(e);
    case 'referral':
      return e.action === 'referred' ? [`balance ${formatMoney(e.balanceCents)} at referral`, e.note].filter(Boolean).join(' \u00b7 ') : e.note;
    case 'writeoff':
      return e.note;
  }
}
