import type { ShortcutId } from '../../../../shared/api/methods/review';

/** How the help overlay and the settings list the actions: by what the reviewer is doing. */
export const shortcutGroups: { id: string; actions: ShortcutId[] }[] = [
  {
    id: 'playback',
    actions: [
      'playPause',
      'back5',
      'forward5',
      'back15',
      'forward15',
      'goToTime',
      'previousTurn',
      'nextTurn',
      'skipSilences',
    ],
  },
  { id: 'speed', actions: ['slower', 'faster', 'normalSpeed'] },
  { id: 'listening', actions: ['toggleAgent', 'toggleCustomer', 'zoomIn', 'zoomOut', 'zoomFit'] },
  { id: 'reviewing', actions: ['addMoment', 'followPlayback', 'searchTranscript', 'evaluate'] },
  { id: 'moving', actions: ['nextInteraction', 'previousInteraction', 'backToLibrary', 'help'] },
];
