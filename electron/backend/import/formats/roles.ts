import type { SegmentSpeaker } from '../../../../shared/api/schemas';
import { words } from './json';

/**
 * Role suggestion from speaker labels. The rule is "never guess silently": a label earns a
 * role only from a word that says it (Agent, Kunde, asiakas, IVR ...). Diarization labels
 * (spk_0, Guest-1, speaker90, 0/1) and person names get null, and the UI asks the user.
 */

const AGENT = words(
  'agent, agents, operator, advisor, adviser, support, rep, representative, csr',
  'mitarbeiter, mitarbeiterin, berater, beraterin, kundenservice, kundendienst',
  'agentti, asiakaspalvelija, palvelija, asiakaspalvelu',
);
const CUSTOMER = words(
  'customer, caller, client, user',
  'kunde, kundin, anrufer, anruferin',
  'asiakas, soittaja',
);
const SYSTEM = words('system, bot, ivr, action, automated');

/**
 * German and Finnish build compounds whose last part names the role (Kundenberater is an
 * adviser, Stammkunde a customer, asiakaspalvelija a service agent). For these words a label
 * word that ends with them counts; English words must match whole, so "transaction" is not
 * an action and "prep" not a rep.
 */
const COMPOUND_HEADS = new Set(
  words(
    'mitarbeiter, mitarbeiterin, berater, beraterin, kundenservice, kundendienst, kunde, kundin, anrufer, anruferin',
    'palvelija, asiakaspalvelu, asiakas, soittaja',
    'bot',
  ),
);

const ROLE_OF_WORD = new Map<string, SegmentSpeaker>([
  ...AGENT.map((w) => [w, 'agent'] as const),
  ...CUSTOMER.map((w) => [w, 'customer'] as const),
  ...SYSTEM.map((w) => [w, 'system'] as const),
]);

/** Lowercase words without diacritics; camelCase and digits split off ("CustomerService2"). */
export function labelWords(label: string): string[] {
  return label
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== '');
}

function roleOfWord(word: string): SegmentSpeaker | null {
  const exact = ROLE_OF_WORD.get(word);
  if (exact) return exact;
  // Longest compound head wins: "kundenberater" ends with "berater" (agent), not "kunde".
  let best: { head: string; role: SegmentSpeaker } | null = null;
  for (const head of COMPOUND_HEADS) {
    if (word.length > head.length && word.endsWith(head) && (!best || head.length > best.head.length)) {
      best = { head, role: ROLE_OF_WORD.get(head) ?? 'system' };
    }
  }
  return best?.role ?? null;
}

/**
 * The role one label names on its own, or null. "Customer service rep" is an agent: the
 * phrase "customer service/support/care" names the company side, so it is read first.
 */
export function roleFromLabel(label: string): SegmentSpeaker | null {
  // Chat exports repeat a handful of sender labels on every message: read each label once.
  const known = roleOfLabel.get(label);
  if (known !== undefined) return known;
  const role = readRole(label);
  if (roleOfLabel.size < 10_000) roleOfLabel.set(label, role);
  return role;
}

const roleOfLabel = new Map<string, SegmentSpeaker | null>();

function readRole(label: string): SegmentSpeaker | null {
  const parts = labelWords(label);
  const roles = new Set<SegmentSpeaker>();
  for (let i = 0; i < parts.length; i++) {
    const word = parts[i] ?? '';
    const next = parts[i + 1];
    if (word === 'customer' && (next === 'service' || next === 'support' || next === 'care')) {
      roles.add('agent');
      i++;
      continue;
    }
    const role = roleOfWord(word);
    if (role) roles.add(role);
  }
  // "Agent/Customer" or "caller to agent": the label names both sides, so it names neither.
  return roles.size === 1 ? ([...roles][0] ?? null) : null;
}

export interface RoleSuggestion {
  roles: Record<string, SegmentSpeaker | null>;
  ambiguous: boolean;
}

/**
 * Roles for a file's labels. `explicit` holds roles the file itself states (AWS speaker
 * label mapping, ParticipantRole); those are trusted as they are. The rest come from words.
 *
 * Ambiguous when a label has no role, or when two labels landed on the same party (agent or
 * customer) only through words: "Agent" and "Agent 2" may be a transfer or one person
 * labelled twice, and only the user knows.
 */
export function suggestRoles(
  labels: readonly string[],
  explicit: Readonly<Record<string, SegmentSpeaker | null>> = {},
): RoleSuggestion {
  const roles: Record<string, SegmentSpeaker | null> = {};
  const lower = labels.map((l) => l.trim().toLowerCase());
  // Schema-Guided Dialogue names its sides USER and SYSTEM; with only those two, "system"
  // is the assistant serving the user, i.e. the agent side, not a bot message.
  const sgdPair = lower.includes('user') && lower.every((l) => l === 'user' || l === 'system');
  const byWords = new Map<SegmentSpeaker, number>();
  for (const label of labels) {
    if (Object.hasOwn(explicit, label)) {
      roles[label] = explicit[label] ?? null;
      continue;
    }
    const role = sgdPair && label.trim().toLowerCase() === 'system' ? 'agent' : roleFromLabel(label);
    roles[label] = role;
    if (role) byWords.set(role, (byWords.get(role) ?? 0) + 1);
  }
  const ambiguous =
    labels.some((l) => roles[l] === null) ||
    (byWords.get('agent') ?? 0) > 1 ||
    (byWords.get('customer') ?? 0) > 1;
  return { roles, ambiguous };
}
