import { describe, expect, it } from 'vitest';
import { roleFromLabel, suggestRoles } from '../../../electron/backend/import/formats';

describe('roleFromLabel', () => {
  it.each([
    ['Agent', 'agent'],
    ['AGENT', 'agent'],
    ['Agent Anna', 'agent'],
    ['operator', 'agent'],
    ['Advisor', 'agent'],
    ['Support', 'agent'],
    ['Rep', 'agent'],
    ['CSR', 'agent'],
    ['Customer Service Rep', 'agent'],
    ['Mitarbeiter', 'agent'],
    ['Mitarbeiterin', 'agent'],
    ['Berater', 'agent'],
    ['Kundenberater', 'agent'],
    ['Servicemitarbeiter', 'agent'],
    ['asiakaspalvelija', 'agent'],
    ['Palvelija', 'agent'],
    ['customer', 'customer'],
    ['Caller', 'customer'],
    ['client', 'customer'],
    ['USER', 'customer'],
    ['Kunde', 'customer'],
    ['Stammkunde', 'customer'],
    ['Anrufer', 'customer'],
    ['Anruferin', 'customer'],
    ['asiakas', 'customer'],
    ['Soittaja', 'customer'],
    ['system', 'system'],
    ['Bot', 'system'],
    ['Chatbot', 'system'],
    ['IVR', 'system'],
    ['action', 'system'],
  ])('%s -> %s', (label, role) => {
    expect(roleFromLabel(label)).toBe(role);
  });

  it.each([
    'speaker90',
    'Guest-1',
    'spk_0',
    '0',
    '1',
    'Diane',
    'Sheila',
    'Speaker 1',
    'ch_0',
    'transaction',
    'Agent/Customer',
    '',
  ])('%s -> null', (label) => {
    expect(roleFromLabel(label)).toBeNull();
  });
});

describe('suggestRoles', () => {
  it('SGD USER/SYSTEM: the system is the agent side', () => {
    expect(suggestRoles(['USER', 'SYSTEM'])).toEqual({
      roles: { USER: 'customer', SYSTEM: 'agent' },
      ambiguous: false,
    });
  });

  it('system beside an agent stays system', () => {
    expect(suggestRoles(['IVR', 'Agent', 'Customer']).roles).toEqual({
      IVR: 'system',
      Agent: 'agent',
      Customer: 'customer',
    });
    expect(suggestRoles(['System', 'Agent', 'Customer']).ambiguous).toBe(false);
  });

  it('a null role or two labels on one party from words alone is ambiguous', () => {
    expect(suggestRoles(['Agent', 'Diane']).ambiguous).toBe(true);
    expect(suggestRoles(['Agent', 'Agent 2', 'Customer']).ambiguous).toBe(true);
    expect(suggestRoles(['Kunde', 'Customer', 'Agent']).ambiguous).toBe(true);
  });

  it('explicit roles from the file are trusted', () => {
    expect(suggestRoles(['spk_0', 'spk_1'], { spk_0: 'agent', spk_1: 'customer' })).toEqual({
      roles: { spk_0: 'agent', spk_1: 'customer' },
      ambiguous: false,
    });
    expect(suggestRoles(['AGENT', 'AGENT_2'], { AGENT: 'agent', AGENT_2: 'agent' }).ambiguous).toBe(false);
  });
});
