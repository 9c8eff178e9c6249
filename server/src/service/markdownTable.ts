/** A GFM table's delimiter row (`|---|:-:|`). */
export const DELIMITER_ROW = /^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*(?:\|\s*)?$/;

/**
 * The header row of the table a row belongs to: walks up from the row (0-based) over table
 * rows to the delimiter row. Undefined when the row is not in a table.
 */
export function tableHeaderAbove(lines: string[], row0: number): { header: string; delimiter: number } | undefined {
  if (lines[row0] === undefined) return undefined;
  let delimiter = row0 - 1;
  while (delimiter > 0 && !DELIMITER_ROW.test(lines[delimiter])) {
    if (!lines[delimiter].includes('|')) return undefined;
    delimiter--;
  }
  return delimiter <= 0 ? undefined : { header: lines[delimiter - 1], delimiter };
}
