import type { appMethods } from '../../../shared/api/methods/app';
import type { BackendContext, HandlersFor } from '../context';
import { schemaVersion } from '../db/open';
import { declineDemo, demoStatus, loadDemo } from './demo';
import { getSettings, updateSettings } from './settings';

export function appHandlers(ctx: BackendContext): HandlersFor<keyof typeof appMethods> {
  const { db } = ctx;
  return {
    'app.info': () => ({ version: ctx.version, schemaVersion: schemaVersion(db), dataDir: ctx.dataDir }),
    'settings.get': () => getSettings(db),
    'settings.update': (changes) => updateSettings(db, changes),
    'demo.status': () => demoStatus(db),
    'demo.load': async () => {
      const loaded = await loadDemo(db, ctx.resourcesDir, ctx.dataDir);
      ctx.events.emit('library.changed', { reason: 'demo' });
      return loaded;
    },
    'demo.decline': () => declineDemo(db),
  };
}
