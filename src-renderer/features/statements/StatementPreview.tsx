import { Alert, Center, Loader, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { OutputRef } from '@shared/domain/documents';
import { problemText } from '@shared/domain/documents-text';
import { unwrap } from '../../api/client';

/** One statement as it will print (documents.preview: built like the real one, nothing recorded), in a script-free frame. */
export function StatementPreview({ document, title }: { document: Extract<OutputRef, { kind: 'statement' }>; title: string }) {
  const preview = useQuery({
    queryKey: ['statements', 'preview', document],
    queryFn: () => unwrap(window.api.documents.preview({ document })),
    staleTime: 30_000,
  });
  if (preview.isPending)
    return (
      <Center p="xl">
        <Loader size="sm" />
      </Center>
    );
  if (preview.isError) return <Alert color="red">{preview.error.message}</Alert>;
  const { html, problems } = preview.data;
  return (
    <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
      {problems.map((p) => (
        <Alert key={p.code} color="orange" radius={0} py={6}>
          {problemText(p)}
        </Alert>
      ))}
      {html ? (
        <iframe title={title} sandbox="" srcDoc={html} style={{ width: '100%', height: 1000, border: 0, background: 'white', display: 'block' }} />
      ) : (
        <Text p="md" c="dimmed" size="sm">
          Nothing to show.
        </Text>
      )}
    </Paper>
  );
}
