import { automaticActorName } from '@shared/domain/users';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Anchor, Button, Center, Divider, Drawer, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconFileMinus, IconFileText, IconReceipt, IconReceiptOff, IconTrashX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { documentKindLabels, type DocumentDetail } from '@shared/domain/ledger';
import { paymentMethodLabels, type PaymentMethod } from '@shared/domain/payments';
import { formatDate, formatInstant } from '@shared/dates';
import { formatBasisPoints, formatQuantity } from '@shared/money';
import { unwrap } from '../../api/client';
import { Money } from '../../components/Money';
import { atLeast, useSession } from '../../app/session';
import { ReceiptModal } from '../payments/ReceiptCard';
import { KindBadge } from './LedgerTab';
import { WaiveFeeButton } from '../fees/WaiveFeeButton';
import { DocumentActions } from '../documents/DocumentActions';
import type { OutputRef } from '@shared/domain/documents';
import { usePersonName } from '../users/names';
import { returnableMethods } from '../returns/ReturnPaymentModal';

type DrawerAction = 'creditNote' | 'writeOff' | 'reverse' | 'return';

/** One document: header, invoice lines, allocations both ways, related documents and the audit trail. */
export function DocumentDrawer({
  documentId,
  onClose,
  onAction,
  onOpenDocument,
}: {
  documentId: number | null;
  onClose: () => void;
  onAction: (a: DrawerAction, documentId: number) => void;
  onOpenDocument: (id: number) => void;
}) {
  const doc = useQuery({
    queryKey: ['ledger', 'document', documentId],
    queryFn: () => unwrap(window.api.ledger.document({ documentId: documentId! })),
    enabled: documentId !== null,
  });
  const d = doc.data?.id === documentId ? doc.data : undefined;
  return (
    <Drawer
      opened={documentId !== null}
      onClose={onClose}
      position="right"
      size={620}
      title={
        d ? (
          <Group gap="sm">
            <KindBadge kind={d.kind} />
            <Text fw={650} size="lg" className="mono">
              {d.number ?? 'Draft'}
            </Text>
          </Group>
        ) : (
          <Text fw={600}>Document</Text>
        )
      }
      aria-label="Document"
    >
      {doc.error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {doc.error.message}
        </Alert>
      )}
      {!d && !doc.error && (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      )}
      {d && <DocumentBody d={d} onAction={onAction} onOpenDocument={onOpenDocument} onClose={onClose} />}
    </Drawer>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function DocumentBody({
  d,
  onAction,
  onOpenDocument,
  onClose,
}: {
  d: DocumentDetail;
  onAction: (a: DrawerAction, id: number) => void;
  onOpenDocument: (id: number) => void;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const { session } = useSession();
  const name = usePersonName();
  const [receipt, setReceipt] = useState(false);
  const reversed = d.referencedBy.some((r) => r.kind === 'reversal');
  const inv = d.invoice;
  const output = outputFor(d);
  return (
    <Stack gap="md" data-testid="document-drawer">
      <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
        <Field label="Date">{formatDate(d.date)}</Field>
        {d.dueDate && <Field label="Due">{formatDate(d.dueDate)}</Field>}
        <Field label="Amount">
          <Money cents={d.totalCents} fw={600} />
        </Field>
        <Field label={d.side === 'debit' ? 'Open' : 'Unapplied'}>
          <Money cents={d.openCents} dimZero />
        </Field>
        {d.method && (
          <Field label="Method">
            {paymentMethodLabels[d.method as PaymentMethod] ?? d.method}
            {d.checkNumber ? ` #${d.checkNumber}` : ''}
            {d.cardLast4 ? ` ending ${d.cardLast4}` : ''}
          </Field>
        )}
        {d.reference && <Field label="Reference">{d.reference}</Field>}
        {inv && <Field label="Terms">{inv.terms}</Field>}
        {inv?.poNumber && <Field label="PO number">{inv.poNumber}</Field>}
        <Field label="Posted">{d.postedAt ? `${formatInstant(d.postedAt)}${d.postedBy ? ` by ${name(d.postedBy)}` : ''}` : 'Not posted'}</Field>
      </SimpleGrid>
      {d.reason && <Field label="Reason">{d.reason}</Field>}
      {d.memo && <Field label="Memo">{d.memo}</Field>}
      {(d.relatedDocument || d.referencedBy.length > 0) && (
        <Group gap="lg">
          {d.relatedDocument && (
            <Field label="Corrects">
              <Anchor size="sm" onClick={() => onOpenDocument(d.relatedDocument!.id)}>
                {documentKindLabels[d.relatedDocument.kind]} {d.relatedDocument.number}
              </Anchor>
            </Field>
          )}
          {d.referencedBy.length > 0 && (
            <Field label="Corrected by">
              <Group gap="sm">
                {d.referencedBy.map((r) => (
                  <Anchor key={r.id} size="sm" onClick={() => onOpenDocument(r.id)}>
                    {documentKindLabels[r.kind]} {r.number}
                  </Anchor>
                ))}
              </Group>
            </Field>
          )}
        </Group>
      )}

      {output && <DocumentActions documents={[output]} number={d.number} accountId={d.accountId} shortcut size="xs" />}
      <Group gap="xs">
        {d.kind === 'invoice' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconFileText size={14} />}
            onClick={() => {
              onClose();
              navigate(`/accounts/${d.accountId}/invoices/${d.id}`);
            }}
          >
            Open invoice
          </Button>
        )}
        {d.kind === 'invoice' && (
          <Button size="xs" variant="default" leftSection={<IconFileMinus size={14} />} onClick={() => onAction('creditNote', d.id)}>
            Issue credit note
          </Button>
        )}
        {d.kind === 'invoice' && d.openCents > 0 && atLeast(session.role, 'supervisor') && (
          <Button size="xs" variant="default" color="red" leftSection={<IconTrashX size={14} />} onClick={() => onAction('writeOff', d.id)}>
            Write off
          </Button>
        )}
        {d.kind === 'payment' && (
          <Button size="xs" variant="light" leftSection={<IconReceipt size={14} />} onClick={() => setReceipt(true)}>
            View receipt
          </Button>
        )}
        {d.kind === 'fee' && <WaiveFeeButton document={d} />}
        {d.kind === 'payment' && !reversed && (
          <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => onAction('reverse', d.id)}>
            Reverse payment
          </Button>
        )}
        {d.kind === 'payment' && !reversed && returnableMethods.includes(d.method ?? '') && (
          <Button size="xs" variant="default" color="red" leftSection={<IconReceiptOff size={14} />} onClick={() => onAction('return', d.id)}>
            Record returned payment…
          </Button>
        )}
      </Group>

      {inv && (
        <Stack gap={6}>
          <Title order={6}>Lines</Title>
          <Paper withBorder radius="sm">
            <Table fz="sm" verticalSpacing={4} aria-label="Invoice lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th ta="right">Qty</Table.Th>
                  <Table.Th ta="right">Price</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {inv.lines.map((l) => (
                  <Table.Tr key={l.lineNo}>
                    <Table.Td className="mono">{l.itemCode}</Table.Td>
                    <Table.Td>
                      {l.description}
                      {(l.lineDiscountCents > 0 || l.icd10Codes.length > 0) && (
                        <Text size="xs" c="dimmed">
                          {[
                            l.lineDiscountCents > 0 ? `less ${l.discount?.kind === 'percent' ? formatBasisPoints(l.discount.basisPoints) : 'discount'}` : '',
                            l.icd10Codes.length ? `ICD-10 ${l.icd10Codes.join(', ')}` : '',
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {formatQuantity(l.quantityMilli)}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money cents={l.unitPriceCents} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money cents={l.grossCents - l.lineDiscountCents} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Stack gap={2} ml="auto" w={260}>
            <Line label="Subtotal" cents={inv.subtotalCents} />
            {inv.discountCents > 0 && <Line label="Discounts" cents={-inv.discountCents} />}
            {inv.taxCents > 0 && <Line label="Tax" cents={inv.taxCents} />}
            {inv.shippingCents > 0 && <Line label="Shipping" cents={inv.shippingCents} />}
            <Divider my={2} />
            <Line label="Total" cents={inv.totalCents} bold />
          </Stack>
        </Stack>
      )}

      <Stack gap={6}>
        <Title order={6}>{d.side === 'debit' ? 'Paid or credited by' : 'Applied to'}</Title>
        {d.allocations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {d.side === 'debit' ? 'Nothing applied yet.' : 'Not applied to anything: all of it is unapplied credit.'}
          </Text>
        ) : (
          <Paper withBorder radius="sm">
            <Table fz="sm" verticalSpacing={4} aria-label="Allocations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Document</Table.Th>
                  <Table.Th>Effective</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.allocations.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor size="sm" onClick={() => onOpenDocument(a.documentId)}>
                        {documentKindLabels[a.kind]} {a.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(a.effectiveDate)}</Table.Td>
                    <Table.Td c="dimmed">{name(a.createdBy) ?? ''}</Table.Td>
                    <Table.Td ta="right">
                      <Money cents={a.amountCents} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>

      <Stack gap={6}>
        <Title order={6}>Audit trail</Title>
        {d.audit.length === 0 ? (
          <Text size="sm" c="dimmed">
            No audit records.
          </Text>
        ) : (
          <Timeline bulletSize={12} lineWidth={2}>
            {d.audit.map((r) => (
              <Timeline.Item
                key={r.seq}
                title={
                  <Text size="sm" fw={500}>
                    {auditLabel(r.action)}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {formatInstant(r.at)} · {name(r.username) ?? automaticActorName} · record #{r.seq}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
      {receipt && <ReceiptModal paymentId={d.id} onClose={() => setReceipt(false)} />}
    </Stack>
  );
}

/** What a ledger document gives to print, save or email: the invoice or credit note itself; a payment's receipt. */
function outputFor(d: DocumentDetail): OutputRef | null {
  if (d.postedAt === null) return null;
  if (d.kind === 'invoice' || d.kind === 'credit_note') return { kind: d.kind, documentId: d.id };
  if (d.kind === 'payment') return { kind: 'receipt', documentId: d.id };
  return null;
}

function Line({ label, cents, bold }: { label: string; cents: number; bold?: boolean }) {
  return (
    <Group justify="space-between">
      <Text size="sm" fw={bold ? 650 : undefined} c={bold ? undefined : 'dimmed'}>
        {label}
      </Text>
      <Money cents={cents} size="sm" fw={bold ? 650 : undefined} colorNegative={false} />
    </Group>
  );
}

const auditLabels: Record<string, string> = {
  'invoice.draft.create': 'Draft created',
  'invoice.draft.update': 'Draft edited',
  'invoice.post': 'Invoice posted',
  'payment.post': 'Payment posted',
  'creditNote.post': 'Credit note posted',
  'payment.reverse': 'Payment reversed',
  'refund.post': 'Refund posted',
  'adjustment.post': 'Adjustment posted',
  'writeOff.post': 'Written off',
};
const auditLabel = (action: string) => auditLabels[action] ?? action.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
