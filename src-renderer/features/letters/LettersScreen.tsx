import { Tabs } from '@mantine/core';
import { IconFileInvoice, IconMailForward, IconTemplate } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { Role } from '@shared/domain/users';
import { atLeast, useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { QueuePanel } from './queue/QueuePanel';
import { TemplatesPanel } from './templates/TemplatesPanel';
import { StatementsPanel } from '../statements/StatementsPanel';

/**
 * Letters: one tab per part (the queue and letter runs, statement runs, the template library). Each
 * part adds its entry to `letterTabs`; the open tab is in the URL (#/letters?tab=templates).
 */
interface LetterTab {
  value: string;
  label: string;
  icon: ReactNode;
  minRole: Role;
  panel: ReactNode;
}

const letterTabs: LetterTab[] = [
  { value: 'queue', label: 'Queue', icon: <IconMailForward size={16} />, minRole: 'clerk', panel: <QueuePanel /> },
  { value: 'statements', label: 'Statements', icon: <IconFileInvoice size={16} />, minRole: 'clerk', panel: <StatementsPanel /> },
  { value: 'templates', label: 'Templates', icon: <IconTemplate size={16} />, minRole: 'supervisor', panel: <TemplatesPanel /> },
];

export function LettersScreen() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = letterTabs.filter((t) => atLeast(session.role, t.minRole));
  const first = tabs[0]?.value ?? '';
  const tab = tabs.some((t) => t.value === params.get('tab')) ? (params.get('tab') as string) : first;
  return (
    <>
      <PageHeader title="Letters" description="Past-due letters and statements: what the collection stages queued, runs, and the template library." />
      <Tabs value={tab} onChange={(t) => setParams(t && t !== first ? { tab: t } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={t.icon}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
