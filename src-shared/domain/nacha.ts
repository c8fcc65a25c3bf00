/**
 * Why a payment came back: the ACH return reason codes of the NACHA Operating Rules (R01..R85; the
 * descriptions are ours, written for a clerk) and the reasons a bank gives for a bounced check.
 *
 * `marksAccountUnusable`: the return says the customer's bank account cannot be debited again as it
 * stands: the account is gone or wrong (R02, R03, R04, R12, R13, R20, R28), the holder cannot act on
 * it (R14, R15, R16), or the customer withdrew or denies the authority to debit it (R07, R10, R29).
 * The bank account is then marked unusable and needs a new validation before it is used again. A
 * return that is about this one entry (R01 insufficient funds, R08 stop payment, R09 uncollected
 * funds, R11 not per the terms, the technical and dishonored-return codes) leaves it usable.
 */
export interface ReturnReason {
  code: string;
  description: string;
  marksAccountUnusable: boolean;
}

const ach = (code: string, description: string, marksAccountUnusable = false): ReturnReason => ({ code, description, marksAccountUnusable });

/** The ACH return reason codes in use (numbers the Rules leave unassigned are absent). */
export const achReturnReasons: readonly ReturnReason[] = [
  ach('R01', 'Insufficient funds'),
  ach('R02', 'Account closed', true),
  ach('R03', 'No account, or the bank cannot locate it', true),
  ach('R04', 'Invalid account number', true),
  ach('R05', 'Consumer account debited with a business entry type'),
  ach('R06', 'Returned at the originating bank’s request'),
  ach('R07', 'Authorization revoked by the customer', true),
  ach('R08', 'Payment stopped'),
  ach('R09', 'Uncollected funds'),
  ach('R10', 'Customer says the debit was not authorized', true),
  ach('R11', 'Customer says the debit did not follow the authorization'),
  ach('R12', 'Account sold to another bank', true),
  ach('R13', 'Invalid routing number', true),
  ach('R14', 'Representative payee deceased or unable to act', true),
  ach('R15', 'Account holder or beneficiary deceased', true),
  ach('R16', 'Account frozen', true),
  ach('R17', 'Account number fails the bank’s checks'),
  ach('R18', 'Improper effective date'),
  ach('R19', 'Amount field error'),
  ach('R20', 'Account does not allow debits (non-transaction account)', true),
  ach('R21', 'Invalid company identification'),
  ach('R22', 'Invalid individual identification number'),
  ach('R23', 'Credit refused by the receiver'),
  ach('R24', 'Duplicate entry'),
  ach('R25', 'Addenda error'),
  ach('R26', 'Mandatory field error'),
  ach('R27', 'Trace number error'),
  ach('R28', 'Routing number check digit error', true),
  ach('R29', 'Business customer says the debit was not authorized', true),
  ach('R30', 'Bank does not take part in check truncation'),
  ach('R31', 'Return agreed with the originating bank'),
  ach('R32', 'Bank could not settle'),
  ach('R33', 'Return of a check-conversion entry'),
  ach('R34', 'Bank’s participation is limited'),
  ach('R35', 'Improper debit entry'),
  ach('R36', 'Improper credit entry'),
  ach('R37', 'Source check also presented for payment'),
  ach('R38', 'Stop payment on the source check'),
  ach('R39', 'Improper source document'),
  ach('R40', 'Enrollment returned by a federal agency'),
  ach('R41', 'Enrollment: invalid transaction code'),
  ach('R42', 'Enrollment: routing number or check digit error'),
  ach('R43', 'Enrollment: invalid account number'),
  ach('R44', 'Enrollment: invalid individual identification'),
  ach('R45', 'Enrollment: invalid name'),
  ach('R46', 'Enrollment: invalid representative payee indicator'),
  ach('R47', 'Enrollment: duplicate'),
  ach('R50', 'State law prevents re-presenting the check electronically'),
  ach('R51', 'Check not eligible for electronic re-presentment'),
  ach('R52', 'Stop payment on the re-presented check'),
  ach('R53', 'Check and its electronic re-presentment both presented'),
  ach('R61', 'Return sent to the wrong bank'),
  ach('R62', 'Erroneous or reversing debit returned'),
  ach('R67', 'Duplicate return'),
  ach('R68', 'Return too late'),
  ach('R69', 'Field errors in the return'),
  ach('R70', 'Return not agreed or not requested'),
  ach('R71', 'Dishonored return sent to the wrong bank'),
  ach('R72', 'Dishonored return too late'),
  ach('R73', 'The original return was on time'),
  ach('R74', 'The return was corrected'),
  ach('R75', 'The return was not a duplicate'),
  ach('R76', 'No errors found in the return'),
  ach('R77', 'Dishonored return of an erroneous debit not accepted'),
  ach('R80', 'International entry coding error'),
  ach('R81', 'Bank does not take part in international entries'),
  ach('R82', 'Invalid foreign bank identification'),
  ach('R83', 'Foreign bank could not settle'),
  ach('R84', 'International entry not processed by the gateway'),
  ach('R85', 'International payment coded incorrectly'),
];

/** Why a check bounced, as the bank's return notice words it; codes are ours (NSF is the banks' own). */
export const checkReturnReasons: readonly ReturnReason[] = [
  ach('NSF', 'Insufficient funds'),
  ach('UNCOLLECTED', 'Uncollected funds'),
  ach('STOP_PAYMENT', 'Payment stopped'),
  ach('ACCOUNT_CLOSED', 'Account closed', true),
  ach('NO_ACCOUNT', 'No account, or the bank cannot locate it', true),
  ach('ACCOUNT_FROZEN', 'Account frozen', true),
  ach('UNAUTHORIZED', 'Signature missing, forged or not authorized', true),
  ach('REFER_TO_MAKER', 'Refer to maker'),
  ach('STALE_DATED', 'Stale dated'),
  ach('POST_DATED', 'Post dated'),
  ach('ALTERED', 'Altered or illegible'),
];

const byCode = new Map([...achReturnReasons, ...checkReturnReasons].map((r) => [r.code, r]));

/** The reason for a code, or undefined for one not in either table. */
export const returnReason = (code: string): ReturnReason | undefined => byCode.get(code);

export const isAchReturnCode = (code: string): boolean => /^R\d\d$/.test(code) && byCode.has(code);

/** "Account closed (R02)" for ACH codes (the bank's notice names the code); a check reason reads as its words alone (its code is ours). */
export function returnReasonText(code: string): string {
  const r = byCode.get(code);
  if (!r) return 'Unknown return reason';
  return isAchReturnCode(code) ? `${r.description} (${r.code})` : r.description;
}
