import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankItem, type RubricDraft } from '../../shared/api/methods/rubric-draft';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startTeam, type RunningTeam } from './support/team-host';

/**
 * Issue 14's done-when, on one team server (PostgreSQL) in one browser: a QA supervisor, a team lead and
 * an agent, each logged in in a browser profile of their own. The supervisor scores and submits an
 * evaluation of the agent's call; the lead finds it on the agent's page and starts coaching from it; the
 * agent sees that evaluation and nothing else of anyone's, reads its scores and comments and disputes
 * it; the supervisor and the lead then see the dispute on the evaluation.
 */
const PASSWORD = 'a long enough password';
const ANNAS_CALL = 'Double charge on invoice';
const ITEM_COMMENT = 'You named the double charge at once: keep doing that.';
const OVERALL = 'Friendly and quick; check the invoice before the refund next time.';
const DISPUTE = 'The refund was approved by billing before the call; I did check the invoice.';

let team: RunningTeam;
let browser: Browser;
let origin: string;
let sara: Page;
let tom: Page;
let anna: Page;
const contexts: BrowserContext[] = [];
/** The script's own calls as the administrator (set-up the people's screens do not show). */
let admin: (method: string, params?: unknown) => Promise<unknown>;
let annasCall = 0;
let annasPage = '';
let annasEvaluation = 0;
let jonasEvaluation = 0;

function rubricDraft(): RubricDraft {
  const item = (id: string, title: string, extra = {}) => ({ ...blankItem(id), title, ...extra });
  return {
    kind: 'evaluation',
    name: 'Billing calls',
    language: 'en',
    description: '',
    passMark: 80,
    sections: [
      {
        id: 'courtesy',
        title: 'Courtesy',
        weight: 1,
        items: [item('greeting', 'Greeting'), item('polite', 'Polite tone', { critical: true })],
      },
      {
        id: 'competence',
        title: 'Competence',
        weight: 1,
        items: [item('knowledge', 'Product knowledge', { type: 'scale', max: 2 })],
      },
    ],
  };
}

async function scriptSession(username: string) {
  const post = (method: string, params: unknown, cookie?: string) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(params),
    });
  const login = await post('session.login', { username, password: PASSWORD });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, params: unknown = {}) => {
    const reply = (await (await post(method, params, cookie)).json()) as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };
}

const addUser = (username: string, name: string, role: string, ...extra: string[]) =>
  team.earmark(
    [
      'team',
      'user',
      'add',
      '--database',
      team.databaseUrl,
      '--username',
      username,
      '--name',
      name,
      '--role',
      role,
      ...extra,
      '--password-stdin',
    ],
    `${PASSWORD}\n`,
  );

/** A browser profile of its own (its own cookie) in a language, logged in as `username`. */
async function logIn(username: string, locale = 'en'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(team.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await waitForReady(page);
  return page;
}

const evaluationRow = (page: Page, id: number) =>
  page.locator(`[data-testid="agent-evaluation"][data-evaluation-id="${id}"]`);
const listedEvaluations = (page: Page) =>
  page
    .locator('[data-testid="agent-evaluations"][data-state="ready"] [data-testid="agent-evaluation"]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-evaluation-id'))));

beforeAll(async () => {
  team = await startTeam({ username: 'ada', name: 'Ada Admin', password: PASSWORD });
  origin = new URL(team.url).origin;
  admin = await scriptSession('ada');
  // The demo's agents and teams: Anna Berg and Mikko Laine in Customer Care, Jonas Keller in Technical Support.
  await admin('demo.load');
  const rubric = (await admin('rubric.create', { name: 'Billing calls', language: 'en' })) as { id: number };
  await admin('rubric.publish', { id: rubric.id, draft: rubricDraft() });
  await addUser('sara', 'Sara Supervisor', 'qa_supervisor');
  await addUser('tom', 'Tom Lead', 'team_lead', '--team', 'Customer Care');
  await addUser('anna', 'Anna Berg', 'agent');
  await addUser('jonas', 'Jonas Keller', 'agent');
  // Beside the one the supervisor scores in the browser: Jonas's submitted evaluation and a draft of Anna's chat.
  const supervisor = await scriptSession('sara');
  const library = (await supervisor('library.list', {})) as { items: { id: number; title: string }[] };
  const idOf = (title: string) => library.items.find((item) => item.title === title)!.id;
  const answers = [
    { itemId: 'greeting', value: { kind: 'yes' } },
    { itemId: 'polite', value: { kind: 'yes' } },
    { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
  ];
  const evaluate = async (title: string, submit: boolean) => {
    const { id } = (await supervisor('evaluation.start', {
      interactionId: idOf(title),
      rubricId: rubric.id,
    })) as { id: number };
    await supervisor('evaluation.saveDraft', { id, answers, overallComment: 'Not for Anna’s eyes' });
    if (submit) await supervisor('evaluation.submit', { id });
    return id;
  };
  jonasEvaluation = await evaluate('Connection drops every evening', true);
  await evaluate('Returning a faulty router', false);
  browser = await launchChromium();
  [sara, tom, anna] = await Promise.all([logIn('sara'), logIn('tom'), logIn('anna')]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await team?.stop();
});

describe('a supervisor, a team lead and an agent on one team server', () => {
  it('the supervisor scores the agent’s call with comments and submits it', async () => {
    await sara.getByRole('link', { name: ANNAS_CALL }).click();
    annasCall = Number(/interaction\/(\d+)/.exec(sara.url())?.[1]);
    await sara.goto(`${team.url}#/interaction/${annasCall}/evaluate`);
    await sara.locator('[data-testid="evaluate-page"][data-state="ready"]').waitFor();
    await sara.getByTestId('start-rubric').click();
    await sara.getByRole('option', { name: /Billing calls/ }).click();
    await sara.getByTestId('start-evaluation-button').click();
    await sara.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    annasEvaluation = Number(await sara.getByTestId('evaluation-sheet').getAttribute('data-evaluation-id'));
    await sara.getByTestId('evaluation-item').first().focus();
    await sara.keyboard.press('y'); // Greeting: yes
    await sara.keyboard.press('y'); // Polite tone: yes
    await sara.keyboard.press('1'); // Product knowledge: 1 of 2
    const knowledge = sara.getByTestId('evaluation-item').filter({ hasText: 'Product knowledge' });
    await knowledge.focus();
    await sara.keyboard.press('c'); // C writes the comment: type once the field has the focus
    await expect
      .poll(() => sara.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('item-comment');
    await sara.keyboard.type(ITEM_COMMENT);
    await sara.keyboard.press('Escape');
    expect(await knowledge.getByTestId('item-comment').inputValue()).toBe(ITEM_COMMENT);
    await sara.getByTestId('overall-comment').fill(OVERALL);
    await sara.locator('[data-testid="evaluation-save-state"][data-save-state="saved"]').waitFor();
    await knowledge.focus();
    await sara.keyboard.press('Control+Enter');
    await sara.locator('[data-testid="evaluation-sheet"][data-state="submitted"]').waitFor();
    // Nobody has answered yet: no response on the evaluation.
    expect(await sara.getByTestId('agent-response').count()).toBe(0);
  });

  it("the team lead sees only their team's agents, finds the evaluation on the agent's page and coaches from it", async () => {
    // No Import: the team server would refuse a team lead every step of it.
    expect(await tom.getByTestId('nav-import').count()).toBe(0);
    // The library holds Customer Care's calls and chats (Anna's and Mikko's), not Jonas's.
    await expect.poll(() => tom.getByTestId('library-row').count()).toBe(4);
    expect(await tom.getByRole('link', { name: 'Connection drops every evening' }).count()).toBe(0);
    await tom.getByTestId('nav-agents').click();
    await tom.locator('[data-testid="agents"][data-state="ready"]').waitFor();
    await tom.getByTestId('agent-row').first().waitFor();
    const agents = await tom.getByTestId('agent-row').allTextContents();
    expect(agents.some((row) => row.includes('Anna Berg'))).toBe(true);
    expect(agents.some((row) => row.includes('Mikko Laine'))).toBe(true);
    expect(agents.some((row) => row.includes('Jonas Keller'))).toBe(false);
    await tom.getByTestId('agent-row').filter({ hasText: 'Anna Berg' }).getByTestId('agent-open').click();
    await evaluationRow(tom, annasEvaluation).waitFor();
    annasPage = new URL(tom.url()).hash;
    expect(await listedEvaluations(tom)).toEqual([annasEvaluation]);
    expect(await evaluationRow(tom, annasEvaluation).getAttribute('data-response')).toBe('open');
    await screenshot(tom, 'team-flow-lead-agent-page-en');

    await evaluationRow(tom, annasEvaluation).getByTestId('agent-evaluation-coach').click();
    await tom.locator('[data-testid="coaching-new-page"][data-state="ready"]').waitFor();
    const picked = tom.locator(
      `[data-testid="new-session-evaluation"][data-evaluation-id="${annasEvaluation}"]`,
    );
    await picked.waitFor();
    expect(await picked.isChecked()).toBe(true);
    await screenshot(tom, 'team-flow-lead-new-session-en');
    await tom.getByTestId('new-session-create').click();
    await tom.locator('[data-testid="coaching-session"]').waitFor();
    const linked = tom.getByTestId('linked-evaluation');
    await linked.first().waitFor();
    expect(await linked.count()).toBe(1);
    expect(await linked.first().textContent()).toContain(ANNAS_CALL);
  });

  it('the agent sees her own submitted evaluation only, with its scores and comments', async () => {
    await anna.reload();
    await waitForReady(anna);
    await evaluationRow(anna, annasEvaluation).waitFor();
    // Not Jonas's, not the draft of her chat.
    expect(await listedEvaluations(anna)).toEqual([annasEvaluation]);
    await anna.mouse.move(0, 0); // no chart tooltip under a pointer left where the login button was
    await screenshot(anna, 'team-flow-agent-own-page-en');
    await evaluationRow(anna, annasEvaluation).getByTestId('agent-evaluation-open').click();
    await anna.locator('[data-testid="evaluation-summary"][data-state="ready"]').waitFor();
    expect(await anna.getByTestId('summary-overall-comment').textContent()).toBe(OVERALL);
    expect(await anna.getByTestId('evaluation-summary').textContent()).toContain(ITEM_COMMENT);
    expect(await anna.getByTestId('summary-percent').textContent()).toBe('75%');
    await anna.getByTestId('answer-evaluation').waitFor();
    await screenshot(anna, 'team-flow-agent-summary-en');
    // Another agent's evaluation, opened by its address, is not there for her.
    await anna.goto(`${team.url}#/evaluation/${jonasEvaluation}/summary`);
    await anna.getByText(`there is no evaluation with id ${jonasEvaluation}`).waitFor();
  });

  it('shows the agent’s page and the answer in German and Finnish, and a wrong current password in her language', async () => {
    const wrongCurrent = {
      de: 'Das ist nicht Ihr aktuelles Passwort.',
      fi: 'Tämä ei ole nykyinen salasanasi.',
    } as const;
    for (const locale of ['de', 'fi'] as const) {
      const page = await logIn('anna', locale);
      await evaluationRow(page, annasEvaluation).waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, `team-flow-agent-own-page-${locale}`);
      await evaluationRow(page, annasEvaluation).getByTestId('agent-evaluation-open').click();
      await page.getByTestId('answer-evaluation').waitFor();
      await page.getByTestId('dispute').click();
      await page.getByTestId('dispute-reason').waitFor();
      await screenshot(page, `team-flow-agent-dispute-${locale}`);

      // The server's refusal has a stable reason; the dialog says it in her language, not the server's English.
      await page.getByTestId('account-menu').click();
      await page.getByTestId('account-change-password').click();
      await page.getByTestId('change-password-current').fill('not my password at all');
      await page.getByTestId('change-password-new').fill('a new password for anna');
      await page.getByTestId('change-password-new-repeat').fill('a new password for anna');
      await page.getByTestId('change-password-save').click();
      const refused = page.getByTestId('change-password-error');
      await refused.waitFor();
      expect(await refused.textContent()).toBe(wrongCurrent[locale]);
      await page.locator('[data-testid="change-password-save"]:not([data-loading])').waitFor();
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      await screenshot(page, `team-flow-change-password-wrong-${locale}`, { asShown: true });
      await page.context().close();
    }
  });

  it('the agent disputes it with a reason; the supervisor and the team lead see the dispute', async () => {
    // A second tab of hers, left open on the same evaluation before she answers in the first.
    const otherTab = await anna.context().newPage();
    await otherTab.goto(`${team.url}#/evaluation/${annasEvaluation}/summary`);
    await otherTab.getByTestId('answer-evaluation').waitFor();
    await anna.goto(`${team.url}#/evaluation/${annasEvaluation}/summary`);
    await anna.getByTestId('dispute').click();
    await anna.getByTestId('dispute-reason').fill('No');
    expect(await anna.getByTestId('dispute-send').isDisabled()).toBe(true);
    await anna.getByTestId('dispute-reason').fill(DISPUTE);
    await screenshot(anna, 'team-flow-agent-dispute-en');
    await anna.getByTestId('dispute-send').click();
    const answered = anna.locator('[data-testid="agent-response"][data-response="disputed"]');
    await answered.waitFor();
    expect(await anna.getByTestId('agent-response-reason').textContent()).toBe(DISPUTE);
    expect(await anna.getByTestId('answer-evaluation').count()).toBe(0);
    await screenshot(anna, 'team-flow-agent-disputed-en');
    // The other tab's late acknowledgement is refused as answered already: it shows the dispute instead.
    await otherTab.getByTestId('acknowledge').click();
    await otherTab.locator('[data-testid="agent-response"][data-response="disputed"]').waitFor();
    expect(await otherTab.getByTestId('answer-evaluation').count()).toBe(0);
    await otherTab.close();
    await anna.getByTestId('summary-back').click();
    await anna
      .locator(
        `[data-testid="agent-evaluation"][data-evaluation-id="${annasEvaluation}"][data-response="disputed"]`,
      )
      .waitFor();

    await sara.goto(`${team.url}#/interaction/${annasCall}/evaluate?evaluation=${annasEvaluation}`);
    await sara.reload();
    await waitForReady(sara);
    const seen = sara.locator('[data-testid="agent-response"][data-response="disputed"]');
    await seen.waitFor();
    expect(await seen.textContent()).toContain('Disputed by Anna Berg');
    expect(await sara.getByTestId('agent-response-reason').textContent()).toBe(DISPUTE);
    await screenshot(sara, 'team-flow-supervisor-disputed-en');

    await tom.goto(`${team.url}#/agents`);
    await tom.getByTestId('agent-row').filter({ hasText: 'Anna Berg' }).getByTestId('agent-open').click();
    await tom
      .locator(
        `[data-testid="agent-evaluation"][data-evaluation-id="${annasEvaluation}"][data-response="disputed"]`,
      )
      .waitFor();
  });

  it("shows the team lead the agent's evaluations and the dispute in German and Finnish", async () => {
    for (const locale of ['de', 'fi']) {
      const page = await logIn('tom', locale);
      await page.goto(`${team.url}${annasPage}`);
      await page
        .locator(
          `[data-testid="agent-evaluation"][data-evaluation-id="${annasEvaluation}"][data-response="disputed"]`,
        )
        .waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, `team-flow-lead-agent-page-${locale}`);
      await page.goto(`${team.url}#/evaluation/${annasEvaluation}/summary`);
      await page.locator('[data-testid="agent-response"][data-response="disputed"]').waitFor();
      await screenshot(page, `team-flow-summary-disputed-${locale}`);
      await page.context().close();
    }
  });

  it('asks the agent again once the supervisor reopens and resubmits it; the dispute stays as history', async () => {
    const asSara = await scriptSession('sara');
    await asSara('evaluation.reopen', { id: annasEvaluation, reason: 'Billing did approve the refund' });
    await asSara('evaluation.submit', { id: annasEvaluation });
    await anna.goto(`${team.url}#/evaluation/${annasEvaluation}/summary`);
    await anna.reload();
    await waitForReady(anna);
    await anna.getByTestId('answer-evaluation').waitFor();
    const earlier = anna.locator('[data-testid="agent-earlier-response"][data-response="disputed"]');
    expect(await earlier.textContent()).toContain(DISPUTE);
    await screenshot(anna, 'team-flow-agent-asked-again-en');
    await anna.getByTestId('acknowledge').click();
    await anna.locator('[data-testid="agent-response"][data-response="acknowledged"]').waitFor();
    for (const locale of ['de', 'fi']) {
      const page = await logIn('tom', locale);
      await page.goto(`${team.url}#/evaluation/${annasEvaluation}/summary`);
      await page.locator('[data-testid="agent-response"][data-response="acknowledged"]').waitFor();
      await page.locator('[data-testid="agent-earlier-response"][data-response="disputed"]').waitFor();
      await screenshot(page, `team-flow-earlier-dispute-${locale}`);
      await page.context().close();
    }
  });
});
