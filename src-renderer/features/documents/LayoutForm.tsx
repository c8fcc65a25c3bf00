import { useState } from 'react';
import { Alert, Button, Divider, Group, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { NUDGE_MAX_MM, paperSizes, type DocumentSettingsView, type Layout, type PaperSize } from '@shared/domain/documents';
import { paperLabels } from '@shared/domain/documents-text';
import { DocumentActions } from './DocumentActions';
import { saveDocumentSettings, saveProblem } from './settingsApi';

/** Page layout: paper, the envelope window's fine position, the return-address window and fold marks; the calibration page. */
export function LayoutForm({ view, canEdit }: { view: DocumentSettingsView; canEdit: boolean }) {
  const [value, setValue] = useState<Layout>(view.layout);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const fields = problem?.fields ?? {};
  const set = (patch: Partial<Layout>) => setValue((v) => ({ ...v, ...patch }));
  const mm = (n: number | string) => (typeof n === 'number' ? n : 0);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setValue((await saveDocumentSettings({ layout: value })).layout);
      notifications.show({ color: 'teal', message: 'Page layout saved.' });
    } catch (err) {
      setProblem(saveProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb={4}>
        Page layout
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The address sits where a #10 window envelope shows it (DIN 5008 on A4), with the page folded in thirds.
      </Text>
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Paper
          </Text>
          <SegmentedControl
            aria-label="Paper"
            data={paperSizes.map((p) => ({ value: p, label: paperLabels[p] }))}
            value={value.paper}
            onChange={(v) => set({ paper: v as PaperSize })}
            disabled={!canEdit}
            w="fit-content"
          />
        </Stack>
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label="Move right (mm)"
            description="Negative moves left"
            min={-NUDGE_MAX_MM}
            max={NUDGE_MAX_MM}
            step={0.5}
            decimalScale={1}
            clampBehavior="strict"
            value={value.nudgeXmm}
            error={fields['layout.nudgeXmm']}
            disabled={!canEdit}
            onChange={(n) => set({ nudgeXmm: mm(n) })}
          />
          <NumberInput
            label="Move down (mm)"
            description="Negative moves up"
            min={-NUDGE_MAX_MM}
            max={NUDGE_MAX_MM}
            step={0.5}
            decimalScale={1}
            clampBehavior="strict"
            value={value.nudgeYmm}
            error={fields['layout.nudgeYmm']}
            disabled={!canEdit}
            onChange={(n) => set({ nudgeYmm: mm(n) })}
          />
        </SimpleGrid>
        <Switch
          label="Return address in the upper window (double-window envelopes)"
          checked={value.returnAddressWindow}
          disabled={!canEdit}
          onChange={(e) => set({ returnAddressWindow: e.currentTarget.checked })}
        />
        <Switch
          label="Fold marks in the left margin"
          checked={value.foldMarks}
          disabled={!canEdit}
          onChange={(e) => set({ foldMarks: e.currentTarget.checked })}
        />
        {problem && <Alert color="red">{problem.message}</Alert>}
        {canEdit && (
          <Group justify="flex-end">
            <Button onClick={() => void save()} loading={busy}>
              Save layout
            </Button>
          </Group>
        )}
        <Divider my={4} />
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm" c="dimmed" maw={440}>
            Print the calibration page on plain paper, fold it in thirds and slide it into a window envelope: the framed address must show whole in the window.
            If it does not, move it above by the millimetres it is off, save, and print again.
          </Text>
          <DocumentActions documents={[{ kind: 'calibration' }]} channels={['print', 'pdf']} printLabel="Print calibration page" size="xs" />
        </Group>
      </Stack>
    </Paper>
  );
}
