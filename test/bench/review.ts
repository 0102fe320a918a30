import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createBackend } from '../../electron/backend/backend';
import { sendAnswer } from '../../electron/backend/host/serve-adapters';
import { answerFile } from '../../electron/backend/host/serve-file';
import { wavHeader } from '../../electron/backend/media/wav-writer';
import { findOrAddAgent } from '../../electron/backend/services/people';
import { addRecording, probeRecording } from '../../electron/backend/services/recordings';
import { addSegments, segmentRows } from '../../electron/backend/services/segments';
import { startHost } from '../e2e/support/host';
import { repoRoot, resourcesDir, tempDir } from '../support/paths';
import { median, percentile, round } from './stats';

// ---------------------------------------------------------------------------------------------------
// A long call to review: a speech-like stereo WAV, written as it is generated, and its transcript.

const SAMPLE_RATE = 8000;
const CHANNELS = 2; // agent left, customer right

export interface ScriptedTurn {
  speaker: 'agent' | 'customer';
  startMs: number;
  endMs: number;
  text: string;
}

const PHRASES = [
  'thank you for calling, how can I help you today',
  'I have a question about my last invoice',
  'let me check that for you, one moment please',
  'the payment was taken twice this month',
  'I can see the duplicate payment on your account',
  'would you prefer a refund or a credit on your next bill',
  'a refund to my card please',
  'is there anything else I can help you with',
  'my internet keeps dropping every evening',
  'have you tried restarting the router',
  'I will book an engineer to check the line',
  'that is not what I was told last time',
];

/** A repeatable pseudo-random sequence, so every run generates the same call. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * Who speaks when: turns of 2 to 12 seconds, mostly alternating, short gaps, and every ten minutes or
 * so a hold of half a minute (the long silences a reviewer skips).
 */
export function scriptCall(durationMs: number): ScriptedTurn[] {
  const next = random(7);
  const turns: ScriptedTurn[] = [];
  let at = 800;
  let speaker: 'agent' | 'customer' = 'agent';
  let sinceHold = 0;
  while (at < durationMs - 3_000) {
    const length = 2_000 + Math.floor(next() * 10_000);
    const endMs = Math.min(durationMs - 1_000, at + length);
    const words = PHRASES[Math.floor(next() * PHRASES.length)]!;
    turns.push({ speaker, startMs: at, endMs, text: `${words[0]!.toUpperCase()}${words.slice(1)}.` });
    sinceHold += endMs - at;
    at = endMs + 300 + Math.floor(next() * 1_200);
    if (sinceHold > 600_000) {
      at += 25_000 + Math.floor(next() * 15_000); // on hold
      sinceHold = 0;
    }
    if (next() < 0.85) speaker = speaker === 'agent' ? 'customer' : 'agent';
  }
  return turns;
}

/**
 * Writes a 16-bit stereo WAV of `durationMs` with a voice on the speaking party's channel: a harmonic
 * tone at a speaker's pitch, shaped into syllables, plus a little line noise. Streams one second at a
 * time, so a two-hour file never sits in memory.
 */
export function writeSpeechLikeWav(path: string, durationMs: number, turns: readonly ScriptedTurn[]): void {
  const frames = Math.round((durationMs / 1000) * SAMPLE_RATE);
  const dataBytes = frames * CHANNELS * 2;
  const header = wavHeader(CHANNELS, SAMPLE_RATE, dataBytes);

  // One period of a voiced sound (a fundamental and falling harmonics), looked up by phase.
  const TABLE = 4096;
  const wave = new Float32Array(TABLE);
  for (let i = 0; i < TABLE; i++) {
    const x = (2 * Math.PI * i) / TABLE;
    wave[i] = 0.6 * Math.sin(x) + 0.3 * Math.sin(2 * x) + 0.18 * Math.sin(3 * x) + 0.1 * Math.sin(5 * x);
  }
  // Syllables: a half-wave at about four a second, rounded off, also looked up by phase.
  const envelope = new Float32Array(TABLE);
  for (let i = 0; i < TABLE; i++) envelope[i] = Math.max(0, Math.sin((2 * Math.PI * i) / TABLE)) ** 0.6;
  const next = random(11);
  const hiss = Int16Array.from({ length: 65_536 }, () => Math.round((next() - 0.5) * 60));
  const pitch = { agent: 125, customer: 205 };
  const syllableStep = (4.2 * TABLE) / SAMPLE_RATE;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header);
    // Int16Array writes in the platform's byte order; WAV wants little-endian, as every machine we run on is.
    const chunk = new Int16Array(SAMPLE_RATE * CHANNELS);
    let turn = 0;
    let phase = 0;
    let syllable = 0;
    for (let start = 0; start < frames; start += SAMPLE_RATE) {
      const count = Math.min(SAMPLE_RATE, frames - start);
      for (let f = 0; f < count; f++) {
        const frame = start + f;
        const ms = (frame * 1000) / SAMPLE_RATE;
        while (turns[turn] && turns[turn]!.endMs < ms) turn++;
        const current = turns[turn];
        const speaking = current && current.startMs <= ms ? current.speaker : null;
        let voice = 0;
        if (speaking) {
          // A slow vibrato keeps it from sounding like a test tone.
          const f0 =
            pitch[speaking] * (1 + 0.04 * wave[(((frame * 0.7 * TABLE) / SAMPLE_RATE) % TABLE) | 0]!);
          phase = (phase + (f0 * TABLE) / SAMPLE_RATE) % TABLE;
          syllable = (syllable + syllableStep) % TABLE;
          voice = 9_000 * envelope[syllable | 0]! * wave[phase | 0]!;
        }
        const noise = hiss[(frame * 7) & 0xffff]!;
        chunk[f * 2] = (speaking === 'agent' ? voice : 0) + noise;
        chunk[f * 2 + 1] = (speaking === 'customer' ? voice : 0) + hiss[(frame * 13 + 5) & 0xffff]!;
      }
      writeSync(fd, new Uint8Array(chunk.buffer, 0, count * CHANNELS * 2));
    }
  } finally {
    closeSync(fd);
  }
}

export interface SeededCall {
  interactionId: number;
  recordingId: number;
  durationMs: number;
  title: string;
  turns: number;
  /** Seconds spent writing the WAV, and analysing and storing it. */
  writeSeconds: number;
  importSeconds: number;
}

/**
 * Puts a long call (and the demo data set, for a library to move through) into a data directory, the
 * way the demo loader does: the recording analysed off-thread, its peaks and transcript stored in one
 * transaction. Run before the host opens the directory.
 */
export async function seedLongCall(dataDir: string, durationMs = 2 * 3600 * 1000): Promise<SeededCall> {
  const backend = await createBackend({ dataDir, resourcesDir, version: 'bench', log: () => {} });
  try {
    const reply = await backend.dispatch('demo.load', {});
    if (!reply.ok) throw new Error(`demo.load: ${reply.error.message}`);
    const mediaDir = join(dataDir, 'recordings', 'bench');
    mkdirSync(mediaDir, { recursive: true });
    const path = join(mediaDir, 'two-hour-call.wav');
    const turns = scriptCall(durationMs);
    const writeStart = performance.now();
    writeSpeechLikeWav(path, durationMs, turns);
    const importStart = performance.now();
    const probed = await probeRecording(path);
    const title = 'Two-hour escalation call';
    const { database } = backend;
    const ids = await database.transaction(async (trx) => {
      const { id: interactionId } = await trx
        .insertInto('interactions')
        .values({
          kind: 'call',
          title,
          external_id: 'two-hour-call',
          source: 'bench',
          agent_id: await findOrAddAgent(trx, 'Sanna Virta', 'Escalations'),
          started_at: '2026-11-10T08:00:00Z',
          direction: 'inbound',
          queue: 'Escalations',
          duration_ms: probed.analysis.durationMs,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const recordingId = await addRecording(trx, interactionId, probed, ['agent', 'customer']);
      await addSegments(
        database,
        trx,
        segmentRows(
          interactionId,
          turns.map((turn) => ({ ...turn, sentAt: null })),
        ),
      );
      return { interactionId, recordingId };
    });
    return {
      ...ids,
      durationMs: probed.analysis.durationMs,
      title,
      turns: turns.length,
      writeSeconds: (importStart - writeStart) / 1000,
      importSeconds: (performance.now() - importStart) / 1000,
    };
  } finally {
    await backend.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The benchmark

const MB = 1024 * 1024;
const NAIVE_TIMEOUT_MS = 60_000;

/**
 * Opening a two-hour stereo call in the review workspace, in Chromium against the browser host:
 * - open_2h_call_ms: from navigating to the call (app already loaded) to an interactive waveform, median
 *   (open_2h_call_transcript_ms: until the transcript beside it is on screen as well);
 * - open_2h_call_heap_mb: the page's JS heap (and array buffers) after opening, after a GC;
 * - naive_open_2h_call_ms: baseline, same run, same file: wavesurfer given only the URL in a bare page
 *   (download and decode the whole file), null with naive_open_2h_call_error when it fails or times out;
 * - open_2h_call_speedup: naive over ours;
 * - seek_to_audio_ms_p50/p95: while playing, from setting currentTime to a random point until the media
 *   element's time moves on from there (its clock runs again: the audio at that point is playing).
 */
export async function benchReview(
  browser: Browser,
  quick: boolean,
): Promise<Record<string, number | string | null>> {
  const data = tempDir('earmark-bench-review-');
  const pages: Page[] = [];
  let host: Awaited<ReturnType<typeof startHost>> | undefined;
  try {
    const call = await seedLongCall(data.dir);
    host = await startHost(data.dir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    pages.push(page);

    const opens: number[] = [];
    const withTranscript: number[] = [];
    for (let run = 0; run < (quick ? 3 : 7); run++) {
      const times = await timeOpen(page, host.url, call.interactionId);
      opens.push(times.player);
      withTranscript.push(times.transcript);
    }
    const heap = await heapAfterGc(page);
    const seeks = await timeSeeks(page, call.durationMs, quick ? 10 : 30);

    const naivePage = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    pages.push(naivePage);
    const naive = await timeNaiveOpen(naivePage, join(data.dir, 'recordings', 'bench', 'two-hour-call.wav'));
    const open = median(opens);
    return {
      review_call_minutes: round(call.durationMs / 60_000),
      review_call_turns: call.turns,
      review_seed_write_s: round(call.writeSeconds, 2),
      review_seed_import_s: round(call.importSeconds, 2),
      open_2h_call_ms: round(open),
      open_2h_call_ms_first: round(opens[0]!),
      open_2h_call_transcript_ms: round(median(withTranscript)),
      open_2h_call_heap_mb: round(heap, 1),
      naive_open_2h_call_ms: naive.ms === null ? null : round(naive.ms),
      naive_open_2h_call_error: naive.error,
      open_2h_call_speedup: naive.ms === null ? null : round(naive.ms / open, 1),
      seek_to_audio_ms_p50: round(percentile(seeks, 50), 1),
      seek_to_audio_ms_p95: round(percentile(seeks, 95), 1),
    };
  } finally {
    for (const page of pages) await page.close().catch(() => undefined);
    await host?.stop();
    data.cleanup();
  }
}

/**
 * Loads the app on the library, then times the in-app navigation to the call until its player is ready
 * (the waveform drawn, play and seek working), and until the transcript is on screen too.
 */
async function timeOpen(
  page: Page,
  url: string,
  interactionId: number,
): Promise<{ player: number; transcript: number }> {
  await page.goto(url);
  await page.locator('[data-app-state="ready"]').waitFor();
  await page.getByTestId('library').waitFor();
  // Page-side code uses no named inner functions: tsx would wrap them in a helper the page lacks.
  return page.evaluate(async (id) => {
    const start = performance.now();
    window.location.hash = `#/interaction/${id}`;
    while (!document.querySelector('[data-testid="player"][data-state="ready"]'))
      await new Promise((resolve) => requestAnimationFrame(resolve));
    // One more frame, so the waveform is on screen, not only in the DOM.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const player = performance.now() - start;
    while (!document.querySelector('[data-testid="transcript-segment"]'))
      await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return { player, transcript: performance.now() - start };
  }, interactionId);
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      backingStorageSize?: number;
    };
    return (usage.usedSize + (usage.backingStorageSize ?? 0)) / MB;
  } finally {
    await cdp.detach();
  }
}

/** Plays the call (a real click, as the autoplay policy wants), then seeks to random points while playing. */
async function timeSeeks(page: Page, durationMs: number, count: number): Promise<number[]> {
  await page.getByTestId('player-toggle').click();
  await page.waitForFunction(() => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]');
    return audio !== null && !audio.paused && audio.currentTime > 0.2;
  });
  const next = random(3);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const target = Math.floor(next() * (durationMs / 1000 - 30));
    samples.push(
      await page.evaluate(async (to) => {
        const audio = document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')!;
        const start = performance.now();
        audio.currentTime = to;
        while (!(audio.currentTime > to && !audio.seeking)) {
          if (performance.now() - start > 10_000) throw new Error(`no audio 10 s after seeking to ${to} s`);
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        return performance.now() - start;
      }, target),
    );
  }
  await page.getByTestId('player-toggle').click();
  return samples;
}

/**
 * The naive way, for comparison: a bare page where wavesurfer gets only the file's URL, so it downloads
 * and decodes the whole recording to draw it. Served from its own origin like the real host.
 */
async function timeNaiveOpen(
  page: Page,
  wavPath: string,
): Promise<{ ms: number | null; error: string | null }> {
  const server = await serveNaivePage(wavPath);
  try {
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const outcome = await page
      .waitForFunction(
        () => {
          const state = window as unknown as { naiveMs?: number; naiveError?: string };
          return state.naiveMs !== undefined || state.naiveError !== undefined
            ? { ms: state.naiveMs ?? null, error: state.naiveError ?? null }
            : false;
        },
        undefined,
        { timeout: NAIVE_TIMEOUT_MS, polling: 250 },
      )
      .then((handle) => handle.jsonValue() as Promise<{ ms: number | null; error: string | null }>)
      .catch((error: unknown) => ({
        ms: null,
        error: crashed
          ? 'the page crashed (out of memory decoding the whole file)'
          : /Timeout/i.test(String(error))
            ? `not ready after ${NAIVE_TIMEOUT_MS / 1000} s`
            : String(error).slice(0, 200),
      }));
    return outcome;
  } finally {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
}

const NAIVE_PAGE = `<!doctype html>
<html><body><div id="waveform"></div>
<script type="module">
  import WaveSurfer from '/wavesurfer.js';
  const start = performance.now();
  const wavesurfer = WaveSurfer.create({ container: '#waveform', url: '/call.wav', height: 128 });
  wavesurfer.on('ready', () => { window.naiveMs = performance.now() - start; });
  wavesurfer.on('error', (error) => { window.naiveError = String(error); });
</script></body></html>`;

function serveNaivePage(wavPath: string): Promise<Server> {
  const wavesurferFile = join(repoRoot, 'node_modules', 'wavesurfer.js', 'dist', 'wavesurfer.esm.js');
  // The app's own file answer, so the naive page gets the same Range support as Earmark's player.
  const send = (req: IncomingMessage, res: ServerResponse, path: string, mimeType: string) =>
    void answerFile({
      method: req.method ?? '',
      path,
      roots: [dirname(path)],
      range: req.headers.range,
      mimeType,
      caching: 'private',
    }).then((answer) => sendAnswer(res, answer));
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return void res.end(NAIVE_PAGE);
    }
    if (req.url === '/wavesurfer.js') return send(req, res, wavesurferFile, 'text/javascript');
    if (req.url === '/call.wav') return send(req, res, wavPath, 'audio/wav');
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
