import { useState, type ReactNode } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { shortcuts } from '@shared/shortcuts';
import { formatInstant } from '@shared/dates';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconArrowBackUp,
  IconReceiptOff,
  IconCash,
  IconChevronDown,
  IconCirclePlus,
  IconFileInvoice,
  IconFileMinus,
  IconMail,
  IconPhone,
  IconReceiptRefund,
  IconScale,
  IconTransfer,
  IconTrashX,
} from '@tabler/icons-react';
import type { AccountDetail } from '@shared/domain/accounts';
import type { LedgerView } from '@shared/domain/ledger';
import { formatMoney } from '@shared/money';
import { formatDate } from '@shared/dates';
import { Money } from '../../components/Money';
import { atLeast, useSession } from '../../app/session';
import { LedgerTab } from '../ledger/LedgerTab';
import { PaymentPlanTab } from '../plans/PaymentPlanTab';
import { useAccountPolicyActions } from '../referrals/AccountPolicyActions';
import { CollectionsTab } from '../collections/CollectionsTab';
import { OpenItemsTab } from '../ledger/OpenItemsTab';
import { DocumentDrawer } from '../ledger/DocumentDrawer';
import { PostPaymentModal } from '../payments/PostPaymentModal';
import { AccountDetailsForm } from './AccountForm';
import { DocumentsTab } from '../documents/DocumentsTab';
import { AccountStatement } from '../statements/AccountStatement';
import { AccountLetters } from '../letters/compose/AccountLetters';
import { AccountStateBadges } from './AccountStateBadges';
import { NewCreditNoteModal } from './NewCreditNoteModal';
import { AdjustmentModal, ApplyCreditModal, CreditNoteModal, RefundModal, ReversePaymentModal, WriteOffModal } from './AccountActions';
import { ReturnPaymentModal } from '../returns/ReturnPaymentModal';
import { BankAccountsTab } from '../bank-accounts/BankAccountsTab';
import { accountKindLabels, accountStatusColors, accountStatusLabels, useAccount, useDraftInvoices, useLedger } from './api';

type ActionName = 'payment' | 'creditNote' | 'newCreditNote' | 'adjustment' | 'writeOff' | 'reverse' | 'return' | 'refund' | 'applyCredit';

export function AccountPage() {
  const accountId = Number(useParams().id);
  const account = useAccount(accountId);
  const ledger = useLedger(accountId);
  if (account.error)
    return (
      <Alert color="red" icon={<IconAlertCircle size={16} />}>
        {account.error.message}
      </Alert>
    );
  if (!account.data || !ledger.data)
    return (
      <Center style={{ flex: 1 }}>
        <Loader />
      </Center>
    );
  return <AccountView account={account.data} ledger={ledger.data} />;
}

function AccountView({ account, ledger }: { account: AccountDetail; ledger: LedgerView }) {
  const navigate = useNavigate();
  const { session } = useSession();
  const [searchParams] = useSearchParams();
  const [tab, setTab] = useState<string | null>(searchParams.get('tab') ?? 'ledger');
  const [action, setAction] = useState<{ name: ActionName; documentId?: number } | null>(null);
  // ?document=<id> opens that document's drawer (links from Irregularities).
  const [openDoc, setOpenDoc] = useState<number | null>(() => Number(searchParams.get('document')) || null);
  const policy = useAccountPolicyActions({ account, ledger, onPlanCreated: () => setTab('plan') });
  const drafts = useDraftInvoices(account.id);
  const t = ledger.totals;
  const supervisor = atLeast(session.role, 'supervisor');
  const closed = account.status === 'closed';
  const primary = account.contacts.find((c) => c.isPrimary) ?? account.contacts[0];
  const draftCount = drafts.data?.total ?? 0;

  const act = (name: ActionName, documentId?: number) => {
    setOpenDoc(null);
    setAction({ name, documentId });
  };
  // The register's keys (outside text fields, with no dialog open): N a new invoice, P a payment.
  useHotkeys(
    closed || action
      ? []
      : [
          [shortcuts.newInvoice.hotkey, () => navigate(`/accounts/${account.id}/invoices/new`)],
          [shortcuts.postPayment.hotkey, () => act('payment')],
        ],
  );

  return (
    <Box
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 'calc(100dvh - var(--app-shell-header-offset, 0px) - var(--app-shell-footer-offset, 0px) - 2 * var(--mantine-spacing-md))',
      }}
    >
      <Breadcrumbs mb={6} fz="sm">
        <Anchor component={Link} to="/accounts" size="sm">
          Accounts
        </Anchor>
        <Text size="sm" c="dimmed">
          {account.accountNumber}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            <Title order={2} fz={24} data-testid="account-name" style={{ overflowWrap: 'anywhere' }}>
              {account.name}
            </Title>
            {/* With an agency is what a collector must see first; the account's own status is still active. */}
            <Badge
              variant="light"
              color={policy.openReferral && account.status === 'active' ? 'grape' : accountStatusColors[account.status]}
              style={{ flexShrink: 0 }}
              data-testid="account-status"
            >
              {policy.openReferral && account.status === 'active' ? 'With agency' : accountStatusLabels[account.status]}
            </Badge>
          </Group>
          <AccountStateBadges accountId={account.id} referral={policy.openReferral} writeoff={policy.pendingRequest} />
          <Group gap="md">
            <Text size="sm" c="dimmed">
              <Text span inherit className="mono" c="gray.8">
                {account.accountNumber}
              </Text>{' '}
              · {accountKindLabels[account.kind]} · Terms {account.terms} · {account.timeZone}
            </Text>
          </Group>
          {primary && (
            <Group gap="md" mt={2}>
              <Text size="sm" fw={500}>
                {primary.name}
                {primary.title ? (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    · {primary.title}
                  </Text>
                ) : null}
              </Text>
              {primary.phones[0] && (
                <Group gap={4}>
                  <IconPhone size={14} color="var(--mantine-color-gray-6)" />
                  <Text size="sm">{primary.phones[0].number}</Text>
                </Group>
              )}
              {primary.emails[0] && (
                <Group gap={4}>
                  <IconMail size={14} color="var(--mantine-color-gray-6)" />
                  <Text size="sm">{primary.emails[0].email}</Text>
                </Group>
              )}
              {account.contacts.length > 1 && (
                <Text size="xs" c="dimmed">
                  +{account.contacts.length - 1} more in Details
                </Text>
              )}
            </Group>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            leftSection={<IconFileInvoice size={16} />}
            disabled={closed}
            onClick={() => navigate(`/accounts/${account.id}/invoices/new`)}
          >
            New invoice
          </Button>
          <Button leftSection={<IconCash size={16} />} disabled={closed} onClick={() => act('payment')}>
            Post payment
          </Button>
          <Menu position="bottom-end" width={250} withinPortal>
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                More
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Corrections</Menu.Label>
              <Menu.Item leftSection={<IconFileMinus size={16} />} disabled={closed} onClick={() => act('newCreditNote')}>
                New credit note…
              </Menu.Item>
              <Menu.Item leftSection={<IconFileMinus size={16} />} onClick={() => act('creditNote')}>
                Credit note on an invoice…
              </Menu.Item>
              <Menu.Item leftSection={<IconScale size={16} />} onClick={() => act('adjustment')}>
                Adjustment…
              </Menu.Item>
              {supervisor ? (
                <Menu.Item leftSection={<IconTrashX size={16} />} color="red" onClick={() => act('writeOff')}>
                  Write-off…
                </Menu.Item>
              ) : (
                <Tooltip label="Write-offs need a collections supervisor" position="left" withinPortal>
                  <div>
                    <Menu.Item leftSection={<IconTrashX size={16} />} disabled data-testid="write-off-disabled">
                      Write-off…
                    </Menu.Item>
                  </div>
                </Tooltip>
              )}
              <Menu.Divider />
              <Menu.Label>Payments and credit</Menu.Label>
              <Menu.Item leftSection={<IconArrowBackUp size={16} />} onClick={() => act('reverse')}>
                Reverse payment…
              </Menu.Item>
              <Menu.Item leftSection={<IconReceiptOff size={16} />} onClick={() => act('return')}>
                Record returned payment…
              </Menu.Item>
              <Menu.Item leftSection={<IconReceiptRefund size={16} />} disabled={t.unappliedCents === 0} onClick={() => act('refund')}>
                Refund unapplied credit…
              </Menu.Item>
              <Menu.Item leftSection={<IconTransfer size={16} />} disabled={t.unappliedCents === 0 || t.openCents === 0} onClick={() => act('applyCredit')}>
                Apply unapplied credit…
              </Menu.Item>
              {policy.menuItems}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <SimpleGrid cols={5} spacing="sm" mb="md">
        <Figure label="Balance" testId="account-balance" value={<Money cents={t.balanceCents} />} emphasis />
        <Figure
          label="Past due"
          testId="account-past-due"
          value={<Money cents={t.pastDueCents} c={t.pastDueCents > 0 ? 'red.7' : undefined} dimZero />}
          note={
            ledger.openItems.length ? `${ledger.openItems.filter((o) => o.daysPastDue > 0).length} of ${ledger.openItems.length} open items` : 'No open items'
          }
        />
        <Figure
          label="Unapplied credit"
          testId="account-unapplied"
          value={<Money cents={t.unappliedCents} dimZero colorNegative={false} />}
          note={t.unappliedCents > 0 ? 'Apply or refund from More' : undefined}
        />
        <Figure
          label="Credit limit"
          value={
            account.creditLimitCents === null ? (
              <Text span inherit c="dimmed">
                None
              </Text>
            ) : (
              <Money cents={account.creditLimitCents} />
            )
          }
          note={
            account.creditLimitCents !== null && t.balanceCents > account.creditLimitCents
              ? `Over by ${formatMoney(t.balanceCents - account.creditLimitCents)}`
              : undefined
          }
          warn={account.creditLimitCents !== null && t.balanceCents > account.creditLimitCents}
        />
        <Figure
          label="Last activity"
          value={
            <Text span inherit>
              {ledger.entries.length ? formatDate(ledger.entries[ledger.entries.length - 1]!.date) : '—'}
            </Text>
          }
          note={`${ledger.entries.length} posted ${ledger.entries.length === 1 ? 'document' : 'documents'}`}
        />
      </SimpleGrid>

      {draftCount > 0 && (
        <Alert
          color="blue"
          variant="light"
          mb="sm"
          icon={<IconCirclePlus size={16} />}
          title={`${draftCount} draft ${draftCount === 1 ? 'invoice' : 'invoices'} not posted yet`}
        >
          <Group gap="md">
            {drafts.data!.rows.map((d) => (
              <Text key={d.id} size="sm" data-testid={`draft-${d.id}`}>
                Draft of {formatDate(d.invoiceDate)} · {formatMoney(d.totalCents)} · {d.createdByName ? `by ${d.createdByName}, ` : ''}changed{' '}
                {formatInstant(d.updatedAt)} ·{' '}
                <Anchor component={Link} to={`/accounts/${account.id}/invoices/${d.id}`} size="sm" fw={600}>
                  Continue
                </Anchor>
              </Text>
            ))}
          </Group>
        </Alert>
      )}

      <Tabs value={tab} onChange={setTab} keepMounted={false} style={{ flex: 1, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="ledger">Ledger</Tabs.Tab>
          <Tabs.Tab
            value="open"
            rightSection={
              ledger.openItems.length ? (
                <Badge size="xs" variant="light" circle={ledger.openItems.length < 10}>
                  {ledger.openItems.length}
                </Badge>
              ) : null
            }
          >
            Open items
          </Tabs.Tab>
          <Tabs.Tab value="collections">Collections</Tabs.Tab>
          <Tabs.Tab value="plan">Payment plan</Tabs.Tab>
          <Tabs.Tab value="documents">Documents</Tabs.Tab>
          <Tabs.Tab value="bank">Bank accounts</Tabs.Tab>
          <Tabs.Tab value="details">Details</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="ledger" style={{ flex: 1, minHeight: 360, display: 'flex', flexDirection: 'column' }}>
          <LedgerTab ledger={ledger} onOpen={setOpenDoc} />
        </Tabs.Panel>
        <Tabs.Panel value="open" style={{ flex: 1, minHeight: 360, display: 'flex', flexDirection: 'column' }}>
          <OpenItemsTab ledger={ledger} onOpen={setOpenDoc} />
        </Tabs.Panel>
        <Tabs.Panel value="collections">
          <CollectionsTab account={account} />
        </Tabs.Panel>
        <Tabs.Panel value="plan">
          <PaymentPlanTab ledger={ledger} closed={closed} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <AccountStatement accountId={account.id} accountNumber={account.accountNumber} />
          <AccountLetters accountId={account.id} accountName={account.name} />
          <DocumentsTab accountId={account.id} />
        </Tabs.Panel>
        <Tabs.Panel value="bank">
          <BankAccountsTab accountId={account.id} accountName={account.name} />
        </Tabs.Panel>
        <Tabs.Panel value="details">
          <AccountDetailsForm key={account.updatedAt} account={account} />
        </Tabs.Panel>
      </Tabs>

      <DocumentDrawer documentId={openDoc} onClose={() => setOpenDoc(null)} onAction={(name, id) => act(name, id)} onOpenDocument={setOpenDoc} />
      {action?.name === 'payment' && <PostPaymentModal account={account} onClose={() => setAction(null)} />}
      {action?.name === 'creditNote' && (
        <CreditNoteModal
          accountId={account.id}
          invoices={ledger.entries
            .filter((e) => e.kind === 'invoice')
            .map((e) => ({ id: e.documentId, number: e.number, totalCents: e.debitCents, openCents: e.openCents }))}
          invoiceId={action.documentId}
          onClose={() => setAction(null)}
        />
      )}
      {action?.name === 'newCreditNote' && <NewCreditNoteModal ledger={ledger} onClose={() => setAction(null)} onApply={() => act('applyCredit')} />}
      {action?.name === 'adjustment' && <AdjustmentModal ledger={ledger} onClose={() => setAction(null)} />}
      {action?.name === 'writeOff' && <WriteOffModal ledger={ledger} invoiceId={action.documentId} onClose={() => setAction(null)} />}
      {action?.name === 'reverse' && <ReversePaymentModal ledger={ledger} paymentId={action.documentId} onClose={() => setAction(null)} />}
      {action?.name === 'return' && <ReturnPaymentModal ledger={ledger} paymentId={action.documentId} onClose={() => setAction(null)} />}
      {action?.name === 'refund' && <RefundModal ledger={ledger} onClose={() => setAction(null)} />}
      {action?.name === 'applyCredit' && <ApplyCreditModal ledger={ledger} onClose={() => setAction(null)} />}
      {policy.modals}
    </Box>
  );
}

export type { ActionName };

function Figure({
  label,
  value,
  note,
  emphasis,
  warn,
  testId,
}: {
  label: string;
  value: ReactNode;
  note?: string;
  emphasis?: boolean;
  warn?: boolean;
  testId?: string;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py="sm"
      style={emphasis ? { borderColor: 'var(--mantine-color-ledger-3)', background: 'var(--mantine-color-ledger-0)' } : undefined}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text fz={emphasis ? 22 : 20} fw={650} className="num" ta="left" data-testid={testId} lh={1.3}>
        {value}
      </Text>
      <Text size="xs" c={warn ? 'red.7' : 'dimmed'} h={18} truncate>
        {note ?? ''}
      </Text>
    </Paper>
  );
}
