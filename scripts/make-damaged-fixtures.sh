#!/usr/bin/env bash
# Damaged recordings for test/integration/media/damaged.test.ts, made from real recordings in
# ../shared/data/audio, and what ffmpeg makes of them (the tests only read the output: CI has no ffmpeg).
# Run by make-audio-fixtures.sh; on its own: bash scripts/make-damaged-fixtures.sh
set -euo pipefail

cd "$(dirname "$0")/.."
out=test/fixtures/audio
shared=../shared/data/audio
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# A plain CBR MP3 as a call recorder writes it (8 kHz mono, 8 kbit/s, 72-byte frames, no Xing/Info
# frame): 79.2 s of the customer leg of a real call, then damaged by node below.
ff -i "$shared/aws-samples__amazon-transcribe-live-call-analytics/Auto_Repairs_40_UTC_caller.wav" \
  -ss 20 -t 79.2 -c:a libmp3lame -b:a 8k -write_xing 0 "$out/damaged.mp3"
cp "$shared/eshaz__wasm-audio-decoders/opus_osce_female_ref_12kbs.ogg" "$out/damaged.opus"

node -e '
  const fs = require("fs");
  const [mp3, opus] = process.argv.slice(1);
  // MP3: the second frame header overwritten (bytes 0x12345678: no longer a header), and frames 550-559
  // zeroed (a dropout, as lost network packets leave in a recording).
  const m = fs.readFileSync(mp3);
  const start = 10 + ((m[6] & 0x7f) << 21 | (m[7] & 0x7f) << 14 | (m[8] & 0x7f) << 7 | (m[9] & 0x7f));
  const frame = 72;
  if (m[start] !== 0xff || m[start + frame] !== 0xff) throw new Error("unexpected frame layout");
  m.writeUInt32BE(0x12345678, start + frame);
  m.fill(0, start + 550 * frame, start + 560 * frame);
  fs.writeFileSync(mp3, m);
  // Opus: seeded noise over 100 bytes inside two pages (pages 11 and 12: their CRC fails), and the
  // capture pattern of page 17 overwritten ("OggS" -> "Xggs": that page is lost to the parser).
  const o = fs.readFileSync(opus);
  const pages = [];
  for (let at = 0; at < o.length; ) {
    const n = o[at + 26];
    let body = 0;
    for (let i = 0; i < n; i++) body += o[at + 27 + i];
    pages.push({ at, length: 27 + n + body });
    at += 27 + n + body;
  }
  let seed = 7;
  for (const k of [11, 12]) {
    const page = pages[k];
    for (let i = 0; i < 100; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      o[page.at + page.length - 200 + i] = seed >>> 24;
    }
  }
  o.write("Xggs", pages[17].at, "latin1");
  fs.writeFileSync(opus, o);
' "$out/damaged.mp3" "$out/damaged.opus"

# What ffmpeg reads: its duration estimate, and the samples it decodes through the damage.
node -e '
  const { execFileSync } = require("child_process");
  const [dir] = process.argv.slice(1);
  const report = {};
  for (const name of ["damaged.mp3", "damaged.opus"]) {
    const path = `${dir}/${name}`;
    const probe = (entry) => execFileSync("ffprobe", ["-v", "error", "-show_entries", entry, "-of", "csv=p=0", path]).toString().trim();
    const sampleRate = Number(probe("stream=sample_rate"));
    const decoder = name.endsWith(".opus") ? ["-c:a", "libopus"] : [];
    const raw = execFileSync("ffmpeg", ["-v", "quiet", ...decoder, "-i", path, "-f", "s16le", "-ac", "1", "-"], { maxBuffer: 1 << 28 });
    report[name] = { sampleRate, ffprobeDurationS: Number(probe("format=duration")), decodedSamples: raw.length / 2 };
  }
  require("fs").writeFileSync(`${dir}/damaged.ffmpeg.json`, JSON.stringify(report, null, 2) + "\n");
' "$out"
