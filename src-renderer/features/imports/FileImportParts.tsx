import type { ReactNode } from 'react';
import { Alert, Button, FileButton, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { DataGrid, type GridColumns } from '../../components/DataGrid';

/** The page header's way back from a file import to the Import screen. */
export function BackToImport() {
  return (
    <Button component={Link} to="/import" variant="default" size="sm">
      Back to Import
    </Button>
  );
}

export function ChooseFileButton({
  accept,
  testId,
  onChoose,
  children,
}: {
  accept: string;
  testId: string;
  onChoose: (f: File | null) => void;
  children: ReactNode;
}) {
  return (
    <FileButton onChange={onChoose} accept={accept}>
      {(props) => (
        <Button {...props} leftSection={<IconFileUpload size={16} />} variant="light" data-testid={testId}>
          {children}
        </Button>
      )}
    </FileButton>
  );
}

/** A problem of a file, where it is: the line and the field. */
export interface FileProblem {
  line: number;
  field: string;
  reason: string;
}

const problemCol = createColumnHelper<FileProblem>();
const problemColumns: GridColumns<FileProblem> = [
  problemCol.accessor('line', { header: 'Line', meta: { numeric: true, width: 64 } }),
  problemCol.accessor('field', { header: 'Field', meta: { width: 190 } }),
  problemCol.accessor('reason', {
    header: 'Problem',
    meta: { minWidth: 240, grow: 3, wrap: true },
    cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
  }),
];

/** Every problem of the file by line and field; nothing when it has none. */
export function ProblemsGrid({ label, testId, problems }: { label: string; testId: string; problems: FileProblem[] | undefined }) {
  if (!problems?.length) return null;
  return <DataGrid label={label} testId={testId} data={problems} columns={problemColumns} height={200} rowHeight={48} />;
}

interface Told {
  title: string;
  text: ReactNode;
}

interface ImportStatusProps<P extends { errors: readonly unknown[] }, R> {
  testId: string;
  /** Shown until a file is chosen: which file to choose. */
  intro: ReactNode;
  chosen: boolean;
  preview: { data: P | undefined; isError: boolean; error: unknown };
  result: R | null;
  /** Why the import itself failed. */
  error: string | null;
  /** The outcome, told once the import ran. */
  done: (r: R) => Told;
  /** The title when the import failed: nothing of it stays. */
  failed: string;
  /** What the file's problems hold back. */
  heldBack: string;
  /** Told when nothing of the file is new; null when something is. */
  nothingNew: (p: P) => Told | null;
  ready: (p: P) => Told;
}

/**
 * Where a file import stands, in one alert: no file yet, the file unreadable, being read, imported,
 * failed, held back by its problems, nothing new in it, or ready.
 */
export function ImportStatus<P extends { errors: readonly unknown[] }, R>(props: ImportStatusProps<P, R>) {
  const { testId, preview, result } = props;
  const p = preview.data;
  if (!props.chosen) {
    return (
      <Alert color="blue" icon={<IconInfoCircle size={18} />}>
        {props.intro}
      </Alert>
    );
  }
  if (preview.isError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The file could not be read" data-testid={testId}>
        {preview.error instanceof Error ? preview.error.message : String(preview.error)}
      </Alert>
    );
  }
  if (!p) return <Text c="dimmed">Reading the file…</Text>;
  const told = (color: string, icon: ReactNode, { title, text }: Told) => (
    <Alert color={color} icon={icon} title={title} data-testid={testId}>
      {text}
    </Alert>
  );
  const ok = <IconCircleCheck size={18} />;
  const problem = <IconAlertTriangle size={18} />;
  if (result) return told('teal', ok, props.done(result));
  if (props.error) return told('red', problem, { title: props.failed, text: props.error });
  if (p.errors.length > 0) {
    return told('red', problem, { title: `${p.errors.length} ${p.errors.length === 1 ? 'problem' : 'problems'} to fix`, text: props.heldBack });
  }
  const nothing = props.nothingNew(p);
  if (nothing) return told('blue', <IconInfoCircle size={18} />, nothing);
  return told('teal', ok, props.ready(p));
}
