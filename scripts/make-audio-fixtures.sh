#!/usr/bin/env bash
# Regenerates test/fixtures/audio: small recordings in every format the import pipeline reads, the
# broken files it must refuse, and ffmpeg's decode of them as references (`*.ref.s16`: raw s16le
# samples; `*.peaks.json`: min/max peaks of ffmpeg's decode). Needs espeak-ng, ffmpeg (with libgsm, libmp3lame, libvorbis, libopus)
# and node; the tests themselves only read the committed output (CI has no ffmpeg).
#
#   bash scripts/make-audio-fixtures.sh
set -euo pipefail

cd "$(dirname "$0")/.."
out=test/fixtures/audio
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
# ffmpeg's raw 16-bit decode, kept whole where the tests compare samples exactly (G.711, GSM, IMA ADPCM).
ref() { ff -i "$out/$1" -f s16le -c:a pcm_s16le "$out/$1.ref.s16"; }
# For the lossy codecs, whose decoders legitimately differ by a little, only ffmpeg's min/max peaks are
# kept (100 per second, the finest level Earmark stores), computed from its decode in the plainest way.
# Opus is decoded with libopus (the reference decoder, which ogg-opus-decoder also wraps), not ffmpeg's
# own, which differs audibly at low bitrates.  Usage: ref_peaks INPUT OUTPUT.peaks.json
ref_peaks() {
  local rate channels decoder=()
  rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of csv=p=0 "$1")
  channels=$(ffprobe -v error -select_streams a:0 -show_entries stream=channels -of csv=p=0 "$1")
  [[ $(ffprobe -v error -select_streams a:0 -show_entries stream=codec_name -of csv=p=0 "$1") == opus ]] &&
    decoder=(-c:a libopus) && rate=48000
  ff "${decoder[@]}" -i "$1" -f s16le -c:a pcm_s16le "$work/decoded.s16"
  node -e '
    const [file, rate, channels, out] = process.argv.slice(1);
    const raw = require("fs").readFileSync(file);
    const n = Number(channels), spp = Math.round(Number(rate) / 100), frames = raw.length / 2 / n;
    const peaks = Array.from({ length: n }, () => []);
    for (let start = 0; start < frames; start += spp)
      for (let c = 0; c < n; c++) {
        let lo = 32767, hi = -32768;
        for (let f = start; f < Math.min(frames, start + spp); f++) {
          const v = raw.readInt16LE((f * n + c) * 2); lo = Math.min(lo, v); hi = Math.max(hi, v);
        }
        peaks[c].push(lo, hi);
      }
    const json = { decoder: "ffmpeg", sampleRate: Number(rate), channels: n, frames, samplesPerPeak: spp, peaks };
    require("fs").writeFileSync(out, JSON.stringify(json) + "\n");
  ' "$work/decoded.s16" "$rate" "$channels" "$2"
}

# Speech, not tones: codecs behave differently on it, and peaks have shape. espeak-ng is deterministic.
espeak-ng -v en-us -s 190 -w "$work/agent.wav" "Thanks for calling. How can I help?"
espeak-ng -v en-gb -s 160 -p 70 -w "$work/customer.wav" "My order never arrived."
speech="$work/agent.wav"
mono8k=(-ar 8000 -ac 1)

# WAV PCM variants (Chromium plays these as they are). All but the first are made from the 16-bit file,
# so the 24-bit, 32-bit and float ones hold exactly the same samples and share one reference.
ff -i "$speech" "${mono8k[@]}" -c:a pcm_s16le "$out/pcm-s16.wav"
base="$out/pcm-s16.wav"
ff -i "$base" -c:a pcm_u8 "$out/pcm-u8.wav"
ff -i "$base" -c:a pcm_s24le "$out/pcm-s24.wav" # ffmpeg writes >16-bit as WAVE_FORMAT_EXTENSIBLE
ff -i "$base" -c:a pcm_s32le "$out/pcm-s32.wav"
ff -i "$base" -c:a pcm_f32le "$out/pcm-f32.wav"
ff -i "$base" -c:a pcm_alaw "$out/alaw.wav"
ff -i "$base" -c:a pcm_mulaw "$out/mulaw.wav"
ff -i "$speech" -ar 8000 -ac 2 -c:a pcm_s16le -t 1.2 "$out/pcm-s16-stereo.wav"
# 16-bit mono in WAVE_FORMAT_EXTENSIBLE (ffmpeg only uses it above 16 bits or 2 channels: patch the tag).
node -e '
  const fs = require("fs");
  const src = fs.readFileSync(process.argv[1]);
  const fmt = src.indexOf("fmt ");
  const data = src.indexOf("data");
  const body = src.subarray(data);
  const ext = Buffer.alloc(8 + 40);
  ext.write("fmt ", 0); ext.writeUInt32LE(40, 4);
  src.copy(ext, 8, fmt + 8, fmt + 8 + 16);
  ext.writeUInt16LE(0xfffe, 8);
  ext.writeUInt16LE(22, 24); ext.writeUInt16LE(16, 26); ext.writeUInt32LE(4, 28); // cbSize, valid bits, centre
  Buffer.from("0100000000001000800000aa00389b71", "hex").copy(ext, 32); // KSDATAFORMAT_SUBTYPE_PCM
  const riff = Buffer.alloc(12); riff.write("RIFF", 0); riff.write("WAVE", 8);
  const file = Buffer.concat([riff, ext, body]); file.writeUInt32LE(file.length - 8, 4);
  fs.writeFileSync(process.argv[2], file);
' "$out/pcm-s16.wav" "$out/extensible-s16.wav"

# Odd but valid: LIST, odd-sized and PAD chunks before `data`, a chunk after it.
node -e '
  const fs = require("fs");
  const src = fs.readFileSync(process.argv[1]);
  const fmtAt = src.indexOf("fmt "), dataAt = src.indexOf("data");
  const chunk = (id, body) => {
    const head = Buffer.alloc(8); head.write(id, 0); head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]); // word-aligned, as RIFF requires
  };
  const fmt = src.subarray(fmtAt, fmtAt + 8 + src.readUInt32LE(fmtAt + 4));
  const data = src.subarray(dataAt + 8, dataAt + 8 + src.readUInt32LE(dataAt + 4));
  const list = chunk("LIST", Buffer.concat([Buffer.from("INFOICMT"), Buffer.from([7, 0, 0, 0]), Buffer.from("odd!!!\0")]));
  const riff = Buffer.alloc(12); riff.write("RIFF", 0); riff.write("WAVE", 8);
  const file = Buffer.concat([riff, chunk("JUNK", Buffer.alloc(27)), fmt, list, chunk("PAD ", Buffer.alloc(5)),
    chunk("data", data), chunk("cue ", Buffer.alloc(4)), chunk("LIST", Buffer.from("INFOISFTtrailer"))]);
  file.writeUInt32LE(file.length - 8, 4);
  fs.writeFileSync(process.argv[2], file);
' "$out/pcm-s16.wav" "$out/odd-chunks.wav"

# AIFF and AIFF-C (transcoded at import).
ff -i "$base" -c:a pcm_s16be "$out/aiff-s16be.aiff"
ff -i "$base" -c:a pcm_s16le -f aiff "$out/aifc-sowt.aifc"
ff -i "$base" -c:a pcm_alaw -f aiff "$out/aifc-alaw.aifc"
ff -i "$base" -c:a pcm_mulaw -f aiff "$out/aifc-ulaw.aifc"
ff -i "$base" -c:a pcm_f32be -f aiff "$out/aifc-fl32.aifc"

# The WAV codecs Chromium cannot play.
ff -i "$speech" "${mono8k[@]}" -c:a libgsm_ms "$out/gsm.wav"
ff -i "$speech" "${mono8k[@]}" -c:a adpcm_ima_wav "$out/ima-adpcm.wav"
ff -i "$speech" -ar 11025 -ac 2 -t 1.2 -c:a adpcm_ima_wav "$out/ima-adpcm-stereo.wav"

# Compressed formats Chromium plays (the source stays the playable file).
ff -i "$speech" -ar 16000 -ac 1 -c:a libmp3lame -b:a 32k "$out/speech.mp3"
ff -i "$speech" -ar 22050 -ac 2 -c:a libmp3lame -b:a 48k "$out/speech-stereo.mp3"
ff -i "$speech" -ar 16000 -ac 1 -c:a libvorbis -q:a 2 "$out/speech.ogg"
ff -i "$speech" -ar 16000 -ac 1 -c:a libopus -b:a 16k "$out/speech.opus"
ff -i "$speech" "${mono8k[@]}" -c:a flac "$out/speech.flac"
ff -i "$speech" -ar 16000 -ac 1 -c:a aac -b:a 32k "$out/speech.m4a" # index (moov) at the end
ff -i "$speech" -ar 16000 -ac 1 -c:a aac -b:a 32k -movflags +faststart "$out/speech-faststart.m4a"
ff -i "$speech" -ar 16000 -ac 1 -c:a aac -b:a 32k -f adts "$out/speech.aac"

# Two legs of one call, mono 8 kHz, the customer's shorter; and one at 16 kHz that cannot be paired.
ff -i "$work/agent.wav" "${mono8k[@]}" -c:a pcm_s16le "$out/leg-agent.wav"
ff -i "$work/customer.wav" "${mono8k[@]}" -c:a pcm_s16le "$out/leg-customer.wav"
ff -i "$work/customer.wav" -ar 16000 -ac 1 -c:a pcm_s16le "$out/leg-customer-16k.wav"
ff -i "$work/customer.wav" -ar 8000 -ac 1 -c:a libmp3lame -b:a 24k "$out/leg-customer.mp3"

for f in alaw.wav mulaw.wav gsm.wav ima-adpcm.wav ima-adpcm-stereo.wav; do ref "$f"; done
for f in speech.mp3 speech-stereo.mp3 speech.ogg speech.opus speech.flac speech.m4a leg-customer.mp3; do
  ref_peaks "$out/$f" "$out/$f.peaks.json"
done

# References for the real-world files in ../shared/data/audio (not copied here: they are read in place).
shared=../shared/data/audio
mkdir -p "$out/shared"
ff -i "$shared/edge_cases/Borewit__music-metadata/gsm610.wav" -f s16le "$out/shared/gsm610.wav.ref.s16"
for f in Borewit__music-metadata/M1F1-AlawC-AFsp.aif ggerganov__whisper.cpp/jfk.mp3 openai__whisper/jfk.flac \
  eshaz__wasm-audio-decoders/opus_osce_female_ref_12kbs.ogg eshaz__wasm-audio-decoders/opus_osce_male_ref_5kbs.ogg \
  Azure-Samples__cognitive-services-speech-sdk/whatstheweatherlike-mulaw.wav edge_cases/bbc__peaks.js/STAT3S3.mp3; do
  ref_peaks "$shared/$f" "$out/shared/$(basename "$f").peaks.json"
done

# Broken and misleading files.
bytes=$(stat -c %s "$out/pcm-s16.wav")
head -c $((bytes * 6 / 10 + 1)) "$out/pcm-s16.wav" >"$out/truncated.wav" # header still claims it all; cut mid-sample
cp "$out/speech.mp3" "$out/really-mp3.wav"
tail -c 3200 "$out/pcm-s16.wav" >"$out/headerless.wav" # raw samples, no RIFF header
node -e '
  let x = 0x2545f491; const buf = Buffer.alloc(4096);
  for (let i = 0; i < buf.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; buf[i] = x & 0xff; }
  require("fs").writeFileSync(process.argv[1], buf);
' "$out/random.wav"
: >"$out/empty.wav"
printf 'RIFF\x24\x00\x00\x00AVI LIST\x04\x00\x00\x00hdrl' >"$out/riff-not-wave.wav"
bash scripts/make-damaged-fixtures.sh # damaged.mp3, damaged.opus and what ffmpeg reads of them

ls -l "$out"
