import { fail } from '../errors';
import { parseClock } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript, NO_SPEAKER } from './build';
import { isSpeakerName } from './labels';

/**
 * Plain-text logs, one message per line:
 *
 *   [10:02:13] Agent: Hello          10:02 Customer - Hi        Agent: no time
 *   <Anna> IRC style                 [2024-03-01 10:02:13] Kunde: Hallo
 *
 * A line that is not a message continues the message before it (multi-line messages). Lines
 * have a start time but no end, so endMs is null.
 *
 * Times are offsets into the recording: `hh:mm:ss` or `mm:ss` (two parts are minutes and
 * seconds, as transcript tools write them). When the first time is an hour or more in, or a
 * date is given, the times are wall-clock times; they are then counted from the first message,
 * with a warning, so the transcript still lines up with a recording that starts with the call.
 */
const TIME = String.raw`(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)`;
const STAMP = new RegExp(String.raw`^\s*(?:\[${TIME}\]|\(${TIME}\)|${TIME}(?=\s))\s*`);

interface Message {
  line: number;
  date: string | null;
  clock: number | null;
  label: string | null;
  text: string;
}

/** A message line, or null for a continuation line. */
function messageOf(raw: string, line: number): Message | null {
  const stamp = STAMP.exec(raw);
  const date = stamp ? (stamp[1] ?? stamp[3] ?? stamp[5] ?? null) : null;
  const clockText = stamp ? (stamp[2] ?? stamp[4] ?? stamp[6] ?? '') : '';
  const clock = stamp ? parseClock(clockText) : null;
  if (stamp && clock === null) return null;
  const rest = stamp ? raw.slice(stamp[0].length) : raw;

  const irc = /^<([^<>]{1,40})>\s?(.*)$/.exec(rest);
  if (irc && isSpeakerName(irc[1] ?? ''))
    return { line, date, clock, label: (irc[1] ?? '').trim(), text: irc[2] ?? '' };
  // "Name: text" or "Name - text", whichever separator comes first.
  const sep = /^(.{1,40}?)(?::(?=\s|$)|\s[-–—](?=\s))\s*(.*)$/.exec(rest);
  if (sep && isSpeakerName(sep[1] ?? ''))
    return { line, date, clock, label: (sep[1] ?? '').trim(), text: sep[2] ?? '' };
  // A time without a speaker ("[10:02] *** chat started ***") is still a new message.
  return stamp ? { line, date, clock, label: null, text: rest } : null;
}

export function isTextLog(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return false;
  const m = messageOf(first, 1);
  return m !== null && m.label !== null;
}

export function parseTextLog(fileName: string, text: string): ParsedTranscript {
  const messages: Message[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const message = messageOf(raw, i + 1);
    const previous = messages.at(-1);
    if (message) messages.push(message);
    else if (previous) previous.text += `\n${raw.trim()}`;
    else
      fail(fileName, `line ${i + 1}: cannot tell who is speaking (expected e.g. '[00:01:02] Agent: Hello')`);
  });

  const warnings: string[] = [];
  const starts = offsets(fileName, messages, warnings);
  const unlabelled = messages.filter((m) => m.label === null).length;
  if (unlabelled > 0)
    warnings.push(`${unlabelled} line(s) have a time but no speaker; they are labelled '${NO_SPEAKER}'`);
  const segments: TranscriptSegment[] = messages.map((m, i) => ({
    speakerLabel: m.label ?? NO_SPEAKER,
    startMs: starts[i] ?? null,
    endMs: null,
    text: m.text.trim(),
  }));
  return buildTranscript(fileName, 'text-log', segments, { warnings });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function offsets(fileName: string, messages: Message[], warnings: string[]): (number | null)[] {
  const first = messages.find((m) => m.clock !== null);
  if (!first) return messages.map(() => null);
  const untimed = messages.filter((m) => m.clock === null).length;
  if (untimed > 0) warnings.push(`${untimed} message(s) have no time; they keep their place in the file`);
  const wallClock = first.date !== null || (first.clock ?? 0) >= HOUR;
  if (wallClock) warnings.push('the times look like clock times; they were counted from the first message');
  const base = wallClock ? absolute(first, 0) : 0;
  let dayShift = 0;
  let before: number | null = null;
  return messages.map((m) => {
    if (m.clock === null) return null;
    let t = wallClock ? absolute(m, dayShift) : m.clock;
    // Past midnight without a date: 23:59 then 00:01 is the next day.
    if (wallClock && m.date === null && before !== null && t < before - 12 * HOUR) {
      dayShift += DAY;
      t += DAY;
    }
    if (before !== null && t < before) fail(fileName, `line ${m.line}: the time goes backwards`);
    before = t;
    return t - base;
  });
}

function absolute(m: Message, dayShift: number): number {
  const day = m.date === null ? 0 : Date.parse(`${m.date}T00:00:00Z`);
  return (Number.isNaN(day) ? 0 : day) + (m.clock ?? 0) + dayShift;
}
