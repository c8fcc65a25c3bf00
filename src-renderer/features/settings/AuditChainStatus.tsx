import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { AuditVerifyReport } from '@shared/domain/audit';
import { unwrap } from '../../api/client';

const count = (n: number) => n.toLocaleString('en-US');
const clockTime = (d: Date) => d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

/** The chain check in words: "Chain intact: 12,345 records verified at 3:04 PM", or the first broken link. */
export function chainWords(report: AuditVerifyReport, at: Date): { title: string; text: string } {
  if (report.ok)
    return { title: `Chain intact: ${count(report.records)} records verified at ${clockTime(at)}`, text: 'No record has been edited, removed or reordered.' };
  const first = report.problems[0]!;
  const more = report.problems.length - 1;
  return {
    title: `Chain broken at record ${count(first.seq)}: ${first.problem}`,
    text: `${more ? `${count(more)} more ${more === 1 ? 'problem' : 'problems'} among ` : 'Checked '}${count(report.records)} records at ${clockTime(at)}. Restore a backup made before the change, and ask who had the store file.`,
  };
}

/**
 * The audit chain's verification on the audit log page (docs/clerks-day.md, The audit log): on demand,
 * since it rehashes every record (about 2.5 s at 210,000 records); administrators run it, as before.
 */
export function AuditChainStatus({ canVerify }: { canVerify: boolean }) {
  const [result, setResult] = useState<{ report: AuditVerifyReport; at: Date } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult({ report: await unwrap(window.api.audit.verify()), at: new Date() });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const words = result ? chainWords(result.report, result.at) : null;
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="audit-chain">
      {words && result ? (
        <Alert color={result.report.ok ? 'teal' : 'red'} title={words.title} py={6} style={{ flex: 1 }}>
          <Text size="xs">{words.text}</Text>
        </Alert>
      ) : error ? (
        <Alert color="red" py={6} style={{ flex: 1 }}>
          {error}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" style={{ flex: 1 }}>
          The log is append-only and hash-chained: verifying it rehashes every record and finds any that was edited, removed or reordered.
          {canVerify ? '' : ' An administrator can verify it here.'}
        </Text>
      )}
      {canVerify && (
        <Button variant="light" leftSection={<IconShieldCheck size={16} />} onClick={() => void verify()} loading={busy}>
          Verify chain
        </Button>
      )}
    </Group>
  );
}
