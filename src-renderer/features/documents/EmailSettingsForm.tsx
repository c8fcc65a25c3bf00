import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Menu,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBraces, IconChevronDown, IconSend } from '@tabler/icons-react';
import { emailMergeFields, smtpSecurity, type DocumentSettings, type DocumentSettingsView } from '@shared/domain/documents';
import { unknownMergeFields } from '@shared/domain/document-email';
import { mergeFieldLabels, mergeToken, outputKindLabels, smtpSecurityLabels } from '@shared/domain/documents-text';
import { unwrap } from '../../api/client';
import { errorWords } from './api';
import { saveDocumentSettings, saveProblem, type DocumentSettingsPatch } from './settingsApi';

type TemplateKind = keyof DocumentSettings['emailTemplates'];
const templateKinds: TemplateKind[] = ['invoice', 'credit_note', 'receipt', 'statement'];
type Smtp = DocumentSettings['smtp'];
type Password = { mode: 'keep' } | { mode: 'change'; text: string } | { mode: 'remove' };

const unknownText = (s: string) => {
  const unknown = unknownMergeFields(s);
  return unknown.length
    ? `${unknown.map((n) => `{{${n}}}`).join(', ')} ${unknown.length === 1 ? 'is not a merge field' : 'are not merge fields'}: use Insert field`
    : undefined;
};

/** Email: the SMTP server documents are sent through, the message per kind of document, and a test message. */
export function EmailSettingsForm({ view }: { view: DocumentSettingsView }) {
  const [smtp, setSmtp] = useState<Smtp>(view.smtp);
  const [templates, setTemplates] = useState(view.emailTemplates);
  const [password, setPassword] = useState<Password>({ mode: 'keep' });
  const [kind, setKind] = useState<TemplateKind>('invoice');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const fields = problem?.fields ?? {};
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<'subject' | 'body'>('body');
  const setS = (patch: Partial<Smtp>) => setSmtp((v) => ({ ...v, ...patch }));
  const template = templates[kind];
  const setTemplate = (patch: Partial<{ subject: string; body: string }>) => setTemplates((t) => ({ ...t, [kind]: { ...t[kind], ...patch } }));

  // The picker puts {{field}} where the cursor was in the subject or the body: never typed from memory.
  const insert = (field: (typeof emailMergeFields)[number]) => {
    const which = lastField.current;
    const el = which === 'subject' ? subjectRef.current : bodyRef.current;
    const current = template[which];
    const token = mergeToken(field);
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    setTemplate({ [which]: current.slice(0, start) + token + current.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const save = async () => {
    setBusy(true);
    setProblem(null);
    const patch: DocumentSettingsPatch = { smtp, emailTemplates: templates };
    if (password.mode === 'change') patch.smtpPassword = password.text;
    if (password.mode === 'remove') patch.smtpPassword = '';
    try {
      const saved = await saveDocumentSettings(patch);
      setSmtp(saved.smtp);
      setTemplates(saved.emailTemplates);
      setPassword({ mode: 'keep' });
      notifications.show({ color: 'teal', message: 'Email settings saved.' });
    } catch (err) {
      setProblem(saveProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb={4}>
        Email
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Documents are emailed through your mail server, with the PDF attached, to each account’s billing email.
      </Text>
      <Stack gap="sm">
        <SimpleGrid cols={3} spacing="sm">
          <TextInput
            label="SMTP host"
            placeholder="smtp.example.com"
            value={smtp.host}
            error={fields['smtp.host']}
            onChange={(e) => setS({ host: e.currentTarget.value })}
          />
          <NumberInput
            label="Port"
            min={1}
            max={65535}
            allowDecimal={false}
            value={smtp.port}
            error={fields['smtp.port']}
            onChange={(n) => setS({ port: typeof n === 'number' ? n : smtp.port })}
          />
          <Select
            label="Security"
            data={smtpSecurity.map((s) => ({ value: s, label: smtpSecurityLabels[s] }))}
            value={smtp.security}
            allowDeselect={false}
            onChange={(v) => v && setS({ security: v as Smtp['security'] })}
          />
          <TextInput
            label="User"
            placeholder="Often the sending address"
            value={smtp.user}
            error={fields['smtp.user']}
            onChange={(e) => setS({ user: e.currentTarget.value })}
          />
          <PasswordField set={view.smtpPasswordSet} value={password} onChange={setPassword} />
          <div />
          <TextInput
            label="From name"
            placeholder="Riverside Billing"
            value={smtp.fromName}
            error={fields['smtp.fromName']}
            onChange={(e) => setS({ fromName: e.currentTarget.value })}
          />
          <TextInput
            label="From address"
            placeholder="billing@example.com"
            value={smtp.fromAddress}
            error={fields['smtp.fromAddress']}
            onChange={(e) => setS({ fromAddress: e.currentTarget.value })}
          />
        </SimpleGrid>
        {smtp.security === 'none' && (smtp.user || view.smtpPasswordSet || password) ? (
          <Alert color="orange" variant="light" title="Not encrypted" data-testid="smtp-unencrypted">
            With security "None" the user name, the password and every invoice cross the network in clear. Choose TLS or STARTTLS unless the mail server is on
            this computer.
          </Alert>
        ) : null}

        <Group justify="space-between" mt="sm" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Message
            </Text>
            <SegmentedControl
              aria-label="Message for"
              data={templateKinds.map((k) => ({ value: k, label: outputKindLabels[k] }))}
              value={kind}
              onChange={(v) => setKind(v as TemplateKind)}
            />
          </Stack>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="light" leftSection={<IconBraces size={14} />} rightSection={<IconChevronDown size={12} />}>
                Insert field
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Filled in for each document</Menu.Label>
              {emailMergeFields.map((f) => (
                <Menu.Item
                  key={f}
                  onClick={() => insert(f)}
                  rightSection={
                    <Text size="xs" c="dimmed" className="mono">
                      {mergeToken(f)}
                    </Text>
                  }
                >
                  {mergeFieldLabels[f]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <TextInput
          label="Subject"
          ref={subjectRef}
          value={template.subject}
          onFocus={() => {
            lastField.current = 'subject';
          }}
          error={fields[`emailTemplates.${kind}.subject`] ?? unknownText(template.subject)}
          onChange={(e) => setTemplate({ subject: e.currentTarget.value })}
        />
        <Textarea
          label="Body"
          ref={bodyRef}
          autosize
          minRows={5}
          maxRows={12}
          value={template.body}
          onFocus={() => {
            lastField.current = 'body';
          }}
          error={fields[`emailTemplates.${kind}.body`] ?? unknownText(template.body)}
          onChange={(e) => setTemplate({ body: e.currentTarget.value })}
        />
        {problem && <Alert color="red">{problem.message}</Alert>}
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={busy}>
            Save email settings
          </Button>
        </Group>
        <TestMessage defaultTo={view.letterhead.email} />
      </Stack>
    </Paper>
  );
}

function PasswordField({ set, value, onChange }: { set: boolean; value: Password; onChange: (p: Password) => void }) {
  if (value.mode === 'change' || !set)
    return (
      <PasswordInput
        label="Password"
        description={set ? 'The new password, saved encrypted' : 'Saved encrypted; never shown again'}
        value={value.mode === 'change' ? value.text : ''}
        onChange={(e) => onChange({ mode: 'change', text: e.currentTarget.value })}
        autoComplete="new-password"
      />
    );
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        Password
      </Text>
      <Group gap="xs" mt={4} wrap="nowrap">
        <Text size="sm" c={value.mode === 'remove' ? 'red.7' : undefined} data-testid="smtp-password-state">
          {value.mode === 'remove' ? 'Removed when you save' : 'A password is set'}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange({ mode: 'change', text: '' })}>
          Change
        </Button>
        {value.mode === 'remove' ? (
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onChange({ mode: 'keep' })}>
            Keep
          </Button>
        ) : (
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => onChange({ mode: 'remove' })}>
            Remove
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function TestMessage({ defaultTo }: { defaultTo: string }) {
  const [to, setTo] = useState(defaultTo);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true; to: string } | { ok: false; title: string; message: string } | null>(null);
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const r = await unwrap(window.api.documents.sendTestEmail({ to: to.trim() }));
      setResult({ ok: true, to: r.to });
    } catch (err) {
      setResult({ ok: false, ...errorWords(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={6} pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Group align="flex-end" gap="xs">
        <TextInput label="Send a test message to" placeholder="you@example.com" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={320} />
        <Button variant="default" leftSection={<IconSend size={16} />} onClick={() => void send()} loading={busy} disabled={to.trim() === ''}>
          Send test message
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Uses the saved settings: save first.
      </Text>
      {result?.ok === true && (
        <Alert color="teal" py={8} data-testid="test-email-result">
          The mail server accepted the test message for {result.to}.
        </Alert>
      )}
      {result?.ok === false && (
        <Alert color="red" py={8} title={result.title} data-testid="test-email-result">
          {result.message}
        </Alert>
      )}
    </Stack>
  );
}
