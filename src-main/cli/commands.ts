import type { Command } from './common';
import { foundationCommands } from './foundation';
import { agingCommands } from './aging';
import { importCommands } from './imports';
import { demoCommands } from './demo';
import { backupCommands } from './backup';
import { documentCommands } from './documents';
import { statementCommands } from './statements';
import { letterCommands } from './letters';
import { reportWorkbookCommands } from './report-workbooks';

/** Every CLI command; a domain adds its own file and one spread here. */
export const commands: Record<string, Command> = {
  ...foundationCommands,
  ...agingCommands,
  ...importCommands,
  ...demoCommands,
  ...backupCommands,
  ...documentCommands,
  ...statementCommands,
  ...letterCommands,
  ...reportWorkbookCommands,
};
