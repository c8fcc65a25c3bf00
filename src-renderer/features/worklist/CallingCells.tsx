import { useEffect, useState } from 'react';
import { Box, Text, Tooltip } from '@mantine/core';
import { callableText, lastContactText, localClock, type WorklistCalling } from '@shared/domain/collections-calling';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';

/**
 * The worklist's calling cells (docs/clerks-day.md, "A worklist made for calling"): the number to dial,
 * the customer's local time with whether a call is allowed now, any promise due and the last contact.
 * The backend decides (the compliance engine); these only say it, at the screen's clock.
 */

/** The screen's clock, ticking every `ms` so local times and waits stay current between refreshes. */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}

const twoLines = { minWidth: 0, lineHeight: 1.2 } as const;

/** The number, and whose it is: its label, and the contact's name when it is not the account's. */
export function PhoneCell({ c, accountName }: { c: WorklistCalling; accountName: string }) {
  if (!c.phone)
    return (
      <Text size="sm" c="dimmed">
        No number
      </Text>
    );
  const who = [c.phoneLabel, c.contactName !== accountName ? c.contactName : null].filter(Boolean).join(' · ');
  return (
    <Box style={twoLines}>
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="worklist-phone">
        {c.phone}
      </Text>
      <Text size="xs" c="dimmed" truncate title={who}>
        {who}
      </Text>
    </Box>
  );
}

/** "6:55 AM" over "Callable from 8:00 AM · in 1 h 5 min", green when a call is allowed now. */
export function CallableCell({ c, now }: { c: WorklistCalling; now: Date }) {
  const t = callableText(c, now);
  const zones = [c.timeZone, ...c.phoneZones];
  const where =
    c.phoneZones.length > 0
      ? `The number's area code is in another time zone: ${zones.map((z) => `${localClock(now, z)} in ${zoneCity(z)}`).join(', ')}. A call must be allowed in each.`
      : `The customer's time zone: ${zoneCity(c.timeZone)}.`;
  const tip = [where, t.why ? `${capital(t.why)}.` : null].filter(Boolean).join(' ');
  return (
    <Tooltip label={tip} withinPortal multiline maw={320}>
      <Box style={twoLines} data-testid="worklist-callable" data-callable={t.allowed ? 'yes' : 'no'}>
        <Text size="sm">
          <span data-testid="worklist-local-time">{localClock(now, c.timeZone)}</span>
          {c.phoneZones.length > 0 && (
            <Text span size="xs" c="dimmed">
              {' '}
              and {c.phoneZones.length === 1 ? 'one more zone' : `${c.phoneZones.length} more zones`}
            </Text>
          )}
        </Text>
        <Text size="xs" fw={600} c={t.allowed ? 'teal.8' : c.callableFrom ? 'orange.8' : 'red.7'} truncate>
          {t.headline}
        </Text>
        {t.wait && (
          <Text size="xs" c="dimmed" lh={1.2}>
            {t.wait}
          </Text>
        )}
      </Box>
    </Tooltip>
  );
}

export function PromiseCell({ c, today }: { c: WorklistCalling; today: string }) {
  if (!c.promise)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const when = c.promise.dueDate === today ? 'due today' : `${c.promise.state === 'broken' ? 'broken' : 'due'} ${formatDate(c.promise.dueDate)}`;
  return (
    <Box style={twoLines}>
      <Text size="sm" className="num" fw={500}>
        {formatMoney(c.promise.amountCents)}
      </Text>
      <Text size="xs" c={c.promise.state === 'broken' ? 'red.7' : 'blue.7'}>
        {when}
      </Text>
    </Box>
  );
}

export function LastContactCell({ c }: { c: WorklistCalling }) {
  const text = lastContactText(c);
  if (!text)
    return (
      <Text size="sm" c="dimmed">
        No calls yet
      </Text>
    );
  const [outcome, day] = splitLast(text);
  return (
    <Box style={twoLines}>
      <Text size="sm" truncate title={outcome}>
        {outcome}
      </Text>
      <Text size="xs" c="dimmed">
        {day}
      </Text>
    </Box>
  );
}

/** "Left message, Nov 27" -> ["Left message", "Nov 27"]. */
function splitLast(text: string): [string, string] {
  const i = text.lastIndexOf(', ');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 2)];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "America/Los_Angeles" -> "Los Angeles". */
const zoneCity = (zone: string) => (zone.split('/').pop() ?? zone).replace(/_/g, ' ');

/** The callable state as export text, at the export's instant. */
export function callableExportText(c: WorklistCalling, now: Date): string {
  const t = callableText(c, now);
  return [t.headline, t.wait, t.why].filter(Boolean).join(', ');
}
