/**
 * The day starts ready (docs/clerks-day.md): the collections evaluation runs by itself when the store
 * opens on a new business day and at the office's time of day (the host's own check, driven here by a
 * clock the test moves), records each run, and hands the new worklist accounts to clerks by the
 * office's rules without touching a supervisor's assignments.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendHost } from '../../src-main/backend/host';
import { planAssignments, type AssignCandidate } from '../../src-main/backend/services/daily-evaluation/assign';
import { evaluationDue, nextRunAt } from '../../src-main/backend/services/daily-evaluation/schedule';
import { defaultDailyEvaluationSettings, lastEvaluationText, type DailyEvaluationSettings } from '../../src-shared/domain/daily-evaluation';
import { formatDate } from '../../src-shared/dates';
import type { Backend } from '../../src-main/backend';
import { addStaff, fixedClock, must, postInvoice } from '../kit';
import { tempDir, testBackend, withCompany } from '../support/store';

const rules = (over: Partial<DailyEvaluationSettings['assignment']>): DailyEvaluationSettings['assignment'] => ({
  ...defaultDailyEvaluationSettings.assignment,
  ...over,
});

/** Ann, Ben and Cal are clerks (by name, in that order); Sam supervises. */
async function staff(b: Backend, admin: string) {
  await addStaff(b, admin, [
    { username: 'ann', displayName: 'Ann Adams', role: 'clerk', password: 'password-123', session: 'ann' },
    { username: 'ben', displayName: 'Ben Brown', role: 'clerk', password: 'password-123', session: 'ben' },
    { username: 'cal', displayName: 'Cal Cole', role: 'clerk', password: 'password-123', session: 'cal' },
    { username: 'sam', displayName: 'Sam Okafor', role: 'supervisor', password: 'password-123', session: 'sam' },
  ]);
  const users = await must(b, admin, 'users.list', undefined);
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  return { ann: id('ann'), ben: id('ben'), cal: id('cal'), sam: id('sam') };
}

/**
 * Six accounts on the worklist on 2026-03-15: five invoiced Jan 1 (43 days past due: Second notice)
 * and Fir invoiced Nov 1 (104 days: Agency referral review). Birch and Dogwood are consumers.
 */
async function accounts(b: Backend, session: string) {
  const out: Record<string, number> = {};
  const spec: [string, 'consumer' | 'commercial', string][] = [
    ['Alder Dental', 'commercial', '2026-01-01'],
    ['Birch Family', 'consumer', '2026-01-01'],
    ['Cedar Clinic', 'commercial', '2026-01-01'],
    ['Dogwood Home', 'consumer', '2026-01-01'],
    ['Elm Street Co', 'commercial', '2026-01-01'],
    ['Fir Partners', 'commercial', '2025-11-01'],
  ];
  let n = 0;
  for (const [name, kind, date] of spec) {
    const a = await must(b, session, 'accounts.create', { accountNumber: `D-${100 + ++n}`, name, kind });
    await postInvoice(b, session, a.id, 50_000, { date, terms: 'Net 30' });
    out[name.split(' ')[0]!] = a.id;
  }
  return out as Record<'Alder' | 'Birch' | 'Cedar' | 'Dogwood' | 'Elm' | 'Fir', number>;
}

/** accountId -> assigned username (null: shared), from everyone's worklist. */
async function holders(b: Backend, session: string) {
  const wl = await must(b, session, 'worklist.get', { assignee: 'all', limit: 5000 });
  return new Map(wl.items.map((i) => [i.accountId, i.assignedTo]));
}

describe('when the evaluation is due', () => {
  const zone = 'America/Chicago';
  const settings = { scheduleEnabled: true, timeOfDay: '06:00' };
  // March 16, 2026 in Chicago is CDT (UTC-5): 06:00 local is 11:00Z.
  it('runs on opening once per business day, and at the time of day unless a run happened since', () => {
    const at = (iso: string, last: string | null, trigger: 'open' | 'schedule') =>
      evaluationDue({ trigger, now: new Date(iso), timeZone: zone, settings, lastRunTodayAt: last ? new Date(last) : null });
    expect(at('2026-03-16T10:00:00Z', null, 'open')).toBe(true);
    expect(at('2026-03-16T10:30:00Z', '2026-03-16T10:00:00Z', 'open')).toBe(false);
    expect(at('2026-03-16T10:30:00Z', '2026-03-16T10:00:00Z', 'schedule')).toBe(false); // 05:30: not yet
    expect(at('2026-03-16T11:00:00Z', '2026-03-16T10:00:00Z', 'schedule')).toBe(true); // 06:00: the run at 05:00 was before it
    expect(at('2026-03-16T12:00:00Z', '2026-03-16T11:00:00Z', 'schedule')).toBe(false);
    expect(at('2026-03-16T05:01:00Z', null, 'schedule')).toBe(false); // 00:01: a new day alone does not run it while open
    expect(
      evaluationDue({
        trigger: 'schedule',
        now: new Date('2026-03-16T12:00:00Z'),
        timeZone: zone,
        settings: { ...settings, scheduleEnabled: false },
        lastRunTodayAt: null,
      }),
    ).toBe(false);
    expect(
      nextRunAt({ now: new Date('2026-03-16T12:00:00Z'), timeZone: zone, settings, lastRunTodayAt: new Date('2026-03-16T11:00:00Z') })?.toISOString(),
    ).toBe('2026-03-17T11:00:00.000Z');
    expect(nextRunAt({ now: new Date('2026-03-16T10:00:00Z'), timeZone: zone, settings, lastRunTodayAt: null })?.toISOString()).toBe(
      '2026-03-16T11:00:00.000Z',
    );
  });
});

describe('who gets a new worklist account (hand-checked)', () => {
  const c = (accountId: number, name: string, kind: 'consumer' | 'commercial', stageId: number | null): AssignCandidate => ({ accountId, name, kind, stageId });
  const six = [
    c(6, 'Fir', 'commercial', 4),
    c(1, 'Alder', 'commercial', 2),
    c(2, 'birch', 'consumer', 2),
    c(3, 'Cedar', 'commercial', 2),
    c(4, 'Dogwood', 'consumer', 2),
    c(5, 'Émile', 'commercial', 2),
  ];
  const people = (onDuty: number[], load: [number, number][] = [], active = [10, 20, 30, 40]) => ({ active: new Set(active), onDuty, load: new Map(load) });
  const result = (m: Map<number, number>) => Object.fromEntries([...m].sort((a, b) => a[0] - b[0]));

  it('round robin: by name, each to the clerk on duty holding the fewest', () => {
    expect(result(planAssignments(six, rules({ mode: 'round_robin' }), people([10, 20, 30])))).toEqual({ 1: 10, 2: 20, 3: 30, 4: 10, 5: 20, 6: 30 });
    // Ben (20) already holds two: Ann and Cal catch up first.
    expect(result(planAssignments(six, rules({ mode: 'round_robin' }), people([10, 20, 30], [[20, 2]])))).toEqual({ 1: 10, 2: 30, 3: 10, 4: 30, 5: 10, 6: 20 });
    expect(planAssignments(six, rules({ mode: 'round_robin' }), people([])).size).toBe(0);
    expect(planAssignments(six, rules({ mode: 'none' }), people([10, 20])).size).toBe(0);
  });

  it('by stage, by kind, by alphabet; what no rule places (or an inactive person) goes round robin', () => {
    expect(result(planAssignments(six, rules({ mode: 'by_stage', byStage: [{ stageId: 2, userId: 40 }] }), people([10, 20])))).toEqual({
      1: 40,
      2: 40,
      3: 40,
      4: 40,
      5: 40,
      6: 10,
    });
    expect(result(planAssignments(six, rules({ mode: 'by_kind', byKind: { consumer: 30, commercial: null } }), people([10, 20])))).toEqual({
      1: 10,
      2: 30,
      3: 20,
      4: 30,
      5: 10,
      6: 20,
    });
    const alphabet = rules({
      mode: 'by_alphabet',
      byAlphabet: [
        { from: 'A', to: 'C', userId: 10 },
        { from: 'D', to: 'E', userId: 20 },
      ],
    });
    // "birch" counts as B, "Émile" as E; Fir is in no range.
    expect(result(planAssignments(six, alphabet, people([30])))).toEqual({ 1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 30 });
    // Ben (20) has left: his letters go round robin.
    expect(result(planAssignments(six, alphabet, people([30], [], [10, 30])))).toEqual({ 1: 10, 2: 10, 3: 10, 4: 30, 5: 30, 6: 30 });
  });
});

describe('the daily evaluation in a store', () => {
  it('hands the worklist to the clerks on duty, keeps a supervisor’s choices, and changes nothing when run again', async () => {
    const clock = fixedClock('2026-03-15T15:00:00Z'); // 10:00 in Chicago
    const b = testBackend({ clock });
    const admin = await withCompany(b);
    const u = await staff(b, admin);
    const a = await accounts(b, 'ann');
    const view = await must(b, 'sam', 'evaluations.get', undefined);
    expect(view.settings).toEqual(defaultDailyEvaluationSettings);
    expect(view.lastRun).toBeNull();
    // Cal is off today.
    await must(b, 'sam', 'evaluations.saveSettings', { ...view.settings, assignment: { ...view.settings.assignment, offDuty: [u.cal] } });

    const first = await must(b, 'sam', 'evaluations.run', {});
    expect(first.run).toMatchObject({ businessDate: '2026-03-15', asOf: '2026-03-15', trigger: 'manual', byName: 'Sam Okafor', movedUp: 6, assigned: 6 });
    let who = await holders(b, 'sam');
    // By name, in turn, between Ann and Ben.
    expect([a.Alder, a.Birch, a.Cedar, a.Dogwood, a.Elm, a.Fir].map((id) => who.get(id))).toEqual(['ann', 'ben', 'ann', 'ben', 'ann', 'ben']);
    // A clerk's own list is theirs (and the shared ones).
    expect((await must(b, 'ann', 'worklist.get', {})).items.map((i) => i.accountId).sort()).toEqual([a.Alder, a.Cedar, a.Elm].sort());

    // The supervisor gives Alder to Cal and makes Birch shared; Cal is back on duty; a new account falls behind.
    await must(b, 'sam', 'worklist.assign', { accountIds: [a.Alder], userId: u.cal });
    await must(b, 'sam', 'worklist.assign', { accountIds: [a.Birch], userId: null });
    await must(b, 'sam', 'evaluations.saveSettings', { ...view.settings, assignment: { ...view.settings.assignment, offDuty: [] } });
    const aspen = await must(b, 'ann', 'accounts.create', { accountNumber: 'D-200', name: 'Aspen Lodge', kind: 'commercial' });
    await postInvoice(b, 'ann', aspen.id, 50_000, { date: '2026-01-01', terms: 'Net 30' });
    const movesBefore = (await must(b, admin, 'audit.list', { limit: 500 })).filter((x) => x.action === 'stage.move').length;

    const second = await must(b, 'sam', 'evaluations.run', {});
    expect(second.run).toMatchObject({ movedUp: 1, movedDown: 0, assigned: 1 });
    who = await holders(b, 'sam');
    expect(who.get(a.Alder)).toBe('cal');
    expect(who.get(a.Birch)).toBeNull();
    // Loads before Aspen: Ann 2 (Cedar, Elm), Ben 2 (Dogwood, Fir), Cal 1 (Alder): Aspen goes to Cal.
    expect(who.get(aspen.id)).toBe('cal');

    const third = await must(b, 'sam', 'evaluations.run', {});
    expect(third.run).toMatchObject({ movedUp: 0, movedDown: 0, cleared: 0, tasksCreated: 0, assigned: 0 });
    expect(await holders(b, 'sam')).toEqual(who);
    const audit = await must(b, admin, 'audit.list', { limit: 500 });
    expect(audit.filter((x) => x.action === 'stage.move').length).toBe(movesBefore + 1);
    expect(audit.filter((x) => x.action === 'evaluation.run').length).toBe(3);
    const assigns = audit.filter((x) => x.action === 'worklist.assign' && x.username === 'sam');
    // Two by the first run (Ann's, Ben's), two by hand, one by the second run.
    expect(assigns.length).toBe(5);
    // The worklist says when and by whom.
    const wl = await must(b, 'ann', 'worklist.get', {});
    expect(wl.lastEvaluation?.id).toBe(third.run.id);
    expect(lastEvaluationText(wl.lastEvaluation, '2026-03-15', 'America/Chicago', formatDate)).toBe('Last evaluated today at 10:00 AM by Sam Okafor');
  });

  it('assigns by kind as set, and refuses rules naming someone inactive', async () => {
    const clock = fixedClock('2026-03-15T15:00:00Z');
    const b = testBackend({ clock });
    const admin = await withCompany(b);
    const u = await staff(b, admin);
    const a = await accounts(b, 'ann');
    const base = defaultDailyEvaluationSettings;
    const refused = await b.call('sam', 'evaluations.saveSettings', {
      ...base,
      assignment: { ...base.assignment, mode: 'by_kind', byKind: { consumer: u.ben, commercial: 999_999 } },
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('assignment') });
    expect((await b.call('ann', 'evaluations.saveSettings', base)).ok).toBe(false); // supervisors only
    await must(b, 'sam', 'evaluations.saveSettings', {
      ...base,
      assignment: { ...base.assignment, mode: 'by_kind', byKind: { consumer: u.ben, commercial: u.ann } },
    });
    await must(b, 'sam', 'evaluations.run', {});
    const who = await holders(b, 'sam');
    expect([a.Alder, a.Birch, a.Cedar, a.Dogwood, a.Elm, a.Fir].map((id) => who.get(id))).toEqual(['ann', 'ben', 'ann', 'ben', 'ann', 'ann']);
    const settingsAudit = (await must(b, admin, 'audit.list', { limit: 500 })).filter(
      (x) => x.action === 'settings.update' && x.entityId === 'collections.daily',
    );
    expect(settingsAudit.length).toBe(1);
  });
});

describe('the host runs it by itself', () => {
  const hosts: BackendHost[] = [];
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close().catch(() => undefined);
  });

  it('on opening on a new business day (once), then at the time of day while open', async () => {
    const clock = fixedClock('2026-03-15T15:00:00Z'); // Sunday 10:00 in Chicago
    const storePath = path.join(tempDir(), 'office.ldk');
    const setup = testBackend({ clock, storePath });
    const admin = await withCompany(setup);
    await staff(setup, admin);
    const a = await accounts(setup, 'ann');
    await setup.close();

    // The hour-long period never elapses in the test: tick() is the timer's own call, made by hand.
    const open = () => {
      const h = new BackendHost({ storePath, key: setup.key, clock, log: () => undefined, scheduleEveryMs: 3_600_000 });
      hosts.push(h);
      return h;
    };
    const runs = (h: BackendHost) => h.current.ctx.db.selectFrom('evaluation_run').select(['business_date', 'trigger', 'at']).orderBy('id').execute();

    let host = open();
    await host.opened;
    expect(await runs(host)).toEqual([{ business_date: '2026-03-15', trigger: 'open', at: '2026-03-15T15:00:00.000Z' }]);
    await must(host.current, 'ann', 'auth.signIn', { username: 'ann', password: 'password-123' });
    const wl = await must(host.current, 'ann', 'worklist.get', {});
    // By name in turn among Ann, Ben and Cal, Ann's share is Alder and Dogwood; nothing is left shared.
    expect(wl.items.map((i) => i.accountId).sort()).toEqual([a.Alder, a.Dogwood].sort());
    expect(wl.items.every((i) => i.assignedTo === 'ann')).toBe(true);
    expect(lastEvaluationText(wl.lastEvaluation, '2026-03-15', 'America/Chicago', formatDate)).toBe('Last evaluated today at 10:00 AM (automatic)');
    const audit = await host.current.ctx.db.selectFrom('audit').select(['action', 'username']).where('action', '=', 'evaluation.run').execute();
    expect(audit).toEqual([{ action: 'evaluation.run', username: 'system' }]);

    // Opened again the same day, and the periodic check after 06:00: nothing new.
    await host.close();
    clock.advance(3_600_000);
    host = open();
    await host.opened;
    await host.tick();
    expect((await runs(host)).length).toBe(1);

    // The app stays open overnight: midnight passes without a run; 06:00 Monday runs it, once.
    clock.set('2026-03-16T05:30:00Z'); // 00:30
    await host.tick();
    clock.set('2026-03-16T10:59:00Z'); // 05:59
    await host.tick();
    expect((await runs(host)).length).toBe(1);
    clock.set('2026-03-16T11:00:30Z'); // 06:00
    await host.tick();
    await host.tick();
    expect((await runs(host)).slice(1)).toEqual([{ business_date: '2026-03-16', trigger: 'schedule', at: '2026-03-16T11:00:30.000Z' }]);
    const last = (await host.current.services.dailyEvaluation.view()).lastRun;
    expect(lastEvaluationText(last, '2026-03-16', 'America/Chicago', formatDate)).toBe('Last evaluated today at 6:00 AM (automatic)');
    expect(lastEvaluationText(last, '2026-03-17', 'America/Chicago', formatDate)).toBe('Last evaluated yesterday at 6:00 AM (automatic)');
  });
});
