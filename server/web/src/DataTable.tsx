import type { ComponentChildren } from 'preact';
import { AccountLink } from './AccountLink';
import type { Translate } from './i18n';

/** One column of a report table: its heading, whether it holds figures (right-aligned), and a row's cell. */
export interface Column<Row> {
  heading: string;
  /** Figures: right-aligned (styles.css `.number`). */
  number?: boolean;
  cell: (row: Row) => ComponentChildren;
}

/**
 * A report table: a heading row, then a row per item whose first cell is the row's header (`th scope=row`, so a
 * screen reader names each row by it). Cells are rendered as children, so captured text stays text.
 */
export function DataTable<Row>(props: {
  testId: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}) {
  const [first, ...rest] = props.columns;
  return (
    <table data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col" class={column.number ? 'number' : undefined} key={column.heading}>
              {column.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {first ? (
              <th scope="row" class={first.number ? 'number' : undefined}>
                {first.cell(row)}
              </th>
            ) : null}
            {rest.map((column) => (
              <td class={column.number ? 'number' : undefined} key={column.heading}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The account (a link to its card) and its owner: the first two columns of every per-account report. */
export function accountColumns<Row extends { id: string; name: string | null; owner: string | null }>(
  t: Translate,
): Column<Row>[] {
  return [
    { heading: t('manager.column.account'), cell: (row) => <AccountLink id={row.id} name={row.name} /> },
    { heading: t('manager.column.owner'), cell: (row) => row.owner ?? t('manager.pipeline.noOwner') },
  ];
}
