import { useEffect, useState } from 'react';
import { Alert, Autocomplete, Button, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { parseTerms } from '@shared/domain/terms';
import { basisPointsToText, formatBasisPoints, parsePercent } from '@shared/money';
import { unwrap } from '../../api/client';
import { queryClient } from '../../api/query';
import { atLeast, useSession } from '../../app/session';

const commonTerms = ['Due on receipt', 'Net 10', 'Net 15', 'Net 30', 'Net 45', 'Net 60', '2/10 Net 30', '1/10 Net 30'];

/** Company-wide invoice defaults: payment terms for new accounts and invoices, and tax on shipping. */
export function InvoicingSettingsPanel() {
  const { session } = useSession();
  const canEdit = atLeast(session.role, 'supervisor');
  const settings = useQuery({ queryKey: ['invoices', 'settings'], queryFn: () => unwrap(window.api.invoices.getSettings()) });
  const [terms, setTerms] = useState('');
  const [taxShipping, setTaxShipping] = useState(false);
  const [rate, setRate] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    setTerms(settings.data.defaultTerms);
    setTaxShipping(settings.data.shippingTaxRateBp > 0);
    setRate(settings.data.shippingTaxRateBp > 0 ? basisPointsToText(settings.data.shippingTaxRateBp) : '');
  }, [settings.data]);

  const parsedTerms = parseTerms(terms);
  const rateBp = taxShipping ? parsePercent(rate) : 0;
  const rateError = taxShipping && (rateBp === null || rateBp <= 0 || rateBp > 10000) ? 'Enter a rate such as 8.25' : null;
  const termsError =
    terms.trim() && !parsedTerms ? 'Write terms like "Net 30", "Due on receipt" or "2/10 Net 30"' : !terms.trim() ? 'Enter the default terms' : null;

  const save = async () => {
    if (termsError || rateError || !parsedTerms) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(window.api.invoices.updateSettings({ defaultTerms: parsedTerms.label, shippingTaxRateBp: rateBp ?? 0 }));
      notifications.show({ color: 'teal', message: 'Invoicing settings saved.' });
      await queryClient.invalidateQueries({ queryKey: ['invoices'] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const termsHelp = parsedTerms
    ? parsedTerms.discountBp
      ? `Due ${parsedTerms.netDays} days after the invoice date; ${formatBasisPoints(parsedTerms.discountBp)} off when paid within ${parsedTerms.discountDays} days.`
      : parsedTerms.netDays === 0
        ? 'Due on the invoice date.'
        : `Due ${parsedTerms.netDays} days after the invoice date.`
    : 'Used for new accounts; each account and invoice can have its own.';

  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <Stack gap="md">
        {!canEdit && <Alert color="gray">Only a collections supervisor or an administrator can change the invoicing defaults.</Alert>}
        {error && <Alert color="red">{error}</Alert>}
        <Autocomplete
          label="Default payment terms"
          description={termsHelp}
          data={commonTerms}
          value={terms}
          onChange={setTerms}
          onBlur={() => parsedTerms && setTerms(parsedTerms.label)}
          disabled={!canEdit}
          error={termsError}
          w={320}
        />
        <div>
          <Switch
            label="Charge tax on shipping"
            description="Off: shipping charges on invoices are not taxed. On: shipping is taxed at its own rate."
            checked={taxShipping}
            onChange={(e) => setTaxShipping(e.currentTarget.checked)}
            disabled={!canEdit}
          />
          {taxShipping && (
            <TextInput
              mt="sm"
              ml={54}
              w={180}
              label="Shipping tax rate"
              rightSection={
                <Text size="sm" c="dimmed">
                  %
                </Text>
              }
              styles={{ input: { textAlign: 'right' } }}
              value={rate}
              onChange={(e) => setRate(e.currentTarget.value)}
              error={rateError}
              disabled={!canEdit}
            />
          )}
        </div>
        {canEdit && (
          <Group justify="flex-end">
            <Button onClick={() => void save()} loading={saving} disabled={Boolean(termsError || rateError)}>
              Save invoicing settings
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Posted invoices keep the terms and tax they were posted with. Changes are recorded in the audit log.
        </Text>
      </Stack>
    </Paper>
  );
}
