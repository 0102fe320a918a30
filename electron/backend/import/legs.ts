import type { ScannedFile } from './scan';

/** The two halves of a call recorded one leg per file, by the end of their names. */
const AGENT_LEG = /^(.*?)[._ -](agent|operator|rep)$/i;
const CUSTOMER_LEG = /^(.*?)[._ -](caller|customer|client)$/i;

export interface LegPair {
  agent: ScannedFile;
  customer: ScannedFile;
  by: 'manifest' | 'name';
}

/** Pairs the manifest names; without any, `<name>_agent` + `<name>_caller` (or `_customer`, `_client`). */
export function findLegPairs(
  audio: ScannedFile[],
  fromManifest: { agent: string; customer: string }[],
): LegPair[] {
  const byName = new Map(audio.map((file) => [file.name.toLowerCase(), file]));
  const pairs: LegPair[] = [];
  for (const named of fromManifest) {
    const agent = byName.get(named.agent);
    const customer = byName.get(named.customer);
    if (agent && customer) pairs.push({ agent, customer, by: 'manifest' });
  }
  if (pairs.length > 0) return pairs;
  const customers = new Map<string, ScannedFile>();
  for (const file of audio) {
    const match = CUSTOMER_LEG.exec(file.stem);
    if (match) customers.set(match[1]!, file);
  }
  for (const file of audio) {
    const match = AGENT_LEG.exec(file.stem);
    const customer = match ? customers.get(match[1]!) : undefined;
    if (customer) pairs.push({ agent: file, customer, by: 'name' });
  }
  return pairs;
}

/** A leg's name without its leg: `auto_repairs_40_utc_agent` → `auto_repairs_40_utc`. */
export function legBase(stem: string): string {
  return AGENT_LEG.exec(stem)?.[1] ?? CUSTOMER_LEG.exec(stem)?.[1] ?? stem;
}

/** A file's name as a title: no extension, underscores and dashes as spaces. */
export function titleFromFile(name: string): string {
  return name
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
}

/** The title of a call made of two legs: the name they share ("Auto Repairs 40 UTC", not "... agent"). */
export function legTitle(agentLegName: string): string {
  return titleFromFile(legBase(agentLegName.replace(/\.[^.]+$/, '')));
}
