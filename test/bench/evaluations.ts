import type { Backend } from '../../electron/backend/backend';
import { createBackend } from '../../electron/backend/backend';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import type { RubricSummary } from '../../shared/api/methods/rubrics';
import type { AnswerValue } from '../../shared/rubric/answers';
import { defaultRubric } from '../../shared/rubric/defaults';
import { resourcesDir, tempDir } from '../support/paths';
import { percentile, round } from './stats';

const COMMENT =
  'Agent greeted the customer by name, listened without interrupting and explained the refund clearly. ' +
  'Could have offered the credit on the next bill as a second option; closing was warm. ';

/**
 * The evaluation form's autosave as the reviewer types: the draft-save method through the dispatch
 * (payload validation, the transaction, the fsync of WAL + synchronous=FULL, the result check), one
 * save per character of a growing comment, with an answer changed every few characters. The target is
 * p99 ≤ 5 ms, so a save never lags behind typing.
 */
export async function benchAutosave(quick: boolean): Promise<Record<string, number>> {
  const saves = quick ? 400 : 4_000;
  const data = tempDir('earmark-bench-autosave-');
  let backend: Backend | undefined;
  try {
    backend = await createBackend({ dataDir: data.dir, resourcesDir, version: 'bench', log: () => {} });
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const reply = await backend!.dispatch(method, params);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    await call<ReviewerProfile>('profile.create', {
      name: 'Bench Reviewer',
      role: 'qa_supervisor',
    });
    const interactionId = Number(
      backend.db
        .prepare("INSERT INTO interactions (kind, title, source) VALUES ('call', 'Bench call', 'bench')")
        .run().lastInsertRowid,
    );
    const rubric = defaultRubric('en');
    const rubricId = (await call<RubricSummary[]>('rubric.list', {})).find((r) => r.key === rubric.id)!.id;
    const { id } = await call<EvaluationDetail>('evaluation.start', {
      interactionId,
      rubricId,
    });
    const items = rubric.sections.flatMap((section) => section.items);

    const samples: number[] = [];
    for (let n = 0; n < saves; n++) {
      // 200 keystrokes per item's comment, then on to the next item.
      const item = items[Math.floor(n / 200) % items.length]!;
      let answers: unknown[];
      if (n % 8 === 7) {
        const value: AnswerValue =
          item.type === 'yesNo'
            ? { kind: n % 16 === 7 ? 'yes' : 'no' }
            : item.type === 'scale'
              ? { kind: 'scale', value: n % (item.max + 1) }
              : { kind: 'choice', optionId: item.options[n % item.options.length]!.id };
        answers = [{ itemId: item.id, value }];
      } else {
        answers = [{ itemId: item.id, comment: COMMENT.slice(0, (n % 200) + 1) }];
      }
      const started = performance.now();
      await call('evaluation.saveDraft', { id, answers });
      samples.push(performance.now() - started);
    }
    return {
      autosave_ms_p50: round(percentile(samples, 50), 2),
      autosave_ms_p99: round(percentile(samples, 99), 2),
      autosave_saves: saves,
    };
  } finally {
    await backend?.close();
    data.cleanup();
  }
}
