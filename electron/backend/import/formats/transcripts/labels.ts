/**
 * "Speaker: text" prefixes, shared by subtitles and text logs. A label is a short name (at
 * most four words, no sentence punctuation), so "Well, here is the thing: ..." stays text.
 */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'’()#&/+-]{0,39}$/u;

export function isSpeakerName(name: string): boolean {
  const trimmed = name.trim();
  return NAME.test(trimmed) && trimmed.split(/\s+/).length <= 4 && !/^[\d\s.:]+$/.test(trimmed);
}

/** `Agent: Hello`, `- Agent: Hello`, `>> Agent: Hello`; the colon must be followed by a space or the end. */
export function colonPrefix(line: string): { label: string; text: string } | null {
  const m = /^\s*(?:[-–]\s*)?(?:>>\s*)?([^:]{1,40}):(?:\s+(.*)|$)/u.exec(line);
  if (!m || !isSpeakerName(m[1] ?? '')) return null;
  return { label: (m[1] ?? '').trim(), text: (m[2] ?? '').trim() };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/** Markup that subtitle files carry for display only: tags, ASS overrides, HTML entities. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return safeCodePoint(parseInt(name.slice(2), 16), whole);
      if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
