import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../electron/backend/import/formats';
import { fixture } from './helpers';

describe('WebVTT', () => {
  it('reads voice spans, skips NOTE and STYLE blocks, splits a cue with two voices', () => {
    const t = parseTranscript(fixture('call.vtt'));
    expect(t.format).toBe('webvtt');
    expect(t.speakers).toEqual(['Agent Anna', 'Customer']);
    expect(t.suggestedRoles).toEqual({ 'Agent Anna': 'agent', Customer: 'customer' });
    expect(t.ambiguous).toBe(false);
    expect(t.segments).toEqual([
      {
        speakerLabel: 'Agent Anna',
        startMs: 500,
        endMs: 3250,
        text: 'Thank you for calling Earmark Bank, this is Anna speaking.',
      },
      {
        speakerLabel: 'Customer',
        startMs: 3900,
        endMs: 6000,
        text: 'Hi, my card was <blocked> & I need help.',
      },
      { speakerLabel: 'Agent Anna', startMs: 6000, endMs: 8125, text: 'I can help with that.' },
      { speakerLabel: 'Customer', startMs: 6000, endMs: 8125, text: 'Great.' },
      { speakerLabel: 'Customer', startMs: 62_000, endMs: 64_500, text: 'Thanks, bye!' },
    ]);
    expect(t.durationMs).toBe(64_500);
    expect(t.warnings).toEqual([]);
  });

  it('reads "Speaker: text" prefixes; an unlabelled cue continues the previous speaker, with a warning', () => {
    const t = parseTranscript(fixture('call-prefix.vtt'));
    expect(t.speakers).toEqual(['Agent', 'Kunde']);
    expect(t.suggestedRoles).toEqual({ Agent: 'agent', Kunde: 'customer' });
    expect(t.segments.map((s) => [s.speakerLabel, s.text])).toEqual([
      ['Agent', 'Guten Tag, Sie sprechen mit Jonas.'],
      ['Kunde', 'Hallo, ich habe eine Frage zu meiner Rechnung.'],
      ['Kunde', 'und zwar zur letzten.'],
      ['Agent', 'Gerne.'],
      ['Kunde', 'Danke.'],
    ]);
    expect(t.warnings).toEqual([
      '1 cue(s) had no speaker label and were given the speaker of the cue before',
    ]);
  });

  it('without any labels: one unknown speaker', () => {
    const t = parseTranscript({
      fileName: 'x.vtt',
      text: 'WEBVTT\n\n00:01.000 --> 00:02.000\nHello there\n',
    });
    expect(t.speakers).toEqual(['speaker']);
    expect(t.ambiguous).toBe(true);
    expect(t.segments[0]).toEqual({
      speakerLabel: 'speaker',
      startMs: 1000,
      endMs: 2000,
      text: 'Hello there',
    });
  });
});

describe('SRT', () => {
  it('reads Finnish labels, strips tags, joins wrapped lines', () => {
    const t = parseTranscript(fixture('call.srt'));
    expect(t.format).toBe('srt');
    expect(t.speakers).toEqual(['Asiakaspalvelija', 'Asiakas']);
    expect(t.suggestedRoles).toEqual({ Asiakaspalvelija: 'agent', Asiakas: 'customer' });
    expect(t.segments.map((s) => [s.speakerLabel, s.startMs, s.endMs, s.text])).toEqual([
      ['Asiakaspalvelija', 0, 2400, 'Hyvää päivää, asiakaspalvelu, Minna puhelimessa.'],
      ['Asiakas', 2900, 5100, 'Hei, soitan laskusta.'],
      ['Asiakaspalvelija', 5300, 9750, 'Selvä, katsotaan. Hetki vain.'],
    ]);
  });

  it('is detected from content whatever the extension', () => {
    expect(parseTranscript({ ...fixture('call.srt'), fileName: 'export.txt' }).format).toBe('srt');
  });
});

describe('generic JSON segments', () => {
  it('{segments} with millisecond keys and a recording path', () => {
    const t = parseTranscript(fixture('segments.json'));
    expect(t.format).toBe('json-segments');
    expect(t.speakers).toEqual(['Agent', 'Caller']);
    expect(t.suggestedRoles).toEqual({ Agent: 'agent', Caller: 'customer' });
    expect(t.segments[1]).toEqual({
      speakerLabel: 'Caller',
      startMs: 2600,
      endMs: 4100,
      text: 'Hi, I have a billing question.',
    });
    expect(t.recordingHint).toBe('call-0042.wav');
    expect(t.durationMs).toBe(5000);
  });

  it('a bare array with second keys, numeric strings and clock strings', () => {
    const t = parseTranscript(fixture('segments-seconds.json'));
    expect(t.segments).toEqual([
      { speakerLabel: 'agent', startMs: 500, endMs: 2250, text: 'Hello.' },
      { speakerLabel: 'customer', startMs: 2500, endMs: 4000, text: 'Hi there.' },
    ]);
    expect(t.ambiguous).toBe(false);
  });

  it('Whisper output: seconds, no speaker', () => {
    const t = parseTranscript(fixture('whisper.json'));
    expect(t.format).toBe('json-segments');
    expect(t.speakers).toEqual(['speaker']);
    expect(t.ambiguous).toBe(true);
    expect(t.segments.map((s) => [s.startMs, s.endMs])).toEqual([
      [0, 7600],
      [7600, 10_600],
    ]);
    expect(t.segments[1]?.text).toBe('ask what you can do for your country.');
  });
});

describe('AWS Transcribe', () => {
  it('groups words into speaker turns with speaker_labels, punctuation attached', () => {
    const t = parseTranscript(fixture('aws-transcribe.json'));
    expect(t.format).toBe('aws-transcribe');
    expect(t.recordingHint).toBe('call-0042');
    expect(t.speakers).toEqual(['spk_0', 'spk_1']);
    expect(t.ambiguous).toBe(true);
    expect(t.segments).toEqual([
      { speakerLabel: 'spk_0', startMs: 440, endMs: 1840, text: 'Hello, this is Sam.' },
      { speakerLabel: 'spk_1', startMs: 2100, endMs: 4000, text: 'Hi Sam. I need help.' },
    ]);
  });

  it('interleaves channel_labels streams by time', () => {
    const t = parseTranscript(fixture('aws-transcribe-channels.json'));
    expect(t.segments).toEqual([
      { speakerLabel: 'ch_0', startMs: 100, endMs: 500, text: 'Hello.', channel: 0 },
      { speakerLabel: 'ch_1', startMs: 800, endMs: 1100, text: 'Hi.', channel: 1 },
      { speakerLabel: 'ch_0', startMs: 1500, endMs: 2200, text: 'How can I help?', channel: 0 },
    ]);
    expect(t.suggestedRoles).toEqual({ ch_0: null, ch_1: null });
  });

  it('uses audio_segments when the job wrote them', () => {
    const t = parseTranscript(fixture('aws-transcribe-audio-segments.json'));
    expect(t.segments).toEqual([
      { speakerLabel: 'spk_0', startMs: 0, endMs: 1500, text: 'Hello, support.' },
      { speakerLabel: 'spk_1', startMs: 1800, endMs: 2200, text: 'Hi.' },
    ]);
  });

  it('without speakers cuts turns at sentence ends', () => {
    const items = ['One', '.', 'Two', 'words', '?'].map((content, i) =>
      /\w/.test(content)
        ? {
            start_time: String(i),
            end_time: String(i + 0.5),
            type: 'pronunciation',
            alternatives: [{ content }],
          }
        : { type: 'punctuation', alternatives: [{ content }] },
    );
    const t = parseTranscript({
      fileName: 'x.json',
      text: JSON.stringify({ results: { transcripts: [], items } }),
    });
    expect(t.segments.map((s) => s.text)).toEqual(['One.', 'Two words?']);
    expect(t.speakers).toEqual(['speaker']);
  });
});

describe('Transcribe Call Analytics', () => {
  it('takes AGENT/CUSTOMER from ParticipantRole, not ambiguous', () => {
    const t = parseTranscript(fixture('aws-call-analytics.json'));
    expect(t.format).toBe('aws-call-analytics');
    expect(t.speakers).toEqual(['AGENT', 'CUSTOMER']);
    expect(t.suggestedRoles).toEqual({ AGENT: 'agent', CUSTOMER: 'customer' });
    expect(t.ambiguous).toBe(false);
    expect(t.segments).toHaveLength(3);
    expect(t.segments[1]).toEqual({
      speakerLabel: 'CUSTOMER',
      startMs: 3010,
      endMs: 5990,
      text: 'My internet has been down since Monday.',
    });
    expect(t.durationMs).toBe(8400);
    expect(t.recordingHint).toBe('tca-call-7.wav');
  });
});

describe('Azure batch transcription', () => {
  const batch = {
    source: 'https://store.blob.core.windows.net/calls/2024/call%20042.wav?sv=2020&sig=abc',
    durationInTicks: 95_000_000,
    duration: 'PT9.5S',
    recognizedPhrases: [
      {
        recognitionStatus: 'Success',
        channel: 0,
        speaker: 1,
        offset: 'PT0.5S',
        duration: 'PT2S',
        offsetInTicks: 5_000_000,
        durationInTicks: 20_000_000,
        nBest: [{ confidence: 0.9, lexical: 'hello', display: 'Hello.' }],
      },
      { recognitionStatus: 'NoMatch', channel: 0, offsetInTicks: 26_000_000, durationInTicks: 1_000_000 },
      {
        recognitionStatus: 'Success',
        channel: 0,
        speaker: 2,
        offset: 'PT3S',
        duration: 'PT1.25S',
        nBest: [{ display: 'Hi, how can I help?' }],
      },
    ],
  };

  it('reads ticks, falls back to ISO durations, skips unrecognised phrases, hints the file name', () => {
    const t = parseTranscript({ fileName: 'batch.json', text: JSON.stringify(batch) });
    expect(t.format).toBe('azure-batch');
    expect(t.segments).toEqual([
      { speakerLabel: '1', startMs: 500, endMs: 2500, text: 'Hello.', channel: 0 },
      { speakerLabel: '2', startMs: 3000, endMs: 4250, text: 'Hi, how can I help?', channel: 0 },
    ]);
    expect(t.durationMs).toBe(9500);
    expect(t.recordingHint).toBe('call 042.wav');
    expect(t.ambiguous).toBe(true);
  });

  it('stereo without diarization: one label per channel, in time order', () => {
    const stereo = {
      recognizedPhrases: [
        { channel: 0, offsetInTicks: 0, durationInTicks: 10_000_000, nBest: [{ display: 'Agent side.' }] },
        {
          channel: 0,
          offsetInTicks: 40_000_000,
          durationInTicks: 10_000_000,
          nBest: [{ display: 'Later.' }],
        },
        {
          channel: 1,
          offsetInTicks: 20_000_000,
          durationInTicks: 10_000_000,
          nBest: [{ display: 'Caller side.' }],
        },
      ],
    };
    const t = parseTranscript({ fileName: 'stereo.json', text: JSON.stringify(stereo) });
    expect(t.speakers).toEqual(['channel 0', 'channel 1']);
    expect(t.segments.map((s) => s.text)).toEqual(['Agent side.', 'Caller side.', 'Later.']);
  });
});

describe('text logs', () => {
  it('bracketed offsets, multi-line messages, no end times', () => {
    const t = parseTranscript(fixture('chat-log.txt'));
    expect(t.format).toBe('text-log');
    expect(t.segments).toEqual([
      { speakerLabel: 'Agent', startMs: 2000, endMs: null, text: 'Hello, thank you for calling.' },
      {
        speakerLabel: 'Customer',
        startMs: 5000,
        endMs: null,
        text: "Hi, I'd like to cancel my order.\nIt was placed yesterday,\norder number 4711.",
      },
      { speakerLabel: 'Agent', startMs: 14_000, endMs: null, text: 'Let me look that up.' },
    ]);
    expect(t.durationMs).toBeNull();
    expect(t.ambiguous).toBe(false);
  });

  it('clock times with " - " separators are counted from the first message, with a warning', () => {
    const t = parseTranscript(fixture('clock-log.txt'));
    expect(t.segments.map((s) => [s.speakerLabel, s.startMs, s.text])).toEqual([
      ['Operator', 0, 'Guten Morgen!'],
      ['Anrufer', 7000, 'Morgen, ich habe ein Problem.'],
    ]);
    expect(t.suggestedRoles).toEqual({ Operator: 'agent', Anrufer: 'customer' });
    expect(t.warnings).toEqual(['the times look like clock times; they were counted from the first message']);
  });

  it('IRC-style <Name> lines without times; person names are ambiguous', () => {
    const t = parseTranscript(fixture('irc-log.txt'));
    expect(t.speakers).toEqual(['Diane', 'Sheila']);
    expect(t.segments.every((s) => s.startMs === null)).toBe(true);
    expect(t.ambiguous).toBe(true);
  });

  it('a time without a speaker is a message of its own, labelled and reported', () => {
    const t = parseTranscript({
      fileName: 'l.txt',
      text: '[00:01] *** chat started ***\n[00:02] Agent: Hi\nAgent: untimed',
    });
    expect(t.segments.map((s) => [s.speakerLabel, s.startMs, s.text])).toEqual([
      ['speaker', 1000, '*** chat started ***'],
      ['Agent', 2000, 'Hi'],
      ['Agent', null, 'untimed'],
    ]);
    expect(t.warnings).toEqual([
      '1 message(s) have no time; they keep their place in the file',
      "1 line(s) have a time but no speaker; they are labelled 'speaker'",
    ]);
    expect(t.ambiguous).toBe(true);
  });

  it('"Name: text" without times; mm:ss times; midnight roll-over', () => {
    expect(parseTranscript({ fileName: 'a.txt', text: 'Agent: Hi\nCustomer: Hello' }).segments).toHaveLength(
      2,
    );
    const mmss = parseTranscript({ fileName: 'b.txt', text: '[01:05] Agent: Hi\n[01:07] Caller: Hello' });
    expect(mmss.segments.map((s) => s.startMs)).toEqual([65_000, 67_000]);
    const night = parseTranscript({ fileName: 'c.txt', text: '23:59:50 Agent: Hi\n00:00:10 Kunde: Hallo' });
    expect(night.segments.map((s) => s.startMs)).toEqual([0, 20_000]);
  });
});

describe('CSV transcripts', () => {
  it('comma separated, seconds, quoted commas', () => {
    const t = parseTranscript(fixture('transcript.csv'));
    expect(t.format).toBe('csv');
    expect(t.segments[0]).toEqual({
      speakerLabel: 'Agent',
      startMs: 0,
      endMs: 2500,
      text: 'Good morning, this is Maria.',
    });
    expect(t.segments).toHaveLength(3);
  });

  it('semicolons, BOM, CRLF, decimal commas, German headers and a quoted line break', () => {
    const t = parseTranscript(fixture('transcript-semicolon.csv'));
    expect(t.speakers).toEqual(['Mitarbeiter', 'Kunde']);
    expect(t.suggestedRoles).toEqual({ Mitarbeiter: 'agent', Kunde: 'customer' });
    expect(t.segments).toEqual([
      { speakerLabel: 'Mitarbeiter', startMs: 500, endMs: 2250, text: 'Guten Tag!' },
      {
        speakerLabel: 'Kunde',
        startMs: 2500,
        endMs: 4000,
        text: 'Hallo; ich rufe wegen\nmeiner Rechnung an.',
      },
    ]);
  });

  it('millisecond columns by name', () => {
    const t = parseTranscript(fixture('transcript-ms.csv'));
    expect(t.segments.map((s) => [s.startMs, s.endMs])).toEqual([
      [0, 1500],
      [1600, 2100],
    ]);
  });
});

describe('RTTM + STM pairs', () => {
  it('STM lines without a speaker take the RTTM speaker talking then; a recording mismatch is a warning', () => {
    const stm = {
      fileName: 'call.stm',
      text: 'call 1 unknown 0.0 2.0 Hello there\ncall 1 Anna 2.5 4.0 Hi\n',
    };
    const rttm = {
      fileName: 'call.rttm',
      text: 'SPEAKER other 1 0.1 1.8 <NA> <NA> spk_A <NA> <NA>\nSPEAKER other 1 2.4 1.7 <NA> <NA> spk_B <NA> <NA>\n',
    };
    const t = parseTranscript({ ...stm, companion: rttm });
    expect(t.segments.map((s) => [s.speakerLabel, s.text])).toEqual([
      ['spk_A', 'Hello there'],
      ['Anna', 'Hi'],
    ]);
    expect(t.warnings).toEqual([
      "call.rttm is for 'other' but call.stm is for 'call'; they were combined anyway",
      '1 STM line(s) without a speaker took the RTTM speaker talking at that time',
    ]);
  });

  it('skips excluded regions and reads STM labels and comments', () => {
    const text = [
      ';; a comment',
      'call A inter_segment_gap 0 1 ignore_time_segment_in_scoring',
      'call A Agent 1 2 <o,f0,female> Welcome to Earmark',
      'call B Caller 2 3 Hi',
    ].join('\n');
    const t = parseTranscript({ fileName: 'x.stm', text });
    expect(t.segments).toEqual([
      { speakerLabel: 'Agent', startMs: 1000, endMs: 2000, text: 'Welcome to Earmark', channel: 0 },
      { speakerLabel: 'Caller', startMs: 2000, endMs: 3000, text: 'Hi', channel: 1 },
    ]);
    expect(t.suggestedRoles).toEqual({ Agent: 'agent', Caller: 'customer' });
  });
});

describe('companions', () => {
  it('a companion to a non-RTTM/STM file is ignored with a warning', () => {
    const t = parseTranscript({ ...fixture('call.srt'), companion: fixture('chat-log.txt') });
    expect(t.warnings).toEqual(['chat-log.txt was not used: only RTTM and STM files pair up']);
  });
});
