import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../electron/backend/import/formats';
import { sharedData } from '../../support/paths';
import { fixturesDir, makeXlsx } from './helpers';

/** What the pipeline reads before sorting a file (scan.ts reads 4 KB). */
const HEAD = 4096;

function head(path: string): Buffer {
  return readFileSync(path).subarray(0, HEAD);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('detectKind on the real data set', () => {
  const expected: Record<string, string> = {
    'chats/asappresearch__abcd/abcd_sample.json': 'chat',
    'chats/google-research-datasets__dstc8-schema-guided-dialogue/train/dialogues_032.json': 'chat',
    'chats/google-research-datasets__dstc8-schema-guided-dialogue/test/dialogues_008.json': 'chat',
    'audio/Azure-Samples__cognitive-services-speech-sdk/transcription_response.js_client.json': 'transcript',
    'audio/Azure-Samples__cognitive-services-speech-sdk/transcription_response.csharp_client.json':
      'transcript',
    'audio/aws-samples__amazon-transcribe-post-call-analytics/testfile.json': 'transcript',
    'audio/pyannote__pyannote-audio/sample.rttm': 'transcript',
    'audio/pyannote__pyannote-audio/sample.stm': 'transcript',
    'README.md': 'unknown',
  };

  it.each(Object.entries(expected))('%s is %s (from its first 4 KB)', (path, kind) => {
    expect(detectKind(path, head(join(sharedData, path)))).toBe(kind);
  });

  it('every media file, including the damaged ones, is audio', () => {
    const media = walk(join(sharedData, 'audio')).filter((p) => !/\.(json|rttm|stm)$/.test(p));
    expect(media.length).toBeGreaterThan(20);
    for (const path of media)
      expect([relative(sharedData, path), detectKind(path, head(path))]).toEqual([
        relative(sharedData, path),
        'audio',
      ]);
  });

  it('a damaged recording without its magic bytes is still audio by extension; unknown binaries are not', () => {
    const pcm = Buffer.from([0x01, 0x00, 0xff, 0x7f, 0x00, 0x80, 0x10, 0x00]);
    expect(detectKind('missing_header.wav', pcm)).toBe('audio');
    expect(detectKind('blob.bin', pcm)).toBe('unknown');
  });
});

describe('detectKind on fixtures and tables', () => {
  it.each([
    ['call.vtt', 'transcript'],
    ['call.srt', 'transcript'],
    ['segments.json', 'transcript'],
    ['whisper.json', 'transcript'],
    ['aws-transcribe.json', 'transcript'],
    ['aws-call-analytics.json', 'transcript'],
    ['chat-log.txt', 'transcript'],
    ['transcript.csv', 'transcript'],
    ['transcript-semicolon.csv', 'transcript'],
    ['chats.csv', 'chat'],
    ['chats.json', 'chat'],
    ['conversations.json', 'chat'],
    ['manifest.csv', 'manifest'],
    ['manifest-de.csv', 'manifest'],
    ['manifest-fi.tsv', 'manifest'],
  ])('%s is %s', (name, kind) => {
    expect(detectKind(name, head(join(fixturesDir, name)))).toBe(kind);
  });

  it('XLSX is a manifest; other zips and plain notes are unknown', async () => {
    const xlsx = await makeXlsx([['File'], ['a.wav']]);
    expect(detectKind('m.xlsx', xlsx.subarray(0, HEAD))).toBe('manifest');
    expect(detectKind('archive.zip', xlsx.subarray(0, HEAD))).toBe('unknown');
    expect(detectKind('README.txt', Buffer.from('Recordings from March.\nAsk Anna.\n'))).toBe('unknown');
    expect(detectKind('empty.txt', Buffer.alloc(0))).toBe('unknown');
  });

  it('UTF-16 tables (Excel "Unicode text") are read as text', () => {
    const utf16 = Buffer.from('\uFEFFDatei\tMitarbeiter\nx.wav\tJürgen\n', 'utf16le');
    expect(detectKind('manifest.csv', utf16)).toBe('manifest');
  });

  it('a truncated JSON prefix is sorted by its keys', () => {
    expect(
      detectKind('a.json', Buffer.from('{"recognizedPhrases": [{"speaker": 1, "nBest": [{"display": "Hel')),
    ).toBe('transcript');
    expect(
      detectKind('b.json', Buffer.from('[{"dialogue_id": "1_0", "services": ["Banks_1"], "turns": [{"fra')),
    ).toBe('chat');
    expect(detectKind('c.json', Buffer.from('{"something": "else", "more'))).toBe('unknown');
  });
});
