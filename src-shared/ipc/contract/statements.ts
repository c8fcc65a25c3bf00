import {
  statementGetRunSchema,
  statementRunsSchema,
  statementSaveRunSchema,
  statementSelectSchema,
  type StatementRun,
  type StatementSelection,
} from '../../domain/statements';
import { endpoint } from '../endpoint';

/**
 * Statement runs (docs/documents.md, Statement runs): which accounts a run covers, and the saved runs.
 * The statements themselves go out through documents.print / savePdf / email with the run's refs.
 */
export const statementsContract = {
  'statements.select': endpoint(statementSelectSchema).returns<StatementSelection>(),
  'statements.saveRun': endpoint(statementSaveRunSchema).returns<StatementRun>(),
  'statements.runs': endpoint(statementRunsSchema).returns<StatementRun[]>(),
  'statements.getRun': endpoint(statementGetRunSchema).returns<StatementRun>(),
};
