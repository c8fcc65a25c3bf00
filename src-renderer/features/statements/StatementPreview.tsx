import { Alert, Box, Center, Loader, Paper, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { OutputRef } from '@shared/domain/documents';
import { problemText } from '@shared/domain/documents-text';
import { unwrap } from '../../api/client';

/** A Letter sheet in CSS pixels. */
const PAGE_PX = { width: 816, height: 1056 };

/** One statement as it will print (documents.preview: built like the real one, nothing recorded), in a script-free frame. */
export function StatementPreview({ document, title }: { document: Extract<OutputRef, { kind: 'statement' }>; title: string }) {
  const { ref, width } = useElementSize();
  // The page is laid out at its printed width (8.5 in at 96 px); shown scaled to the column, two sheets tall.
  const scale = width > 0 ? Math.min(1, width / PAGE_PX.width) : 0.5;
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
      <Box ref={ref} style={{ maxHeight: PAGE_PX.height * scale + 24, overflowY: 'auto', overflowX: 'hidden' }}>
        {html ? (
          <div style={{ width: PAGE_PX.width * scale, height: 2 * PAGE_PX.height * scale, position: 'relative' }}>
            <iframe
              title={title}
              sandbox=""
              srcDoc={html}
              style={{
                width: PAGE_PX.width,
                height: 2 * PAGE_PX.height,
                border: 0,
                background: 'white',
                transform: `scale(${scale})`,
                transformOrigin: 'top left',
                position: 'absolute',
                inset: 0,
              }}
            />
          </div>
        ) : (
          <Text p="md" c="dimmed" size="sm">
            Nothing to show.
          </Text>
        )}
      </Box>
    </Paper>
  );
}
