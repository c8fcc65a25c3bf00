import { Tabs } from '@mantine/core';
import { IconBuilding, IconClockHour4, IconFileInvoice, IconHistory, IconTags } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { atLeast, useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { AuditLogPanel } from './AuditLogPanel';
import { CompanySettingsPanel } from './CompanySettingsPanel';
import { AgingSettingsPanel } from './AgingSettingsPanel';
import { InvoicingSettingsPanel } from './InvoicingSettingsPanel';
import { PriceListPanel } from './PriceListPanel';
import { IconCalendarDollar, IconDatabaseExport, IconFileTypePdf, IconReceiptTax, IconStairsUp } from '@tabler/icons-react';
import { BackupsPanel } from '../backups/BackupsPanel';
import { StageSettingsPanel } from '../stages/StageSettingsPanel';
import { DailyEvaluationPanel } from '../stages/DailyEvaluationPanel';
import { FeeRulesPanel } from '../fees/FeeRulesPanel';
import { PlanSettingsPanel } from '../plans/PlanSettingsPanel';
import { DocumentSettingsPanel } from '../documents/DocumentSettingsPanel';
import { OfficeBankAccountsPanel } from '../deposits/OfficeBankAccountsPanel';

/** Settings: one tab per area. Later modules (aging buckets, collection stages, fees) add tabs here. */
export function SettingsScreen() {
  const { session } = useSession();
  // The open tab is in the URL (#/settings?tab=aging) so other screens can link to it.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'company';
  return (
    <>
      <PageHeader title="Settings" description="Company settings and policy. Changes are recorded in the audit log." />
      <Tabs value={tab} onChange={(t) => setParams(t && t !== 'company' ? { tab: t } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="company" leftSection={<IconBuilding size={16} />}>
            Company
          </Tabs.Tab>
          <Tabs.Tab value="aging" leftSection={<IconClockHour4 size={16} />}>
            Aging
          </Tabs.Tab>
          <Tabs.Tab value="invoicing" leftSection={<IconFileInvoice size={16} />}>
            Invoicing
          </Tabs.Tab>
          <Tabs.Tab value="prices" leftSection={<IconTags size={16} />}>
            Price list
          </Tabs.Tab>
          <Tabs.Tab value="stages" leftSection={<IconStairsUp size={16} />}>
            Collection stages
          </Tabs.Tab>
          <Tabs.Tab value="fees" leftSection={<IconReceiptTax size={16} />}>
            Late fees
          </Tabs.Tab>
          <Tabs.Tab value="plans" leftSection={<IconCalendarDollar size={16} />}>
            Payment plans
          </Tabs.Tab>
          <Tabs.Tab value="documents" leftSection={<IconFileTypePdf size={16} />}>
            Documents
          </Tabs.Tab>
          {atLeast(session.role, 'supervisor') && (
            <Tabs.Tab value="audit" leftSection={<IconHistory size={16} />}>
              Audit log
            </Tabs.Tab>
          )}
          {session.role === 'administrator' && (
            <Tabs.Tab value="backups" leftSection={<IconDatabaseExport size={16} />}>
              Backups
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="company">
          <CompanySettingsPanel />
          <OfficeBankAccountsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="aging">
          <AgingSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="invoicing">
          <InvoicingSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="prices">
          <PriceListPanel />
        </Tabs.Panel>
        <Tabs.Panel value="stages">
          <StageSettingsPanel />
          <DailyEvaluationPanel />
        </Tabs.Panel>
        <Tabs.Panel value="fees">
          <FeeRulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="plans">
          <PlanSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <DocumentSettingsPanel />
        </Tabs.Panel>
        {atLeast(session.role, 'supervisor') && (
          <Tabs.Panel value="audit">
            <AuditLogPanel />
          </Tabs.Panel>
        )}
        {session.role === 'administrator' && (
          <Tabs.Panel value="backups">
            <BackupsPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
