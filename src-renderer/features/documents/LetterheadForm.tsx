import { useState } from 'react';
import { Alert, Box, Button, FileButton, Group, Image, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { LOGO_MAX_BYTES, logoMimeTypes, type DocumentSettingsView, type Letterhead, type LogoMimeType } from '@shared/domain/documents';
import { formatBytes } from '@shared/domain/diagnostics';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { errorWords } from './api';
import { AddressInputs, addressErrors } from './AddressInputs';
import { saveDocumentSettings, saveProblem } from './settingsApi';

const emptyAddress: Letterhead['address'] = { line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US' };

/** The file's bytes as base64 (what documents.setLogo takes). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Letterhead: who the office is on every document, where payments go and how to pay; the logo. */
export function LetterheadForm({ view, canEdit }: { view: DocumentSettingsView; canEdit: boolean }) {
  const [value, setValue] = useState<Letterhead>(view.letterhead);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const fields = problem?.fields ?? {};
  const set = (patch: Partial<Letterhead>) => setValue((v) => ({ ...v, ...patch }));
  const text = (key: 'legalName' | 'phone' | 'email' | 'website' | 'taxId', label: string, placeholder?: string) => (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={value[key]}
      error={fields[`letterhead.${key}`]}
      disabled={!canEdit}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
    />
  );

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await saveDocumentSettings({ letterhead: value });
      setValue(saved.letterhead);
      notifications.show({ color: 'teal', message: 'Letterhead saved. Documents made from now on use it.' });
    } catch (err) {
      setProblem(saveProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb={4}>
        Letterhead
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Printed at the top of every invoice, credit note and receipt.
      </Text>
      <Stack gap="sm">
        <LogoField view={view} canEdit={canEdit} />
        <SimpleGrid cols={2} spacing="sm">
          {text('legalName', 'Legal name', 'As registered')}
          {text('taxId', 'Tax id', 'EIN or VAT number')}
          {text('phone', 'Phone')}
          {text('email', 'Email')}
          {text('website', 'Website')}
        </SimpleGrid>
        <AddressInputs
          label="Address"
          value={value.address}
          onChange={(address) => set({ address })}
          disabled={!canEdit}
          errors={addressErrors(fields, 'letterhead.address')}
        />
        <Switch
          mt={4}
          label="Payments go to a different address (remit to)"
          checked={value.remitTo !== null}
          disabled={!canEdit}
          onChange={(e) => set({ remitTo: e.currentTarget.checked ? { ...emptyAddress } : null })}
        />
        {value.remitTo && (
          <AddressInputs
            label="Remit to"
            value={value.remitTo}
            onChange={(remitTo) => set({ remitTo })}
            disabled={!canEdit}
            errors={addressErrors(fields, 'letterhead.remitTo')}
          />
        )}
        <Textarea
          label="How to pay"
          description="Printed on invoices: who checks are payable to, bank details for ACH, a payment web page"
          autosize
          minRows={2}
          maxRows={5}
          value={value.paymentInstructions}
          error={fields['letterhead.paymentInstructions']}
          disabled={!canEdit}
          onChange={(e) => set({ paymentInstructions: e.currentTarget.value })}
        />
        {problem && <Alert color="red">{problem.message}</Alert>}
        {canEdit && (
          <Group justify="flex-end">
            <Button onClick={() => void save()} loading={busy}>
              Save letterhead
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function LogoField({ view, canEdit }: { view: DocumentSettingsView; canEdit: boolean }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const store = (v: DocumentSettingsView) => queryClient.setQueryData(['documents', 'settings'], v);

  const upload = async (file: File | null) => {
    if (!file) return;
    setRefusal(null);
    if (!(logoMimeTypes as readonly string[]).includes(file.type))
      return setRefusal(`${file.name} is not a PNG, JPEG or SVG image. Choose one of those (at most ${formatBytes(LOGO_MAX_BYTES)}).`);
    if (file.size > LOGO_MAX_BYTES)
      return setRefusal(`${file.name} is ${formatBytes(file.size)}; a logo may be at most ${formatBytes(LOGO_MAX_BYTES)}. Save it smaller and try again.`);
    setBusy(true);
    try {
      store(await unwrap(window.api.documents.setLogo({ mimeType: file.type as LogoMimeType, base64: await readBase64(file) })));
      notifications.show({ color: 'teal', message: 'Logo saved.' });
    } catch (err) {
      setRefusal(errorWords(err).message);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      store(await unwrap(window.api.documents.removeLogo()));
    } catch (err) {
      setRefusal(errorWords(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Logo
      </Text>
      <Group gap="md" align="center">
        <Box
          w={200}
          h={72}
          style={{
            border: '1px dashed var(--mantine-color-gray-4)',
            borderRadius: 6,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            background: 'white',
          }}
        >
          {view.logo ? (
            <Image src={view.logo.dataUrl} alt="Logo" mah={64} maw={190} fit="contain" data-testid="logo-preview" />
          ) : (
            <Text size="xs" c="dimmed">
              No logo
            </Text>
          )}
        </Box>
        {canEdit && (
          <Stack gap={4}>
            <Group gap="xs">
              <FileButton onChange={(f) => void upload(f)} accept={logoMimeTypes.join(',')}>
                {(props) => (
                  <Button {...props} size="xs" variant="default" leftSection={<IconPhotoUp size={14} />} loading={busy}>
                    {view.logo ? 'Replace logo…' : 'Upload logo…'}
                  </Button>
                )}
              </FileButton>
              {view.logo && (
                <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} disabled={busy}>
                  Remove
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              PNG, JPEG or SVG, at most {formatBytes(LOGO_MAX_BYTES)}.{view.logo ? ` This one: ${formatBytes(view.logo.bytes)}.` : ''}
            </Text>
          </Stack>
        )}
      </Group>
      {refusal && (
        <Alert color="red" py={8} data-testid="logo-refused">
          {refusal}
        </Alert>
      )}
    </Stack>
  );
}
