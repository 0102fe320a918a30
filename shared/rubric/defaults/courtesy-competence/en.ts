import type { RubricTexts } from '../build';
import type { CourtesyCompetenceShape } from './shape';

export const courtesyCompetenceEn: RubricTexts<CourtesyCompetenceShape> = {
  name: 'Courtesy and competence',
  description:
    'The standard scorecard for calls and chats: eight courtesy items and eight competence items. ' +
    'A failed critical item (polite tone, wrong information with consequences, honesty) fails the whole evaluation.',
  sections: { courtesy: 'Courtesy', competence: 'Competence' },
  items: {
    greeting: {
      title: 'Greeting and own name',
      guidance:
        'Within the first seconds the agent greets the customer and gives their own name (with the company or ' +
        'team name where that is the norm). Answer no if the name is missing, mumbled or only comes later.',
      examples: ['“Good morning, Northwind customer service, this is Anna speaking. How can I help you?”'],
    },
    'customer-name': {
      title: "Uses the customer's name",
      guidance:
        'Addresses the customer by name at least once, correctly and in the form the customer used. ' +
        'n.a. when the name is not known (anonymous chat, the caller did not give it).',
      examples: ['“Thank you, Mr Virtanen, I can see your order here.”'],
    },
    'polite-tone': {
      title: 'Polite tone throughout',
      guidance:
        'Friendly and respectful from start to finish, also with a difficult customer. Critical: a single rude, ' +
        'insulting, sarcastic or blaming remark fails the whole evaluation. Quote it in the comment and pin the moment.',
      examples: [
        'Fail: “As I have already told you twice…”',
        'Fail: “Well, you should have read the terms.”',
      ],
    },
    listening: {
      title: 'Listens without interrupting',
      guidance:
        '2: lets the customer finish and confirms what they said. 1: occasionally interrupts or talks over them, ' +
        'but recovers. 0: keeps interrupting, talks over the customer or ignores what they said.',
      examples: ['“Just to make sure I understood: the invoice came twice and you were charged for both?”'],
    },
    empathy: {
      title: 'Shows empathy',
      guidance:
        "Acknowledges the problem in the customer's own terms and what it means for them. 2: specific and sincere. " +
        '1: a stock phrase only. 0: no acknowledgement, or dismissive.',
      examples: ['“That is frustrating when you have been waiting in for the delivery all week.”'],
    },
    apology: {
      title: 'Apologises where the company is at fault',
      guidance:
        'When the company made the mistake (delay, wrong invoice, broken promise) the agent apologises clearly ' +
        'on its behalf, without blaming colleagues or systems. n.a. when the company is not at fault.',
      examples: ['“I am sorry, that invoice should never have been sent twice.”'],
    },
    'hold-etiquette': {
      title: 'Hold and wait etiquette',
      guidance:
        'Asks before putting the customer on hold, says why and for roughly how long, and thanks them for waiting; ' +
        'no long silent gaps (in chat: says when they are looking something up). n.a. when there was no hold or wait.',
      examples: [
        '“May I put you on hold for about two minutes while I check with billing?”',
        '“Thank you for waiting.”',
      ],
    },
    closing: {
      title: 'Closing',
      guidance:
        'Before ending, checks that everything is resolved or that the customer knows what happens next, ' +
        'and thanks the customer.',
      examples: ['“Is there anything else I can do for you today? Thank you for calling.”'],
    },
    'needs-clarification': {
      title: "Clarifies the customer's need",
      guidance:
        'Asks questions to understand the real need before answering. 2: targeted questions and a summary of ' +
        'the need. 1: some questions, but jumps to a solution. 0: answers without finding out what is needed.',
      examples: ['“What do you mainly use the connection for: working from home, or streaming?”'],
    },
    'product-knowledge': {
      title: 'Correct product and policy knowledge',
      guidance:
        'Information on products, prices, terms and policies is correct and complete. Critical: wrong information ' +
        'with consequences for the customer (money, a missed deadline, a contract they would not otherwise have ' +
        'signed) fails the whole evaluation. Say in the comment what was wrong.',
      examples: [
        'Fail: tells the customer the notice period is 14 days when it is 30, so the customer misses the deadline.',
      ],
    },
    options: {
      title: 'Offers several options',
      guidance:
        'Where there is more than one way to meet the need, presents the relevant options with their pros and ' +
        'cons and lets the customer choose. n.a. when there is only one way.',
      examples: [
        '“You can have a replacement sent today or a refund within five days. Which would suit you better?”',
      ],
    },
    objections: {
      title: 'Handles objections with facts',
      guidance:
        'Meets doubts, complaints and pushback with facts and patience, never with irritation or retaliation. ' +
        '2: calm, factual, answers the real concern. 1: factual but defensive or incomplete. 0: argues, gets ' +
        'emotional, or gives in without reason. n.a. when there were no objections.',
      examples: [
        '“I understand the price seems high. It includes installation and two years of warranty. ' +
          'Shall I compare it with the basic model for you?”',
      ],
    },
    honesty: {
      title: 'Honest: no manipulation or false promises',
      guidance:
        'Says only what is true and promises only what the company can deliver: no pressure tactics, hidden ' +
        'conditions or invented deadlines. Critical: manipulation or a false promise fails the whole evaluation.',
      examples: [
        'Fail: “If you do not sign today, the offer is gone.” (when it is not)',
        'Fail: “The technician will definitely be there tomorrow.” without a booked appointment.',
      ],
    },
    ownership: {
      title: 'Owns the problem',
      guidance:
        'Resolves the problem, or takes responsibility for getting it resolved, instead of passing the customer on ' +
        'or giving a quick workaround. 2: resolved, or clear ownership with follow-up. 1: partly. 0: forwards, ' +
        'deflects, or leaves the customer with a workaround.',
      examples: ['“I will correct the address myself now and send you a confirmation by email.”'],
    },
    escalation: {
      title: 'Escalates correctly',
      guidance:
        'When the case needs a specialist or a supervisor, escalates through the right channel with a complete ' +
        'handover, and tells the customer what happens next. n.a. when no escalation was needed.',
      examples: [
        '“I am passing this to our billing team with all the details. They will call you by Thursday.”',
      ],
    },
    documentation: {
      title: 'Documents the case and next steps',
      guidance:
        'The case notes give the reason for contact, what was done and the agreed next steps, clearly enough ' +
        'for a colleague to continue without asking the customer again.',
      examples: [
        '“Invoice 4711 charged twice. Refund requested from billing. Customer informed; callback by Thu.”',
      ],
    },
  },
  options: {
    'product-knowledge.correct': 'Correct and complete',
    'product-knowledge.minor-gaps': 'Mostly correct, minor gaps',
    'product-knowledge.wrong': 'Wrong, but corrected or without consequences',
    'product-knowledge.wrong-with-consequences': 'Wrong, with consequences for the customer',
  },
};
