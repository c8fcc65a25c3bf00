import { appHandlers } from './app';
import type { Handlers } from './types';
import { usersHandlers } from './users';
import { receivablesHandlers } from './receivables';
import { importsHandlers } from './imports';
import { depositsHandlers } from './deposits';
import { demoHandlers } from './demo';
import { collectionsHandlers } from './collections';
import { collectionsPolicyHandlers } from './collections-policy';
import { diagnosticsHandlers } from './diagnostics';
import { backupsHandlers } from './backups';
import { documentsHandlers } from './documents';
import { lettersHandlers } from './letters';
import { letterComposeHandlers } from './letter-compose';
import { statementsHandlers } from './statements';
import { periodFiguresHandlers } from './period-figures';
import { teamPerformanceHandlers } from './team-performance';
import { dashboardHandlers } from './dashboard';
import { reportWorkbooksHandlers } from './report-workbooks';
import { gridExportHandlers } from './grid-export';
import { dailyEvaluationHandlers } from './daily-evaluation';
import { quickBooksHandlers } from './quickbooks';
import { bankAccountsHandlers } from './bank-accounts';
import { reconciliationHandlers } from './reconciliation';
import { bankStatementsHandlers } from './bank-statements';
import { returnsHandlers } from './returns';
import { irregularitiesHandlers } from './irregularities';

export const handlers: Handlers = {
  ...appHandlers,
  ...usersHandlers,
  ...receivablesHandlers,
  ...importsHandlers,
  ...depositsHandlers,
  ...demoHandlers,
  ...collectionsHandlers,
  ...collectionsPolicyHandlers,
  ...diagnosticsHandlers,
  ...backupsHandlers,
  ...documentsHandlers,
  ...lettersHandlers,
  ...letterComposeHandlers,
  ...statementsHandlers,
  ...periodFiguresHandlers,
  ...teamPerformanceHandlers,
  ...dashboardHandlers,
  ...reportWorkbooksHandlers,
  ...gridExportHandlers,
  ...dailyEvaluationHandlers,
  ...quickBooksHandlers,
  ...bankAccountsHandlers,
  ...reconciliationHandlers,
  ...bankStatementsHandlers,
  ...returnsHandlers,
  ...irregularitiesHandlers,
};
export type { CallContext, Handlers } from './types';
