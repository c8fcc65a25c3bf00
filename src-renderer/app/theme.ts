import { createTheme, type MantineColorsTuple } from '@mantine/core';

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
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm' } },
  },
});
