/**
 * Column spans `[start, end)` (0-based, trimmed) of the cells of one raw GFM table row.
 * Splits on `|` that is neither escaped (`\|`) nor inside a code span; leading and
 * trailing pipes are optional.
 */
export function splitTableRow(raw: string): Array<[number, number]> {
  const bounds: number[] = [];
  let inCode = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) bounds.push(i);
  }
  const firstText = raw.search(/\S/);
  const spans: Array<[number, number]> = [];
  const edges = [...bounds];
  if (edges.length === 0 || firstText < edges[0]) edges.unshift(-1);
  const lastText = raw.trimEnd().length - 1;
  if (edges[edges.length - 1] < lastText) edges.push(raw.length);
  for (let k = 0; k + 1 < edges.length; k++) {
    let s = edges[k] + 1;
    let e = edges[k + 1];
    while (s < e && /\s/.test(raw[s])) s++;
    while (e > s && /\s/.test(raw[e - 1])) e--;
    spans.push([s, e]);
  }
  return spans;
}
