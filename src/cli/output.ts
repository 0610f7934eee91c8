/** Plain-text presentation shared by commands: aligned tables for people, one value per line for scripts. */

/** Formats rows under headers as left-aligned columns separated by two spaces. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  // Compare lengths in NFC so a Vietnamese letter with its marks counts as one column.
  const cells = [headers, ...rows].map((row) => row.map((cell) => cell.normalize('NFC')))
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)))
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...cell].length))))
      .join('  ')
      .trimEnd()
  const [head, ...body] = cells
  return [line(head!), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)]
}

/** The demo sign-ins as table lines: username, password, role, unit. */
export function signInTable(signIns: readonly { username: string; password: string; role: string; unitName: string }[]): string[] {
  return formatTable(
    ['USERNAME', 'PASSWORD', 'ROLE', 'UNIT'],
    signIns.map((s) => [s.username, s.password, s.role, s.unitName]),
  )
}
