import { useEffect } from 'react';
import { Alert, Badge, Button, Grid, Group, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { IconAlertCircle, IconClockHour4, IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Dashboard } from '@shared/domain/dashboard';
import { formatDate, formatMonthShort } from '@shared/dates';
import { formatKpi } from '@shared/domain/kpi';
import { formatMoney, formatMoneyCompact } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { PageHeader } from '../../components/PageHeader';
import { bucketColor } from '../aging/filters';
import { DashboardCard, EmptyChart } from './DashboardCard';
import { definitions } from './definitions';

const CHART_HEIGHT = 190;
/** Axis ticks are chosen by the chart and need not be whole cents; the exact amount is in the tooltip. */
const axisMoney = (value: number) => formatMoneyCompact(Math.round(value));
const axisWhole = (value: number) => String(Math.round(value));
// interval 0: every tick labelled (recharts' default drops one of five with these short labels).
const moneyAxis = { tickFormatter: axisMoney, width: 64, tickCount: 5, interval: 0 };
const wholeAxis = { tickFormatter: axisWhole, tickCount: 5, interval: 0 };
const tooltipMoney = (value: number) => formatMoney(value);
const percent = (share: number | null) => (share === null ? 'n/a' : `${formatKpi(share * 100, 1)}%`);

/**
 * The supervisor's landing page: receivables and past due, the aging now and at the last 12 month-ends,
 * DSO and CEI by month, payment plans by status. One call (reports.dashboard), which composes the aging,
 * period-figures and plans services: every figure here is the same figure as in the Aging screen and the
 * workbooks (docs/reports.md, "The dashboard").
 */
export function DashboardScreen() {
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => unwrap(window.api.reports.dashboard({})) });
  // Any posting, plan or setting can move a figure: refetch on every change main announces.
  useEffect(() => window.api.on('data.changed', () => void queryClient.invalidateQueries({ queryKey: ['dashboard'] })), []);
  const d = dashboard.data;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          d ? (
            <span data-testid="dashboard-as-of">
              As of {formatDate(d.asOf)} · aging by {d.basis === 'due' ? 'due date' : 'invoice date'}
            </span>
          ) : (
            'Receivables, aging, DSO and CEI, payment plans'
          )
        }
        actions={
          <>
            <Button component={Link} to="/aging" variant="default" leftSection={<IconClockHour4 size={16} />}>
              Aging
            </Button>
            <Button component={Link} to="/reports" variant="default" leftSection={<IconFileSpreadsheet size={16} />}>
              Reports
            </Button>
          </>
        }
      />
      {dashboard.isError ? (
        <Alert color="red" icon={<IconAlertCircle />} title="The dashboard could not be loaded">
          {dashboard.error.message}
        </Alert>
      ) : d ? (
        <Figures d={d} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the dashboard">
      <SimpleGrid cols={4} mb="md">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={118} radius="md" />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={2} mb="md">
        <Skeleton h={CHART_HEIGHT + 60} radius="md" />
        <Skeleton h={CHART_HEIGHT + 60} radius="md" />
      </SimpleGrid>
      <Skeleton h={CHART_HEIGHT + 60} radius="md" />
    </div>
  );
}

function Figures({ d }: { d: Dashboard }) {
  const n = d.bucketLabels.length;
  const series = d.bucketLabels.map((label, i) => ({ name: `b${i}`, label, color: bucketColor(i, n) }));
  const open = d.now.buckets.reduce((a, b) => a + b, 0);
  const lastMonthEnd = d.monthEnds.at(-1)?.asOf;
  const anyHistory = d.monthEnds.some((m) => m.buckets.some((b) => b !== 0));
  const anyTrend = d.trend.some((t) => t.dso !== null || t.cei !== null);
  return (
    <>
      <SimpleGrid cols={4} mb="md">
        <DashboardCard title="Receivables" definition={definitions.receivables} link={{ to: '/aging', label: 'Aging' }} testId="card-receivables">
          <Text fz={26} fw={700} className="num" ta="left" data-testid="dashboard-receivables">
            {formatMoney(d.now.totalCents)}
          </Text>
          <Text size="sm" c="dimmed">
            {d.now.unappliedCents !== 0
              ? `${formatMoney(open)} open less ${formatMoney(d.now.unappliedCents)} unapplied credit`
              : 'Open items, no unapplied credit'}
          </Text>
        </DashboardCard>
        <DashboardCard title="Past due" definition={definitions.pastDue} link={{ to: '/aging?view=detail', label: 'Open items' }} testId="card-past-due">
          <Text fz={26} fw={700} className="num" ta="left" c={d.now.pastDueCents > 0 ? 'red.8' : undefined} data-testid="dashboard-past-due">
            {formatMoney(d.now.pastDueCents)}
          </Text>
          <Text size="sm" c="dimmed" data-testid="dashboard-past-due-share">
            {d.now.pastDueShare === null ? 'Nothing open' : `${percent(d.now.pastDueShare)} of open items`}
          </Text>
        </DashboardCard>
        <DashboardCard title="Promise kept rate" definition={definitions.promiseKeptRate} testId="card-kept-rate">
          <Text fz={26} fw={700} className="num" ta="left" data-testid="dashboard-kept-rate">
            {percent(d.team.promiseKeptRate)}
          </Text>
          <Text size="sm" c="dimmed">
            {d.team.promisesKept + d.team.promisesBroken === 0
              ? `No promise has fallen due since ${formatDate(d.team.from)}`
              : `${d.team.promisesKept} kept of ${d.team.promisesKept + d.team.promisesBroken} due since ${formatDate(d.team.from)}`}
          </Text>
        </DashboardCard>
        <DashboardCard title="Payment plans" definition={definitions.plans} testId="card-plans">
          <Group gap="lg" wrap="nowrap">
            <PlanCount label="Current" count={d.plans.current} color="teal" />
            <PlanCount label="Late" count={d.plans.late} color="orange" />
            <PlanCount label="Broken" count={d.plans.broken} color="red" />
          </Group>
        </DashboardCard>
      </SimpleGrid>

      <Grid columns={5} gap="md" mb="md">
        <Grid.Col span={2}>
          <DashboardCard
            title={`Aging as of ${formatDate(d.asOf)}`}
            definition={definitions.agingNow}
            link={{ to: '/aging', label: 'Aging' }}
            testId="card-aging-now"
          >
            {open === 0 ? (
              <EmptyChart height={CHART_HEIGHT}>Nothing is open as of {formatDate(d.asOf)}.</EmptyChart>
            ) : (
              <BarChart
                h={CHART_HEIGHT}
                data-testid="chart-aging-now"
                data={d.bucketLabels.map((label, i) => ({ bucket: label, amount: d.now.buckets[i]!, color: bucketColor(i, n) }))}
                dataKey="bucket"
                series={[{ name: 'amount', label: 'Open amount', color: 'ledger.6' }]}
                valueFormatter={tooltipMoney}
                yAxisProps={moneyAxis}
                gridAxis="y"
                maxBarWidth={48}
              />
            )}
          </DashboardCard>
        </Grid.Col>
        <Grid.Col span={3}>
          <DashboardCard
            title="Aging at the last 12 month-ends"
            definition={definitions.agingHistory}
            link={lastMonthEnd ? { to: `/aging?asOf=${lastMonthEnd}`, label: `Aging as of ${formatDate(lastMonthEnd)}` } : undefined}
            testId="card-aging-history"
          >
            {anyHistory ? (
              <BarChart
                h={CHART_HEIGHT}
                data-testid="chart-aging-history"
                data={d.monthEnds.map((m) => ({ month: formatMonthShort(m.asOf.slice(0, 7)), ...Object.fromEntries(m.buckets.map((b, i) => [`b${i}`, b])) }))}
                dataKey="month"
                type="stacked"
                series={series}
                valueFormatter={tooltipMoney}
                yAxisProps={moneyAxis}
                xAxisProps={{ interval: 1 }}
                gridAxis="y"
                withLegend
                legendProps={{ verticalAlign: 'bottom', height: 36 }}
              />
            ) : (
              <EmptyChart height={CHART_HEIGHT}>Nothing was owed at the last 12 month-ends.</EmptyChart>
            )}
          </DashboardCard>
        </Grid.Col>
      </Grid>

      <Grid columns={5} gap="md">
        <Grid.Col span={3}>
          <DashboardCard
            title="DSO and CEI by month"
            definition={`${definitions.dso} ${definitions.cei}`}
            link={{ to: '/reports', label: 'Billing pack' }}
            testId="card-trend"
          >
            {anyTrend ? (
              <LineChart
                h={CHART_HEIGHT}
                data-testid="chart-trend"
                data={d.trend.map((t) => ({ month: formatMonthShort(t.label), dso: t.dso, cei: t.cei }))}
                dataKey="month"
                series={[
                  { name: 'dso', label: 'DSO (days)', color: 'ledger.7' },
                  { name: 'cei', label: 'CEI (%)', color: 'orange.6', yAxisId: 'right' },
                ]}
                valueFormatter={(v) => formatKpi(v, 1)}
                yAxisProps={wholeAxis}
                rightYAxisProps={wholeAxis}
                curveType="linear"
                withRightYAxis
                yAxisLabel="Days"
                rightYAxisLabel="CEI %"
                connectNulls={false}
                gridAxis="y"
                withLegend
                legendProps={{ verticalAlign: 'bottom', height: 36 }}
              />
            ) : (
              <EmptyChart height={CHART_HEIGHT}>No credit sales in the last 12 months: DSO and CEI are n/a.</EmptyChart>
            )}
          </DashboardCard>
        </Grid.Col>
        <Grid.Col span={2}>
          <ClerkCollections team={d.team} />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Collected on promises by clerk, this month so far (reports.teamPerformance). */
function ClerkCollections({ team }: { team: Dashboard['team'] }) {
  return (
    <DashboardCard title="Collections by clerk" definition={definitions.clerkCollections} link={{ to: '/reports', label: 'Team report' }} testId="card-clerks">
      {team.clerks.length === 0 ? (
        <EmptyChart height={CHART_HEIGHT}>No calls or promises yet this month.</EmptyChart>
      ) : (
        <BarChart
          h={CHART_HEIGHT}
          data-testid="chart-clerks"
          data={team.clerks.slice(0, 8).map((c) => ({ clerk: c.name, collected: c.collectedOnPromisesCents, promised: c.promisedCents }))}
          dataKey="clerk"
          orientation="vertical"
          series={[
            { name: 'collected', label: 'Collected on promises', color: 'ledger.6' },
            { name: 'promised', label: 'Promised, falling due', color: 'gray.4' },
          ]}
          valueFormatter={tooltipMoney}
          xAxisProps={{ tickFormatter: axisMoney, tickCount: 4, interval: 0 }}
          yAxisProps={{ width: 110 }}
          gridAxis="x"
          maxBarWidth={14}
          barChartProps={{ margin: { right: 20 } }}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 36 }}
        />
      )}
    </DashboardCard>
  );
}

function PlanCount({ label, count, color }: { label: string; count: number; color: string }) {
  return (
    <div>
      <Text fz={26} fw={700} className="num" ta="left" lh={1.2} data-testid={`dashboard-plans-${label.toLowerCase()}`}>
        {count.toLocaleString('en-US')}
      </Text>
      <Badge variant="light" color={color} size="sm">
        {label}
      </Badge>
    </div>
  );
}
