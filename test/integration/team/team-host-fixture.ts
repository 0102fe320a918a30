import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import {
  startTeamServer,
  type TeamServer,
  type TeamServerOptions,
} from '../../../electron/backend/host/team-server';
import type { TeamFilesOptions } from '../../../electron/backend/team-files/config';
import { sendRaw, type Answer, type RawRequest } from '../../support/http';
import { resourcesDir, tempDir } from '../../support/paths';
import { CHEAP } from '../accounts/team-fixture';

/** A built renderer stand-in: the team server serves whatever index.html it finds. */
export function rendererFolder(): { dir: string; cleanup: () => void } {
  const folder = tempDir('earmark-team-renderer-');
  writeFileSync(join(folder.dir, 'index.html'), '<!doctype html><title>Earmark</title>');
  return folder;
}

/** One `serve --team` process, in this one: its own data folder and backend on the shared database. */
export async function teamProcess(
  url: string,
  rendererDir: string,
  {
    files,
    ...options
  }: Partial<Omit<TeamServerOptions, 'backend' | 'rendererDir'>> & {
    /** Storage, import folders, upload limit (serve --team --storage …); none: no uploads. */
    files?: TeamFilesOptions;
  } = {},
): Promise<{ backend: Backend; server: TeamServer; stop: () => Promise<void> }> {
  const data = tempDir('earmark-team-host-');
  const backend = await createBackend({
    ...(files ? { files } : {}),
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-test',
    databaseUrl: url,
    mode: 'team',
    passwordCost: CHEAP,
    log: () => {},
  });
  const server = await startTeamServer({
    backend,
    rendererDir,
    listen: { host: '127.0.0.1', port: 0 },
    work: { pollingMs: 500, log: () => {} },
    streamCheckMs: 200,
    log: () => {},
    ...options,
  }).catch(async (error: unknown) => {
    await backend.close();
    data.cleanup();
    throw error;
  });
  return {
    backend,
    server,
    stop: async () => {
      await server.close();
      await backend.close();
      data.cleanup();
    },
  };
}

export type { Answer } from '../../support/http';
export type Ask = Omit<RawRequest, 'tls' | 'agent'>;

/** A raw request, every header under the test's control (fetch would not forge Origin or Sec-Fetch-Site). */
export function send(server: Pick<TeamServer, 'port' | 'tls'>, path: string, ask: Ask = {}): Promise<Answer> {
  return sendRaw(server.port, path, { ...ask, tls: Boolean(server.tls) });
}

/** The origin a browser on the server's own page sends. */
export const originOf = (server: Pick<TeamServer, 'port' | 'tls'>) =>
  `${server.tls ? 'https' : 'http'}://127.0.0.1:${server.port}`;

/** An API call as the app's page makes it: POST, JSON, its own Origin, the cookie when it has one. */
export function call(
  server: Pick<TeamServer, 'port' | 'tls'>,
  method: string,
  payload: unknown = {},
  options: { cookie?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return send(server, `/api/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: originOf(server),
      'Sec-Fetch-Site': 'same-origin',
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: JSON.stringify(payload),
  });
}

/** The Set-Cookie lines of an answer. */
export const setCookies = (answer: Answer): string[] => answer.headers['set-cookie'] ?? [];

/** `name=value` of the one Set-Cookie line, for the next request's Cookie header. */
export function cookieFrom(answer: Answer): string {
  const [line] = setCookies(answer);
  if (!line) throw new Error(`No Set-Cookie in the answer (${answer.status}: ${answer.text()})`);
  return line.split(';')[0]!;
}

/** A self-signed certificate for 127.0.0.1 and its key (openssl, as an administrator would make one). */
export function selfSignedCertificate(
  dir: string,
  name = 'server',
): { certPath: string; keyPath: string; cert: Buffer; key: Buffer } {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
}
