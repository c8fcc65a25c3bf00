/**
 * A clerk's first morning on the demo company (issue 13, "The day starts ready"; docs/clerks-day.md):
 * nobody runs anything, yet the worklist is full, handed to the clerk, and its header says when it was
 * evaluated. At the two window sizes the issue names.
 */
import { expect, test } from '../fixtures/bridge';
import { BASE_INSTANT, syncPageClock } from '../fixtures/collectionsData';
import { lastEvaluationText } from '../../src-shared/domain/daily-evaluation';
import { formatDate } from '../../src-shared/dates';
import { movingClock, must } from '../../test/kit';
import { signIn } from '../../test/kit/page';

test.use({ clock: movingClock(BASE_INSTANT), timezoneId: 'America/Chicago' });

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('a clerk’s first morning on the demo company: the worklist is already full and assigned', async ({ app, page }, testInfo) => {
      test.setTimeout(300_000);
      const b = app.backend;
      await must(b, 'morning-admin', 'app.openDemo', undefined);
      // What the backend holds, for the screen to match: the demo's own run, everything on the list held by someone.
      await must(b, 'morning-sup', 'auth.signIn', { username: 'supervisor', password: 'riverside-supervisor' });
      const everyone = await must(b, 'morning-sup', 'worklist.get', { assignee: 'all', limit: 5000 });
      expect(everyone.total).toBeGreaterThan(10);
      expect(everyone.lastEvaluation).toMatchObject({ trigger: 'demo', byName: null, businessDate: everyone.asOf });
      expect((await must(b, 'morning-sup', 'worklist.get', { assignee: 'unassigned' })).total).toBe(0);
      const clerk = (await must(b, 'morning-sup', 'users.assignees', undefined)).find((u) => u.username === 'clerk')!;
      const mine = everyone.items.filter((i) => i.assignedUserId === clerk.id);
      // The demo office has one clerk: the round robin gives her the whole list.
      expect(mine.length).toBe(everyone.total);

      await syncPageClock(page);
      await app.open(page);
      await signIn(page, 'clerk', 'riverside-clerk');
      await page.goto(`${app.url}#/worklist`);
      await expect(page.getByText(`Your queue for ${formatDate(everyone.asOf)}`)).toBeVisible();
      await expect(page.getByTestId('worklist-count')).toHaveText(everyone.total.toLocaleString('en-US'));
      const said = `${lastEvaluationText(everyone.lastEvaluation, everyone.asOf, 'America/Chicago', formatDate)}.`;
      expect(said).toMatch(/^Last evaluated today at \d{1,2}:\d{2} [AP]M \(automatic\)\.$/);
      await expect(page.getByTestId('worklist-last-evaluation')).toHaveText(said);
      // The highest-scored account is on the clerk's screen, first.
      const grid = page.getByTestId('worklist');
      await expect(grid.getByRole('row').filter({ hasText: everyone.items[0]!.accountNumber })).toBeVisible();
      // No "Assigned to" filter for a clerk: the list is hers by default.
      await expect(page.getByRole('textbox', { name: 'Assigned to' })).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath(`clerks-morning-${viewport.width}.png`) });
    });
  });
}
