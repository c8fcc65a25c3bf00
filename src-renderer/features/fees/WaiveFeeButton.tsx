import { useState } from 'react';
import { Badge, Button } from '@mantine/core';
import { IconReceiptOff } from '@tabler/icons-react';
import type { DocumentDetail } from '@shared/domain/ledger';
import { atLeast, useSession } from '../../app/session';
import { WaiveFeeModal } from './WaiveFeeModal';

/** In a fee document's drawer: "Waive fee" for supervisors, or a badge once it has been waived. */
export function WaiveFeeButton({ document: d }: { document: DocumentDetail }) {
  const { session } = useSession();
  const [open, setOpen] = useState(false);
  if (d.kind !== 'fee') return null;
  if (d.audit.some((a) => a.action === 'fee.waive'))
    return (
      <Badge variant="light" color="gray" size="lg" radius="sm" styles={{ root: { textTransform: 'none' } }}>
        Waived
      </Badge>
    );
  if (!atLeast(session.role, 'supervisor')) return null;
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconReceiptOff size={14} />} onClick={() => setOpen(true)}>
        Waive fee
      </Button>
      {open && <WaiveFeeModal fee={{ documentId: d.id, number: d.number, amountCents: d.totalCents }} onClose={() => setOpen(false)} />}
    </>
  );
}
