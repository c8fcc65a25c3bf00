import { useState } from 'react';
import { Alert, Button, Code, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupEntry } from '@shared/domain/backups';
import { formatInstant } from '@shared/dates';
import { unwrap } from '../../api/client';
import { FolderField } from './FolderField';

/**
 * Export: a copy of a backup with the store key wrapped by a passphrase the administrator chooses
 * (scrypt), so it can be restored on another computer without this one's keychain.
 */
export function ExportModal({ entry, onClose }: { entry: BackupEntry; onClose: () => void }) {
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = again !== passphrase;
  const short = passphrase.length < 10;
  const submit = async () => {
    setShown(true);
    if (short || mismatch || !folder.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(window.api.backups.export({ path: entry.path!, toFolder: folder.trim(), passphrase }));
      notifications.show({ color: 'teal', title: 'Backup exported', message: r.path, autoClose: 10_000 });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={560}
      title={
        <Text fw={600} size="lg">
          Export the backup of {formatInstant(entry.startedAt)}
        </Text>
      }
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            For another computer or off-site: a copy of <Code>{entry.fileName}</Code> that carries the store key, locked by a passphrase. Anyone with the file
            and the passphrase can open the office’s data: keep them apart.
          </Text>
          {error && <Alert color="red">{error}</Alert>}
          <FolderField
            label="Export to"
            description="A USB drive, another disk or a share"
            value={folder}
            onChange={setFolder}
            error={shown && !folder.trim() ? 'Choose where the copy goes' : undefined}
          />
          <PasswordInput
            label="Passphrase"
            description="At least 10 characters; a few unrelated words are easy to type and hard to guess"
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={shown && short ? 'At least 10 characters' : undefined}
            data-autofocus
          />
          <PasswordInput
            label="Passphrase again"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={shown && mismatch ? 'The two passphrases differ' : undefined}
          />
          <Text size="xs" c="dimmed">
            Ledgerdesk cannot recover a forgotten passphrase. Without it the export cannot be restored.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Export
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
