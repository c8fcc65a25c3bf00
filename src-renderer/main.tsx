import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/query';
import { App } from './app/App';
import { theme } from './app/theme';
import { applySystemDateLocale, firstDayOfWeek } from './app/date-input';

// Before the first render: every formatDate and date field follows the workstation's language.
applySystemDateLocale();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Bottom-right, above the status bar (app.css): top-right they covered the header's user menu. */}
      <Notifications position="bottom-right" />
      <DatesProvider settings={{ firstDayOfWeek: firstDayOfWeek() }}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
