import type { ReactNode } from 'react';
import {
  IconAddressBook,
  IconChartBar,
  IconLayoutDashboard,
  IconClockHour4,
  IconFileImport,
  IconFileSpreadsheet,
  IconListCheck,
  IconMail,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import type { Role } from '@shared/domain/users';
import { UsersScreen } from '../features/users/UsersScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { AccountsScreen } from '../features/accounts/AccountsScreen';
import { AccountPage } from '../features/accounts/AccountPage';
import { InvoiceEditorRoute } from '../features/invoices/InvoiceEditor';
import { AgingScreen } from '../features/aging/AgingScreen';
import { IconReportMoney } from '@tabler/icons-react';
import { CollectionsScreen } from '../features/fees/CollectionsScreen';
import { WorklistScreen } from '../features/worklist/WorklistScreen';
import { ImportScreen } from '../features/imports/ImportScreen';
import { LettersScreen } from '../features/letters/LettersScreen';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { IconBuildingBank } from '@tabler/icons-react';
import { DepositsScreen } from '../features/deposits/DepositsScreen';
import { IconZoomExclamation } from '@tabler/icons-react';
import { IrregularitiesScreen } from '../features/irregularities/IrregularitiesScreen';
import { ReturnsImportScreen } from '../features/returns/ReturnsImportScreen';
import { ImportStatement } from '../features/bank/ImportStatement';
import { IconScale } from '@tabler/icons-react';
import { ReconciliationScreen } from '../features/bank/ReconciliationScreen';

/**
 * The navigation: one entry per section. A feature replaces its placeholder with its screen. The first
 * section a role sees is its landing page: the dashboard for supervisors and administrators, Accounts for clerks.
 */
export interface Section {
  path: string;
  label: string;
  icon: ReactNode;
  /** Lowest role that sees it (main enforces the real permissions). */
  minRole: Role;
  element: ReactNode;
  /** Routes below the section, e.g. accounts/:id. */
  children?: { path: string; element: ReactNode }[];
}

const size = 18;
export const sections: Section[] = [
  { path: 'dashboard', label: 'Dashboard', icon: <IconLayoutDashboard size={size} />, minRole: 'supervisor', element: <DashboardScreen /> },
  {
    path: 'accounts',
    label: 'Accounts',
    icon: <IconAddressBook size={size} />,
    minRole: 'clerk',
    element: <AccountsScreen />,
    children: [
      { path: ':id', element: <AccountPage /> },
      { path: ':id/invoices/new', element: <InvoiceEditorRoute /> },
      { path: ':id/invoices/:invoiceId', element: <InvoiceEditorRoute /> },
      { path: 'invoices/:invoiceId', element: <InvoiceEditorRoute /> },
    ],
  },
  { path: 'deposits', label: 'Deposits', icon: <IconBuildingBank size={size} />, minRole: 'clerk', element: <DepositsScreen /> },
  { path: 'aging', label: 'Aging', icon: <IconClockHour4 size={size} />, minRole: 'clerk', element: <AgingScreen /> },
  { path: 'worklist', label: 'Worklist', icon: <IconListCheck size={size} />, minRole: 'clerk', element: <WorklistScreen /> },
  { path: 'letters', label: 'Letters', icon: <IconMail size={size} />, minRole: 'clerk', element: <LettersScreen /> },
  { path: 'collections', label: 'Collections', icon: <IconReportMoney size={size} />, minRole: 'supervisor', element: <CollectionsScreen /> },
  { path: 'irregularities', label: 'Irregularities', icon: <IconZoomExclamation size={size} />, minRole: 'clerk', element: <IrregularitiesScreen /> },
  { path: 'reconciliation', label: 'Bank reconciliation', icon: <IconScale size={size} />, minRole: 'clerk', element: <ReconciliationScreen /> },
  {
    path: 'import',
    label: 'Import',
    icon: <IconFileImport size={size} />,
    minRole: 'clerk',
    element: <ImportScreen />,
    children: [
      { path: 'returns', element: <ReturnsImportScreen /> },
      { path: 'bank-statement', element: <ImportStatement /> },
    ],
  },
  { path: 'reports', label: 'Reports', icon: <IconFileSpreadsheet size={size} />, minRole: 'supervisor', element: <ReportsScreen /> },
  { path: 'settings', label: 'Settings', icon: <IconSettings size={size} />, minRole: 'clerk', element: <SettingsScreen /> },
  { path: 'users', label: 'Users', icon: <IconUsers size={size} />, minRole: 'administrator', element: <UsersScreen /> },
];
export const chartIcon = <IconChartBar size={size} />;
