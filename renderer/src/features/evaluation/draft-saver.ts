import type { AnswerPatch } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { SaveState } from '../rubrics/useDraftAutosave';

/** Typing is saved this long after the last key… */
const TYPING_DELAY_MS = 300;
/** …but never later than this after the first unsaved key: a crash costs at most under a second. */
const MAX_UNSAVED_MS = 800;
const RETRY_MS = 2000;

export interface DraftChanges {
  answers: AnswerPatch[];
  overallComment?: string;
}

/**
 * The evaluation form's autosave queue, apart from React so its timing rules stay in one place.
 * Answers and moments are saved at once, comments while typing within MAX_UNSAVED_MS. Saves go one at
 * a time and in order, each with only the fields that changed (a keystroke sends one comment, not the
 * form); changes made during a save go in the next one. A failed save keeps its changes and is retried
 * while the backend is unreachable; a refused one (the evaluation was submitted elsewhere, say) stops.
 */
export class DraftSaver {
  private answers = new Map<string, AnswerPatch>();
  private overallComment: string | undefined;
  /** When the oldest unsaved change was made. */
  private since = 0;
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly save: (changes: DraftChanges, reviewerId: number) => Promise<unknown>,
    private readonly report: (state: SaveState, error: string | null) => void,
    private reviewerId: number,
  ) {}

  /**
   * The profile changes are saved as. What was changed before the switch goes out first, under the
   * reviewer who made it.
   */
  setReviewer(reviewerId: number): void {
    if (reviewerId === this.reviewerId) return;
    if (this.pending && !this.running) void this.flush().catch(() => {});
    this.reviewerId = reviewerId;
  }

  get pending(): boolean {
    return this.answers.size > 0 || this.overallComment !== undefined;
  }

  change(patch: AnswerPatch, urgent: boolean): void {
    this.touch();
    this.answers.set(patch.itemId, { ...this.answers.get(patch.itemId), ...patch });
    this.schedule(urgent);
  }

  changeOverallComment(text: string): void {
    this.touch();
    this.overallComment = text;
    this.schedule(false);
  }

  /** Saves everything pending now; resolves once it is on disk, rejects when the save failed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Waits until every change is saved (submitting needs that). */
  async settle(): Promise<void> {
    while (this.running || this.pending) await this.flush();
  }

  dispose(): void {
    clearTimeout(this.timer);
    void this.flush().catch(() => {});
  }

  private touch(): void {
    if (!this.pending) this.since = Date.now();
  }

  private schedule(urgent: boolean): void {
    if (!this.running) this.report('pending', null);
    if (this.running) return; // the running save picks the change up when it is done
    clearTimeout(this.timer);
    const wait = urgent ? 0 : Math.min(TYPING_DELAY_MS, this.since + MAX_UNSAVED_MS - Date.now());
    this.timer = setTimeout(() => void this.flush().catch(() => {}), Math.max(0, wait));
  }

  private async run(): Promise<void> {
    while (this.pending) {
      const batch = {
        answers: this.answers,
        overallComment: this.overallComment,
        since: this.since,
        reviewerId: this.reviewerId,
      };
      this.answers = new Map();
      this.overallComment = undefined;
      this.report('saving', null);
      try {
        await this.save(
          {
            answers: [...batch.answers.values()],
            ...(batch.overallComment === undefined ? {} : { overallComment: batch.overallComment }),
          },
          batch.reviewerId,
        );
      } catch (error) {
        // Put the batch back under whatever changed since: the newer value of a field wins.
        const merged = new Map(batch.answers);
        for (const [itemId, patch] of this.answers) merged.set(itemId, { ...merged.get(itemId), ...patch });
        this.answers = merged;
        this.overallComment ??= batch.overallComment;
        this.since = batch.since;
        this.report('failed', (error as Error).message);
        const retryable = !(error instanceof EarmarkError) || error.code === 'internal';
        if (retryable) this.timer = setTimeout(() => void this.flush().catch(() => {}), RETRY_MS);
        throw error;
      }
    }
    this.report('saved', null);
  }
}
