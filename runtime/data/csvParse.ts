// A small RFC 4180 CSV parser: comma-separated, double-quoted fields may hold commas, newlines
// and doubled quotes (""). CRLF, LF and lone CR all end a record; blank lines are skipped.
// Written by hand because it is ~80 lines and avoids a runtime dependency for one format.
import { DataError } from './errors';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts, for error messages. */
  line: number;
}

export function parseCsv(text: string, file = 'CSV'): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let fieldWasQuoted = false;
  // A record holding only "" is data (one empty field), not a blank line.
  let fieldWasQuotedInRecord = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '' && !fieldWasQuotedInRecord;
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
    fieldWasQuotedInRecord = false;
  };

  while (i < source.length) {
    const char = source[i];
    if (char === '"' && field === '' && !fieldWasQuoted) {
      // Quoted field: read up to the closing quote.
      const openedAt = line;
      fieldWasQuoted = true;
      fieldWasQuotedInRecord = true;
      i++;
      for (;;) {
        if (i >= source.length) throw new DataError(`${file}: a quoted field opened on line ${openedAt} is never closed.`, file);
        const inner = source[i];
        if (inner === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && source[i + 1] !== '\n')) line++;
        field += inner;
        i++;
      }
      const next = source[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new DataError(`${file}, line ${line}: unexpected text after a closing quote (use "" for a quote inside a quoted field).`, file);
      }
      continue;
    }
    if (char === ',') {
      endField();
      i++;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += char;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return records;
}
