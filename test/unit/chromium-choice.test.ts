import { describe, expect, it } from 'vitest';
import { chooseChromium, DEBIAN_CHROMIUM } from '../support/chromium';

/** Which Chromium the e2e tests and benchmarks launch: EARMARK_CHROMIUM, else Debian's, else npm's. */
describe('choosing the Chromium for the tests', () => {
  const installed =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it('takes the one EARMARK_CHROMIUM names first, even with Debian’s installed', () => {
    const choice = chooseChromium(
      { EARMARK_CHROMIUM: '/opt/chrome/chrome' },
      installed('/opt/chrome/chrome', DEBIAN_CHROMIUM),
    );
    expect(choice).toEqual({ source: 'env', executablePath: '/opt/chrome/chrome' });
  });

  it('takes Debian’s when nothing is named', () => {
    expect(chooseChromium({}, installed(DEBIAN_CHROMIUM))).toEqual({
      source: 'debian',
      executablePath: DEBIAN_CHROMIUM,
    });
    expect(chooseChromium({ EARMARK_CHROMIUM: '  ' }, installed(DEBIAN_CHROMIUM)).source).toBe('debian');
  });

  it('falls back to the Chromium from npm on a machine with none installed', () => {
    expect(chooseChromium({}, installed())).toEqual({ source: 'npm', executablePath: null });
  });

  it('refuses a named Chromium that is not there instead of quietly using another', () => {
    expect(() =>
      chooseChromium({ EARMARK_CHROMIUM: '/nowhere/chromium' }, installed(DEBIAN_CHROMIUM)),
    ).toThrow('EARMARK_CHROMIUM is /nowhere/chromium, which does not exist.');
  });

  it('EARMARK_CHROMIUM_SOURCE forces a source, so the npm one can be tried where Debian’s is installed', () => {
    const everything = installed('/opt/chrome/chrome', DEBIAN_CHROMIUM);
    const env = { EARMARK_CHROMIUM: '/opt/chrome/chrome' };
    expect(chooseChromium({ ...env, EARMARK_CHROMIUM_SOURCE: 'npm' }, everything).source).toBe('npm');
    expect(chooseChromium({ ...env, EARMARK_CHROMIUM_SOURCE: 'debian' }, everything).source).toBe('debian');
    expect(chooseChromium({ ...env, EARMARK_CHROMIUM_SOURCE: 'env' }, everything).source).toBe('env');
    expect(() => chooseChromium({ EARMARK_CHROMIUM_SOURCE: 'debian' }, installed())).toThrow(
      `EARMARK_CHROMIUM_SOURCE is debian, but ${DEBIAN_CHROMIUM} is not installed.`,
    );
    expect(() => chooseChromium({ EARMARK_CHROMIUM_SOURCE: 'env' }, everything)).toThrow(
      'EARMARK_CHROMIUM_SOURCE is env, but EARMARK_CHROMIUM is not set.',
    );
    expect(() => chooseChromium({ EARMARK_CHROMIUM_SOURCE: 'snap' }, everything)).toThrow(
      'EARMARK_CHROMIUM_SOURCE is "snap"; use env, debian or npm',
    );
  });
});
