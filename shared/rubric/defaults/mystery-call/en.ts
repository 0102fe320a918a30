import type { RubricTexts } from '../build';
import type { MysteryCallShape } from './shape';

export const mysteryCallEn: RubricTexts<MysteryCallShape> = {
  name: 'Mystery call checklist',
  description:
    'What the mystery shopper checks on each test call. With each result, record the scenario, the date and time, ' +
    'the channel, who answered (if known) and the evidence (recording, notes).',
  sections: { 'call-handling': 'Call handling', 'sales-and-close': 'Sales and close' },
  items: {
    'answered-quickly': {
      title: 'Answered within 3 rings (15 seconds)',
      guidance:
        'A person answers within three rings, or 15 seconds from the first ring; menu announcements and queue music ' +
        'do not count. Adjust the limit in a copy of this checklist to your own service level.',
      examples: ['Answered by a person on the second ring.'],
    },
    greeting: {
      title: 'Greeting and name',
      guidance: 'Greets the caller and gives the company name and their own name.',
      examples: ['“Northwind, good afternoon, this is Jonas speaking.”'],
    },
    'need-asked': {
      title: 'Asked about the need',
      guidance:
        'Asks questions to find out what the caller needs before recommending a product or giving an answer.',
      examples: ['“What will you mainly be using it for?”'],
    },
    'product-knowledge': {
      title: 'Product knowledge',
      guidance:
        '2: answers the scenario questions correctly and with confidence. 1: mostly right, but vague, or had to ' +
        'check repeatedly. 0: wrong answers, or could not answer and did not offer to find out.',
      examples: ['Explains the difference between the two contracts correctly without looking it up.'],
    },
    'provocative-question': {
      title: 'Handled the provocative question',
      guidance:
        'The shopper asks the provocative question prepared in the scenario (for example “Why are you so much more ' +
        'expensive than the competition?”). Judge how it was handled: calmly and honestly, calmly but evasively, ' +
        'or with irritation, defensiveness or a dishonest answer.',
      examples: [
        '“Our price includes installation and on-site service. If you do not need those, the basic package ' +
          'may be the better choice for you.”',
      ],
    },
    'options-offered': {
      title: 'Offered options',
      guidance:
        'Presents more than one suitable option where there is a choice. n.a. when the scenario has only one ' +
        'possible answer.',
      examples: ['“There is a prepaid version and a monthly contract. Shall I explain both?”'],
    },
    'next-step': {
      title: 'Asked for the sale or a next step',
      guidance:
        'Asks for the order, or proposes a concrete next step (an offer by email, a callback, an appointment), or at ' +
        'least gives contact details so the caller can come back.',
      examples: ['“Shall I email you the offer today? My direct number is on it.”'],
    },
    closing: {
      title: 'Closing',
      guidance: 'Sums up what was agreed, thanks the caller and says goodbye politely.',
      examples: ['“So I will send you the offer today. Thank you for calling, and have a nice day.”'],
    },
  },
  options: {
    'provocative-question.calm-honest': 'Calmly and honestly',
    'provocative-question.evasive': 'Calmly, but evasively',
    'provocative-question.irritated-or-dishonest': 'Irritated, defensive or dishonest',
  },
};
