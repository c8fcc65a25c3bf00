import { createHash } from 'node:crypto';
import type { ArchivedDocument, ArchivedPdf, DeliveryChannel, OutputKind } from '@shared/domain/documents';
import { outputKindLabels } from '@shared/domain/documents-text';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import type { ArchivedDocumentTable } from '../../db/schema-documents';
import { notFound } from '../../errors';
import { appendAudit } from '../audit';

/** One document that left, to archive: what it is, where it went, and its PDF as delivered. */
export interface ArchiveEntry {
  kind: OutputKind;
  number: string | null;
  accountId: number | null;
  sourceDocumentId: number | null;
  channel: DeliveryChannel;
  destination: string;
  copy: boolean;
  pdf: Buffer;
  pages: number;
  jobId: string;
}

const columns = [
  'id',
  'kind',
  'number',
  'account_id',
  'source_document_id',
  'channel',
  'destination',
  'copy',
  'sha256',
  'pages',
  'bytes',
  'created_at',
  'created_by',
] as const;
type Listed = Pick<ArchivedDocumentTable, Exclude<(typeof columns)[number], 'id'>> & { id: number };

const toArchived = (r: Listed): ArchivedDocument => ({
  id: r.id,
  kind: r.kind,
  number: r.number,
  accountId: r.account_id,
  sourceDocumentId: r.source_document_id,
  channel: r.channel,
  destination: r.destination,
  copy: r.copy === 1,
  pages: r.pages,
  bytes: r.bytes,
  sha256: r.sha256,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** The file name an archived PDF is opened or saved under, e.g. "Invoice INV-000123.pdf". */
export const archivedFileName = (kind: OutputKind, number: string | null, id: number) => `${outputKindLabels[kind]} ${number ?? `#${id}`}.pdf`;

/**
 * The archive: every PDF that left, byte for byte, in the encrypted store. Rows are only added (the
 * table's triggers refuse UPDATE and DELETE), each with its `document.archived` audit record.
 */
export function createArchive(ctx: ServiceContext) {
  /** The account's Documents tab and its timeline show the new rows. */
  const changed = () => ctx.emit('data.changed', { domains: ['documents', 'collections'] });

  /** Adds the entries inside `trx` with their audit records; the caller commits them with whatever else it records. */
  async function addIn(trx: Trx, actor: Actor, jobEntries: readonly ArchiveEntry[]): Promise<number[]> {
    const ids: number[] = [];
    const at = ctx.clock.now().toISOString();
    for (const e of jobEntries) {
      const sha256 = createHash('sha256').update(e.pdf).digest('hex');
      const row = await trx
        .insertInto('archived_document')
        .values({
          kind: e.kind,
          number: e.number,
          account_id: e.accountId,
          source_document_id: e.sourceDocumentId,
          channel: e.channel,
          destination: e.destination,
          copy: e.copy ? 1 : 0,
          pdf: e.pdf,
          sha256,
          pages: e.pages,
          bytes: e.pdf.length,
          job_id: e.jobId,
          created_at: at,
          created_by_id: actor.userId,
          created_by: actor.username,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, ctx.clock, actor, {
        action: 'document.archived',
        entity: 'archived_document',
        entityId: row.id,
        after: {
          kind: e.kind,
          number: e.number,
          accountId: e.accountId,
          sourceDocumentId: e.sourceDocumentId,
          channel: e.channel,
          destination: e.destination,
          copy: e.copy,
          pages: e.pages,
          bytes: e.pdf.length,
          sha256,
          jobId: e.jobId,
        },
      });
      ids.push(row.id);
    }
    return ids;
  }

  return {
    /** Archives the entries in one transaction (all or none). */
    async add(actor: Actor, entries: readonly ArchiveEntry[]): Promise<number[]> {
      return this.addWith(actor, entries, async () => {});
    },

    /**
     * Archives the entries and records what goes with them (a letter's record) in the same transaction:
     * a failure of either leaves neither.
     */
    async addWith(actor: Actor, entries: readonly ArchiveEntry[], also: (trx: Trx, ids: readonly number[]) => Promise<void>): Promise<number[]> {
      if (entries.length === 0) return [];
      const ids = await ctx.db.transaction().execute(async (trx) => {
        const added = await addIn(trx, actor, entries);
        await also(trx, added);
        return added;
      });
      changed();
      return ids;
    },

    /** An account's documents, one ledger document's outputs, or an office document's (by kind and number), newest first. */
    async list(
      q: { accountId?: number; sourceDocumentId?: number; kind?: OutputKind; number?: string; limit: number },
      db: Queryable = ctx.db,
    ): Promise<ArchivedDocument[]> {
      let query = db.selectFrom('archived_document').select(columns).orderBy('id', 'desc').limit(q.limit);
      if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
      if (q.sourceDocumentId !== undefined) query = query.where('source_document_id', '=', q.sourceDocumentId);
      if (q.kind !== undefined) query = query.where('kind', '=', q.kind);
      if (q.number !== undefined) query = query.where('number', '=', q.number);
      return (await query.execute()).map(toArchived);
    },

    /** The PDF as it left, with its checksum as recorded then. */
    async get(archiveId: number, db: Queryable = ctx.db): Promise<ArchivedPdf> {
      const r = await db.selectFrom('archived_document').select(['id', 'kind', 'number', 'pdf', 'sha256']).where('id', '=', archiveId).executeTakeFirst();
      if (!r) throw notFound(`Archived document ${archiveId}`);
      return { id: r.id, fileName: archivedFileName(r.kind, r.number, r.id), pdfBase64: Buffer.from(r.pdf).toString('base64'), sha256: r.sha256 };
    },

    /**
     * The document has left before on this channel: a reprint (or a second email, a second saved PDF)
     * says COPY. Another channel's first output is an original: an invoice the office saved for its
     * records, then mailed, reaches the customer unmarked.
     */
    async hasLeft(kind: OutputKind, sourceDocumentId: number | null, channel: DeliveryChannel, db: Queryable = ctx.db): Promise<boolean> {
      if (sourceDocumentId === null) return false;
      const r = await db
        .selectFrom('archived_document')
        .select('id')
        .where('source_document_id', '=', sourceDocumentId)
        .where('kind', '=', kind)
        .where('channel', '=', channel)
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },
  };
}
export type ArchiveService = ReturnType<typeof createArchive>;
