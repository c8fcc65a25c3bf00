import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import type { LedgerView } from '@shared/domain/ledger';
import { containsCardNumber } from '@shared/domain/card-numbers';
import { paymentMethodLabels, paymentMethods, type PaymentMethod } from '@shared/domain/payments';
import { formatDate, isIsoDate } from '@shared/dates';
import { centsToDecimalString, formatMoney, parseMoney } from '@shared/money';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { AmountInput } from '../../components/AmountInput';
import { Money } from '../../components/Money';
import { feePosted, parseFee, paymentChoices, ReturnedFeeInput, unreversedPayments } from './payment-reversal';
import { useBusinessToday } from './api';
import { DateInput } from '@mantine/dates';

const refresh = () => {
  for (const d of ['ledger', 'accounts', 'invoices', 'aging', 'payments']) void queryClient.invalidateQueries({ queryKey: [d] });
};

/** A posting dialog: fields, an error line, Cancel and a confirm button; posts through `run`. */
export function ActionModal({
  title,
  intro,
  confirm,
  color,
  onClose,
  run,
  children,
}: {
  title: string;
  intro?: ReactNode;
  confirm: string;
  color?: string;
  onClose: () => void;
  run: () => Promise<string | null>;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const message = await run();
      if (message === null) return;
      refresh();
      notifications.show({ color: 'teal', message });
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      setError(
        Object.keys(fe).length
          ? Object.entries(fe)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; ')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Text fw={600} size="lg">
          {title}
        </Text>
      }
      size={560}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          {intro && (
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          )}
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {error}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={color} loading={busy}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function useDate() {
  const today = useBusinessToday();
  const [date, setDate] = useState('');
  const value = date || today;
  return {
    value,
    input: <DateInput label="Date" value={value} onChange={(v) => setDate(v ?? '')} error={isIsoDate(value) ? undefined : 'Pick a date'} />,
  };
}

function moneyField(text: string, { max, label }: { max?: number; label: string }): { cents: number | null; error: string | null } {
  const c = parseMoney(text);
  if (!text.trim()) return { cents: null, error: `Enter the ${label}` };
  if (c === null || c <= 0) return { cents: null, error: 'Enter an amount above zero, such as 25.00' };
  if (max !== undefined && c > max) return { cents: null, error: `At most ${formatMoney(max)}` };
  return { cents: c, error: null };
}

interface InvoiceChoice {
  id: number;
  number: string | null;
  totalCents: number;
  openCents: number;
}

export function CreditNoteModal({
  accountId: _accountId,
  invoices,
  invoiceId,
  onClose,
}: {
  accountId: number;
  invoices: InvoiceChoice[];
  invoiceId?: number;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<string | null>(invoiceId ? String(invoiceId) : invoices.length === 1 ? String(invoices[0]!.id) : null);
  const inv = invoices.find((i) => String(i.id) === picked);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [show, setShow] = useState(false);
  const date = useDate();
  const amt = moneyField(amount, { label: 'amount to credit', max: inv?.totalCents });
  return (
    <ActionModal
      title="Credit note"
      intro="Corrects a posted invoice. The credit is applied to what is open on it; anything beyond stays on the account as unapplied credit."
      confirm="Post credit note"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!inv || amt.error || !reason.trim() || !isIsoDate(date.value)) return null;
        const r = await unwrap(window.api.invoices.postCreditNote({ invoiceId: inv.id, amountCents: amt.cents!, reason: reason.trim(), date: date.value }));
        return `Credit note ${r.number} posted against ${inv.number}.`;
      }}
    >
      <Select
        label="Invoice"
        placeholder={invoices.length ? 'Choose the invoice' : 'No posted invoices'}
        data={invoices.map((i) => ({ value: String(i.id), label: `${i.number} · ${formatMoney(i.totalCents)} · open ${formatMoney(i.openCents)}` }))}
        value={picked}
        onChange={setPicked}
        error={show && !inv ? 'Choose the invoice' : undefined}
        searchable
      />
      <SimpleGrid cols={2} spacing="sm">
        <AmountInput
          label="Amount"
          placeholder="0.00"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={show ? amt.error : undefined}
          description={inv ? `Invoice total ${formatMoney(inv.totalCents)}` : undefined}
        />
        {date.input}
      </SimpleGrid>
      <Textarea
        label="Reason"
        placeholder="e.g. Billed twice for the same visit"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={show && !reason.trim() ? 'Say why; it is kept with the document' : undefined}
        autosize
        minRows={2}
      />
    </ActionModal>
  );
}

export function AdjustmentModal({ ledger, onClose }: { ledger: LedgerView; onClose: () => void }) {
  const [direction, setDirection] = useState<'charge' | 'credit'>('credit');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [applyTo, setApplyTo] = useState<string | null>(null);
  const [show, setShow] = useState(false);
  const date = useDate();
  const amt = moneyField(amount, { label: 'amount' });
  return (
    <ActionModal
      title="Adjustment"
      intro="A manual correction to the balance that is not an invoice, payment or credit note. It is posted as its own document with your reason."
      confirm="Post adjustment"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (amt.error || !reason.trim()) return null;
        const cents = direction === 'charge' ? amt.cents! : -amt.cents!;
        const r = await unwrap(
          window.api.ledger.postAdjustment({
            accountId: ledger.account.id,
            amountCents: cents,
            reason: reason.trim(),
            date: date.value,
            applyToDocumentId: direction === 'credit' && applyTo ? Number(applyTo) : undefined,
          }),
        );
        return `Adjustment ${r.number} posted; balance now ${formatMoney(r.accountBalanceCents)}.`;
      }}
    >
      <Radio.Group label="Direction" value={direction} onChange={(v) => setDirection(v as 'charge' | 'credit')}>
        <Group mt={6}>
          <Radio value="credit" label="Decrease the balance (credit)" />
          <Radio value="charge" label="Increase the balance (charge)" />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={2} spacing="sm">
        <AmountInput label="Amount" placeholder="0.00" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={show ? amt.error : undefined} />
        {date.input}
      </SimpleGrid>
      {direction === 'credit' && ledger.openItems.length > 0 && (
        <Select
          label="Apply to"
          placeholder="Leave as unapplied credit"
          clearable
          data={ledger.openItems.map((o) => ({ value: String(o.documentId), label: `${o.number} · open ${formatMoney(o.openCents)}` }))}
          value={applyTo}
          onChange={setApplyTo}
        />
      )}
      <Textarea
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={show && !reason.trim() ? 'Say why; it is kept with the document' : undefined}
        autosize
        minRows={2}
      />
    </ActionModal>
  );
}

export function WriteOffModal({ ledger, invoiceId, onClose }: { ledger: LedgerView; invoiceId?: number; onClose: () => void }) {
  const open = ledger.openItems.filter((o) => o.kind === 'invoice');
  const [picked, setPicked] = useState<string | null>(invoiceId ? String(invoiceId) : open.length === 1 ? String(open[0]!.documentId) : null);
  const inv = open.find((o) => String(o.documentId) === picked);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [show, setShow] = useState(false);
  const date = useDate();
  const amt = amount.trim() ? moneyField(amount, { label: 'amount', max: inv?.openCents }) : { cents: null, error: null };
  return (
    <ActionModal
      title="Write-off"
      intro="Writes off what is left open on an invoice as uncollectible. Supervisors only; the write-off is posted with your name and reason."
      confirm="Post write-off"
      color="red"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!inv || amt.error || !reason.trim()) return null;
        const r = await unwrap(
          window.api.ledger.postWriteOff({ invoiceId: inv.documentId, amountCents: amt.cents ?? undefined, reason: reason.trim(), date: date.value }),
        );
        return `Write-off ${r.number} posted on ${inv.number}.`;
      }}
    >
      <Select
        label="Invoice"
        placeholder={open.length ? 'Choose the invoice' : 'No open invoices'}
        data={open.map((o) => ({ value: String(o.documentId), label: `${o.number} · open ${formatMoney(o.openCents)} · ${o.daysPastDue} days past due` }))}
        value={picked}
        onChange={setPicked}
        error={show && !inv ? 'Choose the invoice' : undefined}
      />
      <SimpleGrid cols={2} spacing="sm">
        <AmountInput
          label="Amount"
          placeholder={inv ? centsToDecimalString(inv.openCents) : 'All that is open'}
          description="Empty: the whole open amount"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={show ? amt.error : undefined}
        />
        {date.input}
      </SimpleGrid>
      <Textarea
        label="Reason"
        placeholder="e.g. Uncollectible after agency return"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={show && !reason.trim() ? 'Say why; it is kept with the document' : undefined}
        autosize
        minRows={2}
      />
    </ActionModal>
  );
}

const reversalReasons = [
  'Check returned: insufficient funds (NSF)',
  'Check returned: account closed',
  'Check returned: stop payment',
  'ACH returned: R01 insufficient funds',
  'ACH returned: R02 account closed',
  'ACH returned: R10 not authorized',
  'Card chargeback',
];

export function ReversePaymentModal({ ledger, paymentId, onClose }: { ledger: LedgerView; paymentId?: number; onClose: () => void }) {
  const payments = unreversedPayments(ledger);
  const [picked, setPicked] = useState<string | null>(paymentId ? String(paymentId) : payments.length === 1 ? String(payments[0]!.documentId) : null);
  const pay = payments.find((p) => String(p.documentId) === picked);
  const [reason, setReason] = useState<string>(reversalReasons[0]!);
  const [fee, setFee] = useState('');
  const [show, setShow] = useState(false);
  const date = useDate();
  const { cents: feeCents, ok: feeOk } = parseFee(fee);
  return (
    <ActionModal
      title="Reverse payment"
      intro="For a bounced check or a returned ACH debit. What the payment paid is reopened; an optional returned-payment fee is posted as its own charge."
      confirm="Reverse payment"
      color="red"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (!pay || !reason.trim() || !feeOk) return null;
        const r = await unwrap(window.api.payments.reverse({ paymentId: pay.documentId, reason: reason.trim(), feeCents: feeCents ?? 0, date: date.value }));
        return `Payment ${pay.number} reversed by ${r.number}${feePosted(r.related)}.`;
      }}
    >
      <Select
        label="Payment"
        placeholder={payments.length ? 'Choose the payment' : 'No payments to reverse'}
        data={paymentChoices(payments)}
        value={picked}
        onChange={setPicked}
        error={show && !pay ? 'Choose the payment' : undefined}
      />
      <Select label="Reason" data={reversalReasons} value={reason} onChange={(v) => setReason(v ?? '')} searchable allowDeselect={false} />
      <SimpleGrid cols={2} spacing="sm">
        <ReturnedFeeInput value={fee} onChange={(e) => setFee(e.currentTarget.value)} invalid={show && !feeOk} />
        {date.input}
      </SimpleGrid>
    </ActionModal>
  );
}

export function RefundModal({ ledger, onClose }: { ledger: LedgerView; onClose: () => void }) {
  const available = ledger.totals.unappliedCents;
  const [amount, setAmount] = useState(centsToDecimalString(available));
  const [method, setMethod] = useState<PaymentMethod>('check');
  const [checkNumber, setCheckNumber] = useState('');
  const [reference, setReference] = useState('');
  const [memo, setMemo] = useState('');
  const [show, setShow] = useState(false);
  const date = useDate();
  const amt = moneyField(amount, { label: 'amount', max: available });
  const cardText = containsCardNumber(reference) || containsCardNumber(memo);
  return (
    <ActionModal
      title="Refund unapplied credit"
      intro={
        <>
          The account has <Money cents={available} fw={600} c="gray.9" /> of unapplied credit. A refund pays it back to the customer.
        </>
      }
      confirm="Post refund"
      onClose={onClose}
      run={async () => {
        setShow(true);
        if (amt.error || cardText || (method === 'check' && !checkNumber.trim())) return null;
        const r = await unwrap(
          window.api.payments.refund({
            accountId: ledger.account.id,
            amountCents: amt.cents!,
            method,
            checkNumber: method === 'check' ? checkNumber.trim() : '',
            reference: reference.trim(),
            memo: memo.trim(),
            date: date.value,
          }),
        );
        return `Refund ${r.number} of ${formatMoney(amt.cents!)} posted.`;
      }}
    >
      <SimpleGrid cols={2} spacing="sm">
        <AmountInput label="Amount" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={show ? amt.error : undefined} />
        {date.input}
        <Select
          label="Refund by"
          data={paymentMethods.map((m) => ({ value: m, label: paymentMethodLabels[m] }))}
          value={method}
          onChange={(v) => setMethod((v ?? 'check') as PaymentMethod)}
          allowDeselect={false}
        />
        {method === 'check' ? (
          <TextInput
            label="Check number"
            value={checkNumber}
            onChange={(e) => setCheckNumber(e.currentTarget.value)}
            error={show && !checkNumber.trim() ? 'Enter the check number' : undefined}
          />
        ) : (
          <TextInput
            label="Reference"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={containsCardNumber(reference) ? 'Never a full card number' : undefined}
          />
        )}
      </SimpleGrid>
      <TextInput
        label="Memo"
        placeholder="Optional"
        value={memo}
        onChange={(e) => setMemo(e.currentTarget.value)}
        error={containsCardNumber(memo) ? 'Never a full card number' : undefined}
      />
    </ActionModal>
  );
}

export function ApplyCreditModal({ ledger, onClose }: { ledger: LedgerView; onClose: () => void }) {
  const available = ledger.totals.unappliedCents;
  let left = available;
  const plan = ledger.openItems.map((o) => {
    const take = Math.min(left, o.openCents);
    left -= take;
    return { ...o, take };
  });
  return (
    <ActionModal
      title="Apply unapplied credit"
      intro="Uses the account's unapplied credit (oldest credit first) to pay its open items, oldest due first."
      confirm={`Apply ${formatMoney(available - left)}`}
      onClose={onClose}
      run={async () => {
        const r = await unwrap(window.api.payments.applyCredit({ accountId: ledger.account.id, allocation: { mode: 'auto' } }));
        const applied = r.allocations.reduce((s, a) => s + a.amountCents, 0);
        return `${formatMoney(applied)} of credit applied; ${formatMoney(r.unappliedCents)} of credit left.`;
      }}
    >
      <Paper withBorder radius="sm">
        <Table fz="sm" verticalSpacing={4} aria-label="Credit to apply">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th ta="right">Apply</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.map((o) => (
              <Table.Tr key={o.documentId}>
                <Table.Td className="mono">{o.number}</Table.Td>
                <Table.Td>{formatDate(o.dueDate)}</Table.Td>
                <Table.Td ta="right">
                  <Money cents={o.openCents} />
                </Table.Td>
                <Table.Td ta="right">
                  {o.take ? (
                    <Money cents={o.take} fw={600} />
                  ) : (
                    <Text span c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Text size="sm" c="dimmed" ta="right">
        Credit available <Money cents={available} fw={600} c="gray.9" /> · left after <Money cents={left} fw={600} c="gray.9" />
      </Text>
    </ActionModal>
  );
}
