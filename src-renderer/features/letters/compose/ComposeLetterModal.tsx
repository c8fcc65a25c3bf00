import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Center, Group, Loader, Modal, Select, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertTriangle, IconCalendar, IconEye, IconPencil, IconShieldX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { addDays } from '@shared/dates';
import { blockText } from '@shared/domain/collections-text';
import { LETTER_PAY_BY_DAYS, type OutputRef } from '@shared/domain/documents';
import { letterFields, type ComposedLetter } from '@shared/domain/letters';
import { letterPurposeLabels } from '@shared/domain/letters-text';
import { unwrap } from '../../../api/client';
import { atLeast, useSession } from '../../../app/session';
import { useBusinessToday } from '../../accounts/api';
import { DocumentActions } from '../../documents/DocumentActions';
import { RichTextEditor } from '../editor/RichTextEditor';
import { useTemplateList } from '../templates/api';
import { DocumentPreview } from '../../documents/DocumentPreview';

/** A supervisor's written reason for sending despite a compliance block: at least this long (as the backend checks). */
const OVERRIDE_MIN = 10;

type LetterRef = Extract<OutputRef, { kind: 'letter' }>;

/**
 * Write one letter to an account (docs/letters.md, Composing a letter): pick an active template and the
 * pay-by date, get it merged with the account's figures (letters.compose), edit the wording, see the
 * page exactly as it will print (documents.preview in a script-free frame), then print, save or email
 * it through the documents pipeline, which checks it again and records it. A compliance block names
 * its rule and citation; a supervisor may send with a written reason.
 */
export function ComposeLetterModal({ accountId, accountName, onClose }: { accountId: number; accountName: string; onClose: () => void }) {
  const { session } = useSession();
  const supervisor = atLeast(session.role, 'supervisor');
  const today = useBusinessToday();
  const templates = useTemplateList();
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [payBy, setPayBy] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ subject: string; bodyHtml: string } | null>(null);
  const [override, setOverride] = useState('');
  const [tab, setTab] = useState<string | null>('edit');
  const payByDate = payBy ?? addDays(today, LETTER_PAY_BY_DAYS);

  const active = (templates.data ?? []).filter((t) => t.active);
  const composed = useQuery({
    // Not under a data.changed domain: another user's document or template change must not refetch it
    // and put the merged text back over this clerk's edits.
    queryKey: ['letterCompose', accountId, templateId, payByDate],
    queryFn: () => unwrap(window.api.letters.compose({ accountId, templateId: templateId!, payByDate })),
    enabled: templateId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // A new template or pay-by date starts the wording again from the merged template.
  useEffect(() => {
    if (composed.data) setDraft({ subject: composed.data.subject, bodyHtml: composed.data.bodyHtml });
  }, [composed.data]);

  const c = composed.data;
  const blocked = c ? !c.check.allowed : false;
  const overrideReady = blocked && supervisor && override.trim().length >= OVERRIDE_MIN;
  const ref: LetterRef | null = useMemo(
    () =>
      c && draft
        ? {
            kind: 'letter',
            accountId,
            templateId: c.templateId,
            version: c.version,
            payByDate: c.payByDate,
            subject: draft.subject,
            bodyHtml: draft.bodyHtml,
            ...(overrideReady ? { overrideReason: override.trim() } : {}),
          }
        : null,
    [c, draft, accountId, overrideReady, override],
  );

  return (
    <Modal opened onClose={onClose} size="min(1100px, 96vw)" title={`Write a letter to ${accountName}`} closeOnClickOutside={false}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <Select
            label="Template"
            placeholder={templates.isPending ? 'Loading templates…' : 'Pick a template'}
            w={360}
            data={active.map((t) => ({ value: String(t.id), label: `${t.name} (${letterPurposeLabels[t.purpose]})` }))}
            value={templateId === null ? null : String(templateId)}
            onChange={(v) => setTemplateId(v === null ? null : Number(v))}
            searchable
          />
          <DateInput label="Pay by" w={170} value={payByDate} minDate={today} onChange={(v) => setPayBy(v)} leftSection={<IconCalendar size={14} />} />
          {c && (
            <Badge variant="light" color="gray" mb={6}>
              Version {c.version}
            </Badge>
          )}
        </Group>
        {templates.isError && <Alert color="red">{templates.error.message}</Alert>}
        {composed.isError && <Alert color="red">{composed.error.message}</Alert>}
        {templateId === null && (
          <Text size="sm" c="dimmed">
            Pick a template: it is filled in with this account’s figures, and you can change the wording of this one letter before it goes.
          </Text>
        )}
        {composed.isFetching && (
          <Center p="md">
            <Loader size="sm" />
          </Center>
        )}
        {c && draft && ref && (
          <>
            <Checks composed={c} supervisor={supervisor} override={override} onOverride={setOverride} />
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="edit" leftSection={<IconPencil size={14} />}>
                  Wording
                </Tabs.Tab>
                <Tabs.Tab value="preview" leftSection={<IconEye size={14} />}>
                  Preview as printed
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="edit" pt="sm">
                <Stack gap="sm">
                  <TextInput
                    label="Subject"
                    description="The line above the letter, and the email's subject"
                    value={draft.subject}
                    maxLength={200}
                    onChange={(e) => {
                      const subject = e.currentTarget.value;
                      setDraft((d) => (d ? { ...d, subject } : d));
                    }}
                  />
                  <RichTextEditor
                    label="Letter text"
                    value={draft.bodyHtml}
                    onChange={(bodyHtml) => setDraft((d) => (d ? { ...d, bodyHtml } : d))}
                    fields
                    minHeight={320}
                  />
                  <Text size="xs" c="dimmed">
                    The date, the address in the envelope window and your signature are printed in their places on the page.
                  </Text>
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="preview" pt="sm">
                <DocumentPreview document={ref} title="Letter preview" />
              </Tabs.Panel>
            </Tabs>
            <Group justify="space-between" align="flex-start">
              <Text size="xs" c="dimmed" maw={520}>
                {c.lettersByEmail
                  ? 'This account asked for its letters by email.'
                  : 'This account has not asked for letters by email: print it or save it as a PDF to mail.'}
              </Text>
              <DocumentActions
                documents={[ref]}
                onDelivered={onClose}
                number={c.templateName}
                accountId={accountId}
                channels={c.lettersByEmail ? ['print', 'pdf', 'email'] : ['print', 'pdf']}
              />
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** What stands in the way: compliance blocks (rule and citation; a supervisor's override box), nothing due, fields with no value. */
function Checks({
  composed: c,
  supervisor,
  override,
  onOverride,
}: {
  composed: ComposedLetter;
  supervisor: boolean;
  override: string;
  onOverride: (v: string) => void;
}) {
  const short = override.trim().length < OVERRIDE_MIN;
  return (
    <Stack gap="xs">
      {!c.check.allowed && (
        <Alert color="red" variant="light" icon={<IconShieldX size={18} />} title="A compliance rule blocks this letter" data-testid="letter-blocked">
          <Stack gap={4}>
            {c.check.blocks.map((b) => (
              <Text key={b.rule} size="sm">
                {blockText(b, null)}
              </Text>
            ))}
            {supervisor ? (
              <Textarea
                label="Override reason"
                description={`Supervisors only. Recorded with the letter and audited; at least ${OVERRIDE_MIN} characters.`}
                value={override}
                onChange={(e) => onOverride(e.currentTarget.value)}
                error={override && short ? `Write at least ${OVERRIDE_MIN} characters` : undefined}
                autosize
                minRows={2}
                maxLength={1000}
              />
            ) : (
              <Text size="sm" fw={500}>
                Only a supervisor can send it anyway, with a written reason.
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {c.nothingDue && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Nothing is past due on this account now: a collection letter will not be sent.
        </Alert>
      )}
      {c.missing.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="No value for some fields">
          This account has no {c.missing.map((f) => letterFields[f].label.toLowerCase()).join(', ')}. Reword the letter without them, or pick another template.
        </Alert>
      )}
    </Stack>
  );
}
