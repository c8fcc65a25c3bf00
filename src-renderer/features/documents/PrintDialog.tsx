import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconPrinter } from '@tabler/icons-react';
import { duplexModes, paperSizes, type DuplexMode, type OutputKind, type PaperSize, type PrintChoice, type PrinterInfo } from '@shared/domain/documents';
import { duplexLabels, outputKindPlurals, paperLabels, printerStatusLabels } from '@shared/domain/documents-text';
import { useDocumentSettings, usePrinters } from './api';
import { loadPrintChoice, savePrintChoice } from './printChoice';
import { RunProgress } from './RunProgress';
import type { RunProgressState } from './useDocumentRun';

/** The Select's value for "no printer": the operating system's print dialog asks. */
const SYSTEM = '__system__';

const statusColors: Record<PrinterInfo['status'], string> = { idle: 'teal', printing: 'blue', stopped: 'red', unknown: 'gray' };

/**
 * Print: the printer (or the system print dialog), paper, copies and duplex. The choice is remembered
 * for this kind of document on this workstation when the user prints.
 */
export function PrintDialog({
  kind,
  what,
  busy,
  progress,
  error,
  onPrint,
  onCancelRun,
  onClose,
}: {
  kind: OutputKind;
  /** "Invoice INV-000123", or "3 documents". */
  what: string;
  busy: boolean;
  progress: RunProgressState | null;
  error: { title: string; message: string } | null;
  onPrint: (choice: PrintChoice) => void;
  onCancelRun: () => void;
  onClose: () => void;
}) {
  const printers = usePrinters(true);
  const settings = useDocumentSettings();
  const [choice, setChoice] = useState<PrintChoice | null>(() => loadPrintChoice(kind));

  // First time for this kind: the default printer and the paper the office's layout uses.
  useEffect(() => {
    if (choice || !printers.data || !settings.data) return;
    const fallback = printers.data.find((p) => p.isDefault) ?? null;
    setChoice({ printer: fallback?.name ?? null, paper: settings.data.layout.paper, copies: 1, duplex: 'simplex' });
  }, [choice, printers.data, settings.data]);

  const list = printers.data ?? [];
  const chosen = choice?.printer ? list.find((p) => p.name === choice.printer) : undefined;
  const missing = Boolean(choice?.printer && printers.data && !chosen);
  const set = (patch: Partial<PrintChoice>) => setChoice((c) => (c ? { ...c, ...patch } : c));
  const submit = () => {
    if (!choice) return;
    savePrintChoice(kind, choice);
    onPrint(choice);
  };

  const options = [
    { value: SYSTEM, label: 'System print dialog' },
    ...list.map((p) => ({ value: p.name, label: `${p.displayName}${p.isDefault ? ' (default)' : ''}` })),
    ...(missing && choice?.printer ? [{ value: choice.printer, label: `${choice.printer} (not found)` }] : []),
  ];
  const byName = new Map(list.map((p) => [p.name, p]));

  return (
    <Modal
      opened
      onClose={busy ? () => undefined : onClose}
      title={
        <Group gap={6}>
          <IconPrinter size={18} />
          <Text fw={600}>Print {what}</Text>
        </Group>
      }
      size={480}
      centered
    >
      <Stack gap="sm">
        {printers.error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} title="The printers could not be listed">
            {printers.error.message}
          </Alert>
        )}
        <Select
          label="Printer"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          data={options}
          value={choice ? (choice.printer ?? SYSTEM) : null}
          onChange={(v) => set({ printer: v === SYSTEM || v === null ? null : v })}
          allowDeselect={false}
          disabled={!choice || busy}
          placeholder={printers.isPending ? 'Looking for printers…' : undefined}
          renderOption={({ option }) => {
            const p = byName.get(option.value);
            return (
              <Group justify="space-between" wrap="nowrap" w="100%">
                <Text size="sm">{option.label}</Text>
                {p && (
                  <Badge size="xs" variant="light" color={statusColors[p.status]}>
                    {printerStatusLabels[p.status]}
                  </Badge>
                )}
              </Group>
            );
          }}
          description={
            choice && !choice.printer
              ? 'The operating system asks which printer to use.'
              : chosen
                ? `${printerStatusLabels[chosen.status]}${chosen.isDefault ? ' · the default printer' : ''}`
                : undefined
          }
        />
        {chosen?.status === 'stopped' && (
          <Alert color="orange" icon={<IconAlertCircle size={16} />} py={8}>
            {chosen.displayName} is stopped. Start it in the system’s printer settings, or choose another printer.
          </Alert>
        )}
        {missing && (
          <Alert color="orange" icon={<IconAlertCircle size={16} />} py={8}>
            The printer last used for this kind of document is not on this computer now. Choose another.
          </Alert>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Paper
          </Text>
          <SegmentedControl
            aria-label="Paper"
            data={paperSizes.map((p) => ({ value: p, label: paperLabels[p] }))}
            value={choice?.paper ?? 'Letter'}
            onChange={(v) => set({ paper: v as PaperSize })}
            disabled={!choice || busy}
          />
        </Stack>
        <Group grow align="flex-start">
          <NumberInput
            label="Copies"
            min={1}
            max={99}
            clampBehavior="strict"
            allowDecimal={false}
            value={choice?.copies ?? 1}
            onChange={(v) => set({ copies: typeof v === 'number' && v >= 1 ? v : 1 })}
            disabled={!choice || busy}
          />
          <Select
            label="Sides"
            data={duplexModes.map((d) => ({ value: d, label: duplexLabels[d] }))}
            value={choice?.duplex ?? 'simplex'}
            onChange={(v) => v && set({ duplex: v as DuplexMode })}
            allowDeselect={false}
            disabled={!choice || busy}
          />
        </Group>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} title={error.title} data-testid="print-error">
            {error.message}
          </Alert>
        )}
        {busy && <RunProgress progress={progress} onCancel={onCancelRun} />}
        <Text size="xs" c="dimmed">
          The printer, paper, copies and sides are remembered for {outputKindPlurals[kind]} on this computer.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Close
          </Button>
          <Button leftSection={<IconPrinter size={16} />} onClick={submit} loading={busy} disabled={!choice || missing}>
            Print
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
