import { describe, expect, it } from 'vitest';
import { collectionsBackend, failure, value } from '../support/collections';
import { timelineTitle } from '../../src-shared/domain/collections-text';

describe('collection flags', () => {
  it('set, list, clear with history; never deleted; one open flag per kind', async () => {
    const { b, clerk, admin, travel, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account();
    const f = value(
      await b.call(clerk, 'flags.set', {
        kind: 'attorney_represented',
        accountId: a.accountId,
        reason: 'Letter of representation',
        attorneyName: 'Lee Law LLP',
        attorneyPhone: '212-555-0999',
      }),
    );
    expect(f).toMatchObject({
      kind: 'attorney_represented',
      details: { attorneyName: 'Lee Law LLP', attorneyPhone: '212-555-0999' },
      setBy: 'cleo',
      setAt: '2026-03-10T15:00:00.000Z',
      clearedAt: null,
    });
    failure(await b.call(clerk, 'flags.set', { kind: 'attorney_represented', accountId: a.accountId, reason: 'again', attorneyName: 'X' }), 'CONFLICT');
    const bk = value(
      await b.call(clerk, 'flags.set', {
        kind: 'bankruptcy',
        accountId: a.accountId,
        reason: 'Court notice',
        chapter: '13',
        caseNumber: '26-20002',
        filedOn: '2026-03-01',
      }),
    );
    expect(bk.details).toEqual({ chapter: '13', caseNumber: '26-20002', filedOn: '2026-03-01' });
    failure(await b.call(clerk, 'flags.set', { kind: 'bankruptcy', accountId: a.accountId, reason: 'x', chapter: '9' as '7', caseNumber: '1' }), 'VALIDATION');

    travel('2026-03-11T15:00:00Z');
    const cleared = value(await b.call(clerk, 'flags.clear', { flagId: f.id, reason: 'Attorney withdrew' }));
    expect(cleared).toMatchObject({ clearedAt: '2026-03-11T15:00:00.000Z', clearedBy: 'cleo', clearReason: 'Attorney withdrew', resolution: 'cleared' });
    failure(await b.call(clerk, 'flags.clear', { flagId: f.id, reason: 'twice' }), 'CONFLICT');
    expect(value(await b.call(clerk, 'flags.list', { accountId: a.accountId })).map((x) => x.kind)).toEqual(['bankruptcy']);
    expect(value(await b.call(clerk, 'flags.list', { accountId: a.accountId, includeCleared: true })).map((x) => x.kind)).toEqual([
      'bankruptcy',
      'attorney_represented',
    ]);
    // A new flag of the same kind can be set once the old one is cleared; the old one stays.
    value(await b.call(clerk, 'flags.set', { kind: 'attorney_represented', accountId: a.accountId, reason: 'New attorney', attorneyName: 'Kim Legal' }));
    expect(value(await b.call(clerk, 'flags.list', { accountId: a.accountId, includeCleared: true }))).toHaveLength(3);

    const audit = value(await b.call(admin, 'audit.list', { entity: 'account', entityId: String(a.accountId) }));
    expect(audit.filter((r) => r.action === 'flag.set')).toHaveLength(3);
    expect(audit.find((r) => r.action === 'flag.clear')).toMatchObject({
      username: 'cleo',
      before: { flagId: f.id, kind: 'attorney_represented' },
      after: { reason: 'Attorney withdrew' },
    });
    expect(() => b.ctx.store.sqlite.prepare('DELETE FROM collection_flag WHERE id = ?').run(f.id)).toThrow(/never deleted/);
    expect(() => b.ctx.store.sqlite.prepare('UPDATE collection_flag SET reason = ? WHERE id = ?').run('edited', bk.id)).toThrow(/only once/);
  });

  it('a clerk cannot clear cease communication, bankruptcy, deceased or a dispute; a supervisor can', async () => {
    const { b, clerk, supervisor, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account();
    const cease = value(await b.call(clerk, 'flags.set', { kind: 'cease_communication', accountId: a.accountId, reason: 'Written request' }));
    const bk = value(
      await b.call(clerk, 'flags.set', { kind: 'bankruptcy', accountId: a.accountId, reason: 'Court notice', chapter: '7', caseNumber: '26-1' }),
    );
    const dec = value(await b.call(clerk, 'flags.set', { kind: 'deceased', accountId: a.accountId, reason: 'Obituary' }));
    const dis = value(await b.call(clerk, 'flags.set', { kind: 'disputed', accountId: a.accountId, reason: 'Written dispute', written: true }));
    for (const f of [cease, bk, dec])
      expect(failure(await b.call(clerk, 'flags.clear', { flagId: f.id, reason: 'mistake' }), 'FORBIDDEN').message).toContain('supervisor');
    expect(failure(await b.call(clerk, 'flags.clear', { flagId: dis.id, reason: 'mistake' }), 'FORBIDDEN').message).toContain('record the verification');
    for (const f of [cease, bk, dec, dis])
      expect(value(await b.call(supervisor, 'flags.clear', { flagId: f.id, reason: 'Set on the wrong account' })).clearedBy).toBe('sam');
    // Number flags and attorney are a clerk's to clear.
    const dnc = value(await b.call(clerk, 'flags.set', { kind: 'do_not_call', accountId: a.accountId, reason: 'work', phone: '212-555-0100' }));
    expect(dnc.phone).toBe('2125550100');
    value(await b.call(clerk, 'flags.clear', { flagId: dnc.id, reason: 'consumer allowed it' }));
  });

  it('a dispute is closed by recording verification; the flag records it', async () => {
    const { b, clerk, travel, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account();
    failure(await b.call(clerk, 'flags.recordVerification', { accountId: a.accountId, verifiedOn: '2026-03-10', note: 'nothing to verify' }), 'CONFLICT');
    value(await b.call(clerk, 'flags.set', { kind: 'disputed', accountId: a.accountId, reason: 'Consumer letter', written: true, receivedOn: '2026-03-09' }));
    travel('2026-03-20T15:00:00Z');
    const v = value(
      await b.call(clerk, 'flags.recordVerification', {
        accountId: a.accountId,
        verifiedOn: '2026-03-19',
        note: 'Copy of the signed agreement and itemization mailed',
      }),
    );
    expect(v).toMatchObject({ kind: 'disputed', resolution: 'verified', verifiedOn: '2026-03-19', clearedBy: 'cleo', clearedAt: '2026-03-20T15:00:00.000Z' });
    expect(value(await b.call(clerk, 'flags.list', { accountId: a.accountId }))).toEqual([]);
    const t = value(await b.call(clerk, 'timeline.get', { accountId: a.accountId }));
    expect(t[0]).toMatchObject({ kind: 'flag_cleared', flag: 'disputed', verified: true, verifiedOn: '2026-03-19' });
    expect(timelineTitle(t[0]!)).toBe('Dispute verified (sent Mar 19, 2026)');
  });

  it('validation notice: sent date, period end from the setting, and disputes marked within or after the period', async () => {
    const { b, clerk, supervisor, admin, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account();
    expect(value(await b.call(clerk, 'compliance.validationNotice', { accountId: a.accountId }))).toBeNull();
    const n = value(await b.call(clerk, 'compliance.recordValidationNotice', { accountId: a.accountId, sentOn: '2026-02-01' }));
    expect(n).toMatchObject({ sentOn: '2026-02-01', periodEndsOn: '2026-03-08', recordedBy: 'cleo' });
    const late = value(await b.call(clerk, 'flags.set', { kind: 'disputed', accountId: a.accountId, reason: 'Phone dispute', receivedOn: '2026-03-09' }));
    expect(late.details).toMatchObject({ written: false, receivedOn: '2026-03-09', validationPeriodEndsOn: '2026-03-08', withinValidationPeriod: false });
    value(await b.call(supervisor, 'compliance.updateSettings', { validationPeriodDays: 40 }));
    expect(value(await b.call(clerk, 'compliance.validationNotice', { accountId: a.accountId }))!.periodEndsOn).toBe('2026-03-13');
    value(await b.call(supervisor, 'flags.clear', { flagId: late.id, reason: 'withdrawn' }));
    const within = value(
      await b.call(clerk, 'flags.set', { kind: 'disputed', accountId: a.accountId, reason: 'Written dispute', written: true, receivedOn: '2026-03-10' }),
    );
    expect(within.details).toMatchObject({ withinValidationPeriod: true, validationPeriodEndsOn: '2026-03-13' });
    failure(await b.call(supervisor, 'compliance.updateSettings', { validationPeriodDays: 10 }), 'VALIDATION');
    const audit = value(await b.call(admin, 'audit.list', { entity: 'account', entityId: String(a.accountId) }));
    expect(audit.some((r) => r.action === 'compliance.validationNotice')).toBe(true);
  });

  it('for the worklist: holds by account and blocked numbers', async () => {
    const { b, clerk, supervisor, account } = await collectionsBackend('2026-03-10T15:00:00Z');
    const a = await account();
    const c = await account();
    await account();
    value(await b.call(clerk, 'flags.set', { kind: 'deceased', accountId: a.accountId, reason: 'Family called' }));
    const cease = value(await b.call(clerk, 'flags.set', { kind: 'cease_communication', accountId: c.accountId, reason: 'Letter' }));
    value(await b.call(clerk, 'flags.set', { kind: 'do_not_call', accountId: c.accountId, reason: 'work', phone: '212 555 0123' }));
    const holds = await b.services.flags.collectionHolds();
    expect([...holds.keys()].sort()).toEqual([a.accountId, c.accountId].sort());
    expect(holds.get(c.accountId)).toEqual([expect.objectContaining({ kind: 'cease_communication', flagId: cease.id })]);
    expect((await b.services.flags.collectionHolds([a.accountId])).size).toBe(1);
    expect((await b.services.flags.collectionHolds([])).size).toBe(0);
    value(await b.call(supervisor, 'flags.clear', { flagId: cease.id, reason: 'Consumer revoked in writing' }));
    expect((await b.services.flags.collectionHolds()).has(c.accountId)).toBe(false);
    expect([...(await b.services.flags.blockedNumbers(c.accountId)).keys()]).toEqual(['2125550123']);
  });
});
