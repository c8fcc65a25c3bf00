import { Box, ColorSwatch, Group, Paper, Progress, SimpleGrid, Stack, Text, Tooltip, useMantineTheme, getThemeColor } from '@mantine/core';
import { formatMoney } from '@shared/money';
import { bucketColor } from './filters';

/**
 * The strip above the grid: what is owed, how much of it is past due, and how it spreads over the
 * buckets (a stacked bar with one legend entry per bucket). Figures are for the rows shown. Credits aged
 * into a bucket make it smaller (or negative); the bar shows the buckets that hold more than they owe back.
 */
export function AgingOverview(props: {
  totalLabel: string;
  labels: string[];
  buckets: number[];
  /** Shown when credits sit in the Unapplied column. */
  unappliedCents?: number;
  /** Shown when payments are kept apart. */
  prepaymentCents?: number;
  totalCents: number;
  rowCount: number;
  unit: 'accounts' | 'invoices' | 'items';
  basisLabel: string;
}) {
  const theme = useMantineTheme();
  const gross = props.buckets.reduce((s, b) => s + b, 0);
  const pastDue = gross - (props.buckets[0] ?? 0);
  // Shares of what the positive buckets hold, so the bar adds up to 100% when credits are aged too.
  const owed = props.buckets.reduce((s, b) => s + Math.max(0, b), 0);
  const pct = (c: number) => (owed > 0 ? (c / owed) * 100 : 0);
  const pctText = (c: number) => (owed > 0 ? `${(Math.round(pct(c) * 10) / 10).toFixed(1)}%` : '–');
  const figures = 2 + (props.unappliedCents === undefined ? 0 : 1) + (props.prepaymentCents === undefined ? 0 : 1);
  return (
    <Paper withBorder radius="md" p="sm" mb="sm">
      <Group align="stretch" gap="lg" wrap="nowrap">
        <SimpleGrid cols={figures} spacing="lg" style={{ flexShrink: 0 }}>
          <Figure
            label={props.totalLabel}
            value={formatMoney(props.totalCents)}
            note={`${props.rowCount.toLocaleString('en-US')} ${props.rowCount === 1 ? props.unit.slice(0, -1) : props.unit}`}
            testId="aging-total"
          />
          <Figure
            label="Past due"
            value={formatMoney(pastDue)}
            note={owed > 0 ? `${pctText(pastDue)} of open items` : 'Nothing open'}
            color={pastDue > 0 ? 'red.8' : undefined}
            testId="aging-past-due"
          />
          {props.unappliedCents !== undefined && (
            <Figure
              label="Unapplied credit"
              value={formatMoney(props.unappliedCents === 0 ? 0 : -props.unappliedCents)}
              note="Subtracted in the total"
              testId="aging-unapplied"
            />
          )}
          {props.prepaymentCents !== undefined && (
            <Figure
              label="Prepayments"
              value={formatMoney(props.prepaymentCents === 0 ? 0 : -props.prepaymentCents)}
              note="Kept apart, subtracted"
              testId="aging-prepayments"
            />
          )}
        </SimpleGrid>
        <Stack gap={8} style={{ flex: 1, minWidth: 0, borderLeft: '1px solid var(--mantine-color-gray-3)' }} pl="lg" justify="center">
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
              Open items by age
            </Text>
            <Text size="xs" c="dimmed">
              {props.basisLabel}
            </Text>
          </Group>
          <Progress.Root size={12} radius="sm" aria-label="Open items by age">
            {owed > 0 ? (
              props.buckets.map((b, i) =>
                b > 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the buckets are the fixed aging columns; the index is the bucket
                  <Tooltip key={i} label={`${props.labels[i]}: ${formatMoney(b)} (${pctText(b)})`}>
                    <Progress.Section value={pct(b)} color={bucketColor(i, props.buckets.length)} />
                  </Tooltip>
                ) : null,
              )
            ) : (
              <Progress.Section value={100} color="gray.2" />
            )}
          </Progress.Root>
          <Group gap="md" wrap="wrap" style={{ rowGap: 4 }}>
            {props.labels.map((l, i) => (
              <Group key={l} gap={6} wrap="nowrap">
                <ColorSwatch size={10} radius={2} color={getThemeColor(bucketColor(i, props.labels.length), theme)} withShadow={false} />
                <Text size="xs" fw={500}>
                  {l}
                </Text>
                <Text size="xs" c="dimmed" className="num">
                  {formatMoney(props.buckets[i] ?? 0)}
                </Text>
                <Text size="xs" c="dimmed">
                  ·
                </Text>
                <Text size="xs" c="dimmed" className="num">
                  {pctText(props.buckets[i] ?? 0)}
                </Text>
              </Group>
            ))}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

function Figure({ label, value, note, color, testId }: { label: string; value: string; note: string; color?: string; testId: string }) {
  return (
    <Box miw={150}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text fz={22} fw={600} c={color} className="num" ta="left" lh={1.3} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Box>
  );
}
