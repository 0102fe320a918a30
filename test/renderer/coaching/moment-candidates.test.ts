import { describe, expect, it } from 'vitest';
import type { InteractionDetail } from '../../../shared/api';
import type { AgentMoment } from '../../../shared/api/methods/agents';
import type { Moment } from '../../../shared/api/methods/review';
import {
  candidateFromMoment,
  momentCandidates,
  withAddedMoments,
} from '../../../renderer/src/features/coaching/moment-candidates';

const interaction = (id: number, kind: 'call' | 'chat', recordingId: number | null): InteractionDetail => ({
  id,
  kind,
  title: `Interaction ${id}`,
  agentName: 'Anna Berg',
  teamName: 'Customer Care',
  startedAt: '2026-03-02T09:00:00Z',
  durationMs: 60_000,
  direction: 'inbound',
  queue: null,
  customerRef: null,
  customerRating: null,
  recording:
    recordingId === null
      ? null
      : {
          id: recordingId,
          codec: 'opus',
          sampleRate: 8000,
          channels: 2,
          durationMs: 60_000,
          sizeBytes: 1,
          channelRoles: null,
          hasPeaks: true,
          damage: null,
        },
  segments: [
    { seq: 0, speaker: 'customer', startMs: null, endMs: null, sentAt: null, text: 'My router is broken.' },
    {
      seq: 1,
      speaker: 'agent',
      startMs: null,
      endMs: null,
      sentAt: null,
      text: 'I am sorry, let us fix it.',
    },
  ],
});

const moment = (id: number, interactionId: number, where: Partial<Moment>): Moment => ({
  id,
  interactionId,
  startMs: null,
  endMs: null,
  turnSeq: null,
  comment: `Moment ${id}`,
  tagIds: [],
  authorId: null,
  createdAt: '2026-03-02T10:00:00Z',
  updatedAt: '2026-03-02T10:00:00Z',
  ...where,
});

const tagged = (id: number, interactionId: number): AgentMoment => ({
  id,
  interactionId,
  interactionTitle: `Interaction ${interactionId}`,
  interactionKind: 'call',
  recordingId: 90 + interactionId,
  startMs: 1000,
  endMs: null,
  turnSeq: null,
  turnText: null,
  comment: `Tagged ${id}`,
  tagIds: [1],
  interactionStartedAt: '2026-02-01T09:00:00Z',
  authorName: 'Maria Lind',
  exemplary: false,
  createdAt: '2026-02-01T10:00:00Z',
});

describe('a moment from the review list, as the session links it', () => {
  it("takes the interaction's recording, and the turn's text for a chat message", () => {
    const chat = interaction(2, 'chat', null);
    expect(candidateFromMoment(moment(7, 2, { turnSeq: 1 }), chat)).toMatchObject({
      id: 7,
      interactionId: 2,
      interactionTitle: 'Interaction 2',
      interactionKind: 'chat',
      interactionStartedAt: '2026-03-02T09:00:00Z',
      recordingId: null,
      turnSeq: 1,
      turnText: 'I am sorry, let us fix it.',
      comment: 'Moment 7',
      authorName: null,
    });
    const call = interaction(1, 'call', 11);
    expect(candidateFromMoment(moment(8, 1, { startMs: 3000, endMs: 8000 }), call)).toMatchObject({
      recordingId: 11,
      startMs: 3000,
      endMs: 8000,
      turnText: null,
    });
  });
});

describe('the moments a coach can add', () => {
  const call = interaction(1, 'call', 11);
  const chat = interaction(2, 'chat', null);

  it("lists the linked evaluations' moments in call order, then the other tagged ones; nothing twice, nothing linked", () => {
    const groups = momentCandidates({
      linkedIds: [3],
      onEvaluations: [
        {
          interaction: call,
          moments: [
            moment(5, 1, { startMs: 9000 }),
            moment(3, 1, { startMs: 1000 }),
            moment(4, 1, { startMs: 2000, endMs: 4000 }),
            moment(6, 1, { turnSeq: 1 }),
          ],
        },
        { interaction: chat, moments: [moment(9, 2, { turnSeq: 1 }), moment(8, 2, { turnSeq: 0 })] },
        // The same call again (two evaluations of it): its moments are not listed twice.
        { interaction: call, moments: [moment(4, 1, { startMs: 2000 })] },
      ],
      tagged: [tagged(12, 5), tagged(5, 1), tagged(3, 1), tagged(11, 6)],
    });
    expect(groups.onEvaluations.map((m) => m.id)).toEqual([4, 5, 6, 8, 9]);
    expect(groups.tagged.map((m) => m.id)).toEqual([12, 11]);
    expect(groups.tagged[0]!.authorName).toBe('Maria Lind');
  });

  it('is empty when everything is linked', () => {
    const groups = momentCandidates({
      linkedIds: [1, 2],
      onEvaluations: [{ interaction: call, moments: [moment(1, 1, { startMs: 0 })] }],
      tagged: [tagged(2, 3)],
    });
    expect(groups).toEqual({ onEvaluations: [], tagged: [] });
  });
});

describe('adding the picked moments', () => {
  it('keeps the linked ones first, then the picked in the order the picker lists them', () => {
    const listed = [{ id: 4 }, { id: 9 }, { id: 12 }, { id: 2 }];
    expect(withAddedMoments([7, 3], new Set([12, 4, 2]), listed)).toEqual([7, 3, 4, 12, 2]);
  });

  it('never adds a moment twice, nor one that is not listed', () => {
    expect(withAddedMoments([7], new Set([7, 4, 99]), [{ id: 7 }, { id: 4 }, { id: 4 }])).toEqual([7, 4]);
    expect(withAddedMoments([7], new Set(), [{ id: 4 }])).toEqual([7]);
  });
});
