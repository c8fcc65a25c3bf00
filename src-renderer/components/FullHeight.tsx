import type { ReactNode } from 'react';
import { Box } from '@mantine/core';

/**
 * A screen that fills the shell's main area exactly (viewport minus header, footer and padding), so a
 * grid inside it gets a definite height and scrolls itself (virtualized) instead of growing the page.
 */
export function FullHeight({ children }: { children: ReactNode }) {
  return (
    <Box
      style={{
        height: 'calc(100dvh - var(--app-shell-header-offset, 0px) - var(--app-shell-footer-offset, 0px) - 2 * var(--mantine-spacing-md))',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 360,
      }}
    >
      {children}
    </Box>
  );
}
