import { Alert, Box, Center, Loader, Paper, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { OutputRef } from '@shared/domain/documents';
import { problemText } from '@shared/domain/documents-text';
import { unwrap } from '../../api/client';

/** A Letter sheet in CSS pixels (8.5 × 11 in at 96 px). */
const PAGE_PX = { width: 816, height: 1056 };

/**
 * A built page (documents.preview) as it prints: laid out at its printed width, scaled to the column,
 * one sheet tall with the rest scrolling inside. The frame is sandboxed: the page runs no script.
 */
export function PageFrame({ html, title }: { html: string; title: string }) {
  const { ref, width } = useElementSize();
  const scale = width > 0 ? Math.min(1, width / PAGE_PX.width) : 0.5;
  return (
    <Box ref={ref}>
      <div style={{ width: PAGE_PX.width * scale, height: PAGE_PX.height * scale, position: 'relative', overflow: 'hidden' }}>
        <iframe
          title={title}
          sandbox=""
          srcDoc={html}
          style={{
            width: PAGE_PX.width,
            height: PAGE_PX.height,
            border: 0,
            background: 'white',
            transform: `scale(${scale})`,
            transformOrigin: 'top left',
            position: 'absolute',
            inset: 0,
          }}
        />
      </div>
    </Box>
  );
}

/** One document as it will print (documents.preview: built like the real one, nothing recorded), with what would stop it. */
export function DocumentPreview({ document, title }: { document: OutputRef; title: string }) {
  const preview = useQuery({
    queryKey: ['documents', 'preview', document],
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
        <PageFrame html={html} title={title} />
      ) : (
        <Text p="md" c="dimmed" size="sm">
          Nothing to show.
        </Text>
      )}
    </Paper>
  );
}
