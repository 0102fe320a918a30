import { columnIndex, headerCells, parseCsvRecords } from '../csv';
import { fail } from '../errors';
import type { ParsedChat } from '../types';
import type { MessageRow } from './messages';
import { FIELDS, groupMessages } from './messages';

/** Chat tables: one message per row with conversation, sender or role, time, text columns. */
export function isChatCsv(text: string): boolean {
  const header = headerCells(text);
  return columnIndex(header, FIELDS.conversation) >= 0 && columnIndex(header, FIELDS.text) >= 0;
}

export function parseChatCsv(fileName: string, text: string): ParsedChat[] {
  const [header = [], ...records] = parseCsvRecords(fileName, text);
  const col = {
    conversation: columnIndex(header, FIELDS.conversation),
    role: columnIndex(header, FIELDS.role),
    sender: columnIndex(header, FIELDS.sender),
    time: columnIndex(header, FIELDS.time),
    text: columnIndex(header, FIELDS.text),
  };
  if (col.conversation < 0 || col.text < 0 || (col.role < 0 && col.sender < 0)) {
    fail(
      fileName,
      `the header row needs conversation, sender (or role) and text columns (found: ${header.join(', ')})`,
    );
  }
  const cell = (cells: string[], i: number) => (i < 0 ? null : (cells[i] ?? '') || null);
  const rows: MessageRow[] = [];
  records.forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    rows.push({
      where: `row ${i + 2}`,
      conversation: cells[col.conversation] ?? '',
      role: cell(cells, col.role),
      sender: cell(cells, col.sender),
      time: cell(cells, col.time),
      text: cells[col.text] ?? '',
    });
  });
  return groupMessages(fileName, rows, 'csv');
}
