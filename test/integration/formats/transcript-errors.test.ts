import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES, parseTranscript } from '../../../electron/backend/import/formats';
import { invalidMessage } from './helpers';

function message(fileName: string, text: string, companion?: { fileName: string; text: string }): string {
  return invalidMessage(() => parseTranscript({ fileName, text, ...(companion ? { companion } : {}) }));
}

describe('transcript errors name the file and the problem', () => {
  it('empty and whitespace-only files', () => {
    expect(message('call.vtt', '')).toBe('call.vtt: the file is empty');
    expect(message('call.vtt', '\uFEFF \n\t\n')).toBe('call.vtt: the file is empty');
  });

  it('absurdly large input', () => {
    const huge = 'a'.repeat(MAX_TEXT_BYTES + 1);
    expect(message('huge.json', huge)).toBe(
      'huge.json: the file is too large to import (50 MB; the limit is 50 MB)',
    );
  });

  it('broken JSON', () => {
    expect(message('t.json', '{"phrases": [')).toMatch(
      /^t\.json: looks like JSON but is not valid JSON \(.+\)$/,
    );
  });

  it('JSON of an unknown shape', () => {
    expect(message('t.json', '{"hello": "world"}')).toBe(
      't.json: is JSON but not a transcript format Earmark knows (expected Azure fast or batch transcription, AWS Transcribe, AWS Call Analytics, or a list of segments with speaker, start, end and text)',
    );
    expect(message('t.json', '[]')).toBe('t.json: contains no transcript segments');
  });

  it('a chat export given as a transcript', () => {
    expect(message('abcd.json', '[{"convo_id": 1, "original": [["agent", "Hi"]]}]')).toBe(
      'abcd.json: is a chat export (ABCD), not a call transcript; import it as a chat',
    );
    expect(message('chats.csv', 'conversation_id,sender,text\n1,agent,Hi\n')).toBe(
      'chats.csv: is a chat export, not a call transcript; import it as a chat',
    );
  });

  it('unknown text; a .txt chosen as a transcript is read as a log and told which line fails', () => {
    expect(message('notes.txt', 'Dear team, please find attached.')).toBe(
      "notes.txt: line 1: cannot tell who is speaking (expected e.g. '[00:01:02] Agent: Hello')",
    );
    expect(message('notes.dat', 'Dear team, please find attached.')).toBe(
      "notes.dat: is not a transcript format Earmark knows (expected WebVTT, SRT, RTTM, STM, JSON, CSV with a speaker and a text column, or a text log with lines such as '[00:01:02] Agent: Hello')",
    );
  });

  it('JSON with wrong types and bad times, with the path', () => {
    expect(message('a.json', '{"duration": 1000, "phrases": [{"offset": 0, "duration": 5}]}')).toBe(
      'a.json: phrases[0].text: Invalid input: expected string, received undefined',
    );
    expect(
      message('a.json', '{"duration": 1000, "phrases": [{"offset": -40, "duration": 5, "text": "x"}]}'),
    ).toBe('a.json: phrases[0]: offset -40 is negative');
    expect(message('s.json', '[{"speaker": "A", "start": "soon", "end": 2, "text": "x"}]')).toBe(
      's.json: segment 1: start "soon" is not a number',
    );
    expect(
      message(
        's.json',
        '[{"speaker": "A", "start": 1, "end": 2, "text": "x"}, {"speaker": "B", "start": 5, "end": 3, "text": "y"}]',
      ),
    ).toBe('s.json: segment 2: the end (00:00:03.000) is before the start (00:00:05.000)');
    expect(message('s.json', '[{"speaker": "A", "start": 1, "end": 2}]')).toBe(
      's.json: is JSON but not a transcript format Earmark knows (expected Azure fast or batch transcription, AWS Transcribe, AWS Call Analytics, or a list of segments with speaker, start, end and text)',
    );
    expect(
      message('s.json', '[{"speaker": "A", "start": 1, "text": "ok"}, {"speaker": "B", "start": 2}]'),
    ).toBe('s.json: segment 2 has no text');
    expect(
      message(
        'aws.json',
        '{"results": {"items": [{"start_time": "abc", "end_time": "1", "alternatives": [{"content": "x"}]}]}}',
      ),
    ).toBe('aws.json: results.items[0]: start_time "abc" is not a number');
    expect(
      message(
        'pca.json',
        '{"SpeechSegments": [{"SegmentStartTime": 3, "SegmentEndTime": 1, "SegmentSpeaker": "spk_0"}]}',
      ),
    ).toBe('pca.json: SpeechSegments[0]: the end (00:00:01.000) is before the start (00:00:03.000)');
    expect(message('b.json', '{"recognizedPhrases": [{"offsetInTicks": -1, "durationInTicks": 1}]}')).toBe(
      'b.json: recognizedPhrases[0]: offsetInTicks -1 is negative',
    );
  });

  it('subtitle timing lines', () => {
    expect(message('c.srt', '1\n00:00:05,000 --> 00:00:03,000\nAgent: hi\n')).toBe(
      'c.srt: line 2: the end (00:00:03.000) is before the start (00:00:05.000)',
    );
    expect(message('c.srt', '1\n00:00:01,000 --> 00:00:03,000\nAgent: hi\n\n2\nAgent: no timing\n')).toBe(
      "c.srt: line 5: expected a cue timing line such as '00:00:01,000 --> 00:00:04,000'",
    );
    expect(message('c.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:0x:03.000\nhi\n')).toBe(
      "c.vtt: line 3: cannot read the cue timing '00:00:01.000 --> 00:0x:03.000' (expected e.g. 00:00:01.000 --> 00:00:04.000)",
    );
    expect(message('c.vtt', 'WEBVTT\n')).toBe('c.vtt: contains no transcript segments');
  });

  it('RTTM and STM lines', () => {
    expect(message('x.stm', 'sample 1 Diane 6.68 7.16 Hello?\nsample 1 Sheila 8.5 x Hi\n')).toBe(
      'x.stm: line 2: end "x" is not a number',
    );
    expect(message('x.stm', 'sample 1 Diane 6.68 7.16 Hello?\nsample 1 Sheila 9 8 Hi\n')).toBe(
      'x.stm: line 2: the end (00:00:08.000) is before the start (00:00:09.000)',
    );
    expect(message('x.stm', 'a 1 Diane 1 2 Hi\nb 1 Sheila 3 4 Hello\n')).toBe(
      "x.stm: has lines for more than one recording ('a' and 'b'); split it per recording",
    );
    expect(message('x.rttm', 'SPEAKER s 1 1.0 0.5 <NA> <NA> spk <NA> <NA>\nspeaker s 1 1.0\n')).toBe(
      'x.rttm: line 2: not an RTTM line (expected SPEAKER ...)',
    );
    expect(message('x.rttm', 'SPEAKER s 1 1.0 -0.5 <NA> <NA> spk <NA> <NA>\n')).toBe(
      'x.rttm: line 1: duration -0.5 is negative',
    );
    expect(
      message('x.rttm', 'SPEAKER s 1 1.0 0.5 <NA> <NA> a <NA> <NA>\n', {
        fileName: 'y.rttm',
        text: 'SPEAKER s 1 1 1 <NA> <NA> b <NA> <NA>',
      }),
    ).toBe('y.rttm: cannot be paired with x.rttm: an RTTM file pairs with an STM file');
  });

  it('text logs', () => {
    expect(message('log.txt', 'Agent: hi\n[00:05] Customer: hello\n[00:03] Agent: back in time\n')).toBe(
      'log.txt: line 3: the time goes backwards',
    );
    expect(message('call.log', 'hello there\nAgent: hi\n')).toBe(
      "call.log: line 1: cannot tell who is speaking (expected e.g. '[00:01:02] Agent: Hello')",
    );
  });

  it('CSV rows', () => {
    expect(message('t.csv', 'speaker,start,end,text\nAgent,1,2,hi\nCustomer,abc,3,hello\n')).toBe(
      't.csv: row 3: start "abc" is not a number',
    );
    expect(message('t.csv', 'speaker,start,end,text\nAgent,4,2,hi\n')).toBe(
      't.csv: row 2: the end (00:00:02.000) is before the start (00:00:04.000)',
    );
    expect(message('t.csv', 'speaker,start,end,text\n,1,2,hi\n')).toBe('t.csv: row 2: the speaker is empty');
    expect(message('t.csv', 'speaker,start,end,text\nAgent,1,2,"unclosed\n')).toMatch(/^t\.csv: row 2: /);
    expect(message('t.csv', 'who,when,what\nAgent,1,hi\n')).toBe(
      't.csv: the header row needs a speaker column and a text column (found: who, when, what)',
    );
  });
});
