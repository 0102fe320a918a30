import type { PickedPath, UploadItem } from '../../import/team-choice';

/** The spreadsheet step's form: typed paths on the workstation; on a team server also where they came from. */
export interface FileForm {
  /** The spreadsheet as the server reads it: typed (workstation), uploaded or picked (team). */
  path: string;
  /** The folder of recordings (optional): typed, or picked from the server's folders. */
  recordings: string;
  /** Team server: the spreadsheet sent from this computer. */
  upload: UploadItem | null;
  /** Team server: the spreadsheet chosen from the server's folders, and the folder of recordings. */
  picked: PickedPath | null;
  pickedRecordings: PickedPath | null;
}

export const emptyFileForm: FileForm = {
  path: '',
  recordings: '',
  upload: null,
  picked: null,
  pickedRecordings: null,
};

/** A new spreadsheet being sent: it replaces the one chosen before, and is read once it has arrived. */
export const withUpload = (form: FileForm, upload: UploadItem): FileForm => ({
  ...form,
  upload,
  picked: null,
  path: upload.state === 'sent' && upload.path ? upload.path : '',
});

/** A file ticked in the server's folders is the spreadsheet; a folder, the recordings. */
export function withPick(form: FileForm, pick: PickedPath, on: boolean): FileForm {
  if (pick.folder) {
    return on
      ? { ...form, pickedRecordings: pick, recordings: pick.path }
      : { ...form, pickedRecordings: null, recordings: '' };
  }
  if (on) return { ...form, picked: pick, upload: null, path: pick.path };
  return form.picked?.path === pick.path ? { ...form, picked: null, path: '' } : form;
}

/** How the spreadsheet is named on screen: its own name on a team server, not the storage's path. */
export const sheetLabel = (form: FileForm, path: string): string =>
  form.upload?.name ?? form.picked?.label ?? path;
