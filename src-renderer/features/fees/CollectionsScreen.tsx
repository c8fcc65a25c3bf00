import { Badge, Tabs } from '@mantine/core';
import { IconBuildingBank, IconFileDollar, IconReceiptTax, IconShieldExclamation } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { unwrap } from '../../api/client';
import { FullHeight } from '../../components/FullHeight';
import { OverridesReportPanel } from '../calls/OverridesReportPanel';
import { PageHeader } from '../../components/PageHeader';
import { ReferralsPanel } from '../referrals/ReferralsPanel';
import { WriteoffApprovalsPanel } from '../referrals/WriteoffApprovalsPanel';
import { RunEvaluationButton } from '../stages/RunEvaluationButton';
import { FeeAssessmentPanel } from './FeeAssessmentPanel';

const panelStyle = { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' } as const;

/**
 * Collections (supervisors): the periodic policy runs and decisions that act on many accounts at once:
 * late fee assessment, agency referrals with placement files, the write-off approval queue, and the
 * report of compliance overrides.
 */
export function CollectionsScreen() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'fees';
  const pending = useQuery({ queryKey: ['writeoffs', 'list', 'pending'], queryFn: () => unwrap(window.api.writeoffs.list({ status: 'pending' })) });
  const waiting = pending.data?.length ?? 0;
  return (
    <FullHeight>
      <PageHeader
        title="Collections"
        description="Late fee runs, agency referrals, write-off approvals and compliance overrides. Policy itself lives in Settings."
        actions={<RunEvaluationButton />}
      />
      <Tabs
        value={tab}
        onChange={(t) => setParams(t && t !== 'fees' ? { tab: t } : {}, { replace: true })}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="fees" leftSection={<IconReceiptTax size={16} />}>
            Fee assessment
          </Tabs.Tab>
          <Tabs.Tab value="referrals" leftSection={<IconBuildingBank size={16} />}>
            Referrals
          </Tabs.Tab>
          <Tabs.Tab
            value="writeoffs"
            leftSection={<IconFileDollar size={16} />}
            rightSection={
              waiting ? (
                <Badge size="xs" circle={waiting < 10} color="orange">
                  {waiting}
                </Badge>
              ) : null
            }
          >
            Write-off approvals
          </Tabs.Tab>
          <Tabs.Tab value="overrides" leftSection={<IconShieldExclamation size={16} />}>
            Compliance overrides
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fees" style={panelStyle}>
          <FeeAssessmentPanel />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" style={panelStyle}>
          <ReferralsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="writeoffs" style={panelStyle}>
          <WriteoffApprovalsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="overrides" style={panelStyle}>
          <OverridesReportPanel />
        </Tabs.Panel>
      </Tabs>
    </FullHeight>
  );
}
