import type { IncomingMessage, ServerResponse } from 'node:http';
import { EarmarkError } from '../../../shared/errors';
import type { Viewer } from '../context';
import { checkRoute } from '../permissions';
import { Uploads, UploadError, type NewUpload } from '../team-files/uploads';
import type { TeamFiles } from '../team-files/config';
import { isJsonContentType } from './guard';
import { failure, readJson, sendJson } from './http-json';
import { statusOfError } from './http-status';
import { originRefusal, type TeamTransport } from './team-guard';

/** Who the request's cookie logs in (team-server.ts), or null once a 401 has been answered. */
type LoggedIn = (
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<{ token: string; viewer: Viewer | undefined } | null>;

/**
 * The team server's upload routes: files are bodies of their own, streamed to the storage folder, not
 * JSON-RPC (team-files/uploads.ts keeps them):
 *
 * - `POST /uploads` `{name, size, sha256?}` starts one (a file over the limit is refused here, before
 *   a byte of it is sent);
 * - `PUT /uploads/<id>` with `Upload-Offset: N` sends the bytes from N on (all of them, or some: a
 *   broken-off request keeps what arrived);
 * - `GET /uploads/<id>` says where it stands (to go on after a failure);
 * - `DELETE /uploads/<id>` gives it up.
 *
 * Every answer is `{ok, value | error}` as the API's; a refusal about the offset carries `offset`.
 * Same cookie, Origin and role rules as the API (the role table's `upload` route).
 */
export function uploadRoutes(
  files: TeamFiles | null,
  transport: TeamTransport,
  loggedIn: LoggedIn,
): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void> {
  const uploads = files ? new Uploads(files) : null;

  const refuse = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    const status = error instanceof UploadError ? error.status : statusOfError(error);
    // A body not read yet (a file refused before it is sent) is not worth reading to the end.
    if (!req.complete) res.setHeader('Connection', 'close');
    const body =
      error instanceof EarmarkError
        ? failure(notAllowedNamed(error))
        : failure('internal', 'The upload failed on the server.');
    sendJson(res, status, {
      ...body,
      ...(error instanceof UploadError && error.offset !== undefined ? { offset: error.offset } : {}),
    });
    if (!(error instanceof EarmarkError)) throw error;
  };

  return async (req, res, path) => {
    const match = /^\/uploads(?:\/([^/]+))?$/.exec(path);
    const method = req.method ?? '';
    try {
      if (!match) throw new UploadError(404, 'not_found', `${path} is not an upload's address.`);
      const crossOrigin = originRefusal(req, transport, { stateChanging: method !== 'GET' });
      if (crossOrigin) {
        throw new UploadError(403, 'forbidden', `Refused: ${crossOrigin}`, { reason: 'upload_not_allowed' });
      }
      const session = await loggedIn(req, res);
      if (!session) return;
      const viewer = checkRoute('upload', session.viewer);
      if (!uploads) {
        throw new UploadError(
          501,
          'unavailable',
          'This team server was started without a storage folder; uploads need serve --team --storage.',
        );
      }
      const id = match[1];
      const profileId = viewer.profileId;
      if (id === undefined) {
        if (method !== 'POST')
          throw new UploadError(405, 'invalid_params', 'An upload starts with POST /uploads.');
        if (!isJsonContentType(req.headers['content-type'])) {
          throw new UploadError(
            415,
            'unsupported_media',
            'Start an upload with a JSON body: {name, size, sha256}.',
          );
        }
        const body = await readJson(req, res);
        if (!body) return;
        const asked = (body.payload ?? {}) as Partial<NewUpload>;
        const state = await uploads.create(
          { name: asked.name ?? '', size: asked.size ?? -1, sha256: asked.sha256 ?? null },
          profileId,
        );
        return sendJson(res, 201, { ok: true, value: state });
      }
      if (method === 'GET')
        return sendJson(res, 200, { ok: true, value: await uploads.state(id, profileId) });
      if (method === 'DELETE') {
        await uploads.discard(id, profileId);
        return sendJson(res, 200, { ok: true, value: null });
      }
      if (method !== 'PUT') {
        throw new UploadError(
          405,
          'invalid_params',
          `${method} is not for an upload: PUT its bytes, GET where it stands.`,
        );
      }
      const offset = wholeNumber(req.headers['upload-offset']);
      if (offset === null) {
        throw new UploadError(
          400,
          'invalid_params',
          'Send the Upload-Offset header: the byte the body starts at.',
        );
      }
      const length = wholeNumber(req.headers['content-length']);
      const state = await uploads.append(id, profileId, offset, req, length);
      return sendJson(res, 200, { ok: true, value: state });
    } catch (error) {
      refuse(req, res, error);
    }
  };
}

/** The role table's refusal, named as an upload's, so the import screen says it in the user's language. */
const notAllowedNamed = (error: EarmarkError): EarmarkError =>
  !error.reason && (error.code === 'not_allowed' || error.code === 'forbidden')
    ? new EarmarkError(error.code, error.message, { reason: 'upload_not_allowed' })
    : error;

const wholeNumber = (header: string | string[] | undefined): number | null => {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : null;
};
