import { z } from 'zod';
import { AppInfo, DemoStatus, EvaluationPanelShare, Language, Settings } from '../schemas';
import { method, NoParams } from './define';

export const appMethods = {
  'app.info': method(NoParams, AppInfo),

  'settings.get': method(NoParams, Settings),
  'settings.update': method(
    z
      .object({
        language: Language.nullable().optional(),
        evaluationPanelShare: EvaluationPanelShare.nullable().optional(),
      })
      .strict(),
    Settings,
  ),

  'demo.status': method(NoParams, DemoStatus),
  'demo.load': method(NoParams, z.object({ calls: z.number().int(), chats: z.number().int() })),
  'demo.decline': method(NoParams, DemoStatus),
} as const;
