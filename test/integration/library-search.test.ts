import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { HIT_END, HIT_START, type Facets, type LibraryItem } from '../../shared/api';
import { call } from '../support/backend';
import { describeEachEngine, engineBackend } from '../support/engines';

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  await call(backend, 'demo.load');
});
afterAll(() => cleanup());

type Page = { total: number; items: LibraryItem[] };
const list = (params: object) => call<Page>(backend, 'library.list', params);

describeEachEngine('library filters', () => {
  it('narrows by type', async () => {
    const calls = await list({ filters: { kind: 'call' } });
    expect(calls.total).toBe(3);
    expect(calls.items.every((item) => item.kind === 'call')).toBe(true);
  });

  it('narrows by agent and by team', async () => {
    const facets = await call<Facets>(backend, 'library.facets');
    const anna = facets.agents.find((agent) => agent.name === 'Anna Berg')!;
    const byAgent = await list({ filters: { agentIds: [anna.id] } });
    expect(byAgent.total).toBeGreaterThan(0);
    expect(byAgent.items.every((item) => item.agentName === 'Anna Berg')).toBe(true);
    const team = facets.teams.find((t) => t.name === anna.teamName)!;
    const byTeam = await list({ filters: { teamIds: [team.id] } });
    expect(byTeam.items.every((item) => item.teamName === team.name)).toBe(true);
    expect(byTeam.total).toBeGreaterThanOrEqual(byAgent.total);
  });

  it('narrows by a date range, both ends inclusive', async () => {
    const all = await list({});
    const day = all.items[0]!.startedAt!.slice(0, 10);
    const sameDay = await list({ filters: { from: day, to: day } });
    expect(sameDay.total).toBeGreaterThan(0);
    expect(sameDay.items.every((item) => item.startedAt!.startsWith(day))).toBe(true);
  });

  it('sorts by duration both ways and pages through', async () => {
    const asc = await list({ sort: 'duration', order: 'asc' });
    const durations = asc.items.map((item) => item.durationMs!);
    expect(durations).toEqual([...durations].sort((a, b) => a - b));
    const secondPage = await list({ sort: 'duration', order: 'asc', limit: 2, offset: 2 });
    expect(secondPage.items.map((item) => item.id)).toEqual(asc.items.slice(2, 4).map((item) => item.id));
    expect(secondPage.total).toBe(asc.total);
    const pastTheEnd = await list({ limit: 2, offset: 100 });
    expect(pastTheEnd).toEqual({ total: asc.total, items: [] });
  });

  it('refuses malformed dates', async () => {
    const reply = await backend.dispatch('library.list', { filters: { from: '2026-13' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });
});

describeEachEngine('full-text search', () => {
  it('finds a phrase in a call transcript and marks the hit', async () => {
    const page = await list({ filters: { text: '"duplicate payment"' } });
    expect(page.total).toBe(1);
    const [item] = page.items;
    expect(item!.title).toBe('Double charge on invoice');
    expect(item!.hit!.snippet).toContain(`${HIT_START}duplicate payment${HIT_END}`);
    expect(item!.hit!.startMs).not.toBeNull();
  });

  it('matches word prefixes, in chats too, without case or accents mattering', async () => {
    const page = await list({ filters: { text: 'ROUT' } });
    expect(page.items.map((item) => item.kind)).toContain('chat');
    expect(page.items.every((item) => item.hit !== null)).toBe(true);
  });

  it('combines search with filters', async () => {
    const onlyCalls = await list({ filters: { text: 'thank', kind: 'call' } });
    const everything = await list({ filters: { text: 'thank' } });
    expect(onlyCalls.items.every((item) => item.kind === 'call')).toBe(true);
    expect(everything.total).toBeGreaterThan(onlyCalls.total);
  });

  it('finds nothing for text that cannot match, and never errors on FTS syntax', async () => {
    expect((await list({ filters: { text: 'zyxwvut' } })).total).toBe(0);
    expect((await list({ filters: { text: '"unclosed AND (' } })).total).toBe(0);
    expect((await list({ filters: { text: '*:^' } })).total).toBe(0);
  });

  it('refuses relevance order without a search text', async () => {
    const reply = await backend.dispatch('library.list', { sort: 'relevance' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });
});

describeEachEngine('review filters', () => {
  it('narrows to interactions with or without a submitted evaluation', async () => {
    const calls = await list({ filters: { kind: 'call' } });
    const reviewedId = calls.items[0]!.id;
    const profile = await call<{ id: number }>(backend, 'profile.create', {
      name: 'Maria Lind',
      role: 'qa_supervisor',
    });
    const { id: versionId } = await backend.database.query
      .selectFrom('rubric_versions')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await backend.database.query
      .insertInto('evaluations')
      .values({
        interaction_id: reviewedId,
        rubric_version_id: versionId,
        reviewer_id: profile.id,
        state: 'submitted',
        created_at: now,
        updated_at: now,
        submitted_at: now,
      })
      .execute();
    const reviewed = await list({ filters: { reviewed: true } });
    expect(reviewed.items.map((item) => item.id)).toEqual([reviewedId]);
    const notReviewed = await list({ filters: { reviewed: false } });
    expect(notReviewed.total).toBe((await list({})).total - 1);
    expect(notReviewed.items.some((item) => item.id === reviewedId)).toBe(false);
  });

  it('narrows to interactions with a moment carrying a tag, and offers the tags as facets', async () => {
    const facets = await call<Facets>(backend, 'library.facets');
    const rude = facets.tags.find((tag) => tag.builtin === 'rude')!;
    const chats = await list({ filters: { kind: 'chat' } });
    await call(backend, 'moment.create', {
      interactionId: chats.items[1]!.id,
      turnSeq: 2,
      comment: 'curt',
      tagIds: [rude.id],
    });
    const tagged = await list({ filters: { tagIds: [rude.id] } });
    expect(tagged.items.map((item) => item.id)).toEqual([chats.items[1]!.id]);
  });
});
