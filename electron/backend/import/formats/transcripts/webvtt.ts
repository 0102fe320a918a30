import { fail } from '../errors';
import type { ParsedTranscript } from '../types';
import { buildTranscript } from './build';
import type { Cue, CuePart } from './cues';
import { blocksOf, cueOf, isTimingLine, segmentsFromCues } from './cues';
import { colonPrefix, stripMarkup } from './labels';

export function isWebVtt(text: string): boolean {
  return /^WEBVTT(?:[ \t].*)?(?:\n|$)/.test(text);
}

/**
 * WebVTT: speakers from voice spans (`<v Anna>`, `<v.loud Anna>`, Teams and Zoom exports)
 * or, failing that, `Speaker: text` at the start of a payload line.
 */
export function parseWebVtt(fileName: string, text: string): ParsedTranscript {
  const cues: Cue[] = [];
  for (const block of blocksOf(text)) {
    const first = block.lines[0] ?? '';
    if (/^WEBVTT\b/.test(first) && !isTimingLine(first)) continue;
    if (/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(first)) continue;
    const index = isTimingLine(first) ? 0 : isTimingLine(block.lines[1] ?? '') ? 1 : -1;
    if (index < 0) {
      fail(
        fileName,
        `line ${block.line}: expected a cue timing line such as '00:00:01.000 --> 00:00:04.000'`,
      );
    }
    cues.push(cueOf(fileName, block, index));
  }
  const { segments, warnings } = segmentsFromCues(cues, vttParts);
  return buildTranscript(fileName, 'webvtt', segments, { warnings });
}

const VOICE = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>/g;

function vttParts(cue: Cue): CuePart[] {
  const payload = cue.payload.join('\n');
  if (!/<v[\s.>]/.test(payload)) return prefixParts(cue.payload);
  const parts: CuePart[] = [];
  let label: string | null = null;
  let from = 0;
  for (const m of payload.matchAll(VOICE)) {
    parts.push({ label, text: stripMarkup(payload.slice(from, m.index)) });
    const name = (m[1] ?? '').trim();
    label = name === '' ? null : name;
    from = m.index + m[0].length;
  }
  parts.push({ label, text: stripMarkup(payload.slice(from)) });
  return parts;
}

/** `Speaker: text` lines start a part; other lines continue the part before (a wrapped line). */
export function prefixParts(lines: string[]): CuePart[] {
  const parts: CuePart[] = [];
  for (const raw of lines) {
    const line = stripMarkup(raw);
    const prefixed = colonPrefix(line);
    const current = parts.at(-1);
    if (prefixed) parts.push({ label: prefixed.label, text: prefixed.text });
    else if (current) current.text += ` ${line}`;
    else parts.push({ label: null, text: line });
  }
  return parts;
}
