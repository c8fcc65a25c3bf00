import { useEffect, useState } from 'react';
import { Alert, Button, Code, Group, List, Modal, PasswordInput, Progress, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RestorePreview } from '@shared/domain/backups';
import { formatBytes } from '@shared/domain/diagnostics';
import { formatInstant } from '@shared/dates';
import { CallError, unwrap } from '../../api/client';
import { stageLabels } from './words';

type Step =
  | { kind: 'typePath' } // no file dialog here (the browser test bridge): the path is typed
  | { kind: 'checking' }
  | { kind: 'passphrase'; wrong: boolean }
  | { kind: 'confirm'; preview: RestorePreview }
  | { kind: 'restoring'; preview: RestorePreview };

/**
 * Restore: read the backup's manifest (and, for an export, its passphrase) to say exactly what will
 * happen, ask for confirmation, then restore. Everyone is signed out when it is done, so the screen
 * that started it goes away with the session (App listens for `sessions.ended`).
 */
export function RestoreFlow({ path: given, onClose }: { path: string | null; onClose: () => void }) {
  const [path, setPath] = useState(given ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [step, setStep] = useState<Step>(given ? { kind: 'checking' } : { kind: 'typePath' });
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);

  useEffect(() => window.api.on('progress', (p) => p.task === 'backup.restore' && setStage(p.label ?? null)), []);

  const inspect = async (file: string, secret?: string) => {
    setError(null);
    setStep({ kind: 'checking' });
    try {
      setStep({ kind: 'confirm', preview: await unwrap(window.api.backups.inspect({ path: file, passphrase: secret })) });
    } catch (err) {
      if (err instanceof CallError && err.code === 'BACKUP_WRONG_PASSPHRASE') setStep({ kind: 'passphrase', wrong: secret !== undefined });
      else {
        // Said in words (damaged, newer version, another key...); a typed path can be corrected.
        setError(err instanceof Error ? err.message : String(err));
        setStep(given ? { kind: 'checking' } : { kind: 'typePath' });
      }
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: checks the file given once, when the flow opens
  useEffect(() => {
    if (given) void inspect(given);
  }, []);

  const restore = async (preview: RestorePreview) => {
    setError(null);
    setStep({ kind: 'restoring', preview });
    try {
      await unwrap(window.api.backups.restore({ path: preview.path, passphrase: preview.exported ? passphrase : undefined }));
      // Every session ended: the app shows the sign-in screen (App listens for sessions.ended).
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setStep({ kind: 'confirm', preview });
    }
  };

  const title = step.kind === 'confirm' || step.kind === 'restoring' ? `Restore the backup of ${formatInstant(step.preview.createdAt)}?` : 'Restore a backup';
  const closable = step.kind !== 'restoring';
  return (
    <Modal
      opened
      onClose={closable ? onClose : () => undefined}
      withCloseButton={closable}
      closeOnEscape={closable}
      closeOnClickOutside={false}
      centered
      size={620}
      title={
        <Text fw={600} size="lg">
          {title}
        </Text>
      }
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" title="The backup was not restored">
            {error}
          </Alert>
        )}
        {step.kind === 'typePath' && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (path.trim()) void inspect(path.trim());
            }}
          >
            <Stack gap="sm">
              <TextInput
                label="Backup file"
                description="The full path of a .ldkbak file (its .manifest.json must be beside it)"
                value={path}
                onChange={(e) => setPath(e.currentTarget.value)}
                spellCheck={false}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
                <Button type="submit" disabled={!path.trim()}>
                  Continue
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {step.kind === 'checking' && !error && (
          <Text size="sm" c="dimmed">
            Reading the backup’s manifest…
          </Text>
        )}
        {step.kind === 'checking' && error && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
          </Group>
        )}
        {step.kind === 'passphrase' && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void inspect(path.trim(), passphrase);
            }}
          >
            <Stack gap="sm">
              <Text size="sm">This backup was exported with a passphrase: its key travels inside it, locked. Enter the passphrase it was exported with.</Text>
              <PasswordInput
                label="Passphrase"
                value={passphrase}
                onChange={(e) => setPassphrase(e.currentTarget.value)}
                error={step.wrong ? 'This passphrase does not open the backup' : undefined}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
                <Button type="submit" disabled={!passphrase}>
                  Continue
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {(step.kind === 'confirm' || step.kind === 'restoring') && (
          <>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon color="orange" variant="light" radius="xl" size={36}>
                <IconAlertTriangle size={20} />
              </ThemeIcon>
              <Text size="sm">
                The store will be put back as it was on <b>{formatInstant(step.preview.createdAt)}</b>. Anything entered since then is not in the backup.
              </Text>
            </Group>
            <List size="sm" spacing={6}>
              <List.Item>
                First the whole backup is checked: every page, the migrations, the audit log against its anchor and the ledger. If anything is wrong, nothing
                changes.
              </List.Item>
              <List.Item>
                The current store is kept aside, with its anchor and key files, as
                <Code block mt={4}>
                  {step.preview.keptAsidePath}
                </Code>
              </List.Item>
              <List.Item>
                <b>Everyone is signed out</b>, you included. Work in progress on other screens is not saved; each person signs in again.
              </List.Item>
            </List>
            <Text size="xs" c="dimmed">
              Backup: {step.preview.path} · {formatBytes(step.preview.sizeBytes)} · made by Ledgerdesk {step.preview.appVersion} ·{' '}
              {step.preview.auditRecords.toLocaleString('en-US')} audit records{step.preview.exported ? ' · exported with a passphrase' : ''}
            </Text>
            {step.kind === 'restoring' && (
              <Stack gap={4}>
                <Progress value={100} animated striped aria-label="Restore progress" />
                <Text size="xs" c="dimmed">
                  {(stage && stageLabels[stage]) ?? 'Restoring…'}
                </Text>
              </Stack>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={step.kind === 'restoring'}>
                Cancel
              </Button>
              <Button color="red" loading={step.kind === 'restoring'} onClick={() => void restore(step.preview)}>
                Restore and sign everyone out
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
