/**
 * Sends one file to a team server's storage (the `/uploads` routes of electron/backend/host/
 * team-uploads.ts): starts the upload with the file's size and, for files small enough to hash here,
 * its SHA-256, then sends the bytes. A request that breaks off goes on from the byte the server has
 * (asked again), a few times; a refusal (too big, arrived different, no permission) ends it, named by
 * the server's reason so the screen can say it in the user's language (upload-refusal.ts).
 */
import { isUploadReason, type UploadReason } from './upload-refusal';

/** Files up to this size are hashed in the browser (whole in memory for a moment); bigger ones by the server alone. */
const HASH_HERE_BYTES = 64 * 1024 * 1024;
const ATTEMPTS = 4;

export interface UploadedFile {
  path: string;
  sha256: string;
}

interface UploadState {
  id: string;
  done: boolean;
  offset: number;
  path?: string;
  sha256?: string;
}

/** A refusal of the server; `final` when not worth trying again (else: the upload stands elsewhere, or is busy). */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly reason: UploadReason | undefined,
    readonly final: boolean,
  ) {
    super(message);
  }
}

export async function uploadFile(file: File, onProgress: (sentBytes: number) => void): Promise<UploadedFile> {
  const sha256 = await hashOf(file);
  let state = await ask('/uploads', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: file.name, size: file.size, ...(sha256 ? { sha256 } : {}) }),
  });
  for (let attempt = 1; !state.done; attempt++) {
    try {
      state = await send(state, file, onProgress);
    } catch (error) {
      if ((error instanceof UploadRefused && error.final) || attempt >= ATTEMPTS) throw error;
      // Broken off: the server kept what arrived; go on from there.
      state = await ask(`/uploads/${state.id}`, { method: 'GET' });
    }
  }
  onProgress(file.size);
  return { path: state.path!, sha256: state.sha256! };
}

async function hashOf(file: File): Promise<string | null> {
  if (file.size > HASH_HERE_BYTES || !globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

type Answer =
  | { ok: true; value: UploadState }
  | { ok: false; error: { message: string; reason?: string }; offset?: number };

async function ask(url: string, init: RequestInit): Promise<UploadState> {
  const response = await fetch(url, init);
  return valueOf(response.status, (await response.json()) as Answer);
}

function valueOf(status: number, answer: Answer): UploadState {
  if (answer.ok) return answer.value;
  const reason = isUploadReason(answer.error.reason) ? answer.error.reason : undefined;
  // 409: the server stands elsewhere (it says where); the caller asks again and goes on.
  throw new UploadRefused(answer.error.message, reason, status !== 409);
}

/** PUTs the bytes from the upload's offset on, with progress (fetch cannot report an upload's). */
function send(state: UploadState, file: File, onProgress: (sentBytes: number) => void): Promise<UploadState> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/uploads/${state.id}`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('Upload-Offset', String(state.offset));
    request.upload.onprogress = (event) => onProgress(state.offset + event.loaded);
    request.onload = () => {
      try {
        resolve(valueOf(request.status, JSON.parse(request.responseText) as Answer));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    request.onerror = () => reject(new Error('The connection broke off.'));
    request.send(file.slice(state.offset));
  });
}
