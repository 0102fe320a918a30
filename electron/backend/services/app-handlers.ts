import type { appMethods } from '../../../shared/api/methods/app';
import type { BackendContext, HandlersFor } from '../context';
import { declineDemo, demoStatus, loadDemo } from './demo';
import { getSettings, updateSettings } from './settings';

export function appHandlers(ctx: BackendContext): HandlersFor<keyof typeof appMethods> {
  return {
    // On the query layer (either engine):
    'app.info': async () => ({
      version: ctx.version,
      schemaVersion: await ctx.database.schemaVersion(),
      dataDir: ctx.dataDir,
    }),
    'settings.get': () => getSettings(ctx.database.query),
    'settings.update': (changes) => updateSettings(ctx.database, changes),
    'demo.status': () => demoStatus(ctx.database.query),
    'demo.decline': () => declineDemo(ctx.database),
    'demo.load': async () => {
      const loaded = await loadDemo(ctx.database, ctx.resourcesDir, ctx.dataDir);
      ctx.events.emit('library.changed', { reason: 'demo' });
      return loaded;
    },
  };
}
