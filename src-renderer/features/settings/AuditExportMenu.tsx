import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import type { AuditLogFilter } from '@shared/domain/audit-log';
import { unwrap } from '../../api/client';
import { downloadBase64, XLSX_TYPE } from '../../components/download';

const TYPES = { xlsx: XLSX_TYPE, csv: 'text/csv;charset=utf-8' } as const;

/**
 * Export, as on every grid: every record the filters select (not only the page), written by the Audit
 * trail report in the backend, as an Excel workbook or a CSV, in the words the screen shows.
 */
export function AuditExportMenu({ filter, disabled }: { filter: AuditLogFilter; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      const file = await unwrap(window.api.reports.auditTrail({ ...filter, format }));
      downloadBase64(file.fileName, file.base64, TYPES[format]);
      notifications.show({ color: 'teal', message: `Exported ${file.fileName}: every record the filters select.` });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Audit log not exported', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          disabled={disabled}
          data-testid="export-audit"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Every record the filters select</Menu.Label>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          Excel workbook (.xlsx)
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void run('csv')}>
          CSV (.csv)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
