import { EarmarkError } from '../../../shared/errors';
import type { MediaFile } from '../services/recordings';
import { statusOfError } from './http-status';
import { answerFile, methodRefusal, textAnswer, type FileAnswer } from './serve-file';

export interface RecordingAsk {
  method: string;
  recordingId: number;
  range?: string | null;
  /**
   * `backend.mediaFile`: the file and the folders it must really lie in (the data folder and the folder
   * it was imported from); throws EarmarkError('not_found') for an unknown recording.
   */
  mediaFile(recordingId: number): MediaFile | Promise<MediaFile>;
}

/**
 * A recording for the player, with Range so it can seek in hour-long calls: for the browser host, the
 * team server and `earmark-media://` alike. The caller has checked who asks. A lookup failure other
 * than our own errors is thrown, for the host to log its way.
 */
export async function answerRecording(ask: RecordingAsk): Promise<FileAnswer> {
  const name = `The file of recording ${ask.recordingId}`;
  // Before the lookup: a POST never costs a database read.
  const wrongMethod = methodRefusal(ask.method);
  if (wrongMethod) return wrongMethod;
  let file: MediaFile;
  try {
    file = await ask.mediaFile(ask.recordingId);
  } catch (error) {
    if (error instanceof EarmarkError) return textAnswer(statusOfError(error), error.message);
    throw error;
  }
  return answerFile({
    method: ask.method,
    path: file.path,
    roots: file.roots,
    range: ask.range,
    mimeType: file.mimeType,
    caching: 'private',
    name,
  });
}
