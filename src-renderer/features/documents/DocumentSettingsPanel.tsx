import { Alert, Loader, Stack } from '@mantine/core';
import { useSession } from '../../app/session';
import { useDocumentSettings } from './api';
import { EmailSettingsForm } from './EmailSettingsForm';
import { LayoutForm } from './LayoutForm';
import { LetterheadForm } from './LetterheadForm';
import { StatementMessagesForm } from '../statements/StatementMessagesForm';

/**
 * Settings › Documents: letterhead, page layout and email. Administrators change them; others see the
 * letterhead and layout read-only, and not the mail server's settings.
 */
export function DocumentSettingsPanel() {
  const { session } = useSession();
  const canEdit = session.role === 'administrator';
  const settings = useDocumentSettings();
  if (settings.isPending) return <Loader />;
  if (settings.isError) return <Alert color="red">{settings.error.message}</Alert>;
  const view = settings.data;
  return (
    <Stack gap="md" maw={960}>
      {!canEdit && <Alert color="gray">Only an administrator can change document settings.</Alert>}
      <LetterheadForm view={view} canEdit={canEdit} />
      <LayoutForm view={view} canEdit={canEdit} />
      <StatementMessagesForm view={view} canEdit={canEdit} />
      {canEdit && <EmailSettingsForm view={view} />}
    </Stack>
  );
}
