import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { LetterSelect } from '@shared/domain/letter-runs';
import { parseMoney } from '@shared/money';
import { accountKindLabels } from '../../accounts/api';

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * Ad-hoc selection (supervisors): "every consumer account 61+ days past due with no letter in 30 days".
 * Answers the filters; the panel asks the backend (letters.select) and shows the accounts found.
 */
export function SelectAccountsModal({
  templates,
  stages,
  busy,
  error,
  onSelect,
  onClose,
}: {
  templates: ChoiceOption[];
  stages: ChoiceOption[];
  busy: boolean;
  error: string | null;
  onSelect: (filters: LetterSelect) => void;
  onClose: () => void;
}) {
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [minDays, setMinDays] = useState<number | string>('');
  const [stageId, setStageId] = useState<string | null>(null);
  const [minAmount, setMinAmount] = useState('');
  const [noLetterDays, setNoLetterDays] = useState<number | string>('');
  const amountCents = minAmount.trim() ? parseMoney(minAmount) : null;
  const amountBad = minAmount.trim() !== '' && (amountCents === null || amountCents < 0);

  const submit = () => {
    if (!templateId || amountBad) return;
    onSelect({
      templateId: Number(templateId),
      ...(kind === 'consumer' || kind === 'commercial' ? { accountKind: kind } : {}),
      ...(typeof minDays === 'number' && minDays > 0 ? { minDaysPastDue: minDays } : {}),
      ...(stageId ? { stageId: Number(stageId) } : {}),
      ...(amountCents ? { minPastDueCents: amountCents } : {}),
      ...(typeof noLetterDays === 'number' && noLetterDays > 0 ? { noLetterInDays: noLetterDays } : {}),
    });
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Select accounts for a letter</Text>} size={520} centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Accounts with an amount past due today that match every filter left filled in.
        </Text>
        <Select label="Letter" placeholder="Choose the letter" data={templates} value={templateId} onChange={setTemplateId} allowDeselect={false} required />
        <Group grow>
          <Select
            label="Accounts"
            placeholder="Consumer and commercial"
            data={Object.entries(accountKindLabels).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={setKind}
            clearable
          />
          <Select label="Collection stage" placeholder="Any stage" data={stages} value={stageId} onChange={setStageId} clearable />
        </Group>
        <Group grow>
          <NumberInput label="At least this many days past due" min={1} max={3650} value={minDays} onChange={setMinDays} allowDecimal={false} />
          <TextInput
            label="At least this much past due"
            placeholder="0.00"
            value={minAmount}
            onChange={(e) => setMinAmount(e.currentTarget.value)}
            error={amountBad ? 'Enter an amount, e.g. 250.00' : undefined}
          />
        </Group>
        <NumberInput
          label="No letter sent in the last (days)"
          min={1}
          max={3650}
          value={noLetterDays}
          onChange={setNoLetterDays}
          allowDecimal={false}
          w="50%"
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy} disabled={!templateId || amountBad}>
            Select accounts
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
