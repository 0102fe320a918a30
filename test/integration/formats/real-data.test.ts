import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChatFile, parseChats, parseTranscript } from '../../../electron/backend/import/formats';
import { audioData, sharedData } from '../../support/paths';

/** Every transcript and chat in ../shared/data, with counts checked by hand against the files. */

const azure = join(audioData, 'Azure-Samples__cognitive-services-speech-sdk');
const pyannote = join(audioData, 'pyannote__pyannote-audio');
const pca = join(audioData, 'aws-samples__amazon-transcribe-post-call-analytics');
const sgd = join(sharedData, 'chats', 'google-research-datasets__dstc8-schema-guided-dialogue');

function read(path: string) {
  return { fileName: path.split('/').at(-1) ?? path, text: readFileSync(path, 'utf8') };
}

describe('real transcripts', () => {
  it('Azure fast transcription without diarization: one unknown speaker, flagged ambiguous', () => {
    const t = parseTranscript(read(join(azure, 'transcription_response.js_client.json')));
    expect(t.format).toBe('azure-fast');
    expect(t.speakers).toEqual(['speaker']);
    expect(t.suggestedRoles).toEqual({ speaker: null });
    expect(t.ambiguous).toBe(true);
    expect(t.segments).toHaveLength(33);
    expect(t.segments[0]).toEqual({
      speakerLabel: 'speaker',
      startMs: 240,
      endMs: 1440,
      text: 'I think we got disconnected.',
    });
    expect(t.durationMs).toBe(120_000);
    expect(t.recordingHint).toBeNull();
    expect(t.warnings).toEqual([]);
  });

  it('Azure fast transcription with diarization: speakers 0 and 1 on channel 0, ambiguous', () => {
    const t = parseTranscript(read(join(azure, 'transcription_response.csharp_client.json')));
    expect(t.format).toBe('azure-fast');
    expect(t.speakers).toEqual(['0', '1']);
    expect(t.suggestedRoles).toEqual({ 0: null, 1: null });
    expect(t.ambiguous).toBe(true);
    expect(t.segments).toHaveLength(34);
    expect(t.segments.every((s) => s.channel === 0)).toBe(true);
    // Azure's diarization put nearly everything on speaker 0: 32 phrases against 2.
    expect(t.segments.filter((s) => s.speakerLabel === '0')).toHaveLength(32);
    expect(t.segments.filter((s) => s.speakerLabel === '1')).toHaveLength(2);
    expect(t.segments.some((s) => s.text.includes('this call may be recorded and monitored'))).toBe(true);
  });

  it('AWS Post Call Analytics: 12 segments, roles from the file’s own speaker mapping', () => {
    const t = parseTranscript(read(join(pca, 'testfile.json')));
    expect(t.format).toBe('aws-call-analytics');
    expect(t.segments).toHaveLength(12);
    expect(t.speakers).toEqual(['spk_0', 'spk_1']);
    // The file maps spk_0 to "Agent" (ConversationAnalytics.SpeakerLabels); taken as stated.
    expect(t.suggestedRoles).toEqual({ spk_0: 'agent', spk_1: 'customer' });
    expect(t.ambiguous).toBe(false);
    expect(t.durationMs).toBe(28_670);
    expect(t.recordingHint).toBe('stereo_std_1.mp3');
    expect(t.segments[1]).toEqual({
      speakerLabel: 'spk_1',
      startMs: 640,
      endMs: 3700,
      text: 'Thank you for calling Networks abc technical Support.',
    });
    expect(t.segments.at(-1)).toMatchObject({ startMs: 27_040, endMs: 28_960 });
  });

  it('STM alone: 13 lines, speakers Diane and Sheila (names: ambiguous)', () => {
    const t = parseTranscript(read(join(pyannote, 'sample.stm')));
    expect(t.format).toBe('stm');
    expect(t.segments).toHaveLength(13);
    expect(t.speakers).toEqual(['Diane', 'Sheila']);
    expect(t.suggestedRoles).toEqual({ Diane: null, Sheila: null });
    expect(t.ambiguous).toBe(true);
    expect(t.recordingHint).toBe('sample');
    expect(t.segments[6]).toEqual({
      speakerLabel: 'Diane',
      startMs: 12_542,
      endMs: 14_184,
      text: 'This is Diane in New Jersey.',
      channel: 0,
    });
    expect(t.durationMs).toBe(29_987);
  });

  it('RTTM alone: 10 turns without text, a warning, speakers speaker90/speaker91 ambiguous', () => {
    const t = parseTranscript(read(join(pyannote, 'sample.rttm')));
    expect(t.format).toBe('rttm-stm');
    expect(t.segments).toHaveLength(10);
    expect(t.segments.every((s) => s.text === '')).toBe(true);
    expect(t.speakers).toEqual(['speaker90', 'speaker91']);
    expect(t.ambiguous).toBe(true);
    expect(t.segments[0]).toEqual({
      speakerLabel: 'speaker90',
      startMs: 6690,
      endMs: 7120,
      text: '',
      channel: 0,
    });
    expect(t.durationMs).toBe(30_000);
    expect(t.warnings).toEqual([
      'sample.rttm has speaker turns but no words: the segments have no text (add the matching .stm file to get the text)',
    ]);
  });

  it('STM with its RTTM companion (either way round): STM text and speakers', () => {
    const stm = read(join(pyannote, 'sample.stm'));
    const rttm = read(join(pyannote, 'sample.rttm'));
    for (const t of [
      parseTranscript({ ...stm, companion: rttm }),
      parseTranscript({ ...rttm, companion: stm }),
    ]) {
      expect(t.format).toBe('rttm-stm');
      expect(t.segments).toHaveLength(13);
      expect(t.speakers).toEqual(['Diane', 'Sheila']);
      expect(t.segments.every((s) => s.text !== '')).toBe(true);
      expect(t.recordingHint).toBe('sample');
      expect(t.warnings).toEqual([]);
    }
  });
});

describe('real chats', () => {
  it('ABCD: 3 conversations with agent, customer and action (system) turns', () => {
    const chats = parseChats(read(join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json')));
    expect(chats.map((c) => [c.externalId, c.turns.length])).toEqual([
      ['3592', 29],
      ['9489', 21],
      ['3695', 22],
    ]);
    expect(chats.map((c) => c.title)).toEqual([
      'Product defect: return size',
      'Product defect: refund status',
      'Storewide query: timing 4',
    ]);
    const [first] = chats;
    expect(first?.customerRef).toBe('cminh730');
    expect(chats[2]?.customerRef).toBeNull();
    expect(first?.turns.slice(0, 2)).toEqual([
      { speaker: 'agent', text: 'Hi!', sentAt: null },
      { speaker: 'agent', text: 'How can I help you?', sentAt: null },
    ]);
    expect(first?.turns[6]).toEqual({
      speaker: 'system',
      text: 'Account has been pulled up for Crystal Minh.',
      sentAt: null,
    });
    expect(new Set(chats.flatMap((c) => c.turns.map((t) => t.speaker)))).toEqual(
      new Set(['agent', 'customer', 'system']),
    );
    expect(first?.metadata).toMatchObject({ format: 'abcd', flow: 'product_defect', subflow: 'return_size' });
  });

  it.each([
    ['train/dialogues_032.json', 16.3, ['Banks', 'Services', 'Homes']],
    ['test/dialogues_008.json', 14.3, ['Trains', 'Payment', 'Homes']],
  ])(
    'SGD %s: 128 dialogues, USER customer / SYSTEM agent, titles from services',
    (file, average, services) => {
      const { chats, warnings } = parseChatFile(read(join(sgd, file)));
      expect(chats).toHaveLength(128);
      expect(warnings).toEqual([]);
      const turns = chats.reduce((n, c) => n + c.turns.length, 0);
      expect(turns / chats.length).toBeCloseTo(average, 1);
      for (const chat of chats) {
        expect(chat.turns[0]?.speaker).toBe('customer');
        expect(chat.turns.every((t, i) => t.speaker === (i % 2 === 0 ? 'customer' : 'agent'))).toBe(true);
      }
      for (const service of services) expect(chats.some((c) => c.title.startsWith(`${service}:`))).toBe(true);
    },
  );

  it('SGD titles name the service and the intents', () => {
    const chats = parseChats(read(join(sgd, 'train', 'dialogues_032.json')));
    expect(chats[0]?.title).toBe('Homes: find apartment, schedule visit');
    expect(chats.some((c) => c.title.startsWith('Banks: check balance'))).toBe(true);
  });
});
