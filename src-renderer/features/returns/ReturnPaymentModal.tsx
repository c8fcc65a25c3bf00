import { useState } from 'react';
import { Alert, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { LedgerView } from '@shared/domain/ledger';
import { achReturnReasons, checkReturnReasons, returnReason, returnReasonText } from '@shared/domain/nacha';
import { isIsoDate } from '@shared/dates';
import { unwrap } from '../../api/client';
import { ActionModal } from '../accounts/AccountActions';
import { feePosted, parseFee, paymentChoices, ReturnedFeeInput, unreversedPayments } from '../accounts/payment-reversal';
import { useBusinessToday } from '../accounts/api';

/** Payment methods that come back from the bank as returned items. */
export const returnableMethods = ['ach', 'bank_transfer', 'check'];

const reasonOptions = (method: string | null) => {
  const ach = { group: 'ACH return reasons', items: achReturnReasons.map((r) => ({ value: r.code, label: returnReasonText(r.code) })) };
  const check = { group: 'Bounced check', items: checkReturnReasons.map((r) => ({ value: r.code, label: r.description })) };
  // A check can come back as a check, or as an ACH entry when the bank converted it.
  return method === 'check' ? [check, ach] : [ach];
};

/**
 * Record a returned ACH debit or a bounced check (docs/money-in.md, Returned payments): the reason from
 * the bank's notice, the day it came back, an optional fee. The payment is reversed as by Reverse payment,
 * the reason is kept, and a reason that says the account is gone marks its bank account unusable.
 */
export function ReturnPaymentModal({ ledger, paymentId, onClose }: { ledger: LedgerView; paymentId?: number; onClose: () => void }) {
  const payments = unreversedPayments(ledger);
  const [picked, setPicked] = useState<string | null>(paymentId ? String(paymentId) : payments.length === 1 ? String(payments[0]!.documentId) : null);
  const doc = useQuery({
    queryKey: ['ledger', 'document', Number(picked)],
    queryFn: () => unwrap(window.api.ledger.document({ documentId: Number(picked) })),
    enabled: picked !== null,
  });
  const pay = doc.data && String(doc.data.id) === picked ? doc.data : undefined;
  const returnable = pay ? returnableMethods.includes(pay.method ?? '') : true;
  const [code, setCode] = useState<string | null>(null);
  const today = useBusinessToday();
  const [date, setDate] = useState('');
  const returnDate = date || today;
  const [fee, setFee] = useState('');
  const [note, setNote] = useState('');
  const [show, setShow] = useState(false);
  const { cents: feeCents, ok: feeOk } = parseFee(fee);
  const reason = code ? returnReason(code) : undefined;
  return (
    <ActionModal
      title="Record returned payment"
      intro="For an ACH debit the bank returned or a check that bounced. The payment is reversed: what it paid is open again, and the reason is kept with it."
      confirm="Record returned payment"
      color="red"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!pay || !returnable || !code || !feeOk || !isIsoDate(returnDate)) return null;
        const r = await unwrap(
          window.api.returns.record({
            paymentId: pay.id,
            returnCode: code,
            returnDate,
            feeCents: feeCents ?? 0,
            ...(note.trim() ? { note: note.trim() } : {}),
          }),
        );
        return `Payment ${pay.number} recorded as returned and reversed by ${r.number}${feePosted(r.related)}.`;
      }}
    >
      <Select
        label="Payment"
        placeholder={payments.length ? 'Choose the payment' : 'No payments to return'}
        data={paymentChoices(payments)}
        value={picked}
        onChange={(v) => {
          setPicked(v);
          setCode(null);
        }}
        error={
          show && !picked
            ? 'Choose the payment'
            : pay && !returnable
              ? 'Only check, ACH and bank transfer payments come back as returned items; use Reverse payment'
              : undefined
        }
      />
      <Select
        label="Reason"
        description="As the bank's return notice gives it"
        placeholder="Choose the reason"
        data={reasonOptions(pay?.method ?? null)}
        value={code}
        onChange={setCode}
        searchable
        maxDropdownHeight={260}
        comboboxProps={{ withinPortal: true }}
        error={show && !code ? 'Choose the reason' : undefined}
        data-testid="return-reason"
      />
      {reason?.marksAccountUnusable && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} p="xs">
          <Text size="sm">
            This reason means the customer's bank account cannot be debited again: if the payment named one, it is marked unusable until it is validated again.
          </Text>
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="sm">
        <DateInput label="Returned on" value={returnDate} onChange={(v) => setDate(v ?? '')} error={isIsoDate(returnDate) ? undefined : 'Pick a date'} />
        <ReturnedFeeInput value={fee} onChange={(e) => setFee(e.currentTarget.value)} invalid={show && !feeOk} />
      </SimpleGrid>
      <TextInput
        label="Note"
        description="Optional, e.g. the bank notice's number"
        value={note}
        maxLength={300}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </ActionModal>
  );
}
