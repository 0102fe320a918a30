/** What a team server's import screen has chosen: files uploaded (or on their way) and server folders' picks. */
export interface TeamChoice {
  uploads: UploadItem[];
  picked: PickedPath[];
}

export interface UploadItem {
  /** Tells two files of one name apart while they are sent. */
  key: string;
  name: string;
  size: number;
  state: 'sending' | 'sent' | 'failed';
  sentBytes: number;
  /** Where the server keeps it, once sent. */
  path: string | null;
  /** The server's words, when it was refused or broke off for good. */
  error: string | null;
  /** The file itself, to send again after a failure; null when it cannot be sent (over the limit). */
  file: File | null;
}

/** A file or folder of the administrator's import folders. */
export interface PickedPath {
  path: string;
  /** As shown: the import folder's name and the path inside it. */
  label: string;
  folder: boolean;
}

export const noTeamChoice: TeamChoice = { uploads: [], picked: [] };

/** The paths the import reads: the sent uploads and the picks. */
export const chosenPaths = (choice: TeamChoice): string[] => [
  ...choice.uploads.flatMap((item) => (item.state === 'sent' && item.path ? [item.path] : [])),
  ...choice.picked.map((pick) => pick.path),
];

/** A size as people read it, in their language: "3.7 MB". */
export function sizeWords(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
