import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { describeEachEngine } from '../../support/engines';
import { addAccount, Browser, teamServer } from '../accounts/team-fixture';

/**
 * A team lead's library, review screen and wow reels on a team server (issue 14, point 3: "a team lead
 * sees the agents of their teams"): only their teams' agents' calls and chats are listed, opened, played
 * or collected; another team's (and one nobody is assigned to) is answered as if it did not exist. QA
 * sees everything; an agent does not open the library at all.
 */
const PW = 'a good long password';

describeEachEngine("a team lead's library and reels", () => {
  let backend: Backend;
  let cleanup: () => Promise<void>;
  const as = {} as Record<'supervisor' | 'lead' | 'anna', Browser>;
  let sales = 0;
  let support = 0;
  let anna = 0;
  let bert = 0;
  let annasCall = 0;
  let bertsCall = 0;
  let nobodysCall = 0;
  let annasRecording = 0;
  let bertsRecording = 0;

  beforeAll(async () => {
    ({ backend, cleanup } = await teamServer());
    const q = backend.database.query;
    const team = async (name: string) =>
      (await q.insertInto('teams').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
    sales = await team('Sales');
    support = await team('Support');
    const agent = async (name: string, teamId: number) =>
      (
        await q
          .insertInto('agents')
          .values({ name, team_id: teamId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    anna = await agent('Anna Berg', sales);
    bert = await agent('Bert Krause', support);
    const call = async (title: string, agentId: number | null, startedAt: string) =>
      (
        await q
          .insertInto('interactions')
          .values({ kind: 'call', title, source: 'test', agent_id: agentId, started_at: startedAt })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    annasCall = await call('Anna: billing question', anna, '2026-11-02T09:00:00Z');
    bertsCall = await call('Bert: cancellation', bert, '2026-11-02T10:00:00Z');
    nobodysCall = await call('Nobody yet: a transfer', null, '2026-11-02T11:00:00Z');
    const recording = async (interactionId: number) =>
      (
        await q
          .insertInto('recordings')
          .values({
            interaction_id: interactionId,
            path: `/recordings/${interactionId}.wav`,
            size_bytes: 1000,
            sha256: `${interactionId}`.padStart(64, '0'),
            container: 'wav',
            codec: 'pcm_s16le',
            sample_rate: 8000,
            channels: 1,
            duration_ms: 60_000,
            channel_roles: null,
            source_paths: null,
            claimed_duration_ms: null,
            damage: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    annasRecording = await recording(annasCall);
    bertsRecording = await recording(bertsCall);
    await addAccount(backend, 'supervisor', 'qa_supervisor', PW, { name: 'Maria Lind' });
    await addAccount(backend, 'lead', 'team_lead', PW, { name: 'Lena Lead', teams: [sales] });
    await addAccount(backend, 'anna', 'agent', PW, { name: 'Anna Berg', agent: anna });
    for (const name of ['supervisor', 'lead', 'anna'] as const) {
      as[name] = new Browser(backend);
      await as[name].login(name, PW);
    }
  });
  afterAll(() => cleanup());

  const listed = async (who: Browser) =>
    (await who.ok('library.list', { filters: {}, limit: 50, offset: 0 })).items
      .map((item) => item.title)
      .sort();

  it("lists a team lead their teams' calls only, and QA every call", async () => {
    expect(await listed(as.lead)).toEqual(['Anna: billing question']);
    expect(await listed(as.supervisor)).toEqual([
      'Anna: billing question',
      'Bert: cancellation',
      'Nobody yet: a transfer',
    ]);
    // Asking for another team's agent or team by id shows nothing either.
    const bertsOnly = await as.lead.ok('library.list', { filters: { agentIds: [bert] } });
    expect(bertsOnly).toEqual({ total: 0, items: [] });
    const supportOnly = await as.lead.ok('library.list', { filters: { teamIds: [support] } });
    expect(supportOnly.total).toBe(0);
    expect(await as.anna.refused('library.list', {})).toMatchObject({ code: 'not_allowed' });
  });

  it("offers a team lead their own teams and agents to filter by, with no other team's names", async () => {
    const facets = await as.lead.ok('library.facets', {});
    expect(facets.agents.map((agent) => agent.name)).toEqual(['Anna Berg']);
    expect(facets.teams.map((team) => team.name)).toEqual(['Sales']);
    const all = await as.supervisor.ok('library.facets', {});
    expect(all.agents.map((agent) => agent.name)).toEqual(['Anna Berg', 'Bert Krause']);
    expect(all.teams.map((team) => team.name)).toEqual(['Sales', 'Support']);
  });

  it("opens, plays and pins moments on their teams' calls only: another team's is not there", async () => {
    expect((await as.lead.ok('interaction.get', { id: annasCall })).title).toBe('Anna: billing question');
    for (const id of [bertsCall, nobodysCall]) {
      expect(await as.lead.refused('interaction.get', { id })).toEqual({
        code: 'not_found',
        message: `There is no interaction with id ${id}.`,
      });
      // Worded exactly as for a call that does not exist.
      expect(await as.lead.refused('moment.list', { interactionId: id })).toEqual(
        await as.lead.refused('moment.list', { interactionId: 999_999 }).then((e) => ({
          ...e,
          message: e.message.replace('999999', String(id)),
        })),
      );
      expect(await as.lead.refused('playback.get', { interactionId: id })).toMatchObject({
        code: 'not_found',
      });
      expect(
        await as.lead.refused('moment.create', { interactionId: id, startMs: 1000, comment: 'Not ours' }),
      ).toEqual({ code: 'not_found', message: `interactionId: there is no interaction with id ${id}.` });
      expect(await as.lead.refused('library.neighbours', { id, filters: {}, order: 'desc' })).toMatchObject({
        code: 'not_found',
      });
    }
    expect(await as.lead.ok('moment.list', { interactionId: annasCall })).toEqual([]);
    expect(await as.supervisor.ok('interaction.get', { id: bertsCall })).toMatchObject({ id: bertsCall });
    // Next and previous walk the lead's view: Anna's call is alone in it.
    expect(await as.lead.ok('library.neighbours', { id: annasCall, filters: {}, order: 'desc' })).toEqual({
      position: 1,
      total: 1,
      previous: null,
      next: null,
    });
    expect(await as.lead.refused('recording.peaks', { recordingId: bertsRecording })).toEqual({
      code: 'not_found',
      message: `There is no recording with id ${bertsRecording}.`,
    });
    for (const method of ['recording.encodedAudio', 'recording.peaksWindow'] as const) {
      const params =
        method === 'recording.encodedAudio'
          ? { recordingId: bertsRecording, fromPacket: 0 }
          : { recordingId: bertsRecording, fromMs: 0, toMs: 1000, targetPeaks: 100 };
      expect(await as.lead.refused(method, params)).toEqual({
        code: 'not_found',
        message: `recordingId: there is no recording with id ${bertsRecording}.`,
      });
    }
    expect((await as.lead.ok('recording.peaks', { recordingId: annasRecording })).recordingId).toBe(
      annasRecording,
    );
  });

  it("collects a team lead's reel from their teams' praise; another team's moments in a reel stay, unseen", async () => {
    const tags = await as.supervisor.ok('tag.list', {});
    const wow = tags.find((tag) => tag.builtin === 'exemplary')!.id;
    const pin = (interactionId: number, comment: string) =>
      as.supervisor.ok('moment.create', { interactionId, startMs: 1000, comment, tagIds: [wow] });
    const annasWow = await pin(annasCall, 'Lovely apology');
    const bertsWow = await pin(bertsCall, 'Calm under fire');
    const candidates = async (who: Browser) =>
      (await who.ok('reel.candidates', {})).map((moment) => moment.id).sort();
    expect(await candidates(as.lead)).toEqual([annasWow.id]);
    expect(await candidates(as.supervisor)).toEqual([annasWow.id, bertsWow.id].sort());

    const reel = await as.supervisor.ok('reel.create', {
      title: 'November praise',
      momentIds: [bertsWow.id, annasWow.id],
    });
    const seen = await as.lead.ok('reel.get', { id: reel.id });
    expect(seen.moments.map((moment) => moment.id)).toEqual([annasWow.id]);
    expect(seen.momentCount).toBe(1);
    // The reel list counts what each opens: the lead their teams' part, QA the whole reel.
    const counted = async (who: Browser) =>
      (await who.ok('reel.list', {})).find((entry) => entry.id === reel.id)?.momentCount;
    expect(await counted(as.lead)).toBe(1);
    expect(await counted(as.supervisor)).toBe(2);
    expect(await as.anna.refused('reel.list', {})).toMatchObject({ code: 'not_allowed' });
    // The lead may not put another team's moment in, and cannot learn that it exists.
    expect(
      await as.lead.refused('reel.update', { id: reel.id, momentIds: [annasWow.id, bertsWow.id] }),
    ).toEqual({ code: 'not_found', message: `momentIds[1]: there is no moment with id ${bertsWow.id}.` });
    // Saving their part of the reel keeps Bert's moment where it was.
    const annasOther = await pin(annasCall, 'Named the fix at once');
    const saved = await as.lead.ok('reel.update', { id: reel.id, momentIds: [annasOther.id, annasWow.id] });
    expect(saved.moments.map((moment) => moment.id)).toEqual([annasOther.id, annasWow.id]);
    const whole = await as.supervisor.ok('reel.get', { id: reel.id });
    expect(whole.moments.map((moment) => moment.id)).toEqual([bertsWow.id, annasOther.id, annasWow.id]);
    expect(await counted(as.lead)).toBe(2);
    expect(await counted(as.supervisor)).toBe(3);
    // Nor can the lead delete it: it holds another team's collecting.
    expect(await as.lead.refused('reel.delete', { id: reel.id })).toEqual({
      code: 'not_allowed',
      message: `id: reel ${reel.id} also holds moments of teams you do not lead; a QA supervisor or manager can delete it.`,
    });
    const own = await as.lead.ok('reel.create', { title: 'Sales only', momentIds: [annasWow.id] });
    expect(await as.lead.ok('reel.delete', { id: own.id })).toEqual({ id: own.id });
  });
});
