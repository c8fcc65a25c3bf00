import type { TimelineSource } from '../timeline';

/** Documents that left for the account (printed, saved, emailed), on its contact timeline. */
export const documentsTimelineSource: TimelineSource = async (db, accountId) => {
  const rows = await db
    .selectFrom('archived_document')
    .select(['id', 'kind', 'number', 'channel', 'destination', 'copy', 'created_at', 'created_by'])
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => ({
    at: r.created_at,
    kind: 'document',
    documentKind: r.kind,
    number: r.number,
    channel: r.channel,
    destination: r.destination,
    copy: r.copy === 1,
    by: r.created_by,
    ref: { type: 'archived_document', id: r.id },
  }));
};
