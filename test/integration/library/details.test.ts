import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { AgentListEntry } from '../../../shared/api/methods/agents';
import type { InteractionDetails } from '../../../shared/api/methods/details';
import type { EventName } from '../../../shared/api';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { importPaths, writeCalls } from '../../support/library-fixture';
import { tempDir } from '../../support/paths';

/**
 * Calls imported without a manifest have no agent, team or start time. A QA supervisor sets them on
 * the interaction's page, or for many at once from the library, and the calls reach the agent's page.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
const folder = tempDir();
const events: { event: EventName; payload: unknown }[] = [];

/** Calls imported without details, handed out a few to each test: no test edits another's calls. */
let unused: number[] = [];

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  // One import for the whole file: a batch costs far more than a call in it.
  const paths = writeCalls(
    folder.dir,
    Array.from({ length: 11 }, (_, index) => `call-${index + 1}`),
  );
  const { outcomes } = await importPaths(backend, paths);
  unused = outcomes.map((o) => o.interactionIds[0]!);
  expect(unused).toHaveLength(11);
  backend.events.subscribe((event, payload) => events.push({ event, payload }));
}, 60_000);
afterAll(async () => {
  await cleanup();
  folder.cleanup();
});

/** `count` of the imported calls nobody has used yet: no agent, team or start time. */
function newCalls(count: number): number[] {
  if (unused.length < count) throw new Error('Import more calls in beforeAll for the tests in this file.');
  return unused.splice(0, count);
}
const newCall = (): number => newCalls(1)[0]!;

const details = (id: number) => call<InteractionDetails>(backend, 'interaction.get', { id });
const agents = () => call<AgentListEntry[]>(backend, 'agent.list', {});
const agentNamed = async (name: string) => (await agents()).filter((agent) => agent.name === name);
const refusal = async (method: string, params: unknown) => {
  const reply = await backend.dispatch(method, params);
  expect(reply.ok, `${method} accepted ${JSON.stringify(params)}`).toBe(false);
  return reply.ok ? { code: '', message: '' } : reply.error;
};
const detailsChanged = () =>
  events.filter(
    (e) => e.event === 'library.changed' && (e.payload as { reason: string }).reason === 'details',
  );

describeEachEngine("editing one interaction's details", () => {
  it('sets agent, team, start time, direction, queue, customer reference and rating and title; the agent lists the call', async () => {
    const id = newCall();
    const before = await details(id);
    expect(before).toMatchObject({ agentName: null, teamName: null, startedAt: null });
    const eventsBefore = detailsChanged().length;

    const updated = await call<InteractionDetails & { changed: boolean }>(
      backend,
      'interaction.updateDetails',
      {
        id,
        details: {
          title: 'Refund for a double charge',
          agentName: '  Jääskeläinen, Aino ',
          teamName: 'Billing',
          startedAt: '2026-03-10T14:30:00+02:00',
          direction: 'inbound',
          queue: 'Refunds',
          customerRef: 'C-2041',
          customerRating: 'bad',
        },
      },
    );

    expect(updated).toMatchObject({
      changed: true,
      title: 'Refund for a double charge',
      agentName: 'Jääskeläinen, Aino',
      teamName: 'Billing',
      startedAt: '2026-03-10T12:30:00.000Z',
      direction: 'inbound',
      queue: 'Refunds',
      customerRef: 'C-2041',
      customerRating: 'bad',
    });
    expect(await details(id)).toMatchObject({
      agentName: 'Jääskeläinen, Aino',
      customerRef: 'C-2041',
      customerRating: 'bad',
    });
    const [aino] = await agentNamed('Jääskeläinen, Aino');
    expect(aino).toMatchObject({ teamName: 'Billing', interactionCount: 1 });
    const library = await call<{ items: { id: number }[] }>(backend, 'library.list', {
      filters: { agentIds: [aino!.id] },
    });
    expect(library.items.map((item) => item.id)).toEqual([id]);
    expect(detailsChanged()).toHaveLength(eventsBefore + 1);
  });

  it('changes only the fields it is given, clears a field set to null, and reports an edit that changes nothing', async () => {
    const id = newCall();
    await call(backend, 'interaction.updateDetails', {
      id,
      details: {
        agentName: 'Virtanen, Eero',
        teamName: 'Billing',
        direction: 'inbound',
        queue: 'Refunds',
        customerRef: 'C-2041',
      },
    });
    const eventsBefore = detailsChanged().length;
    await call(backend, 'interaction.updateDetails', { id, details: { queue: null } });
    expect(await details(id)).toMatchObject({
      queue: null,
      agentName: 'Virtanen, Eero',
      teamName: 'Billing',
      direction: 'inbound',
      customerRef: 'C-2041',
    });
    // A new team keeps the agent's name; the agent is that name within the new team.
    await call(backend, 'interaction.updateDetails', { id, details: { teamName: 'Complaints' } });
    expect(await details(id)).toMatchObject({ agentName: 'Virtanen, Eero', teamName: 'Complaints' });
    const same = await call<{ changed: boolean }>(backend, 'interaction.updateDetails', {
      id,
      details: { direction: 'inbound', teamName: 'complaints' },
    });
    expect(same.changed).toBe(false);
    expect(detailsChanged()).toHaveLength(eventsBefore + 2);
  });

  it('refuses an empty agent name, a team without an agent, a bad time or an empty title, naming the field, and keeps what was stored', async () => {
    const id = newCall();
    await call(backend, 'interaction.updateDetails', {
      id,
      details: { agentName: 'Aino Jääskeläinen', teamName: 'Billing', startedAt: '2026-03-10T14:30:00Z' },
    });
    const stored = await details(id);
    const cases: [object, RegExp][] = [
      [{ agentName: '   ' }, /agentName: must not be empty/],
      [{ title: '' }, /title: must not be empty/],
      [{ startedAt: 'yesterday' }, /startedAt: must be a date and time/],
      [{ startedAt: '2026-02-30T10:00:00Z' }, /startedAt/],
      [{ direction: 'sideways' }, /direction: must be inbound, outbound or null/],
      [{ agentName: null, teamName: 'Billing' }, /teamName: a team belongs to an agent/],
      [{ agentName: 'A'.repeat(201) }, /agentName: is longer than 200 characters/],
      [{ agent: 'Anna' }, /agent/],
    ];
    for (const [patch, message] of cases) {
      const error = await refusal('interaction.updateDetails', { id, details: patch });
      expect(error.code, JSON.stringify(patch)).toBe('invalid_params');
      expect(error.message, JSON.stringify(patch)).toMatch(message);
    }
    expect(await details(id)).toEqual(stored);
    expect(
      await refusal('interaction.updateDetails', { id: 999_999, details: { queue: 'x' } }),
    ).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('999999'),
    });
  });

  it('removes the agent (and with it the team), and a misspelt agent no call keeps disappears from the agents', async () => {
    const id = newCall();
    await call(backend, 'interaction.updateDetails', { id, details: { agentName: 'Jonas Kellr' } });
    expect(await agentNamed('Jonas Kellr')).toHaveLength(1);
    await call(backend, 'interaction.updateDetails', { id, details: { agentName: 'Jonas Keller' } });
    expect(await agentNamed('Jonas Kellr')).toEqual([]);
    await call(backend, 'interaction.updateDetails', { id, details: { agentName: null } });
    expect(await details(id)).toMatchObject({ agentName: null, teamName: null });
    expect(await agentNamed('Jonas Keller')).toEqual([]);
  });
});

describeEachEngine('assigning an agent to many interactions at once', () => {
  it('gives every chosen interaction the agent and team in one go, and says how many changed', async () => {
    const ids = newCalls(4);
    const eventsBefore = detailsChanged().length;
    const chosen = [ids[0]!, ids[1]!, ids[2]!];
    const result = await call<{ changed: number; total: number }>(backend, 'library.assignAgent', {
      ids: chosen,
      agentName: 'Lena Vogel',
      teamName: 'Werkstatt',
    });
    expect(result).toEqual({ changed: 3, total: 3 });
    for (const id of chosen)
      expect(await details(id)).toMatchObject({ agentName: 'Lena Vogel', teamName: 'Werkstatt' });
    expect(await agentNamed('Lena Vogel')).toMatchObject([{ teamName: 'Werkstatt', interactionCount: 3 }]);
    expect(detailsChanged()).toHaveLength(eventsBefore + 1);

    // Again, with one more: only that one changes (names match regardless of case).
    const again = await call<{ changed: number; total: number }>(backend, 'library.assignAgent', {
      ids: [...chosen, ids[3]!, ids[3]!],
      agentName: 'lena vogel',
      teamName: 'WERKSTATT',
    });
    expect(again).toEqual({ changed: 1, total: 4 });
    expect(await agentNamed('Lena Vogel')).toMatchObject([{ interactionCount: 4 }]);
  });

  it('moves calls off an agent, who disappears once none is left', async () => {
    const id = newCall();
    await call(backend, 'library.assignAgent', { ids: [id], agentName: 'Lena Vogl', teamName: null });
    expect(await agentNamed('Lena Vogl')).toHaveLength(1);
    await call(backend, 'library.assignAgent', {
      ids: [id],
      agentName: 'Lena Vogel',
      teamName: 'Werkstatt',
    });
    expect(await agentNamed('Lena Vogl')).toEqual([]);
  });

  it('refuses an empty agent name, an empty choice or a deleted interaction, and changes none of them', async () => {
    const ids = newCalls(2);
    const stored = await Promise.all(ids.map(details));
    expect(await refusal('library.assignAgent', { ids: [ids[0]], agentName: ' ' })).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/agentName: must not be empty/),
    });
    expect(await refusal('library.assignAgent', { ids: [], agentName: 'Anna' })).toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('choose at least one interaction'),
    });
    expect(
      await refusal('library.assignAgent', { ids: [ids[0], 424_242], agentName: 'Anna', teamName: 'North' }),
    ).toMatchObject({ code: 'not_found', message: expect.stringContaining('424242') });
    expect(await Promise.all(ids.map(details))).toEqual(stored);
    expect(await agentNamed('Anna')).toEqual([]);
  });
});
