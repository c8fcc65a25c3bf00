import { useState } from 'react';
import { Badge, Box, Center, Divider, Grid, Group, Loader, Paper, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconFileSpreadsheet, IconTable } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { dateInZone, formatInstant } from '@shared/dates';
import { PageHeader } from '../../components/PageHeader';
import { useCompanySettings } from '../accounts/api';
import { catalogue, type WorkbookId, workbookIds } from './catalogue';
import { ExportFooter, sizeText } from './ExportFooter';
import { AgingForm, AuditTrailForm, BillingPackForm, CashReceiptsForm, CollectionsActivityForm, type ReportFormProps } from './forms';
import { useReportExport } from './useReportExport';
import { QuickBooksForm } from '../quickbooks/QuickBooksForm';

const forms: Record<WorkbookId, (p: ReportFormProps) => React.ReactNode> = {
  aging: AgingForm,
  billingPack: BillingPackForm,
  collectionsActivity: CollectionsActivityForm,
  cashReceipts: CashReceiptsForm,
  auditTrail: AuditTrailForm,
  quickbooks: QuickBooksForm,
};

interface Exported {
  fileName: string;
  bytes: number;
  at: Date;
  workbook: WorkbookId;
}

/**
 * Reports (supervisors and administrators): the workbooks, each with what it holds and its settings,
 * exported to Excel under the name the backend gives it. The chosen workbook is in the URL.
 */
export function ReportsScreen() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('workbook');
  const selected: WorkbookId = workbookIds.find((w) => w === asked) ?? 'aging';
  // The forms start from today in the office's time zone, so they wait for it (near midnight the
  // workstation's own date can be another day).
  const company = useCompanySettings();
  const today = company.data ? dateInZone(new Date(), company.data.timeZone) : null;
  const [exported, setExported] = useState<Exported[]>([]);

  return (
    <>
      <PageHeader
        title="Reports"
        description="Excel workbooks for month-end, audits and the team, each starting with an About sheet stating its filters and every figure’s definition; and the journal for QuickBooks."
      />
      <Grid gap="lg">
        <Grid.Col span={4}>
          <Stack gap="xs" role="tablist" aria-label="Workbooks" aria-orientation="vertical">
            {workbookIds.map((id) => (
              <WorkbookCard key={id} id={id} active={id === selected} onPick={() => setParams({ workbook: id }, { replace: true })} />
            ))}
          </Stack>
          <RecentExports list={exported} />
        </Grid.Col>
        <Grid.Col span={8}>
          {today ? (
            <WorkbookPanel
              key={selected}
              id={selected}
              today={today}
              onSaved={(f) => setExported((list) => [{ ...f, workbook: selected }, ...list].slice(0, 6))}
            />
          ) : (
            <Center h={240}>
              <Loader size="sm" />
            </Center>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}

function WorkbookCard({ id, active, onPick }: { id: WorkbookId; active: boolean; onPick: () => void }) {
  const w = catalogue[id];
  return (
    <UnstyledButton
      role="tab"
      aria-selected={active}
      aria-controls="report-panel"
      onClick={onPick}
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: `1px solid ${active ? 'var(--mantine-color-ledger-5)' : 'var(--mantine-color-gray-3)'}`,
        background: active ? 'var(--mantine-color-ledger-0)' : 'white',
        boxShadow: active ? '0 0 0 1px var(--mantine-color-ledger-5)' : undefined,
      }}
    >
      <Group wrap="nowrap" gap="sm" align="flex-start">
        <ThemeIcon size={36} radius="md" variant="light" color={w.color}>
          {w.icon(20)}
        </ThemeIcon>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm">
            {w.title}
          </Text>
          <Text size="xs" c="dimmed" lh={1.35}>
            {w.summary}
          </Text>
        </Box>
        <IconChevronRight size={16} color={active ? 'var(--mantine-color-ledger-7)' : 'var(--mantine-color-gray-4)'} style={{ marginTop: 10 }} />
      </Group>
    </UnstyledButton>
  );
}

function WorkbookPanel({ id, today, onSaved }: { id: WorkbookId; today: string; onSaved: (f: Omit<Exported, 'workbook'>) => void }) {
  const w = catalogue[id];
  const Form = forms[id];
  const run = useReportExport();
  const fields = run.end?.kind === 'failed' ? run.end.fields : {};
  return (
    <Paper withBorder radius="md" p="lg" id="report-panel" role="tabpanel" aria-label={w.title} data-testid="report-panel">
      <Group wrap="nowrap" gap="md" align="flex-start" mb="md">
        <ThemeIcon size={48} radius="md" variant="light" color={w.color}>
          {w.icon(26)}
        </ThemeIcon>
        <Box style={{ flex: 1 }}>
          <Group gap="xs">
            <Title order={3} fz={19}>
              {w.title}
            </Title>
            <Badge variant="light" color="gray" size="sm" leftSection={<IconFileSpreadsheet size={12} />}>
              {w.format === 'iif' ? '.iif' : '.xlsx'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {w.summary}
          </Text>
        </Box>
      </Group>
      <Stack gap={6} mb="lg">
        {w.sheets.map((s) => (
          <Group key={s.name} gap={8} wrap="nowrap" align="flex-start">
            <IconTable size={16} color="var(--mantine-color-gray-5)" style={{ marginTop: 2, flexShrink: 0 }} />
            <Text size="sm">
              <Text span fw={600}>
                {s.name}
              </Text>
              <Text span c="dimmed">
                {' '}
                — {s.holds}
              </Text>
            </Text>
          </Group>
        ))}
      </Stack>
      <Divider label="Settings" labelPosition="left" mb="md" />
      <Form today={today} fields={fields}>
        {(request) => (
          <>
            <Divider my={4} />
            <ExportFooter
              problem={typeof request === 'string' ? request : null}
              running={run.running}
              progress={run.progress}
              end={run.end}
              onCancel={w.format === 'iif' ? undefined : run.cancel}
              {...(w.format === 'iif' ? iifFooter : {})}
              onExport={() => {
                if (typeof request === 'string') return;
                void run.start(request).then((end) => {
                  if (end.kind === 'saved') onSaved(end);
                });
              }}
            />
          </>
        )}
      </Form>
    </Paper>
  );
}

/** The QuickBooks journal's foot: an IIF file for File › Utilities › Import › IIF Files. */
const iifFooter = {
  label: 'Export for QuickBooks (IIF)',
  hint: 'An IIF file of journal entries for QuickBooks Desktop: File › Utilities › Import › IIF Files.',
};

function RecentExports({ list }: { list: Exported[] }) {
  if (list.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="sm" mt="lg" data-testid="report-recent">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
        Exported this session
      </Text>
      <Stack gap={6}>
        {list.map((f) => (
          <Group key={`${f.fileName}-${f.at.getTime()}`} gap={8} wrap="nowrap">
            <ThemeIcon size={22} radius="sm" variant="light" color={catalogue[f.workbook].color}>
              <IconFileSpreadsheet size={14} />
            </ThemeIcon>
            <Box style={{ minWidth: 0 }}>
              <Text size="xs" fw={500} truncate="end">
                {f.fileName}
              </Text>
              <Text size="xs" c="dimmed">
                {formatInstant(f.at)} · {sizeText(f.bytes)}
              </Text>
            </Box>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
