import { appContract } from './app';
import { storeContract, type StoreChannel } from './store';
import { usersContract } from './users';
import { receivablesContract } from './receivables';
import { importsContract } from './imports';
import { depositsContract } from './deposits';
import { demoContract } from './demo';
import { collectionsContract } from './collections';
import { collectionsPolicyContract } from './collections-policy';
import { diagnosticsContract } from './diagnostics';
import { backupsContract } from './backups';
import { documentsContract } from './documents';
import { lettersContract } from './letters';
import { letterComposeContract } from './letter-compose';
import { statementsContract } from './statements';
import { periodFiguresContract } from './period-figures';
import { teamPerformanceContract } from './team-performance';
import { dashboardContract } from './dashboard';
import { reportWorkbooksContract } from './report-workbooks';
import { gridExportContract } from './grid-export';
import { dailyEvaluationContract } from './daily-evaluation';
import { quickBooksContract } from './quickbooks';
import { bankAccountsContract } from './bank-accounts';
import { reconciliationContract } from './reconciliation';
import { bankStatementsContract } from './bank-statements';
import { returnsContract } from './returns';
import { irregularitiesContract } from './irregularities';

/**
 * Every endpoint, once. Each domain keeps its endpoints in its own file; adding a domain adds a
 * file and one spread here. Channel names are `domain.verb`.
 */
export const contract = {
  ...storeContract,
  ...appContract,
  ...usersContract,
  ...receivablesContract,
  ...importsContract,
  ...depositsContract,
  ...demoContract,
  ...collectionsContract,
  ...collectionsPolicyContract,
  ...backupsContract,
  ...diagnosticsContract,
  ...documentsContract,
  ...lettersContract,
  ...letterComposeContract,
  ...statementsContract,
  ...periodFiguresContract,
  ...teamPerformanceContract,
  ...dashboardContract,
  ...reportWorkbooksContract,
  ...gridExportContract,
  ...dailyEvaluationContract,
  ...quickBooksContract,
  ...bankAccountsContract,
  ...reconciliationContract,
  ...bankStatementsContract,
  ...returnsContract,
  ...irregularitiesContract,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const channels = Object.keys(contract) as Channel[];

/** Channels the backend answers; the store.* channels are answered by the Electron shell. */
export type BackendChannel = Exclude<Channel, StoreChannel>;
export { storeChannels, type StoreChannel } from './store';
