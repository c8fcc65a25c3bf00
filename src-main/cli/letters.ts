import fs from 'node:fs';
import path from 'node:path';
import { templateKeyOf, type LetterCandidate } from '@shared/domain/letter-runs';
import { letterExceptionText } from '@shared/domain/letter-runs-text';
import { problemText } from '@shared/domain/documents-text';
import type { Actor } from '../backend/context';
import { batchHtml } from '../backend/services/documents/batch';
import { findChromium, renderWithChromiumCli } from '../print/chromium-cli';
import { deliverJob, sheetCount } from '../print/deliver';
import type { PdfRenderer } from '../print/pdf-renderer';
import { CliError, openBackend, type Command } from './common';
import { outFileOf } from './documents';

type Backend = ReturnType<typeof openBackend>;

/** The template named on the command line: its key, an old stage code, or its name (any case). */
async function findTemplate(backend: Backend, name: string): Promise<{ id: number; name: string }> {
  const all = await backend.services.letters.templates.list();
  const key = templateKeyOf(name);
  const t = all.find((x) => x.key === key) ?? all.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
  if (!t) throw new CliError(`letters run: there is no letter template "${name}"; the library has ${all.map((x) => x.key).join(', ')}.`);
  return { id: t.id, name: t.name };
}

async function findStage(backend: Backend, name: string): Promise<number> {
  const stages = await backend.services.stages.list();
  const s = stages.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
  if (!s) throw new CliError(`letters run: there is no collection stage "${name}"; the stages are ${stages.map((x) => `"${x.name}"`).join(', ')}.`);
  return s.id;
}

const who = (c: Pick<LetterCandidate, 'accountNumber' | 'accountName'>) => ({ accountNumber: c.accountNumber, accountName: c.accountName });

/** The Chromium on this machine as the pipeline's renderer (one process per batch page). */
function cliRenderer(): PdfRenderer {
  const chromium = findChromium(process.env, process.platform, fs.existsSync);
  return { render: (html) => renderWithChromiumCli(html, chromium, 300_000), close: async () => undefined };
}

/**
 * `letters run --template T [--stage S] [--dry-run] --out FILE.pdf|FILE.html --as USERNAME`: the letters the stages
 * queued for template T (its key, an old stage code or its name), optionally of stage S only. A dry run
 * prints, as JSON, who would get a letter and who is skipped and why, and records nothing. Otherwise the
 * run is recorded, the letters are made by the document pipeline in postal-code order into one file and
 * recorded as sent by PDF (archive, timeline, their stage tasks closed), as the app's "Save one PDF" does,
 * signed by the store's user named by --as (their name and role, as if they had run it in the app).
 */
export const letterCommands: Record<string, Command> = {
  async letters(opts, positionals, out) {
    const [sub] = positionals;
    if (sub !== 'run') throw new CliError('letters: the subcommand is run, e.g. letters run --template final-demand --out letters.pdf [--dry-run].');
    if (typeof opts.template !== 'string') throw new CliError('letters run: --template KEY is required, e.g. --template final-demand.');
    if (opts.stage !== undefined && typeof opts.stage !== 'string') throw new CliError('letters run: --stage needs a stage name, e.g. --stage "Final notice".');
    const dryRun = opts['dry-run'] === true;
    const target = dryRun ? null : outFileOf(opts, 'letters run');
    if (!dryRun && typeof opts.as !== 'string')
      throw new CliError(
        'letters run: --as USERNAME is required to send: the letters are signed by that user of the store and recorded as theirs (e.g. --as casey).',
      );

    const backend = openBackend(opts);
    try {
      const template = await findTemplate(backend, opts.template);
      const stageId = typeof opts.stage === 'string' ? await findStage(backend, opts.stage) : undefined;
      const queue = await backend.services.letterRuns.queue({ templateId: template.id, ...(stageId ? { stageId } : {}) });
      const ready = queue.filter((q) => q.exception === null);
      if (dryRun) {
        const report = {
          template: template.name,
          stage: typeof opts.stage === 'string' ? opts.stage : null,
          letters: ready
            .slice()
            .sort((a, b) => a.postalCode.localeCompare(b.postalCode) || a.accountNumber.localeCompare(b.accountNumber))
            .map((q) => ({ ...who(q), postalCode: q.postalCode, pastDueCents: q.pastDueCents, taskId: q.taskId })),
          skipped: queue
            .filter((q) => q.exception !== null)
            .map((q) => ({
              ...who(q),
              taskId: q.taskId,
              code: q.exception,
              reason: letterExceptionText({ accountId: q.accountId, code: q.exception!, missing: q.addressMissing, blocks: q.blocks }),
            })),
        };
        out(JSON.stringify(report, null, 2));
        return 0;
      }
      if (queue.length === 0) throw new CliError(`letters run: no "${template.name}" letter is queued${opts.stage ? ` for the stage "${opts.stage}"` : ''}.`);

      const signer = await backend.ctx.db
        .selectFrom('app_user')
        .select(['id', 'username', 'display_name', 'role'])
        .where('username', '=', String(opts.as))
        .where('active', '=', 1)
        .executeTakeFirst();
      if (!signer) throw new CliError(`letters run: there is no active user "${String(opts.as)}" to sign the letters.`);
      const actor: Actor = { userId: signer.id, username: signer.username };
      const plan = await backend.services.letterRuns.start(actor, {
        templateId: template.id,
        channel: 'pdf',
        filters: { source: 'cli', ...(typeof opts.stage === 'string' ? { stage: opts.stage } : {}) },
        accounts: queue.map((q) => ({ accountId: q.accountId, taskId: q.taskId })),
      });
      const skipped = plan.exceptions.map((e) => `  skipped ${e.accountNumber} ${e.accountName}: ${letterExceptionText(e)}`);
      if (plan.paper.length === 0) {
        for (const line of skipped) out(line);
        throw new CliError(`letters run: run ${plan.runId} has no letter that can go (${plan.exceptions.length} skipped).`);
      }
      const sessionId = `cli-${process.pid}`;
      const jobs = backend.services.documents.jobs;
      const job = await jobs.prepare('pdf', plan.paper, {
        sessionId,
        user: { role: signer.role, display_name: signer.display_name },
        actor,
        services: backend.services,
      });
      const { outFile, ext } = target!;
      const outcome = await deliverJob(job, {
        renderer: cliRenderer(),
        saver: {
          save: async (_name, pdf) => {
            const bytes =
              ext === '.html'
                ? Buffer.from(
                    batchHtml(
                      job.style,
                      job.documents.map((d) => d.body),
                      job.documents.map((d) => sheetCount(d.body)),
                      false,
                      job.paper,
                    ),
                    'utf8',
                  )
                : pdf;
            const tmp = `${outFile}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, bytes);
            fs.renameSync(tmp, outFile);
            return { destination: path.basename(outFile) };
          },
        },
        complete: (input) => jobs.complete(actor, sessionId, input),
      });
      out(`letters run ${plan.runId}: ${outcome.delivered} "${template.name}" letters -> ${outFile} (${outcome.pages} pages)`);
      for (const line of skipped) out(line);
      for (const p of outcome.problems) out(`  skipped ${p.accountName ?? ''}: ${problemText(p)}`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
