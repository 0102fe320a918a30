#!/usr/bin/env bash
# Generates Earmark's demo data set in resources/demo/:
#
#   calls/<id>.wav   synthetic two-party phone calls, WAV PCM s16le, 8000 Hz,
#                    stereo: left channel = agent, right channel = customer
#   manifest.json    call metadata with exact per-utterance timings, plus chats
#
# Voices are synthesised with espeak-ng and assembled with sox, so no real
# person's voice or data is involved. The output is deterministic: espeak-ng
# is deterministic and sox runs without dither (-D), so re-running the script
# produces byte-identical files.
#
# Usage: npm run demo:make   (or: bash scripts/make-demo-data.sh)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/resources/demo"
RATE=8000          # output sample rate (narrow-band telephony)
SPEED=175          # espeak-ng words per minute (its default): a moderate speaking pace
LEAD_IN=0.3        # seconds of silence before the first utterance ...
TAIL=0.5           # ... and after the last one

for tool in espeak-ng sox soxi node; do
  command -v "$tool" >/dev/null || { echo "make-demo-data: '$tool' is required but not installed" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# seconds (decimal, may be negative) -> whole samples at $RATE
to_samples() { awk -v s="$1" -v r="$RATE" 'BEGIN { x = s * r; printf "%d\n", (x < 0 ? x - 0.5 : x + 0.5) }'; }
# samples -> milliseconds, rounded half up: round(samples * 1000 / RATE)
to_ms() { echo $(( ($1 * 1000 + RATE / 2) / RATE )); }
trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; echo "${s%"${s##*[![:space:]]}"}"; }

# speak VOICE TEXT OUT.wav
# Synthesises one utterance, trims leading/trailing silence so the segment
# times hug the speech, normalises the level and resamples to $RATE Hz mono.
speak() {
  local voice="$1" text="$2" out="$3"
  espeak-ng -v "$voice" -s "$SPEED" -w "$WORK/raw.wav" "$text" </dev/null
  sox -D "$WORK/raw.wav" -r "$RATE" -c 1 -b 16 -e signed-integer "$out" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -3 </dev/null
}

# assemble_call ID AGENT_VOICE CUSTOMER_VOICE < script
# The script has one utterance per line:  speaker | pause | text
#   speaker  agent or customer
#   pause    seconds of silence between the end of the previous utterance and
#            the start of this one (negative = talks over the previous speaker;
#            for the first line it is added to $LEAD_IN)
# Writes $OUT/calls/ID.wav and the timeline to $WORK/ID.tsv and $WORK/ID.samples.
assemble_call() {
  local id="$1" agent_voice="$2" customer_voice="$3"
  local -A pos=([agent]=0 [customer]=0)   # end of each channel so far (samples)
  local -a agent_parts=() customer_parts=()
  local prev_end n=0 speaker pause text voice start len gap piece total
  prev_end=$(to_samples "$LEAD_IN")
  : >"$WORK/$id.tsv"

  while IFS='|' read -r speaker pause text; do
    speaker=$(trim "$speaker"); pause=$(trim "$pause"); text=$(trim "$text")
    [[ -z "$speaker" || "$speaker" == \#* ]] && continue
    case "$speaker" in
      agent) voice="$agent_voice" ;;
      customer) voice="$customer_voice" ;;
      *) echo "make-demo-data: $id: unknown speaker '$speaker'" >&2; exit 1 ;;
    esac
    n=$((n + 1))
    speak "$voice" "$text" "$WORK/$id-$n.wav"
    len=$(soxi -s "$WORK/$id-$n.wav")
    start=$((prev_end + $(to_samples "$pause")))
    gap=$((start - pos[$speaker]))
    if ((gap < 0)); then
      echo "make-demo-data: $id line $n: $speaker would overlap their own previous utterance" >&2; exit 1
    fi
    # Each utterance becomes a piece "silence since this channel's last utterance + speech".
    piece="$WORK/$id-$n-piece.wav"
    sox -D "$WORK/$id-$n.wav" "$piece" pad "${gap}s" 0
    if [[ "$speaker" == agent ]]; then agent_parts+=("$piece"); else customer_parts+=("$piece"); fi
    pos[$speaker]=$((start + len))
    prev_end=$((start + len))
    printf '%s\t%d\t%d\t%s\n' "$speaker" "$(to_ms "$start")" "$(to_ms $((start + len)))" "$text" >>"$WORK/$id.tsv"
  done

  # Total length: last utterance end + tail, rounded up to a whole millisecond.
  total=$(( pos[agent] > pos[customer] ? pos[agent] : pos[customer] ))
  total=$(( total + $(to_samples "$TAIL") ))
  total=$(( (total + RATE / 1000 - 1) / (RATE / 1000) * (RATE / 1000) ))

  sox -D "${agent_parts[@]}" "$WORK/$id-agent.wav" pad 0 "$((total - pos[agent]))s"
  sox -D "${customer_parts[@]}" "$WORK/$id-customer.wav" pad 0 "$((total - pos[customer]))s"
  # Merge: first input -> left channel (agent), second -> right channel (customer).
  sox -D -M "$WORK/$id-agent.wav" "$WORK/$id-customer.wav" -b 16 -e signed-integer "$OUT/calls/$id.wav"
  echo "$total" >"$WORK/$id.samples"
}

mkdir -p "$OUT/calls"
rm -f "$OUT/calls/"*.wav

# ---------------------------------------------------------------------------
# Calls. speaker | pause before (s) | text
# ---------------------------------------------------------------------------

# A courteous agent: introduces herself, uses the customer's name, apologises,
# offers two options, checks everything is resolved and thanks the customer.
assemble_call demo-call-billing en-us+f3 en-gb+m3 <<'EOF'
agent    | 0   | Good morning, Billing, this is Anna. How can I help?
customer | 0.5 | Hi Anna, it's Peter Novak. I've been charged twice this month.
agent    | 0.6 | I'm so sorry, Mr Novak. I can see the duplicate payment.
agent    | 0.4 | I can refund it to your card, or credit your next bill. Which would you prefer?
customer | 0.7 | The refund, please.
agent    | 0.5 | Done. Is there anything else I can help with?
customer | 0.4 | No, that's all, thanks.
agent    | 0.3 | Thank you for calling, Mr Novak. Have a lovely day.
EOF

# A curt agent: talks over the customer, blames the customer's setup, offers a
# quick workaround instead of fixing the fault and ends without any closing.
assemble_call demo-call-broadband en-gb+m1 en-us+f2 <<'EOF'
agent    | 0    | Broadband.
customer | 0.6  | Hi, my internet drops out every evening, and I've already restarted the router twice.
agent    | -0.7 | Is the router behind the TV? That's usually it.
customer | 0.5  | No, it's in the hallway. It worked fine until last week.
agent    | 0.3  | Well, that's your wifi, not our line. Just use a cable.
customer | 0.6  | That's not a fix. Can someone please check the line?
agent    | -0.5 | Use the cable for now. If it's still bad, call back.
EOF

# Hold handled well: asks permission, about six seconds of silence on both
# channels, thanks the customer for waiting and escalates correctly.
assemble_call demo-call-insurance en-us+m3 en-gb-x-rp+f4 <<'EOF'
agent    | 0   | Claims, Mikko speaking. How can I help?
customer | 0.5 | My water damage claim has had no update for three weeks.
agent    | 0.6 | I'm sorry about that. May I put you on hold while I check?
customer | 0.4 | Yes, fine.
agent    | 6.0 | Thank you for waiting. Your claim needs a surveyor, so I've escalated it to our senior claims team.
agent    | 0.4 | They'll call you within two working days.
customer | 0.6 | Great, thank you.
EOF

# ---------------------------------------------------------------------------
# Manifest: static metadata and chats below, call timings from the assembly.
# ---------------------------------------------------------------------------
cat >"$WORK/static.json" <<'EOF'
{
  "calls": [
    {
      "id": "demo-call-billing",
      "title": "Double charge on invoice",
      "agent": "Anna Berg",
      "team": "Customer Care",
      "startedAt": "2026-11-02T09:14:00Z",
      "direction": "inbound",
      "queue": "Billing",
      "customerRef": "C-10482"
    },
    {
      "id": "demo-call-broadband",
      "title": "Connection drops every evening",
      "agent": "Jonas Keller",
      "team": "Technical Support",
      "startedAt": "2026-11-02T18:41:00Z",
      "direction": "inbound",
      "queue": "Broadband",
      "customerRef": "C-20917"
    },
    {
      "id": "demo-call-insurance",
      "title": "Water damage claim without update",
      "agent": "Mikko Laine",
      "team": "Customer Care",
      "startedAt": "2026-11-04T11:03:00Z",
      "direction": "inbound",
      "queue": "Claims",
      "customerRef": "C-33065"
    }
  ],
  "chats": [
    {
      "id": "demo-chat-return",
      "title": "Returning a faulty router",
      "agent": "Anna Berg",
      "team": "Customer Care",
      "startedAt": "2026-11-03T14:02:00Z",
      "turns": [
        { "speaker": "customer", "at": "2026-11-03T14:02:00Z", "text": "Hi, the new router I got last week keeps restarting on its own. Can I return it?" },
        { "speaker": "agent", "at": "2026-11-03T14:02:41Z", "text": "Hi, I'm Anna, thanks for getting in touch. I'm sorry the router is giving you trouble. Could you tell me your order number so I can look it up?" },
        { "speaker": "customer", "at": "2026-11-03T14:03:30Z", "text": "Sure, it's ORD-58213." },
        { "speaker": "agent", "at": "2026-11-03T14:04:05Z", "text": "Thank you! I've found your order, Laura. It was delivered on 27 October, so it's well within the 30-day return window." },
        { "speaker": "agent", "at": "2026-11-03T14:04:22Z", "text": "I can either send you a replacement today, which arrives in 1-2 working days, or give you a full refund once we receive the old one. Which would suit you better?" },
        { "speaker": "customer", "at": "2026-11-03T14:05:10Z", "text": "A replacement please, I need the internet for work." },
        { "speaker": "agent", "at": "2026-11-03T14:05:48Z", "text": "Of course. The replacement is on its way and you'll get tracking by email within the hour. A prepaid return label for the faulty router is in the same email, and you can keep using the old one until the new one arrives." },
        { "speaker": "customer", "at": "2026-11-03T14:06:30Z", "text": "Perfect, that's really helpful." },
        { "speaker": "agent", "at": "2026-11-03T14:06:52Z", "text": "Glad I could help! Is there anything else I can do for you today?" },
        { "speaker": "customer", "at": "2026-11-03T14:07:20Z", "text": "No, that's all. Thanks Anna!" },
        { "speaker": "agent", "at": "2026-11-03T14:07:35Z", "text": "Thank you for contacting us, Laura. Have a great afternoon!" }
      ]
    },
    {
      "id": "demo-chat-speed",
      "title": "Slow speeds after upgrade",
      "agent": "Jonas Keller",
      "team": "Technical Support",
      "startedAt": "2026-11-05T10:15:00Z",
      "turns": [
        { "speaker": "customer", "at": "2026-11-05T10:15:00Z", "text": "Hello, I upgraded to the 500 Mbit plan on Monday but I'm still only getting about 90 Mbit." },
        { "speaker": "agent", "at": "2026-11-05T10:15:52Z", "text": "Hi, Jonas here. Let me check your line, one moment." },
        { "speaker": "customer", "at": "2026-11-05T10:16:30Z", "text": "Thanks. I tested on a wired connection too, same result." },
        { "speaker": "customer", "at": "2026-11-05T10:19:05Z", "text": "Hello? Are you still there?" },
        { "speaker": "agent", "at": "2026-11-05T10:20:47Z", "text": "The upgrade is active on our side. Please restart your router so it picks up the new profile." },
        { "speaker": "customer", "at": "2026-11-05T10:21:15Z", "text": "I waited over four minutes for that. OK, restarting now." },
        { "speaker": "customer", "at": "2026-11-05T10:24:10Z", "text": "Done, now I get 480 Mbit. So it works." },
        { "speaker": "agent", "at": "2026-11-05T10:24:41Z", "text": "Good. Anything else?" },
        { "speaker": "customer", "at": "2026-11-05T10:25:03Z", "text": "No." }
      ]
    },
    {
      "id": "demo-chat-excess",
      "title": "Question about cover and excess",
      "agent": "Mikko Laine",
      "team": "Customer Care",
      "startedAt": "2026-11-06T16:30:00Z",
      "turns": [
        { "speaker": "customer", "at": "2026-11-06T16:30:00Z", "text": "Hi, I cracked my phone screen yesterday. Is that covered by my device insurance, and how much is the excess?" },
        { "speaker": "agent", "at": "2026-11-06T16:31:10Z", "text": "Hello, thanks for your message. Accidental damage is covered, yes." },
        { "speaker": "customer", "at": "2026-11-06T16:31:45Z", "text": "Great. And the excess? My policy documents mention 75 euros." },
        { "speaker": "agent", "at": "2026-11-06T16:32:40Z", "text": "There's usually no excess for screen repairs, so I wouldn't worry about that." },
        { "speaker": "customer", "at": "2026-11-06T16:33:15Z", "text": "Really? The documents clearly say 75 euros for any accidental damage claim." },
        { "speaker": "agent", "at": "2026-11-06T16:34:20Z", "text": "It depends on a few things. The claims team will be able to tell you once you've submitted it." },
        { "speaker": "customer", "at": "2026-11-06T16:34:58Z", "text": "I'd like to know before I submit. Also, my direct debit failed last month. Am I still covered?" },
        { "speaker": "agent", "at": "2026-11-06T16:36:02Z", "text": "That shouldn't be a problem, claims are normally paid within 24 hours anyway." },
        { "speaker": "customer", "at": "2026-11-06T16:36:40Z", "text": "That doesn't answer my question." },
        { "speaker": "agent", "at": "2026-11-06T16:37:30Z", "text": "I'd recommend just submitting the claim online and you'll get an answer from the team." }
      ]
    }
  ]
}
EOF

WORK="$WORK" OUT="$OUT" RATE="$RATE" node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const { WORK, OUT } = process.env;
const staticData = JSON.parse(readFileSync(`${WORK}/static.json`, "utf8"));
const calls = staticData.calls.map((meta) => {
  const samples = Number(readFileSync(`${WORK}/${meta.id}.samples`, "utf8"));
  const segments = readFileSync(`${WORK}/${meta.id}.tsv`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [speaker, startMs, endMs, text] = line.split("\t");
      return { speaker, startMs: Number(startMs), endMs: Number(endMs), text };
    });
  return {
    ...meta,
    file: `calls/${meta.id}.wav`,
    durationMs: Math.round((samples * 1000) / Number(process.env.RATE)),
    channels: ["agent", "customer"],
    segments,
  };
});
const manifest = { version: 1, calls, chats: staticData.chats };
writeFileSync(`${OUT}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
'

# ---------------------------------------------------------------------------
# Summary and sanity check
# ---------------------------------------------------------------------------
for f in "$OUT/calls/"*.wav; do
  rate=$(soxi -r "$f"); chans=$(soxi -c "$f"); bits=$(soxi -b "$f")
  if [[ "$rate" != "$RATE" || "$chans" != 2 || "$bits" != 16 ]]; then
    echo "make-demo-data: $f is ${rate} Hz, ${chans} ch, ${bits} bit (expected $RATE Hz, 2 ch, 16 bit)" >&2; exit 1
  fi
  printf '%-28s %6.2f s  %7d bytes\n' "$(basename "$f")" "$(soxi -D "$f")" "$(stat -c %s "$f")"
done
echo "wrote $OUT/manifest.json"
