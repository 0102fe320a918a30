import type { Query } from '../../../db/schema';
import type { ShopFields } from '../store';
import type { AnswerValue, Answer } from '../../../../../shared/rubric/answers';
import { answerMismatch } from '../../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../../shared/rubric/schema';
import { channelWord, parseLocalDate, parseTime, yesNoWord } from './cells';
import type { MysteryMapping } from './mapping';

/** A problem with one cell, named so the agency can fix its sheet. */
export class RowProblem extends Error {
  constructor(
    readonly column: string | null,
    problem: string,
  ) {
    super(column === null ? problem : `column "${column}": ${problem}`);
  }
}

export interface RowContext {
  mapping: MysteryMapping;
  rubricId: number;
  items: Map<string, { item: RubricItem }>;
  /** Header → target, for every column of the file (unnamed columns are 'extra'). */
  targets: Map<string, string>;
  /** Headers by target, for the plain targets that take one column. */
  columnOf: Map<string, string>;
  /** Read (and cached) through `q`, the row's transaction. */
  scenarioIdByTitle(q: Query, title: string): Promise<number | null>;
  /** Found or created through `q`: an agent a row creates goes with the row. */
  agentIdByName(q: Query, name: string, team: string): Promise<number>;
}

/** The cell text for a target, after the mapping's own value list (`values`) has had its say. */
function mapped(ctx: RowContext, target: string, cell: string): string {
  const own = ctx.mapping.values[target];
  if (!own) return cell;
  return own[cell] ?? own[Object.keys(own).find((k) => k.toLowerCase() === cell.toLowerCase()) ?? ''] ?? cell;
}

/** The answer a cell text is without help: yes/no/n.a. words, 1/0, scale numbers, option ids and labels. */
function readAnswer(item: RubricItem, text: string): AnswerValue | null {
  const word = yesNoWord(text);
  if (word === 'na') return { kind: 'na' };
  if (item.type === 'yesNo') {
    if (word) return { kind: word };
    if (text === '1' || text === '0') return { kind: text === '1' ? 'yes' : 'no' };
    return null;
  }
  if (item.type === 'scale') return /^\d+$/.test(text) ? { kind: 'scale', value: Number(text) } : null;
  const option = item.options.find(
    (o) => o.id === text || o.label.trim().toLowerCase() === text.toLowerCase(),
  );
  return option ? { kind: 'choice', optionId: option.id } : null;
}

/** Whether a cell text answers the item, after the mapping's own value list. */
export function understood(ctx: RowContext, target: string, item: RubricItem, cell: string): boolean {
  return readAnswer(item, mapped(ctx, target, cell.trim())) !== null;
}

function answerOf(ctx: RowContext, column: string, target: string, cell: string): AnswerValue | null {
  const itemId = target.slice('item:'.length);
  const item = ctx.items.get(itemId)?.item;
  if (!item) throw new RowProblem(column, `the checklist has no item "${itemId}"`);
  const text = mapped(ctx, target, cell.trim());
  if (text === '') throw new RowProblem(column, `no answer for "${item.title}"`);
  const value = readAnswer(item, text);
  if (value === null) {
    const expected =
      item.type === 'yesNo'
        ? 'yes or no'
        : item.type === 'scale'
          ? `a number from 0 to ${item.max}`
          : `one of ${item.options.map((o) => o.id).join(', ')} (or map the text in "values")`;
    throw new RowProblem(
      column,
      `"${cell.trim()}" is not an answer to "${item.title}" (expected ${expected})`,
    );
  }
  const mismatch = answerMismatch(item, value);
  if (mismatch) throw new RowProblem(column, `"${cell.trim()}" for "${item.title}": ${mismatch}`);
  return value;
}

/** The shop one spreadsheet row describes; throws RowProblem naming the column at the first fault. */
export async function shopFromRow(
  ctx: RowContext,
  q: Query,
  cells: Record<string, string>,
  evidence: number | null,
): Promise<ShopFields> {
  const cell = (target: string) => {
    const column = ctx.columnOf.get(target);
    return column === undefined ? '' : mapped(ctx, target, (cells[column] ?? '').trim());
  };
  const col = (target: string) => ctx.columnOf.get(target) ?? target;

  const shopId = cell('shopId');
  if (shopId === '') throw new RowProblem(col('shopId'), 'no shop id');

  let occurredAt: string;
  const order = ctx.mapping.dateOrder;
  if (ctx.columnOf.has('occurredAt')) {
    const parsed = parseLocalDate(cell('occurredAt'), order);
    if (!parsed.ok) throw new RowProblem(col('occurredAt'), parsed.problem);
    if (parsed.value.time === null) throw new RowProblem(col('occurredAt'), 'has a date but no time of day');
    occurredAt = `${parsed.value.date}T${parsed.value.time}`;
  } else {
    if (cell('date') === '') throw new RowProblem(col('date'), 'no date');
    const parsed = parseLocalDate(cell('date'), order);
    if (!parsed.ok) throw new RowProblem(col('date'), parsed.problem);
    let time = ctx.columnOf.has('time') && cell('time') !== '' ? null : parsed.value.time;
    if (time === null) {
      if (cell('time') === '') throw new RowProblem(col('time'), 'no time of day');
      const t = parseTime(cell('time'));
      if (!t.ok) throw new RowProblem(col('time'), t.problem);
      time = t.value;
    }
    occurredAt = `${parsed.value.date}T${time}`;
  }

  let channel: ShopFields['channel'] = 'call';
  if (ctx.columnOf.has('channel')) {
    const found = channelWord(cell('channel'));
    if (!found)
      throw new RowProblem(
        col('channel'),
        `"${cell('channel')}" is not a channel (call, chat, email or visit)`,
      );
    channel = found;
  }

  const scenario = cell('scenario');
  if (scenario === '') throw new RowProblem(col('scenario'), 'no scenario');
  const scenarioId = await ctx.scenarioIdByTitle(q, scenario);
  const team = cell('team');
  const agent = cell('agent');

  const answers: Answer[] = [];
  const comments = new Map<string, string>();
  const extra: Record<string, string> = {};
  const notes: string[] = [];
  for (const [column, target] of ctx.targets) {
    const raw = (cells[column] ?? '').trim();
    if (target.startsWith('item:')) {
      answers.push({ itemId: target.slice(5), value: answerOf(ctx, column, target, raw) });
    } else if (target.startsWith('comment:')) {
      if (raw !== '') comments.set(target.slice(8), raw);
    } else if (target === 'extra' && raw !== '') extra[column] = raw;
    else if (target === 'notes' && raw !== '') notes.push(raw);
  }
  for (const answer of answers) {
    const comment = comments.get(answer.itemId);
    if (comment) answer.comment = comment;
  }

  return {
    shopId,
    wave: ctx.mapping.wave,
    occurredAt,
    channel,
    team,
    agentId: agent === '' ? null : await ctx.agentIdByName(q, agent, team),
    answeredBy: cell('answeredBy') || null,
    scenarioId,
    scenarioText: scenarioId === null ? scenario : '',
    rubricId: ctx.rubricId,
    answers,
    recordingId: evidence,
    notes: notes.join('\n\n'),
    files: [],
    extra,
  };
}
