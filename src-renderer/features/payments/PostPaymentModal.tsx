import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Anchor, Box, Button, Checkbox, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AccountDetail } from '@shared/domain/accounts';
import { containsCardNumber } from '@shared/domain/card-numbers';
import { overpaymentExcess, overpaymentQuestion, paymentMethods, paymentMethodLabels, type PaymentMethod, type Receipt } from '@shared/domain/payments';
import { LeaveQuestion, useGuardedClose } from '../../components/LeaveGuard';
import { formatDate, isIsoDate } from '@shared/dates';
import { centsToDecimalString, formatBasisPoints, formatMoney, parseMoney } from '@shared/money';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { Money } from '../../components/Money';
import { BankAccountPicker } from '../bank-accounts/BankAccountsTab';
import { useBusinessToday } from '../accounts/api';
import { ReceiptCard } from './ReceiptCard';
import { DateInput } from '@mantine/dates';

const FULL_CARD = 'That looks like a full card number. Enter only the last 4 digits; full card numbers are never taken or stored.';

/** Post a payment: method, date, amount; the allocation previewed oldest due first and overridable per invoice; then the receipt. */
export function PostPaymentModal({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [round, setRound] = useState(0);
  // Closing with something typed asks first (Esc, the X, Cancel); after posting nothing is at stake.
  const [typed, setTyped] = useState(false);
  const guarded = useGuardedClose(typed && !receipt, onClose);
  // Mantine closes every open modal on Esc: while a question is up, Esc answers only the question.
  const [questionUp, setQuestionUp] = useState(false);
  return (
    <>
      {guarded.question}
      <Modal
        opened
        onClose={guarded.close}
        closeOnEscape={!guarded.asking && !questionUp}
        size={receipt ? 600 : 820}
        centered
        title={
          receipt ? (
            <Group gap={6}>
              <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" />
              <Text fw={600} size="lg">
                Payment posted
              </Text>
            </Group>
          ) : (
            <Text fw={600} size="lg">
              Post payment · {account.name}
            </Text>
          )
        }
      >
        {receipt ? (
          <Stack>
            <ReceiptCard receipt={receipt} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  setReceipt(null);
                  setTyped(false);
                  setRound((r) => r + 1);
                }}
              >
                Post another payment
              </Button>
              <Button onClick={onClose}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <PaymentForm key={round} account={account} onCancel={guarded.close} onPosted={setReceipt} onTyped={setTyped} onQuestion={setQuestionUp} />
        )}
      </Modal>
    </>
  );
}

function PaymentForm({
  account,
  onCancel,
  onPosted,
  onTyped,
  onQuestion,
}: {
  account: AccountDetail;
  onCancel: () => void;
  onPosted: (r: Receipt) => void;
  onTyped: (typed: boolean) => void;
  onQuestion: (up: boolean) => void;
}) {
  const today = useBusinessToday();
  const [method, setMethod] = useState<PaymentMethod>('check');
  const [date, setDate] = useState('');
  const [amountText, setAmountText] = useState('');
  const [checkNumber, setCheckNumber] = useState('');
  const [cardLast4, setCardLast4] = useState('');
  const [cardError, setCardError] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [memo, setMemo] = useState('');
  /** Check and ACH: the customer's bank account it came from (optional). */
  const [bankAccountId, setBankAccountId] = useState<string | null>(null);
  /** null: automatic (oldest due first); else the clerk's amounts per open item. */
  const [manual, setManual] = useState<Record<number, string> | null>(null);
  /** Invoices on which the clerk takes the early-payment discount their terms offer. */
  const [discounts, setDiscounts] = useState<number[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  /** The amount is far above the balance: the question waits for the clerk (Enter posts anyway). */
  const [askOver, setAskOver] = useState<string | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  useEffect(() => onQuestion(askOver !== null), [askOver, onQuestion]);
  const typed = !!(amountText.trim() || checkNumber.trim() || cardLast4 || reference.trim() || memo.trim() || manual);
  useEffect(() => onTyped(typed), [typed, onTyped]);

  const amount = parseMoney(amountText);
  const validAmount = amount !== null && amount > 0 ? amount : null;
  const [debouncedAmount] = useDebouncedValue(validAmount, 200);
  const payDate = date || today;
  const previewDate = isIsoDate(payDate) ? payDate : today;
  const preview = useQuery({
    queryKey: ['payments', 'preview', account.id, debouncedAmount ?? 1, previewDate, discounts],
    queryFn: () =>
      unwrap(
        window.api.payments.previewAllocation({
          accountId: account.id,
          amountCents: debouncedAmount ?? 1,
          allocation: { mode: 'auto' },
          date: previewDate,
          earlyPaymentDiscounts: discounts,
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const lines = preview.data?.lines ?? [];
  // A discount stays taken only while the date still allows it.
  const taking = discounts.filter((id) => lines.some((l) => l.documentId === id && l.discountOffer));
  const toggleDiscount = (documentId: number, on: boolean) =>
    setDiscounts((d) => (on ? [...d.filter((x) => x !== documentId), documentId] : d.filter((x) => x !== documentId)));

  const alloc = useMemo(() => {
    const rows = lines
      .map((l) => {
        if (!manual) return { ...l, apply: validAmount !== null && debouncedAmount === validAmount ? l.applyCents : 0, text: '', error: null as string | null };
        const text = manual[l.documentId] ?? '';
        const c = text.trim() ? parseMoney(text) : 0;
        const error = c === null || c < 0 ? 'Not an amount' : c > l.openCents ? `Only ${formatMoney(l.openCents)} is open` : null;
        return { ...l, apply: c !== null && c > 0 ? c : 0, text, error };
      })
      .map((r) => (r.discountCents > 0 && !r.error && r.apply < r.openCents ? { ...r, error: `The discount needs ${formatMoney(r.openCents)} paid now` } : r));
    const applied = rows.reduce((s, r) => s + r.apply, 0);
    return { rows, applied, unapplied: (validAmount ?? 0) - applied, over: validAmount !== null && applied > validAmount };
  }, [lines, manual, validAmount, debouncedAmount]);

  const startManual = (documentId: number, text: string) => {
    const base: Record<number, string> = manual ?? Object.fromEntries(alloc.rows.map((r) => [r.documentId, r.apply ? centsToDecimalString(r.apply) : '']));
    setManual({ ...base, [documentId]: text });
  };

  const onCardChange = (text: string) => {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 13 || containsCardNumber(text)) {
      setCardLast4('');
      setCardError(FULL_CARD);
      return;
    }
    setCardLast4(text.replace(/[^\d]/g, '').slice(0, 4));
    setCardError(digits.length > 4 ? 'Only the last 4 digits' : null);
  };

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (validAmount === null) e.amountCents = amountText.trim() ? 'Enter an amount such as 125.00' : 'Enter the amount received';
    if (!isIsoDate(payDate)) e.date = 'Pick the date received';
    if (method === 'check' && !checkNumber.trim()) e.checkNumber = 'Enter the check number';
    if (method === 'card' && !/^\d{4}$/.test(cardLast4)) e.cardLast4 = cardError ?? 'Enter the last 4 digits of the card';
    if (containsCardNumber(reference)) e.reference = FULL_CARD;
    if (containsCardNumber(memo)) e.memo = FULL_CARD;
    if (containsCardNumber(checkNumber)) e.checkNumber = FULL_CARD;
    return e;
  };

  const submit = async (overConfirmed = false) => {
    setError(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    if (alloc.over)
      return setError(`The amounts applied add up to ${formatMoney(alloc.applied)}, more than the ${formatMoney(validAmount!)} received. Lower one of them.`);
    const rowError = alloc.rows.find((r) => r.error);
    if (rowError) return setError(`${rowError.number}: ${rowError.error}.`);
    const excess = overpaymentExcess(validAmount!, account.balanceCents);
    if (excess !== null && !overConfirmed) return setAskOver(overpaymentQuestion(validAmount!, account.balanceCents, excess));
    setPosting(true);
    try {
      const r = await unwrap(
        window.api.payments.post({
          accountId: account.id,
          date: payDate,
          method,
          amountCents: validAmount!,
          reference: reference.trim(),
          checkNumber: method === 'check' ? checkNumber.trim() : '',
          cardLast4: method === 'card' ? cardLast4 : '',
          memo: memo.trim(),
          allocation: manual
            ? { mode: 'manual', lines: alloc.rows.filter((x) => x.apply > 0).map((x) => ({ documentId: x.documentId, amountCents: x.apply })) }
            : { mode: 'auto' },
          earlyPaymentDiscounts: taking,
          ...(bankAccountId && (method === 'check' || method === 'ach') ? { bankAccountId: Number(bankAccountId) } : {}),
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['aging'] });
      onPosted(r.receipt);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPosting(false);
    }
  };

  return (
    // A form, so that Enter in any field posts (with the same checks as the button).
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!posting && !alloc.over) void submit();
      }}
    >
      <LeaveQuestion
        opened={askOver !== null}
        title="Much more than the balance"
        message={askOver}
        stayLabel="Change the amount"
        leaveLabel="Post anyway"
        leaveColor="orange"
        returnFocus={false}
        onStay={() => {
          setAskOver(null);
          // Back to the amount, selected, to type the right one.
          setTimeout(() => {
            amountRef.current?.focus();
            amountRef.current?.select();
          }, 0);
        }}
        onLeave={() => {
          setAskOver(null);
          void submit(true);
        }}
      />
      <Stack gap="md">
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} data-testid="payment-error">
            {error}
          </Alert>
        )}
        <Box>
          <Text size="sm" fw={500} mb={4}>
            Method
          </Text>
          <SegmentedControl
            fullWidth
            aria-label="Method"
            value={method}
            onChange={(v) => setMethod(v as PaymentMethod)}
            data={paymentMethods.map((m) => ({ value: m, label: paymentMethodLabels[m] }))}
          />
        </Box>
        <SimpleGrid cols={3} spacing="sm">
          <TextInput
            label="Amount received"
            ref={amountRef}
            data-autofocus
            placeholder="0.00"
            leftSection={
              <Text size="sm" c="dimmed">
                $
              </Text>
            }
            value={amountText}
            onChange={(e) => setAmountText(e.currentTarget.value)}
            error={errors.amountCents}
            styles={{ input: { textAlign: 'right', fontWeight: 600 } }}
          />
          {method === 'check' && (
            <TextInput label="Check number" value={checkNumber} onChange={(e) => setCheckNumber(e.currentTarget.value)} error={errors.checkNumber} />
          )}
          {method === 'card' && (
            <TextInput
              label="Card: last 4 digits"
              placeholder="1234"
              inputMode="numeric"
              autoComplete="off"
              value={cardLast4}
              onChange={(e) => onCardChange(e.currentTarget.value)}
              onPaste={(e) => {
                e.preventDefault();
                onCardChange(e.clipboardData.getData('text'));
              }}
              error={cardError ?? errors.cardLast4}
              description={cardError ? undefined : 'Never the full card number'}
              leftSection={
                <Text size="xs" c="dimmed">
                  ••••
                </Text>
              }
              leftSectionWidth={42}
            />
          )}
          {(method === 'cash' || method === 'ach' || method === 'bank_transfer') && (
            <TextInput
              label="Reference"
              placeholder={method === 'cash' ? 'Optional' : 'Trace or confirmation number'}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
            />
          )}
          {/* Last in the row: it defaults to today, so the keyboard reaches the check or card digits first. */}
          <DateInput label="Date received" value={payDate || null} onChange={(v) => setDate(v ?? '')} error={errors.date} />
        </SimpleGrid>
        {(method === 'check' || method === 'card') && (
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Reference"
              placeholder="Optional"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
            />
            <TextInput label="Memo" placeholder="Optional" value={memo} onChange={(e) => setMemo(e.currentTarget.value)} error={errors.memo} />
          </SimpleGrid>
        )}
        {(method === 'check' || method === 'ach') && <BankAccountPicker accountId={account.id} value={bankAccountId} onChange={setBankAccountId} />}
        {!(method === 'check' || method === 'card') && (
          <TextInput label="Memo" placeholder="Optional" value={memo} onChange={(e) => setMemo(e.currentTarget.value)} error={errors.memo} />
        )}

        <Box>
          <Group justify="space-between" mb={6}>
            <Text size="sm" fw={600}>
              Apply to open items
            </Text>
            {manual ? (
              <Anchor size="xs" component="button" type="button" onClick={() => setManual(null)}>
                Reset to oldest due first
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed">
                Oldest due first; type an amount to change it
              </Text>
            )}
          </Group>
          <Paper withBorder radius="sm" style={{ maxHeight: 260, overflow: 'auto' }}>
            <Table fz="sm" verticalSpacing={4} aria-label="Allocation" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Item</Table.Th>
                  <Table.Th>Dated</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th ta="right">Open</Table.Th>
                  <Table.Th ta="right" w={150}>
                    Apply
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {alloc.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed" py={6}>
                        No open items. The whole payment stays on the account as unapplied credit.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {alloc.rows.map((r) => (
                  <Table.Tr key={r.documentId} data-testid={`alloc-${r.number}`}>
                    <Table.Td>
                      <Text span size="sm" className="mono" fw={500}>
                        {r.number}
                      </Text>
                      {r.discountOffer && (
                        <Checkbox
                          size="xs"
                          mt={3}
                          color="teal"
                          checked={taking.includes(r.documentId)}
                          onChange={(e) => toggleDiscount(r.documentId, e.currentTarget.checked)}
                          label={
                            <Text span size="xs" c="teal.8">
                              Take {formatBasisPoints(r.discountOffer.rateBp)} discount, {formatMoney(r.discountOffer.amountCents)} (until{' '}
                              {formatDate(r.discountOffer.until)})
                            </Text>
                          }
                          aria-label={`Take the early-payment discount on ${r.number}`}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(r.docDate)}</Table.Td>
                    <Table.Td c={r.dueDate < payDate ? 'red.7' : undefined}>{formatDate(r.dueDate)}</Table.Td>
                    <Table.Td ta="right">
                      <Money cents={r.openCents} />
                      {r.discountCents > 0 && (
                        <Text size="xs" c="dimmed">
                          after {formatMoney(r.discountCents)} off
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`Apply to ${r.number}`}
                        placeholder="0.00"
                        value={manual ? r.text : r.apply ? centsToDecimalString(r.apply) : ''}
                        onChange={(e) => startManual(r.documentId, e.currentTarget.value)}
                        error={r.error}
                        styles={{ input: { textAlign: 'right' } }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Group justify="flex-end" gap="xl" mt="xs">
            <Text size="sm" c="dimmed">
              Applied <Money cents={alloc.applied} fw={600} c={alloc.over ? 'red.7' : 'gray.9'} data-testid="alloc-applied" />
            </Text>
            <Text size="sm" c="dimmed">
              Left as unapplied credit <Money cents={Math.max(0, alloc.unapplied)} fw={600} c="gray.9" data-testid="alloc-unapplied" />
            </Text>
          </Group>
          {alloc.over && (
            <Alert color="red" variant="light" mt="xs" icon={<IconAlertCircle size={16} />} data-testid="over-allocation">
              The amounts applied add up to {formatMoney(alloc.applied)}, {formatMoney(alloc.applied - validAmount!)} more than the {formatMoney(validAmount!)}{' '}
              received.
            </Alert>
          )}
          {!alloc.over && validAmount !== null && alloc.unapplied > 0 && alloc.rows.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              <IconInfoCircle size={12} style={{ verticalAlign: -2 }} /> {formatMoney(alloc.unapplied)} will stay on the account as unapplied credit.
            </Text>
          )}
        </Box>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={posting} disabled={alloc.over}>
            Post payment{validAmount ? ` of ${formatMoney(validAmount)}` : ''}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
