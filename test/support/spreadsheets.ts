/**
 * Reading exports back as a spreadsheet program would, for tests of CSV and XLSX downloads: a
 * small CSV reader that insists on the byte-order mark Excel needs, and the first sheet of a
 * workbook through ExcelJS.
 */
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'

/** A small CSV reader: quoted fields, doubled quotes, CRLF lines; drops the byte-order mark. */
export function parseCsv(text: string): string[][] {
  assert.equal(text.charCodeAt(0), 0xfeff, 'a CSV starts with a byte-order mark')
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let isQuoted = false
  const body = text.slice(1)
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (isQuoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') isQuoted = false
      else field += c
    } else if (c === '"') isQuoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

/** The rows of the first sheet of an XLSX workbook, as arrays of cell values. */
export async function readXlsx(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}
