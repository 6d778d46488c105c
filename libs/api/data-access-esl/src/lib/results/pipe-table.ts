import { EslCommandError, EslProtocolError } from '../errors';

/** A `|`-separated table as mod_callcenter prints it: a header row, data rows, then `+OK`. */
export interface PipeTable {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** Throws {@link EslCommandError} when FreeSWITCH answered `-ERR ...` or `-USAGE ...` instead of output. */
export function assertNotError(body: string, command: string): void {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('-ERR') || trimmed.startsWith('-USAGE')) {
    throw new EslCommandError(`"${command}" failed: ${trimmed.split('\n')[0] ?? ''}`, body);
  }
}

/**
 * Parses `callcenter_config ... list` output. Throws {@link EslCommandError} for `-ERR` output and
 * {@link EslProtocolError} when the table does not end with `+OK` or a row has the wrong number of cells.
 */
export function parsePipeTable(body: string, command: string): PipeTable {
  assertNotError(body, command);
  const lines = body.split('\n').filter((line) => line !== '');
  if (lines.at(-1) !== '+OK') throw new EslProtocolError(`"${command}" output does not end with +OK (truncated?)`);
  const [header, ...data] = lines.slice(0, -1);
  // mod_callcenter writes the header with the first row: a query without rows (an empty queue's members) is "+OK" alone.
  if (header === undefined) return { columns: [], rows: [] };
  const columns = header.split('|');
  const rows = data.map((line, index) => {
    const cells = line.split('|');
    if (cells.length !== columns.length) {
      throw new EslProtocolError(
        `"${command}" row ${index + 1} has ${cells.length} cells; the header has ${columns.length}`,
      );
    }
    const row: Record<string, string> = {};
    columns.forEach((column, i) => (row[column] = cells[i] ?? ''));
    return row;
  });
  return { columns, rows };
}

/** Reads a column every row must have. */
export function text(row: Readonly<Record<string, string>>, column: string, command: string): string {
  const value = row[column];
  if (value === undefined) throw new EslProtocolError(`"${command}" output has no "${column}" column`);
  return value;
}

/** Reads a numeric column (an empty cell counts as 0, as mod_callcenter prints unset epochs). */
export function integer(row: Readonly<Record<string, string>>, column: string, command: string): number {
  const value = text(row, column, command);
  if (value === '') return 0;
  if (!/^-?\d+$/.test(value))
    throw new EslProtocolError(`"${command}" column "${column}" holds ${JSON.stringify(value)}, not a number`);
  return Number(value);
}
