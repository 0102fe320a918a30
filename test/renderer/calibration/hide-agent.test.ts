import { describe, expect, it } from 'vitest';
import type { InteractionDetail } from '../../../shared/api';
import { withoutAgentName } from '../../../renderer/src/features/calibration/hide-agent';

const call = (agentName: string | null, ...texts: string[]): InteractionDetail => ({
  id: 1,
  kind: 'call',
  title: `Double charge on invoice (${agentName ?? 'nobody'})`,
  agentName,
  teamName: 'Billing',
  startedAt: null,
  durationMs: null,
  direction: 'inbound',
  queue: null,
  customerRef: null,
  customerRating: null,
  recording: null,
  segments: texts.map((text, seq) => ({
    seq,
    speaker: seq % 2 ? 'customer' : 'agent',
    startMs: null,
    endMs: null,
    sentAt: null,
    text,
  })),
});

describe('a call shown to a participant scoring blind', () => {
  it('says "[Agent]" wherever the transcript names the agent, whole or in part', () => {
    const shown = withoutAgentName(
      call('Anna Berg', 'Good morning, Billing, this is Anna. How can I help?', "Hi ANNA, Anna Berg's line?"),
      '[Agent]',
      'Call 1',
    );
    expect(shown.segments.map((s) => s.text)).toEqual([
      'Good morning, Billing, this is [Agent]. How can I help?',
      "Hi [Agent], [Agent]'s line?",
    ]);
    expect(shown.title).toBe('Call 1');
    expect(shown.agentName).toBeNull();
  });

  it('leaves words that only contain the name, and names like Mäki with letters beyond ASCII', () => {
    const shown = withoutAgentName(
      call('Sanna Mäki', 'Annabel asked Sanna about Mäki and Mäkinen.'),
      '[Agent]',
      'Call 2',
    );
    expect(shown.segments[0]!.text).toBe('Annabel asked [Agent] about [Agent] and Mäkinen.');
  });

  it('keeps the transcript of a call with no agent as it was', () => {
    const shown = withoutAgentName(call(null, 'Hello.'), '[Agent]', 'Call 3');
    expect(shown.segments[0]!.text).toBe('Hello.');
    expect(shown.title).toBe('Call 3');
  });
});
