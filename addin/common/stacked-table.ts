import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Tables that become stacked cards in a narrow pane. Outlook's task pane is 320–450 px wide (and
 * a phone's whole screen), where four columns cannot fit: below `narrow` every row is a card with
 * its cells one under the other, and the column headers are only read out, not shown.
 *
 * Use with Fluent's `<Table noNativeElements>`: the rows and cells are then divs with table roles,
 * so changing their layout keeps the table's semantics (native table elements lose them in WebKit
 * — Outlook on iOS and Mac — once their `display` changes).
 */
export const narrow = '@media (max-width: 599.98px)';

const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
} as const;

export const useStackedTableStyles = makeStyles({
  table: { minWidth: 0 },
  header: { [narrow]: visuallyHidden },
  /** A column header only screen readers get in a narrow pane, where its row stays (for a select-all). */
  narrowHidden: { [narrow]: visuallyHidden },
  /** The header's selection cell: in a narrow pane it shows the select-all checkbox with its words. */
  selectAllCell: {
    flex: '0 0 44px',
    [narrow]: { flex: '1 1 auto', gap: tokens.spacingHorizontalXS },
  },
  row: {
    [narrow]: {
      display: 'grid',
      gridTemplateColumns: 'minmax(0, 1fr)',
      rowGap: tokens.spacingVerticalXS,
      alignItems: 'start',
      padding: `${tokens.spacingVerticalS} 0`,
    },
  },
  /** A row that starts with a checkbox: the checkbox beside the card, the cells in the second column. */
  selectableRow: {
    [narrow]: {
      display: 'grid',
      gridTemplateColumns: 'auto minmax(0, 1fr)',
      columnGap: tokens.spacingHorizontalXS,
      rowGap: tokens.spacingVerticalXS,
      alignItems: 'start',
      padding: `${tokens.spacingVerticalS} 0`,
    },
  },
  cell: {
    flexDirection: 'column',
    alignItems: 'flex-start',
    justifyContent: 'center',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
    [narrow]: { display: 'block', minHeight: 'auto', padding: 0, gridColumn: '-2 / -1' },
  },
  selectionCell: {
    flex: '0 0 44px',
    [narrow]: { gridColumn: '1', gridRow: '1 / span 4', padding: 0, minHeight: 'auto' },
  },
  /** The column's name inside a card, where the header row is hidden (screen readers have the header). */
  label: {
    display: 'none',
    [narrow]: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  },
  wide2: { flexGrow: 2 },
  wide3: { flexGrow: 3 },
});
