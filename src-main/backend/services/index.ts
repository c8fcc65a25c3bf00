import type { ServiceContext } from '../context';
import { createAuditService } from './audit';
import { createAuthService } from './auth';
import { createSettingsService } from './settings';
import { createUsersService } from './users';
import { createAccountsService } from './accounts';
import { createInvoicesService } from './invoices';
import { createPaymentsService } from './payments';
import { createLedgerService } from './ledger';
import { createAgingService } from './aging';
import { createImportsService } from './imports';
import { createDepositsService } from './deposits';
import { createQuickBooksService } from './quickbooks';
import { createBankAccountsService } from './bank-accounts';
import { createReconciliationService } from './reconciliation';
import { createBankStatementsService } from './bank-statements';
import { createDemoService } from '../demo';
import { createComplianceService } from './compliance';
import { createFlagsService } from './flags';
import { createPromisesService } from './promises';
import { createCallsService } from './calls';
import { createTimelineService } from './timeline';
import { stagesTimelineSource } from './stages/timeline-source';
import { createStagesService } from './stages';
import { createWorklistService } from './worklist';
import { createDailyEvaluationService } from './daily-evaluation';
import { createPlansService } from './plans';
import { createFeesService } from './fees';
import { createReferralsService } from './referrals';
import { createWriteoffsService } from './referrals/writeoffs';
import { createBackupService, type BackupDeps } from './backup';
import { createDiagnosticsService } from './diagnostics';
import { createDocumentsService, type DocumentsDeps } from './documents';
import { documentsTimelineSource } from './documents/timeline-source';
import { referralsTimelineSource } from './referrals/timeline-source';
import { createLettersService } from './letters';
import { createLetterRunsService } from './letter-runs';
import { createStatementsService } from './statements';
import { createPeriodFiguresService } from './reports/period-figures';
import { createTeamPerformanceService } from './reports/team-performance';
import { createDashboardService } from './reports/dashboard';
import { createReportsService } from './reports';
import type { ReportRunner } from './reports/runner';
import { createGridExportService } from './grid-export';
import { createReturnsService } from './returns';
import { createIrregularitiesService } from './irregularities';

/** Every domain service, built once per open store. The backup service also holds the store key (to sign, verify and wrap). */
export function createServices(
  ctx: ServiceContext,
  backupDeps: BackupDeps,
  documentsDeps: Omit<DocumentsDeps, 'settings'> = {},
  reportsDeps: { runner?: ReportRunner } = {},
) {
  const audit = createAuditService(ctx);
  const settings = createSettingsService(ctx);
  const users = createUsersService(ctx);
  const auth = createAuthService(ctx, users, settings);
  const accounts = createAccountsService(ctx);
  const invoices = createInvoicesService(ctx);
  const payments = createPaymentsService(ctx);
  const ledger = createLedgerService(ctx, { accounts, invoices, audit });
  const aging = createAgingService(ctx);
  const imports = createImportsService(ctx);
  const deposits = createDepositsService(ctx);
  const demo = createDemoService(ctx);
  // collections contact: compliance engine, flags, promises, call log, contact timeline
  const compliance = createComplianceService(ctx);
  const flags = createFlagsService(ctx);
  const promises = createPromisesService(ctx);
  const calls = createCallsService(ctx);
  const timeline = createTimelineService(ctx, { promises }, [stagesTimelineSource, documentsTimelineSource, referralsTimelineSource]);
  // collections policy: stages, worklist, payment plans, late fees, referral, write-off requests
  const stages = createStagesService(ctx);
  const worklist = createWorklistService(ctx);
  const dailyEvaluation = createDailyEvaluationService(ctx, { stages });
  const plans = createPlansService(ctx);
  const fees = createFeesService(ctx);
  const referrals = createReferralsService(ctx, { accounts });
  const writeoffs = createWriteoffsService(ctx);
  const diagnostics = createDiagnosticsService(ctx);
  const backup = createBackupService(ctx, backupDeps);
  const documents = createDocumentsService(ctx, { ...documentsDeps, settings });
  const letters = createLettersService(ctx);
  const letterRuns = createLetterRunsService(ctx, { compliance, letters });
  const statements = createStatementsService(ctx, { aging });
  const periodFigures = createPeriodFiguresService(ctx);
  const teamPerformance = createTeamPerformanceService(ctx);
  const dashboard = createDashboardService(ctx, { aging, periodFigures, teamPerformance });
  const reports = createReportsService(ctx, { aging, settings, periodFigures, key: backupDeps.key, runner: reportsDeps.runner });
  const gridExport = createGridExportService(ctx, { settings });
  const quickbooks = createQuickBooksService(ctx);
  const bankAccounts = createBankAccountsService(ctx);
  const reconciliation = createReconciliationService(ctx, { settings });
  const bankStatements = createBankStatementsService(ctx);
  const returns = createReturnsService(ctx);
  const irregularities = createIrregularitiesService(ctx);
  return {
    backup,
    audit,
    settings,
    users,
    auth,
    accounts,
    invoices,
    payments,
    deposits,
    ledger,
    aging,
    imports,
    demo,
    compliance,
    flags,
    promises,
    calls,
    timeline,
    stages,
    worklist,
    dailyEvaluation,
    plans,
    fees,
    referrals,
    writeoffs,
    diagnostics,
    documents,
    letters,
    letterRuns,
    statements,
    periodFigures,
    teamPerformance,
    dashboard,
    reports,
    gridExport,
    quickbooks,
    bankAccounts,
    reconciliation,
    bankStatements,
    returns,
    irregularities,
  };
}
export type Services = ReturnType<typeof createServices>;
