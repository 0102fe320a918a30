import { createHash, randomUUID, type Hash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { readFile, rename, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EarmarkError, type ErrorCode, type ErrorReason } from '../../../shared/errors';
import { doneDir, partialDir, sizeText, uploadMetaDir, type TeamFiles } from './config';

/** A refusal with the HTTP status the upload routes answer it with. */
export class UploadError extends EarmarkError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    detail: {
      /** Which refusal it is, for the import screen to say in the user's language. */
      reason?: ErrorReason;
      /** Where the upload stands, when the refusal is about where to go on from. */
      offset?: number;
    } = {},
  ) {
    super(code, message, detail.reason ? { reason: detail.reason } : {});
    this.offset = detail.offset;
  }
  readonly offset: number | undefined;
}

export interface NewUpload {
  name: string;
  size: number;
  /** The sender's own sha256 of the file (hex): a file that arrives different is refused. */
  sha256?: string | null;
}

/** Where an upload stands: arriving (`offset` bytes so far), or whole at `path`, ready to import. */
export type UploadState =
  | { id: string; name: string; size: number; done: false; offset: number }
  | { id: string; name: string; size: number; done: true; offset: number; path: string; sha256: string };

interface Meta {
  id: string;
  name: string;
  size: number;
  sha256: string | null;
  /** The account (profile) that started it: only they go on with it. */
  profileId: number;
  createdAt: string;
}

/** Partial uploads nobody went on with for a day are removed. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;
/** A lock not refreshed for this long was left by a process that stopped. */
const STALE_LOCK_MS = 60_000;
export const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Files sent to a team server, kept in its storage folder (shared by all its processes, so an upload
 * can go on at another one). A file arrives in `uploads/partial/<id>.part`, streamed to disk as it
 * comes and hashed on the way; a broken-off request keeps what arrived, and the sender goes on from
 * that offset. Only once every byte is there and the hash agrees is it moved, in one rename, to
 * `uploads/done/<id>/<name>`, the one part of the storage the import reads: a half file never counts.
 */
export class Uploads {
  constructor(private readonly files: TeamFiles) {
    mkdirSync(this.metaDir, { recursive: true, mode: 0o700 });
    this.sweep();
  }

  get maxBytes(): number {
    return this.files.maxUploadBytes;
  }

  private get metaDir() {
    return uploadMetaDir(this.files.storageDir);
  }
  private metaPath = (id: string) => join(this.metaDir, `${id}.json`);
  private partPath = (id: string) => join(partialDir(this.files.storageDir), `${id}.part`);
  private donePath = (meta: Meta) => join(doneDir(this.files.storageDir), meta.id, meta.name);

  async create(upload: NewUpload, profileId: number): Promise<UploadState> {
    const name = uploadName(upload.name);
    const size = upload.size;
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new UploadError(400, 'invalid_params', `The size of ${name} must be a whole number of bytes.`);
    }
    if (size > this.maxBytes) {
      throw new UploadError(
        413,
        'invalid_params',
        `${name} is ${sizeText(size)}; this team server takes files of up to ${sizeText(this.maxBytes)} (its --max-upload-size).`,
        { reason: 'upload_too_big' },
      );
    }
    const sha256 = upload.sha256 ?? null;
    if (sha256 !== null && !/^[0-9a-f]{64}$/i.test(sha256)) {
      throw new UploadError(400, 'invalid_params', `The sha256 of ${name} must be 64 hexadecimal digits.`);
    }
    const meta: Meta = {
      id: randomUUID(),
      name,
      size,
      sha256: sha256?.toLowerCase() ?? null,
      profileId,
      createdAt: new Date().toISOString(),
    };
    await writeFile(this.partPath(meta.id), '', { mode: 0o600 });
    await writeFile(this.metaPath(meta.id), JSON.stringify(meta), { mode: 0o600 });
    // An empty file is whole at once; the import then says it is empty, as it does for any.
    if (size === 0) return this.finish(meta, createHash('sha256'));
    return { id: meta.id, name, size, done: false, offset: 0 };
  }

  async state(id: string, profileId: number): Promise<UploadState> {
    const meta = await this.meta(id, profileId);
    const done = this.donePath(meta);
    if (existsSync(done)) {
      return { ...view(meta), done: true, offset: meta.size, path: done, sha256: meta.sha256 ?? '' };
    }
    const part = await stat(this.partPath(id)).catch(() => null);
    if (!part) throw gone(meta.name);
    return { ...view(meta), done: false, offset: part.size };
  }

  /**
   * Writes `body` at `offset`, which must be where the upload stands. Hashes as it writes (the bytes
   * already there first, when going on from an offset); the last byte finishes the upload.
   */
  async append(
    id: string,
    profileId: number,
    offset: number,
    body: Readable,
    contentLength: number | null,
  ): Promise<UploadState> {
    const before = await this.state(id, profileId);
    if (before.done) return this.whole(before, offset);
    const release = await this.hold(id, before);
    // Read again under the lock: a request that held it before may have moved it on.
    const current = await this.state(id, profileId).catch(async (error: unknown) => {
      await release();
      throw error;
    });
    if (current.done) {
      await release();
      return this.whole(current, offset);
    }
    const remaining = current.size - offset;
    const refusal =
      offset !== current.offset
        ? new UploadError(
            409,
            'conflict',
            `${current.name} stands at byte ${current.offset}, not ${offset}: go on from byte ${current.offset}.`,
            { reason: 'upload_wrong_offset', offset: current.offset },
          )
        : contentLength !== null && contentLength > remaining
          ? new UploadError(
              413,
              'invalid_params',
              `${contentLength} bytes were sent for the ${remaining} bytes ${current.name} still lacks (it is ${current.size} bytes).`,
              { reason: 'upload_too_many_bytes' },
            )
          : null;
    if (refusal) {
      await release();
      throw refusal;
    }
    try {
      const meta = await this.meta(id, profileId);
      const hash = createHash('sha256');
      if (offset > 0) {
        for await (const chunk of createReadStream(this.partPath(id), { end: offset - 1 }))
          hash.update(chunk as Buffer);
      }
      let written = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          written += chunk.length;
          if (written > remaining) {
            done(
              new UploadError(
                413,
                'invalid_params',
                `More bytes arrived than ${meta.name} has (${meta.size}): it was not taken.`,
                { reason: 'upload_too_many_bytes' },
              ),
            );
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const file = createWriteStream(this.partPath(id), { flags: 'r+', start: offset });
      try {
        await pipeline(body, counted, file);
      } catch (error) {
        if (error instanceof UploadError) {
          await truncate(this.partPath(id), offset);
          throw error;
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
          await truncate(this.partPath(id), offset).catch(() => {});
          throw new UploadError(
            507,
            'internal',
            `The server's storage is full; ${meta.name} was not taken. Tell an administrator.`,
            { reason: 'upload_storage_full' },
          );
        }
        // Broken off (the connection dropped): what arrived stays, to go on from.
        return { ...view(meta), done: false, offset: (await stat(this.partPath(id))).size };
      }
      if (offset + written < meta.size) return { ...view(meta), done: false, offset: offset + written };
      return await this.finish(meta, hash);
    } finally {
      await release();
    }
  }

  /**
   * One request at a time writes an upload, whichever process it reached: a lock file beside the
   * partial (O_EXCL on the shared storage), kept fresh while the bytes come. One left by a process
   * that died goes stale and is taken over.
   */
  private async hold(id: string, current: UploadState): Promise<() => Promise<void>> {
    const lock = join(partialDir(this.files.storageDir), `${id}.lock`);
    const take = () => writeFile(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    try {
      await take();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => Infinity,
      );
      if (since < STALE_LOCK_MS) {
        throw new UploadError(
          409,
          'conflict',
          `${current.name} is being sent by another request; wait for it to end, then go on from where it stands.`,
          { reason: 'upload_busy', offset: current.offset },
        );
      }
      await rm(lock, { force: true });
      await take();
    }
    const fresh = setInterval(() => {
      const now = new Date();
      void utimes(lock, now, now).catch(() => {});
    }, STALE_LOCK_MS / 4);
    return async () => {
      clearInterval(fresh);
      await rm(lock, { force: true });
    };
  }

  /** A request for an upload that is whole already: fine when it only sends nothing more. */
  private whole(state: UploadState, offset: number): UploadState {
    if (offset === state.size) return state;
    throw new UploadError(409, 'conflict', `${state.name} has arrived whole already.`, {
      reason: 'upload_wrong_offset',
      offset: state.size,
    });
  }

  /** Forgets an upload that has not finished (the sender gave up, or starts it afresh). */
  async discard(id: string, profileId: number): Promise<void> {
    const meta = await this.meta(id, profileId);
    if (existsSync(this.donePath(meta))) {
      throw new UploadError(409, 'conflict', `${meta.name} has arrived whole; it stays for the import.`);
    }
    await this.remove(id);
  }

  private async finish(meta: Meta, hash: Hash): Promise<UploadState> {
    const sha256 = hash.digest('hex');
    if (meta.sha256 !== null && meta.sha256 !== sha256) {
      await this.remove(meta.id);
      throw new UploadError(
        422,
        'invalid_params',
        `${meta.name} arrived different from what was sent (sha256 ${sha256}, the sender's ${meta.sha256}); nothing was kept: upload it again.`,
        { reason: 'upload_different' },
      );
    }
    const done = this.donePath(meta);
    mkdirSync(join(doneDir(this.files.storageDir), meta.id), { recursive: true, mode: 0o700 });
    // The metadata first: a crash after it but before the rename leaves a partial, never a whole file
    // without its hash.
    await writeFile(this.metaPath(meta.id), JSON.stringify({ ...meta, sha256 }), { mode: 0o600 });
    await rename(this.partPath(meta.id), done);
    return { ...view(meta), done: true, offset: meta.size, path: done, sha256 };
  }

  private async meta(id: string, profileId: number): Promise<Meta> {
    if (!UPLOAD_ID.test(id)) throw new UploadError(404, 'not_found', `There is no upload ${id}.`, GONE);
    let meta: Meta;
    try {
      meta = JSON.parse(await readFile(this.metaPath(id), 'utf8')) as Meta;
    } catch {
      throw new UploadError(
        404,
        'not_found',
        `There is no upload ${id}; start the file's upload again.`,
        GONE,
      );
    }
    // Another account's upload is not theirs to see or add to.
    if (meta.profileId !== profileId)
      throw new UploadError(404, 'not_found', `There is no upload ${id}.`, GONE);
    return meta;
  }

  private async remove(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
    await rm(this.metaPath(id), { force: true });
  }

  /** Removes partial uploads left for a day; whole ones stay (the library plays them). */
  private sweep(): void {
    const dir = partialDir(this.files.storageDir);
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      try {
        if (now - statSync(path).mtimeMs < ABANDONED_MS) continue;
        rmSync(path, { force: true });
        rmSync(this.metaPath(name.replace(/\.part$/, '')), { force: true });
      } catch {
        // Another process swept it first.
      }
    }
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const hasControl = (name: string) => /[\u0000-\u001f\u007f]/.test(name);

const view = (meta: Meta) => ({ id: meta.id, name: meta.name, size: meta.size });

const gone = (name: string) =>
  new UploadError(404, 'not_found', `The upload of ${name} is gone; start it again.`, GONE);

const GONE = { reason: 'upload_gone' } as const;

/** The name a file is kept under: its own name, refused when it could be a path or is hidden. */
export function uploadName(given: unknown): string {
  const name = typeof given === 'string' ? given.trim() : '';
  if (!name) throw new UploadError(400, 'invalid_params', "An upload needs the file's name.");
  if (/[/\\]/.test(name) || hasControl(name) || name === '.' || name === '..') {
    throw new UploadError(
      400,
      'invalid_params',
      `"${name}" is not a file name: it must not contain a slash, a backslash or control characters.`,
      { reason: 'upload_bad_name' },
    );
  }
  if (name.startsWith('.')) {
    throw new UploadError(
      400,
      'invalid_params',
      `${name} is a hidden file (its name starts with a dot); the import skips those.`,
      { reason: 'upload_hidden_name' },
    );
  }
  if (Buffer.byteLength(name) > 255) {
    throw new UploadError(400, 'invalid_params', `The name ${name.slice(0, 40)}… is longer than 255 bytes.`, {
      reason: 'upload_bad_name',
    });
  }
  return name;
}
