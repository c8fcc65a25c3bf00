import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ActionIcon,
  Alert,
  Anchor,
  Autocomplete,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getHotkeyHandler, useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconAlertCircle, IconCheck, IconDeviceFloppy, IconFileMinus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import {
  computeInvoiceTotals,
  TotalsError,
  type Discount,
  type InvoiceDetail,
  type InvoiceLineInput,
  type InvoiceTotals,
  type Item,
  type TotalsLineInput,
} from '@shared/domain/invoices';
import { parseTerms, termsDates } from '@shared/domain/terms';
import { addressLines, type Address } from '@shared/domain/accounts';
import { formatDate, formatInstant, isIsoDate } from '@shared/dates';
import {
  MAX_QUANTITY_MILLI,
  applyBasisPoints,
  basisPointsToText,
  cents,
  centsToDecimalString,
  formatBasisPoints,
  formatMoney,
  formatQuantity,
  parseMoney,
  parsePercent,
  parseQuantity,
  quantityToText,
} from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { Money } from '../../components/Money';
import { useAccount, useBusinessToday, useInvoiceSettings, useItems } from '../accounts/api';
import { commonTerms, usStates } from '../accounts/usStates';
import { CreditNoteModal } from '../accounts/AccountActions';
import { DocumentActions } from '../documents/DocumentActions';
import { LeaveGuard, LeaveQuestion } from '../../components/LeaveGuard';
import { shortcuts } from '@shared/shortcuts';
import { DateInput } from '@mantine/dates';

interface LineDraft {
  key: number;
  itemCode: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountKind: 'percent' | 'amount';
  discount: string;
  taxRate: string;
  icd10: string[];
}
interface HeaderDraft {
  invoiceDate: string;
  terms: string;
  poNumber: string;
  memo: string;
  discountKind: 'percent' | 'amount';
  discount: string;
  shipping: string;
  /** null: no ship-to (the bill-to applies). */
  shipTo: Address | null;
}

let nextKey = 1;
const blankLine = (): LineDraft => ({
  key: nextKey++,
  itemCode: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  discountKind: 'percent',
  discount: '',
  taxRate: '0',
  icd10: [],
});
/** The line fields Enter walks through, in the order they sit (the description and ICD-10 codes by Tab). */
const lineFields = ['code', 'description', 'quantity', 'unit price', 'discount', 'tax rate'] as const;
type LineField = (typeof lineFields)[number];
function focusLineField(index: number, field: LineField) {
  const el = document.querySelector<HTMLElement>(`[aria-label="Line ${index + 1} ${field}"]`);
  el?.focus();
  // Like a register: what is typed next replaces the field (a quantity of 1 becomes 2, not 12).
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
}
/** True while the code field's list is open with an item highlighted, so Enter belongs to the list. */
function comboboxHasChoice(input: HTMLElement): boolean {
  if (input.getAttribute('aria-expanded') !== 'true') return false;
  const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
  return !!list?.querySelector('[data-combobox-selected]');
}
const ICD10 = /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

function discountText(d: Discount | null): { kind: 'percent' | 'amount'; text: string } {
  if (!d) return { kind: 'percent', text: '' };
  return d.kind === 'percent' ? { kind: 'percent', text: basisPointsToText(d.basisPoints) } : { kind: 'amount', text: centsToDecimalString(d.cents) };
}

/** Route accounts/:id/invoices/new and accounts/:id/invoices/:invoiceId (drafts editable, posted read-only). */
export function InvoiceEditorRoute() {
  const params = useParams();
  const invoiceId = params.invoiceId && params.invoiceId !== 'new' ? Number(params.invoiceId) : null;
  const invoice = useQuery({
    queryKey: ['invoices', 'get', invoiceId],
    queryFn: () => unwrap(window.api.invoices.get({ invoiceId: invoiceId! })),
    enabled: invoiceId !== null,
  });
  const accountId = Number(params.id ?? invoice.data?.accountId);
  if (invoice.error)
    return (
      <Alert color="red" icon={<IconAlertCircle size={16} />}>
        {invoice.error.message}
      </Alert>
    );
  if (invoiceId !== null && !invoice.data)
    return (
      <Center style={{ flex: 1 }}>
        <Loader />
      </Center>
    );
  if (invoice.data?.status === 'posted') return <PostedInvoice invoice={invoice.data} />;
  return <DraftEditor key={invoiceId ?? 'new'} accountId={invoice.data?.accountId ?? accountId} draft={invoice.data ?? null} />;
}

function DraftEditor({ accountId, draft }: { accountId: number; draft: InvoiceDetail | null }) {
  const navigate = useNavigate();
  const account = useAccount(accountId);
  const today = useBusinessToday();
  const settings = useInvoiceSettings();
  const items = useItems();
  const [header, setHeaderState] = useState<HeaderDraft>(() => {
    const d = discountText(draft?.invoiceDiscount ?? null);
    return {
      invoiceDate: draft?.invoiceDate ?? '',
      terms: draft?.terms ?? '',
      poNumber: draft?.poNumber ?? '',
      memo: draft?.memo ?? '',
      discountKind: d.kind,
      discount: d.text,
      shipping: draft?.shippingCents ? centsToDecimalString(draft.shippingCents) : '',
      shipTo: draft?.shipTo ?? null,
    };
  });
  const [lines, setLinesState] = useState<LineDraft[]>(() =>
    draft?.lines.length
      ? draft.lines.map((l) => {
          const d = discountText(l.discount);
          return {
            key: nextKey++,
            itemCode: l.itemCode,
            description: l.description,
            quantity: quantityToText(l.quantityMilli),
            unitPrice: centsToDecimalString(l.unitPriceCents),
            discountKind: d.kind,
            discount: d.text,
            taxRate: basisPointsToText(l.taxRateBp),
            icd10: l.icd10Codes,
          };
        })
      : [blankLine()],
  );
  const [busy, setBusy] = useState<'save' | 'post' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  /** Set by the clerk's own edits (not by the defaults filled in on load): what autosave and the leave question watch. */
  const touched = useRef(false);
  const setHeader = (h: HeaderDraft) => {
    touched.current = true;
    setHeaderState(h);
  };
  const setLines = (f: (ls: LineDraft[]) => LineDraft[]) => {
    touched.current = true;
    setLinesState(f);
  };
  /** The stored draft behind this screen: the one opened, or the one autosave or Save draft created. */
  const draftId = useRef<number | null>(draft?.id ?? null);
  /** What was last stored (the keepable payload as JSON); null: nothing yet. */
  const savedKey = useRef<string | null>(null);
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  /** True once the screen leaves on purpose (posted, discarded): no question, no autosave. */
  const leaving = useRef(false);
  const [keptAt, setKeptAt] = useState<string | null>(draft?.updatedAt ?? null);
  const [keepError, setKeepError] = useState<string | null>(null);
  const [asking, setAsking] = useState<'post' | 'discard' | null>(null);
  /** The line whose field takes focus after the next render (a new line's code). */
  const focusNext = useRef<{ index: number; field: LineField } | null>(null);

  // Defaults once known: today's date and the account's terms (not before the account and the settings
  // are loaded, or the fallback would stick and the account's own terms never show).
  const accountTerms = account.data?.terms;
  const defaultTerms = settings.data?.defaultTerms;
  const known = account.data !== undefined && settings.data !== undefined;
  useEffect(() => {
    if (!known) return;
    setHeaderState((h) => ({ ...h, invoiceDate: h.invoiceDate || today, terms: h.terms || accountTerms || defaultTerms || 'Net 30' }));
  }, [known, today, accountTerms, defaultTerms]);

  const setLine = (key: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const pickItem = (key: number, item: Item) =>
    setLine(key, {
      itemCode: item.code,
      description: item.description,
      unitPrice: centsToDecimalString(item.unitPriceCents),
      taxRate: basisPointsToText(item.taxRateBp),
    });

  // Parse every field; collect field errors; compute totals with the shared function the backend uses.
  const parsed = useMemo(() => {
    const errors: Record<string, string> = {};
    const inputs: (TotalsLineInput & InvoiceLineInput & { taxRateBp: number })[] = [];
    const used = lines.filter((l, i) => i < lines.length - 1 || l.itemCode || l.description || l.unitPrice);
    used.forEach((l) => {
      const q = parseQuantity(l.quantity);
      const p = parseMoney(l.unitPrice || '0');
      const tax = parsePercent(l.taxRate || '0');
      let discount: Discount | null = null;
      if (!l.itemCode.trim()) errors[`${l.key}.itemCode`] = 'Code needed';
      if (!l.description.trim()) errors[`${l.key}.description`] = 'Describe the line';
      if (q === null || q <= 0) errors[`${l.key}.quantity`] = `Quantity above 0, at most ${formatQuantity(MAX_QUANTITY_MILLI)}`;
      if (p === null || p < 0) errors[`${l.key}.unitPrice`] = 'Not an amount';
      if (tax === null || tax > 10000) errors[`${l.key}.taxRate`] = '0 to 100%';
      if (l.discount.trim()) {
        if (l.discountKind === 'percent') {
          const bp = parsePercent(l.discount);
          if (bp === null || bp > 10000) errors[`${l.key}.discount`] = '0 to 100%';
          else discount = { kind: 'percent', basisPoints: bp };
        } else {
          const c = parseMoney(l.discount);
          if (c === null || c < 0) errors[`${l.key}.discount`] = 'Not an amount';
          else discount = { kind: 'amount', cents: c };
        }
      }
      const bad = l.icd10.find((c) => !ICD10.test(c.trim().toUpperCase()));
      if (bad) errors[`${l.key}.icd10`] = `${bad} is not an ICD-10 code (e.g. E11.9)`;
      inputs.push({
        itemCode: l.itemCode.trim(),
        description: l.description.trim(),
        quantityMilli: q ?? 0,
        unitPriceCents: p ?? cents(0),
        discount,
        taxRateBp: tax ?? 0,
        icd10Codes: l.icd10.map((c) => c.trim().toUpperCase()),
      });
    });
    let invoiceDiscount: Discount | null = null;
    if (header.discount.trim()) {
      if (header.discountKind === 'percent') {
        const bp = parsePercent(header.discount);
        if (bp === null || bp > 10000) errors.invoiceDiscount = '0 to 100%';
        else invoiceDiscount = { kind: 'percent', basisPoints: bp };
      } else {
        const c = parseMoney(header.discount);
        if (c === null || c < 0) errors.invoiceDiscount = 'Not an amount';
        else invoiceDiscount = { kind: 'amount', cents: c };
      }
    }
    const shipping = header.shipping.trim() ? parseMoney(header.shipping) : cents(0);
    if (shipping === null || shipping < 0) errors.shipping = 'Not an amount';
    const terms = parseTerms(header.terms);
    if (!terms) errors.terms = 'Like “Net 30” or “2/10 Net 30”';
    if (!isIsoDate(header.invoiceDate)) errors.invoiceDate = 'Pick a date';
    if (header.shipTo && !header.shipTo.line1.trim()) errors['shipTo.line1'] = 'Street address needed';
    if (header.shipTo && !header.shipTo.city.trim()) errors['shipTo.city'] = 'City needed';
    let totals: InvoiceTotals | null = null;
    let totalsError: string | null = null;
    const lineFieldErrors = Object.keys(errors).some((k) => /^\d+\./.test(k));
    if (!lineFieldErrors && !errors.invoiceDiscount && !errors.shipping) {
      try {
        totals = computeInvoiceTotals({
          lines: inputs,
          invoiceDiscount,
          shippingCents: shipping ?? cents(0),
          shippingTaxRateBp: settings.data?.shippingTaxRateBp ?? 0,
        });
      } catch (e) {
        if (e instanceof TotalsError) totalsError = e.message;
        else throw e;
      }
    }
    const dates = terms && isIsoDate(header.invoiceDate) ? termsDates(header.invoiceDate, terms) : null;
    return { errors, inputs, invoiceDiscount, shipping: shipping ?? 0, totals, totalsError, terms, dates, usedKeys: new Set(used.map((l) => l.key)) };
  }, [lines, header, settings.data?.shippingTaxRateBp]);

  const err = (key: string) => (showErrors ? parsed.errors[key] : undefined);
  const valid = Object.keys(parsed.errors).length === 0 && !parsed.totalsError && parsed.inputs.length > 0;

  const payload = () => ({
    invoiceDate: header.invoiceDate,
    terms: header.terms,
    poNumber: header.poNumber,
    memo: header.memo,
    lines: parsed.inputs,
    invoiceDiscount: parsed.invoiceDiscount,
    shippingCents: parsed.shipping,
    shipTo: header.shipTo,
  });

  const save = async (): Promise<InvoiceDetail | null> => {
    setShowErrors(true);
    setError(null);
    if (!valid) {
      setError(parsed.totalsError ?? (parsed.inputs.length === 0 ? 'Add at least one line.' : 'Some fields need attention; they are marked in red.'));
      return null;
    }
    return persist(payload());
  };

  // ---- Nothing typed is lost: the keepable part of the form is stored as a draft as the clerk types ----

  /** What can be stored now: every field that parses and every complete line; the rest waits. */
  const keepable = useMemo(() => {
    const keys = [...parsed.usedKeys];
    const complete = keys.map((k) => !Object.keys(parsed.errors).some((e) => e.startsWith(`${k}.`)));
    const errs = parsed.errors;
    const body = {
      ...(errs.invoiceDate ? {} : { invoiceDate: header.invoiceDate }),
      ...(errs.terms ? {} : { terms: header.terms }),
      poNumber: header.poNumber,
      memo: header.memo,
      lines: parsed.inputs.filter((_, i) => complete[i]),
      invoiceDiscount: errs.invoiceDiscount ? null : parsed.invoiceDiscount,
      shippingCents: errs.shipping ? 0 : parsed.shipping,
      shipTo: errs['shipTo.line1'] || errs['shipTo.city'] ? null : header.shipTo,
    };
    const meaningful = lines.some((l) => l.itemCode.trim() || l.description.trim() || l.unitPrice.trim()) || !!header.memo.trim() || !!header.poNumber.trim();
    const notKept = keys.map((_, i) => i + 1).filter((_, i) => !complete[i]);
    return { body, key: JSON.stringify(body), meaningful, notKept };
  }, [parsed, header, lines]);
  type DraftBody = typeof keepable.body;

  /** The one writer of the draft: creates it the first time, updates it after; one write at a time. */
  const persist = (body: DraftBody): Promise<InvoiceDetail> => {
    const key = JSON.stringify(body);
    const run = writes.current.then(async () => {
      const id = draftId.current;
      const saved =
        id !== null
          ? await unwrap(window.api.invoices.updateDraft({ invoiceId: id, ...body }))
          : await unwrap(window.api.invoices.createDraft({ accountId, ...body }));
      draftId.current = saved.id;
      savedKey.current = key;
      setKeptAt(saved.updatedAt);
      setKeepError(null);
      queryClient.setQueryData(['invoices', 'get', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'drafts'] });
      return saved;
    });
    writes.current = run.catch(() => undefined);
    return run;
  };
  const unkept = () => touched.current && keepable.meaningful && keepable.key !== savedKey.current && !leaving.current;
  /** Keep what can be kept now (leaving, or the debounce elapsed); a failure is shown, not thrown away. */
  const keepNow = async () => {
    if (!unkept()) return;
    try {
      await persist(keepable.body);
    } catch (e) {
      setKeepError(e instanceof Error ? e.message : String(e));
      throw e;
    }
  };
  const [settledKey] = useDebouncedValue(keepable.key, 800);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the typed content settles, with the latest state
  useEffect(() => {
    if (settledKey === keepable.key) keepNow().catch(() => undefined);
  }, [settledKey]);
  // Leaving by a way the guard does not see (the session locks, the window closes): keep it anyway.
  const keepOnUnmount = useRef(keepNow);
  keepOnUnmount.current = keepNow;
  useEffect(() => () => void keepOnUnmount.current().catch(() => undefined), []);

  const onSave = async () => {
    setBusy('save');
    try {
      const saved = await save();
      if (saved) notifications.show({ color: 'teal', message: `Draft saved: ${formatMoney(saved.totalCents)}. It is not on the ledger until posted.` });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const onPost = async () => {
    setBusy('post');
    try {
      const saved = await save();
      if (!saved) return;
      const posted = await unwrap(window.api.invoices.post({ invoiceId: saved.id }));
      leaving.current = true;
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'drafts'] });
      queryClient.setQueryData(['invoices', 'get', posted.id], posted);
      notifications.show({
        color: 'teal',
        title: `Invoice ${posted.number} posted`,
        message: `${formatMoney(posted.totalCents)} due ${formatDate(posted.dueDate)}.`,
      });
      navigate(`/accounts/${accountId}/invoices/${posted.id}`, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const onDelete = async () => {
    leaving.current = true;
    try {
      await writes.current;
      if (draftId.current !== null) {
        await unwrap(window.api.invoices.deleteDraft({ invoiceId: draftId.current }));
        void queryClient.invalidateQueries({ queryKey: ['invoices', 'drafts'] });
        notifications.show({ color: 'gray', message: 'Draft deleted.' });
      }
      navigate(`/accounts/${accountId}`);
    } catch (e) {
      leaving.current = false;
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  /** Discard / Delete draft: asks first when something would be lost. */
  const askDiscard = () => (keepable.meaningful || draftId.current !== null ? setAsking('discard') : void onDelete());
  /** Ctrl+Enter: the same checks as Post invoice, then a question that Enter confirms. */
  const askPost = () => {
    setShowErrors(true);
    if (!valid)
      return setError(parsed.totalsError ?? (parsed.inputs.length === 0 ? 'Add at least one line.' : 'Some fields need attention; they are marked in red.'));
    setError(null);
    setAsking('post');
  };

  // ---- Keyboard first ----
  const addLine = () => {
    focusNext.current = { index: lines.length, field: 'code' };
    setLines((ls) => [...ls, blankLine()]);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each render of a changed line list, when the new line exists
  useEffect(() => {
    const f = focusNext.current;
    if (!f) return;
    focusNext.current = null;
    focusLineField(f.index, f.field);
  }, [lines]);
  /** Enter in a line: on to the next field; from the last field, the next line (a new one after the last). */
  const enterNext = (index: number, field: LineField): ((e: KeyboardEvent<HTMLElement>) => void) =>
    getHotkeyHandler([
      [
        shortcuts.invoiceNextField.hotkey,
        (e) => {
          // In the code field, Enter first picks the highlighted price-list item.
          if (field === 'code' && e.target instanceof HTMLElement && comboboxHasChoice(e.target)) return;
          e.preventDefault();
          const line = lines[index];
          if (field === 'code') return focusLineField(index, line?.description.trim() ? 'quantity' : 'description');
          const next = lineFields[lineFields.indexOf(field) + 1];
          if (next) return focusLineField(index, next);
          if (index < lines.length - 1) return focusLineField(index + 1, 'code');
          if (line && (line.itemCode.trim() || line.description.trim() || line.unitPrice.trim())) addLine();
        },
        { preventDefault: false },
      ],
    ]);
  useHotkeys(
    [
      [shortcuts.invoiceSave.hotkey, () => busy === null && !asking && void onSave()],
      [shortcuts.invoicePost.hotkey, () => busy === null && !asking && askPost()],
      [
        shortcuts.invoiceLeave.hotkey,
        (e) => {
          const target = e.target instanceof Element ? e.target : null;
          // Esc first closes an open list or dialog; only a plain Esc in the form leaves.
          if (asking || target?.closest('[role="dialog"]') || target?.getAttribute('aria-expanded') === 'true') return;
          navigate(`/accounts/${accountId}`);
        },
        { preventDefault: false },
      ],
    ],
    [],
  );

  const itemOptions = (items.data ?? []).map((i) => ({ value: i.code, label: i.code }));
  const itemByCode = new Map((items.data ?? []).map((i) => [i.code, i]));
  const t = parsed.totals;

  return (
    <Box pb="xl">
      <InvoiceBreadcrumbs accountId={accountId} accountLabel={account.data ? `${account.data.name}` : '…'} current={draft ? 'Draft invoice' : 'New invoice'} />
      <LeaveGuard
        shouldAsk={() => touched.current && keepable.meaningful && !leaving.current}
        title="Leave this invoice?"
        message={leaveMessage(keepable.notKept)}
        leaveLabel="Keep as draft and leave"
        beforeLeave={keepNow}
      />
      <LeaveQuestion
        opened={asking === 'discard'}
        title={draftId.current !== null ? 'Delete this draft?' : 'Discard this invoice?'}
        message="What you typed on this invoice is deleted and cannot be brought back."
        stayLabel="Keep it"
        leaveLabel={draftId.current !== null ? 'Delete draft' : 'Discard'}
        leaveColor="red"
        onStay={() => setAsking(null)}
        onLeave={() => {
          setAsking(null);
          void onDelete();
        }}
      />
      <Modal opened={asking === 'post'} onClose={() => setAsking(null)} title="Post this invoice?" centered size={460}>
        <Stack gap="md">
          <Text size="sm">
            Post {parsed.totals ? formatMoney(parsed.totals.totalCents) : 'this invoice'} to {account.data?.name ?? 'the account'}? It gets its number and goes
            on the ledger; a posted invoice cannot be edited.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              Cancel
            </Button>
            <Button
              data-autofocus
              leftSection={<IconCheck size={16} />}
              onClick={() => {
                setAsking(null);
                void onPost();
              }}
            >
              Post invoice
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Group justify="space-between" align="flex-end" mb="md">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2} fz={22}>
              {draft ? 'Draft invoice' : 'New invoice'}
            </Title>
            <Badge variant="light" color="gray">
              Draft
            </Badge>
            <KeptNote keptAt={keptAt} error={keepError} notKept={touched.current ? keepable.notKept : []} />
          </Group>
          <Text size="sm" c="dimmed">
            For{' '}
            <Text span inherit fw={500} c="gray.8">
              {account.data?.name}
            </Text>{' '}
            ({account.data?.accountNumber}). The number is assigned when you post.
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={askDiscard}>
            {draft ? 'Delete draft' : 'Discard'}
          </Button>
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={busy === 'save'}
            disabled={busy !== null}
            onClick={() => void onSave()}
          >
            Save draft
          </Button>
          <Button leftSection={<IconCheck size={16} />} loading={busy === 'post'} disabled={busy !== null} onClick={() => void onPost()}>
            Post invoice
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="md" data-testid="invoice-error">
          {error}
        </Alert>
      )}

      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid cols={4} spacing="sm">
          <DateInput
            label="Invoice date"
            value={header.invoiceDate || null}
            onChange={(v) => setHeader({ ...header, invoiceDate: v ?? '' })}
            error={err('invoiceDate')}
          />
          <Autocomplete
            label="Terms"
            data={commonTerms}
            value={header.terms}
            onChange={(v) => setHeader({ ...header, terms: v })}
            error={err('terms') ?? (!parsed.terms && header.terms ? parsed.errors.terms : undefined)}
          />
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              Due date
            </Text>
            <Text size="sm" mt={6} data-testid="invoice-due-date">
              {parsed.dates ? formatDate(parsed.dates.dueDate) : '—'}
            </Text>
            {parsed.dates?.discountDate && parsed.terms && (
              <Text size="xs" c="teal.8" data-testid="invoice-discount-date">
                {formatBasisPoints(parsed.terms.discountBp)} off if paid by {formatDate(parsed.dates.discountDate)}
              </Text>
            )}
          </Stack>
          <TextInput label="PO number" value={header.poNumber} onChange={(e) => setHeader({ ...header, poNumber: e.currentTarget.value })} />
        </SimpleGrid>
      </Paper>

      <ShipToSection shipTo={header.shipTo} onChange={(shipTo) => setHeader({ ...header, shipTo })} error={err} />

      <Paper withBorder radius="md" mb="md" style={{ overflow: 'hidden' }}>
        <Table aria-label="Invoice lines" verticalSpacing={8} horizontalSpacing={8} style={{ tableLayout: 'fixed' }}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={34}>#</Table.Th>
              <Table.Th w={100}>Code</Table.Th>
              {/* The fixed columns leave the description the rest: at 1280 px about 230 px, enough for a service name on two lines. */}
              <Table.Th>Description</Table.Th>
              <Table.Th w={150}>ICD-10</Table.Th>
              <Table.Th w={68} ta="right">
                Qty
              </Table.Th>
              <Table.Th w={100} ta="right">
                Unit price
              </Table.Th>
              <Table.Th w={148} ta="right">
                Discount
              </Table.Th>
              <Table.Th w={80} ta="right">
                Tax %
              </Table.Th>
              <Table.Th w={104} ta="right">
                Amount
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => {
              const lt = t && parsed.usedKeys.has(l.key) ? t.lines[[...parsed.usedKeys].indexOf(l.key)] : undefined;
              return (
                <Table.Tr key={l.key} data-testid={`invoice-line-${i + 1}`} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Text size="sm" c="dimmed" mt={6}>
                      {i + 1}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Autocomplete
                      aria-label={`Line ${i + 1} code`}
                      placeholder="Code"
                      // The register starts at the first line's code: date and terms are filled in already.
                      autoFocus={i === 0}
                      // The list opens on typing (or ArrowDown), not on arriving: it would cover the lines below.
                      openOnFocus={false}
                      selectFirstOptionOnChange
                      onKeyDown={enterNext(i, 'code')}
                      data={itemOptions}
                      limit={30}
                      value={l.itemCode}
                      error={err(`${l.key}.itemCode`)}
                      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' }, dropdown: { minWidth: 380 } }}
                      comboboxProps={{ width: 420, position: 'bottom-start' }}
                      renderOption={({ option }) => {
                        const it = itemByCode.get(option.value);
                        return (
                          <Group justify="space-between" wrap="nowrap" w="100%" gap="sm">
                            <Box style={{ minWidth: 0 }}>
                              <Text size="sm" className="mono" fw={600}>
                                {option.value}
                                {it && it.codeSystem !== 'item' ? (
                                  <Text span size="xs" c="dimmed">
                                    {' '}
                                    {it.codeSystem.toUpperCase()}
                                  </Text>
                                ) : null}
                              </Text>
                              <Text size="xs" c="dimmed" truncate>
                                {it?.description}
                              </Text>
                            </Box>
                            {it && <Money cents={it.unitPriceCents} size="sm" />}
                          </Group>
                        );
                      }}
                      filter={({ options, search }) => {
                        const s = search.trim().toLowerCase();
                        return (options as { value: string; label: string }[]).filter(
                          (o) => !s || o.value.toLowerCase().startsWith(s) || (itemByCode.get(o.value)?.description.toLowerCase().includes(s) ?? false),
                        );
                      }}
                      onChange={(v) => setLine(l.key, { itemCode: v })}
                      onOptionSubmit={(v) => {
                        const it = itemByCode.get(v);
                        if (it) pickItem(l.key, it);
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Textarea
                      aria-label={`Line ${i + 1} description`}
                      placeholder="Description"
                      autosize
                      minRows={1}
                      maxRows={4}
                      value={l.description}
                      onChange={(e) => setLine(l.key, { description: e.currentTarget.value })}
                      onKeyDown={enterNext(i, 'description')}
                      error={err(`${l.key}.description`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TagsInput
                      aria-label={`Line ${i + 1} ICD-10 codes`}
                      placeholder={l.icd10.length ? '' : 'e.g. E11.9'}
                      value={l.icd10}
                      onChange={(v) =>
                        setLine(l.key, {
                          icd10: [
                            ...new Set(
                              v
                                .flatMap((c) => c.split(/[\s,;]+/))
                                .map((c) => c.trim().toUpperCase())
                                .filter(Boolean),
                            ),
                          ],
                        })
                      }
                      splitChars={[',', ' ', ';']}
                      maxTags={12}
                      error={parsed.errors[`${l.key}.icd10`]}
                      styles={{ inputField: { minWidth: 24 }, pill: { paddingInline: 6 } }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${i + 1} quantity`}
                      value={l.quantity}
                      onChange={(e) => setLine(l.key, { quantity: e.currentTarget.value })}
                      onKeyDown={enterNext(i, 'quantity')}
                      error={err(`${l.key}.quantity`)}
                      styles={{ input: { textAlign: 'right' } }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${i + 1} unit price`}
                      placeholder="0.00"
                      value={l.unitPrice}
                      onChange={(e) => setLine(l.key, { unitPrice: e.currentTarget.value })}
                      onKeyDown={enterNext(i, 'unit price')}
                      error={err(`${l.key}.unitPrice`)}
                      styles={{ input: { textAlign: 'right' } }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <DiscountInput
                      label={`Line ${i + 1} discount`}
                      kind={l.discountKind}
                      text={l.discount}
                      error={
                        err(`${l.key}.discount`) ??
                        (parsed.totalsError?.startsWith(`Line ${[...parsed.usedKeys].indexOf(l.key) + 1}:`) ? 'Too large' : undefined)
                      }
                      onChange={(kind, text) => setLine(l.key, { discountKind: kind, discount: text })}
                      onKeyDown={enterNext(i, 'discount')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${i + 1} tax rate`}
                      value={l.taxRate}
                      onChange={(e) => setLine(l.key, { taxRate: e.currentTarget.value })}
                      onKeyDown={enterNext(i, 'tax rate')}
                      error={err(`${l.key}.taxRate`)}
                      rightSection={
                        <Text size="xs" c="dimmed">
                          %
                        </Text>
                      }
                      styles={{ input: { textAlign: 'right' } }}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" mt={6} fw={500} className="num" data-testid={`line-${i + 1}-amount`}>
                      {lt ? formatMoney(lt.grossCents - lt.lineDiscountCents) : '—'}
                    </Text>
                    {lt && lt.lineDiscountCents > 0 && (
                      <Text size="xs" c="dimmed" className="num">
                        of {formatMoney(lt.grossCents)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label="Remove line">
                      <ActionIcon
                        mt={4}
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove line ${i + 1}`}
                        disabled={lines.length === 1}
                        onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group px="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} justify="space-between">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addLine}>
            Add line
          </Button>
          <Text size="xs" c="dimmed">
            {items.data?.length
              ? `${items.data.length} items and service codes in the price list; any CPT/HCPCS or office code may be typed.`
              : 'The price list is empty; type the code, description and price.'}
          </Text>
        </Group>
      </Paper>

      <Group align="flex-start" justify="space-between" wrap="nowrap" gap="md">
        <Textarea
          label="Memo"
          description="Printed on the invoice"
          autosize
          minRows={3}
          maxRows={6}
          style={{ flex: 1, maxWidth: 560 }}
          value={header.memo}
          onChange={(e) => setHeader({ ...header, memo: e.currentTarget.value })}
        />
        <Paper withBorder radius="md" p="md" w={420} data-testid="invoice-totals">
          <Stack gap={8}>
            <TotalRow label="Subtotal" value={t ? <Money cents={t.subtotalCents} /> : '—'} testId="total-subtotal" />
            <TotalRow
              label="Line discounts"
              value={t?.lineDiscountCents ? <Money cents={-t.lineDiscountCents} colorNegative={false} /> : '—'}
              testId="total-line-discounts"
            />
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">Invoice discount</Text>
              <Group gap={8} wrap="nowrap">
                <Box w={156}>
                  <DiscountInput
                    label="Invoice discount"
                    kind={header.discountKind}
                    text={header.discount}
                    error={err('invoiceDiscount') ?? (parsed.totalsError?.startsWith('Invoice discount') ? 'Too large' : undefined)}
                    onChange={(kind, text) => setHeader({ ...header, discountKind: kind, discount: text })}
                  />
                </Box>
                <Text w={96} ta="right" size="sm" className="num" data-testid="total-invoice-discount">
                  {t?.invoiceDiscountCents ? <Money cents={-t.invoiceDiscountCents} colorNegative={false} /> : '—'}
                </Text>
              </Group>
            </Group>
            <TotalRow label="Tax" value={t ? <Money cents={t.taxCents - t.shippingTaxCents} dimZero /> : '—'} testId="total-tax" />
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">Shipping</Text>
              <Group gap={8} wrap="nowrap">
                <TextInput
                  w={156}
                  aria-label="Shipping"
                  placeholder="0.00"
                  leftSection={
                    <Text size="xs" c="dimmed">
                      $
                    </Text>
                  }
                  value={header.shipping}
                  onChange={(e) => setHeader({ ...header, shipping: e.currentTarget.value })}
                  error={err('shipping')}
                  styles={{ input: { textAlign: 'right' } }}
                />
                <Text w={96} ta="right" size="sm" className="num" data-testid="total-shipping">
                  {t ? <Money cents={t.shippingCents + t.shippingTaxCents} dimZero /> : '—'}
                </Text>
              </Group>
            </Group>
            <Divider />
            <Group justify="space-between">
              <Text fw={700}>Total</Text>
              <Text fw={700} fz={20} className="num" data-testid="total-total">
                {t ? formatMoney(t.totalCents) : '—'}
              </Text>
            </Group>
            {t && parsed.dates?.discountDate && parsed.terms && (
              <Text size="xs" c="dimmed" ta="right">
                Early payment: {formatMoney(t.totalCents - applyBasisPoints(t.totalCents, parsed.terms.discountBp))} if paid by{' '}
                {formatDate(parsed.dates.discountDate)}
              </Text>
            )}
            {parsed.totalsError && (
              <Text size="xs" c="red.7">
                {parsed.totalsError}
              </Text>
            )}
          </Stack>
        </Paper>
      </Group>
    </Box>
  );
}

function leaveMessage(notKept: number[]): string {
  const kept = 'What you typed is kept as a draft: continue it from the account page or from Your drafts on the Accounts page.';
  if (!notKept.length) return kept;
  const which = notKept.length === 1 ? `Line ${notKept[0]} is` : `Lines ${notKept.join(', ')} are`;
  return `${kept} ${which} not complete (a code and a description are needed) and cannot be kept.`;
}

/** Beside the Draft badge: when the typed work was last kept, or why it could not be. */
function KeptNote({ keptAt, error, notKept }: { keptAt: string | null; error: string | null; notKept: number[] }) {
  if (error)
    return (
      <Text size="xs" c="red.7" data-testid="invoice-kept">
        Not kept as a draft yet: {error}
      </Text>
    );
  if (!keptAt) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="invoice-kept">
      Kept as a draft {formatInstant(keptAt)}
      {notKept.length ? ` (not line ${notKept.join(', ')}: incomplete)` : ''}
    </Text>
  );
}

const blankAddress: Address = { line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US' };

/** Optional: where the goods or services went, when not the billing address; printed beside Bill to. */
function ShipToSection({
  shipTo,
  onChange,
  error,
}: {
  shipTo: Address | null;
  onChange: (a: Address | null) => void;
  error: (key: string) => string | undefined;
}) {
  const set = (patch: Partial<Address>) => shipTo && onChange({ ...shipTo, ...patch });
  return (
    <Paper withBorder radius="md" p="md" mb="md" role="group" aria-label="Ship to">
      <Group justify="space-between" align="center">
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            Ship to
          </Text>
          <Text size="xs" c="dimmed">
            {shipTo ? 'Printed beside Bill to on the invoice.' : 'Optional: where the goods or services went, when not the billing address.'}
          </Text>
        </Stack>
        <Switch label="Ship to another address" checked={shipTo !== null} onChange={(e) => onChange(e.currentTarget.checked ? blankAddress : null)} />
      </Group>
      {shipTo && (
        <Group gap={8} mt="sm" grow wrap="nowrap" align="flex-start">
          <TextInput
            aria-label="Ship to: line 1"
            placeholder="Street address"
            style={{ flexGrow: 3 }}
            value={shipTo.line1}
            error={error('shipTo.line1')}
            onChange={(e) => set({ line1: e.currentTarget.value })}
          />
          <TextInput
            aria-label="Ship to: line 2"
            placeholder="Suite, building (optional)"
            style={{ flexGrow: 2 }}
            value={shipTo.line2}
            onChange={(e) => set({ line2: e.currentTarget.value })}
          />
          <TextInput
            aria-label="Ship to: city"
            placeholder="City"
            style={{ flexGrow: 2 }}
            value={shipTo.city}
            error={error('shipTo.city')}
            onChange={(e) => set({ city: e.currentTarget.value })}
          />
          <Select
            aria-label="Ship to: state"
            placeholder="State"
            searchable
            data={usStates}
            value={shipTo.state || null}
            onChange={(v) => set({ state: v ?? '' })}
          />
          <TextInput aria-label="Ship to: ZIP code" placeholder="ZIP" value={shipTo.postalCode} onChange={(e) => set({ postalCode: e.currentTarget.value })} />
        </Group>
      )}
    </Paper>
  );
}

function AddressBlock({ label, name, lines, testId }: { label: string; name?: string; lines: string[]; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {name && <Text fw={600}>{name}</Text>}
      {lines.map((l) => (
        <Text size="sm" key={l}>
          {l}
        </Text>
      ))}
    </Stack>
  );
}

function TotalRow({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Group justify="space-between">
      <Text size="sm">{label}</Text>
      <Text size="sm" className="num" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

function DiscountInput({
  label,
  kind,
  text,
  error,
  onChange,
  onKeyDown,
}: {
  label: string;
  kind: 'percent' | 'amount';
  text: string;
  error?: string;
  onChange: (kind: 'percent' | 'amount', text: string) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
}) {
  return (
    <TextInput
      aria-label={label}
      onKeyDown={onKeyDown}
      placeholder={kind === 'percent' ? '0' : '0.00'}
      value={text}
      error={error}
      onChange={(e) => onChange(kind, e.currentTarget.value)}
      styles={{ input: { textAlign: 'right' } }}
      rightSectionWidth={64}
      rightSection={
        <SegmentedControl
          size="xs"
          aria-label={`${label} kind`}
          value={kind}
          onChange={(v) => onChange(v as 'percent' | 'amount', text)}
          data={[
            { value: 'percent', label: '%' },
            { value: 'amount', label: '$' },
          ]}
          styles={{ root: { padding: 2 }, label: { padding: '0 6px' } }}
        />
      }
    />
  );
}

function InvoiceBreadcrumbs({ accountId, accountLabel, current }: { accountId: number; accountLabel: string; current: string }) {
  return (
    <Breadcrumbs mb={6}>
      <Anchor component={Link} to="/accounts" size="sm">
        Accounts
      </Anchor>
      <Anchor component={Link} to={`/accounts/${accountId}`} size="sm">
        {accountLabel}
      </Anchor>
      <Text size="sm" c="dimmed">
        {current}
      </Text>
    </Breadcrumbs>
  );
}

/** A posted invoice: read-only, as the customer sees it; corrections go through a credit note. */
function PostedInvoice({ invoice }: { invoice: InvoiceDetail }) {
  const [crediting, setCrediting] = useState(false);
  const inv = invoice;
  const navigate = useNavigate();
  useHotkeys(crediting ? [] : [[shortcuts.invoiceLeave.hotkey, () => navigate(`/accounts/${inv.accountId}`)]]);
  const account = useAccount(inv.accountId);
  const billTo = account.data ? addressLines(account.data.mailingAddress ?? account.data.billingAddress) : [];
  return (
    <Box pb="xl">
      <InvoiceBreadcrumbs accountId={inv.accountId} accountLabel={inv.accountName} current={inv.number ?? 'Invoice'} />
      <Group justify="space-between" align="flex-end" mb="md">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2} fz={22}>
              Invoice{' '}
              <Text span inherit className="mono" data-testid="invoice-number">
                {inv.number}
              </Text>
            </Title>
            <Badge variant="light" color="teal">
              Posted
            </Badge>
            {inv.openCents === 0 ? (
              <Badge variant="light" color="gray">
                Paid
              </Badge>
            ) : inv.openCents < inv.totalCents ? (
              <Badge variant="light" color="yellow">
                Part paid
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            Posted {inv.postedAt ? formatInstant(inv.postedAt) : ''}
            {inv.postedBy ? ` by ${inv.postedBy}` : ''}. Posted invoices cannot be edited; issue a credit note to correct one.
          </Text>
        </Stack>
        <Group gap="xs" align="flex-start">
          <Button component={Link} to={`/accounts/${inv.accountId}`} variant="default">
            Back to account
          </Button>
          <DocumentActions documents={[{ kind: 'invoice', documentId: inv.id }]} number={inv.number} accountId={inv.accountId} shortcut />
          <Button leftSection={<IconFileMinus size={16} />} variant="light" onClick={() => setCrediting(true)}>
            Issue credit note
          </Button>
        </Group>
      </Group>
      <Paper withBorder radius="md" p="xl" maw={1000}>
        <Group justify="space-between" align="flex-start" mb="lg">
          <Group gap="xl" align="flex-start">
            <Stack gap={2}>
              <AddressBlock label="Bill to" name={inv.accountName} lines={billTo} testId="posted-bill-to" />
              <Text size="sm" c="dimmed" className="mono">
                {inv.accountNumber}
              </Text>
            </Stack>
            {inv.shipTo && <AddressBlock label="Ship to" lines={addressLines(inv.shipTo)} testId="posted-ship-to" />}
          </Group>
          <SimpleGrid cols={inv.discountDate ? 4 : 3} spacing="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Invoice date
              </Text>
              <Text size="sm">{formatDate(inv.invoiceDate)}</Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Terms
              </Text>
              <Text size="sm">{inv.terms}</Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Due
              </Text>
              <Text size="sm" fw={500}>
                {formatDate(inv.dueDate)}
              </Text>
            </Stack>
            {inv.discountDate && (
              <Stack gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Discount by
                </Text>
                <Text size="sm">
                  {formatDate(inv.discountDate)} ({formatBasisPoints(inv.discountBp)})
                </Text>
              </Stack>
            )}
          </SimpleGrid>
        </Group>
        <Table aria-label="Invoice lines" verticalSpacing={6} withTableBorder>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={110}>Code</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right" w={70}>
                Qty
              </Table.Th>
              <Table.Th ta="right" w={110}>
                Unit price
              </Table.Th>
              <Table.Th ta="right" w={110}>
                Discount
              </Table.Th>
              <Table.Th ta="right" w={70}>
                Tax
              </Table.Th>
              <Table.Th ta="right" w={120}>
                Amount
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inv.lines.map((l) => (
              <Table.Tr key={l.lineNo}>
                <Table.Td className="mono">{l.itemCode}</Table.Td>
                <Table.Td>
                  {l.description}
                  {l.icd10Codes.length > 0 && (
                    <Text size="xs" c="dimmed">
                      ICD-10: {l.icd10Codes.join(', ')}
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
                  {l.lineDiscountCents ? (
                    <Text size="sm" className="num">
                      {l.discount?.kind === 'percent' ? `${formatBasisPoints(l.discount.basisPoints)} · ` : ''}
                      {formatMoney(l.lineDiscountCents)}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {l.taxRateBp ? formatBasisPoints(l.taxRateBp) : '—'}
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={l.grossCents - l.lineDiscountCents} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" align="flex-start" mt="md">
          <Box maw={420}>
            {inv.memo && (
              <>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Memo
                </Text>
                <Text size="sm">{inv.memo}</Text>
              </>
            )}
            {inv.poNumber && (
              <Text size="sm" mt="xs">
                PO {inv.poNumber}
              </Text>
            )}
          </Box>
          <Stack gap={6} w={320}>
            <TotalRow label="Subtotal" value={<Money cents={inv.subtotalCents} />} />
            {inv.discountCents > 0 && (
              <TotalRow label="Discounts" value={<Money cents={-inv.discountCents} colorNegative={false} />} testId="posted-discounts" />
            )}
            {inv.taxCents > 0 && <TotalRow label="Tax" value={<Money cents={inv.taxCents} />} />}
            {inv.shippingCents > 0 && <TotalRow label="Shipping" value={<Money cents={inv.shippingCents} />} />}
            <Divider />
            <Group justify="space-between">
              <Text fw={700}>Total</Text>
              <Text fw={700} fz={18} className="num" data-testid="posted-total">
                {formatMoney(inv.totalCents)}
              </Text>
            </Group>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                Open
              </Text>
              <Money cents={inv.openCents} size="sm" fw={600} data-testid="posted-open" />
            </Group>
          </Stack>
        </Group>
      </Paper>
      {crediting && (
        <CreditNoteModal
          invoices={[{ id: inv.id, number: inv.number, totalCents: inv.totalCents, openCents: inv.openCents }]}
          invoiceId={inv.id}
          accountId={inv.accountId}
          onClose={() => setCrediting(false)}
        />
      )}
    </Box>
  );
}
