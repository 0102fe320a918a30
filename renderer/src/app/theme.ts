import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  components: {
    // A badge is a short status ("1 overdue", "planned"): cut to "1 OVE…" it says nothing. Out of the
    // box it shrinks with a squeezed table column or row; here it keeps its width and the layout
    // around it gives way (cells wrap, tables scroll) instead.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, minWidth: 'max-content' } } }),
  },
});
