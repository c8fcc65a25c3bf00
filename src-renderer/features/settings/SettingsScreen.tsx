import { Tabs } from '@mantine/core';
import { IconBuilding, IconHistory } from '@tabler/icons-react';
import { atLeast, useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { AuditLogPanel } from './AuditLogPanel';
import { CompanySettingsPanel } from './CompanySettingsPanel';

/** Settings: one tab per area. Later modules (aging buckets, collection stages, fees) add tabs here. */
export function SettingsScreen() {
  const { session } = useSession();
  return (
    <>
      <PageHeader title="Settings" description="Company settings and policy. Changes are recorded in the audit log." />
      <Tabs defaultValue="company" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="company" leftSection={<IconBuilding size={16} />}>Company</Tabs.Tab>
          {atLeast(session.role, 'supervisor') && <Tabs.Tab value="audit" leftSection={<IconHistory size={16} />}>Audit log</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="company"><CompanySettingsPanel /></Tabs.Panel>
        {atLeast(session.role, 'supervisor') && <Tabs.Panel value="audit"><AuditLogPanel /></Tabs.Panel>}
      </Tabs>
    </>
  );
}
