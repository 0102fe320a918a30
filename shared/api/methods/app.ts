import { z } from 'zod';
import { AppInfo, DemoStatus, EvaluationPanelShare, Language, Settings } from '../schemas';
import { method, NoParams } from './define';

export const appMethods = {
  'app.info': method(NoParams, AppInfo, { actor: 'none', activity: false }),

  'settings.get': method(NoParams, Settings, { actor: 'none', activity: false }),
  'settings.update': method(
    z
      .object({
        language: Language.nullable().optional(),
        evaluationPanelShare: EvaluationPanelShare.nullable().optional(),
      })
      .strict(),
    Settings,
    { actor: 'none', activity: true },
  ),

  'demo.status': method(NoParams, DemoStatus, { actor: 'none', activity: false }),
  'demo.load': method(NoParams, z.object({ calls: z.number().int(), chats: z.number().int() }), {
    actor: 'none',
    activity: true,
  }),
  'demo.decline': method(NoParams, DemoStatus, { actor: 'none', activity: true }),
} as const;
