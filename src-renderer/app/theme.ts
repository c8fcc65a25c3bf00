import { createTheme, type MantineColorsTuple } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { dateFieldFormat, dateFieldParser } from './date-input';

// A calm ledger green-blue, readable on office monitors.
const ledger: MantineColorsTuple = ['#e6f6f6', '#d3eaea', '#a7d3d3', '#77bcbc', '#50a8a8', '#369c9c', '#259696', '#138282', '#007474', '#006464'];

export const theme = createTheme({
  primaryColor: 'ledger',
  colors: { ledger },
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "Cascadia Mono", Consolas, monospace',
  headings: { fontWeight: '600' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    // Every date field shows and reads dates as the screens print them (app/date-input.ts).
    DateInput: DateInput.extend({ defaultProps: { valueFormat: dateFieldFormat, dateParser: dateFieldParser } }),
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm' } },
  },
});
