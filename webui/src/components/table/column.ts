/** One column of a DataTable. */
export interface Column<R> {
  key: string;
  label: string;
  /** Plain text of the cell; leave out to render the table's `cell` snippet instead. */
  text?: (row: R) => string;
  align?: 'start' | 'end';
}
