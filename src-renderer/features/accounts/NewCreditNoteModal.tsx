import { useState } from 'react';
import { ActionIcon, Alert, Box, Button, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertCircle, IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { computeInvoiceTotals, TotalsError, type InvoiceLineInput } from '@shared/domain/invoices';
import type { LedgerView } from '@shared/domain/ledger';
import type { PostingResult } from '@shared/domain/payments';
import { isIsoDate } from '@shared/dates';
import { cents, formatMoney, parseMoney, parsePercent, parseQuantity } from '@shared/money';
import { fieldErrors, unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { LeaveQuestion, useGuardedClose } from '../../components/LeaveGuard';
import { Money } from '../../components/Money';
import { DocumentActions } from '../documents/DocumentActions';
import { useBusinessToday } from './api';

interface LineText {
  key: number;
  itemCode: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

const blankLine = (key: number): LineText => ({ key, itemCode: '', description: '', quantity: '1', unitPrice: '', taxRate: '' });

/** A typed line as the contract takes it, or what is wrong with it (said in words, per field). */
function readLine(l: LineText): { line: InvoiceLineInput | null; errors: Partial<Record<keyof LineText, string>> } {
  const errors: Partial<Record<keyof LineText, string>> = {};
  const quantityMilli = parseQuantity(l.quantity);
  const unitPriceCents = parseMoney(l.unitPrice);
  const taxRateBp = l.taxRate.trim() ? parsePercent(l.taxRate) : 0;
  if (!l.itemCode.trim()) errors.itemCode = 'Enter a code';
  if (!l.description.trim()) errors.description = 'Say what is credited';
  if (quantityMilli === null || quantityMilli <= 0) errors.quantity = 'More than zero';
  if (unitPriceCents === null || unitPriceCents < 0) errors.unitPrice = 'An amount, such as 25.00';
  if (taxRateBp === null || taxRateBp > 10000) errors.taxRate = 'A rate, such as 8.25';
  if (Object.keys(errors).length) return { line: null, errors };
  return {
    line: {
      itemCode: l.itemCode.trim(),
      description: l.description.trim(),
      quantityMilli: quantityMilli!,
      unitPriceCents: cents(unitPriceCents!),
      taxRateBp: taxRateBp!,
    },
    errors,
  };
}

/** The credit's total from typed lines, by the same totals function the backend posts with; null while a line is incomplete. */
function linesTotal(lines: InvoiceLineInput[]): { cents: number | null; error: string | null } {
  try {
    return {
      cents: computeInvoiceTotals({
        lines: lines.map((l) => ({ quantityMilli: l.quantityMilli, unitPriceCents: cents(l.unitPriceCents), taxRateBp: l.taxRateBp ?? 0 })),
      }).totalCents,
      error: null,
    };
  } catch (err) {
    return { cents: null, error: err instanceof TotalsError ? err.message : String(err) };
  }
}

/**
 * A credit note for the account (a goodwill credit, a return): a reason, optionally the invoice it is
 * for, an amount or lines, a date. Enter asks to confirm, then posts; afterwards the note's number, its
 * printout and "Apply to invoices" for what it left as unapplied credit.
 */
export function NewCreditNoteModal({ ledger, onClose, onApply }: { ledger: LedgerView; onClose: () => void; onApply: () => void }) {
  const [posted, setPosted] = useState<{ result: PostingResult; totalCents: number; unappliedCents: number } | null>(null);
  const [typed, setTyped] = useState(false);
  const guarded = useGuardedClose(typed && !posted, onClose);
  const [questionUp, setQuestionUp] = useState(false);
  return (
    <>
      {guarded.question}
      <Modal
        opened
        onClose={guarded.close}
        closeOnEscape={!guarded.asking && !questionUp}
        size={posted ? 560 : 820}
        centered
        title={
          posted ? (
            <Group gap={6}>
              <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" />
              <Text fw={600} size="lg">
                Credit note posted
              </Text>
            </Group>
          ) : (
            <Text fw={600} size="lg">
              New credit note · {ledger.account.name}
            </Text>
          )
        }
      >
        {posted ? (
          <Stack gap="md" data-testid="credit-note-posted">
            <Text size="sm">
              Credit note{' '}
              <Text span fw={600} className="mono" data-testid="credit-note-number">
                {posted.result.number}
              </Text>{' '}
              of <Money cents={posted.totalCents} fw={600} c="gray.9" /> is posted.{' '}
              {posted.unappliedCents > 0 ? (
                <>
                  <Money cents={posted.unappliedCents} fw={600} c="gray.9" /> of it is unapplied credit on the account until it is applied to invoices.
                </>
              ) : (
                'All of it was applied to the invoice it names.'
              )}
            </Text>
            <Text size="sm" c="dimmed">
              The account balance is now <Money cents={posted.result.accountBalanceCents} fw={600} c="gray.9" />.
            </Text>
            <Group justify="space-between">
              <DocumentActions
                documents={[{ kind: 'credit_note', documentId: posted.result.documentId }]}
                number={posted.result.number}
                accountId={ledger.account.id}
                channels={['print', 'pdf']}
                size="sm"
              />
              <Group gap="xs">
                {posted.unappliedCents > 0 && ledger.totals.openCents > 0 && (
                  <Button variant="default" onClick={onApply}>
                    Apply to invoices
                  </Button>
                )}
                <Button data-autofocus onClick={onClose}>
                  Done
                </Button>
              </Group>
            </Group>
          </Stack>
        ) : (
          <CreditNoteForm ledger={ledger} onCancel={guarded.close} onPosted={setPosted} onTyped={setTyped} onQuestion={setQuestionUp} />
        )}
      </Modal>
    </>
  );
}

function CreditNoteForm({
  ledger,
  onCancel,
  onPosted,
  onTyped,
  onQuestion,
}: {
  ledger: LedgerView;
  onCancel: () => void;
  onPosted: (p: { result: PostingResult; totalCents: number; unappliedCents: number }) => void;
  onTyped: (typed: boolean) => void;
  onQuestion: (up: boolean) => void;
}) {
  const today = useBusinessToday();
  const invoices = ledger.entries.filter((e) => e.kind === 'invoice');
  const [reason, setReason] = useState('');
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const [mode, setMode] = useState<'amount' | 'lines'>('amount');
  const [amount, setAmount] = useState('');
  const [lines, setLines] = useState<LineText[]>([blankLine(1)]);
  const [date, setDate] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const noteDate = date || today;
  const invoice = invoices.find((i) => String(i.documentId) === invoiceId);

  const setTypedFrom = (next: { reason?: string; amount?: string; lines?: LineText[] }) => {
    const r = next.reason ?? reason;
    const a = next.amount ?? amount;
    const ls = next.lines ?? lines;
    onTyped(!!(r.trim() || a.trim() || ls.some((l) => l.description.trim() || l.unitPrice.trim() || l.itemCode.trim())));
  };
  const ask = (up: boolean) => {
    setAsking(up);
    onQuestion(up);
  };

  const read = lines.map(readLine);
  const complete = read.every((r) => r.line);
  const fromLines = complete ? linesTotal(read.map((r) => r.line!)) : { cents: null, error: null };
  const amountCents = parseMoney(amount);
  const amountError = !amount.trim()
    ? 'Enter the amount to credit'
    : amountCents === null || amountCents <= 0
      ? 'Enter an amount above zero, such as 25.00'
      : null;
  const total = mode === 'amount' ? (amountError ? null : amountCents) : fromLines.cents;

  const problems = (): string | null => {
    if (!reason.trim()) return 'reason';
    if (!isIsoDate(noteDate)) return 'date';
    if (noteDate > today) return 'date';
    if (mode === 'amount' && amountError) return 'amount';
    if (mode === 'lines' && (!complete || fromLines.error)) return 'lines';
    return null;
  };

  const post = async () => {
    ask(false);
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(
        window.api.invoices.postCreditNote({
          accountId: ledger.account.id,
          ...(invoice ? { invoiceId: invoice.documentId } : {}),
          reason: reason.trim(),
          date: noteDate,
          ...(mode === 'amount' ? { amountCents: amountCents! } : { lines: read.map((x) => x.line!) }),
        }),
      );
      // The page's figures (and the apply dialog's) read the ledger: wait for it before offering to apply.
      await Promise.all(['ledger', 'accounts', 'invoices', 'aging', 'payments'].map((d) => queryClient.invalidateQueries({ queryKey: [d] })));
      const note = await unwrap(window.api.ledger.document({ documentId: r.documentId }));
      onPosted({ result: r, totalCents: note.totalCents, unappliedCents: note.openCents });
    } catch (err) {
      const fe = fieldErrors(err);
      setError(Object.keys(fe).length ? Object.values(fe).join('; ') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const updateLine = (key: number, field: keyof Omit<LineText, 'key'>, value: string) => {
    const next = lines.map((l) => (l.key === key ? { ...l, [field]: value } : l));
    setLines(next);
    setTypedFrom({ lines: next });
  };

  return (
    // A form, so that Enter in any field asks to post (the question's button has focus: Enter again posts).
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setShow(true);
        if (busy || problems()) return;
        ask(true);
      }}
    >
      <LeaveQuestion
        opened={asking}
        title="Post this credit note?"
        message={
          <>
            A credit of {formatMoney(total ?? 0)} to {ledger.account.name}
            {invoice ? `, applied to invoice ${invoice.number}` : ', left as unapplied credit until it is applied'}. A posted credit note cannot be changed.
          </>
        }
        stayLabel="Go back"
        leaveLabel="Post credit note"
        busy={busy}
        onStay={() => ask(false)}
        onLeave={() => void post()}
      />
      <Stack gap="md">
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} data-testid="credit-note-error">
            {error}
          </Alert>
        )}
        <TextInput
          label="Reason"
          data-autofocus
          placeholder="e.g. Goodwill for the late delivery"
          description="Printed on the credit note"
          value={reason}
          maxLength={500}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setTypedFrom({ reason: e.currentTarget.value });
          }}
          error={show && !reason.trim() ? 'Say why; it is kept with the document' : undefined}
        />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="For invoice"
            description="Optional: applied to what is open on it"
            placeholder={invoices.length ? 'None: credit to the account' : 'No posted invoices'}
            clearable
            searchable
            data={invoices.map((i) => ({
              value: String(i.documentId),
              label: `${i.number} · ${formatMoney(i.debitCents)} · open ${formatMoney(i.openCents)}`,
            }))}
            value={invoiceId}
            onChange={setInvoiceId}
          />
          <DateInput
            label="Date"
            description="Today or earlier"
            value={noteDate || null}
            maxDate={today}
            onChange={(v) => setDate(v ?? '')}
            error={show && (!isIsoDate(noteDate) || noteDate > today) ? 'Pick a date up to today' : undefined}
          />
        </SimpleGrid>
        <Box>
          <Text size="sm" fw={500} mb={4}>
            Credit
          </Text>
          <SegmentedControl
            aria-label="Credit by"
            value={mode}
            onChange={(v) => setMode(v as 'amount' | 'lines')}
            data={[
              { value: 'amount', label: 'An amount' },
              { value: 'lines', label: 'Lines' },
            ]}
          />
        </Box>
        {mode === 'amount' ? (
          <TextInput
            label="Amount"
            placeholder="0.00"
            w={220}
            leftSection={
              <Text size="sm" c="dimmed">
                $
              </Text>
            }
            value={amount}
            onChange={(e) => {
              setAmount(e.currentTarget.value);
              setTypedFrom({ amount: e.currentTarget.value });
            }}
            error={show ? amountError : undefined}
            description={invoice ? `Invoice total ${formatMoney(invoice.debitCents)}` : undefined}
            styles={{ input: { textAlign: 'right', fontWeight: 600 } }}
          />
        ) : (
          <Paper withBorder radius="sm" style={{ maxHeight: 280, overflow: 'auto' }}>
            <Table fz="sm" verticalSpacing={4} aria-label="Credit note lines" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>Code</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th w={70}>Qty</Table.Th>
                  <Table.Th w={110}>Unit price</Table.Th>
                  <Table.Th w={76}>Tax %</Table.Th>
                  <Table.Th w={36} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => {
                  const e = show ? read[i]!.errors : {};
                  const n = i + 1;
                  return (
                    <Table.Tr key={l.key}>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`Line ${n} code`}
                          value={l.itemCode}
                          onChange={(ev) => updateLine(l.key, 'itemCode', ev.currentTarget.value)}
                          error={e.itemCode}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`Line ${n} description`}
                          value={l.description}
                          onChange={(ev) => updateLine(l.key, 'description', ev.currentTarget.value)}
                          error={e.description}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`Line ${n} quantity`}
                          value={l.quantity}
                          onChange={(ev) => updateLine(l.key, 'quantity', ev.currentTarget.value)}
                          error={e.quantity}
                          styles={{ input: { textAlign: 'right' } }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`Line ${n} unit price`}
                          value={l.unitPrice}
                          onChange={(ev) => updateLine(l.key, 'unitPrice', ev.currentTarget.value)}
                          error={e.unitPrice}
                          styles={{ input: { textAlign: 'right' } }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`Line ${n} tax rate`}
                          placeholder="0"
                          value={l.taxRate}
                          onChange={(ev) => updateLine(l.key, 'taxRate', ev.currentTarget.value)}
                          error={e.taxRate}
                          styles={{ input: { textAlign: 'right' } }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Remove line ${n}`}
                          disabled={lines.length === 1}
                          onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Group justify="space-between" px="xs" py={6}>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => setLines((ls) => [...ls, blankLine(Math.max(...ls.map((x) => x.key)) + 1)])}
              >
                Add line
              </Button>
              {fromLines.error && (
                <Text size="xs" c="red.7">
                  {fromLines.error}
                </Text>
              )}
            </Group>
          </Paper>
        )}
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="credit-note-total">
            Credit {total !== null ? <Money cents={total} fw={600} c="gray.9" /> : '—'}
            {invoice ? ` · applied to ${invoice.number}` : ' · unapplied credit on the account'}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Post credit note
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
