import type { RubricTexts } from '../build';
import type { MysteryCallShape } from './shape';

export const mysteryCallDe: RubricTexts<MysteryCallShape> = {
  name: 'Checkliste Testanruf (Mystery Call)',
  description:
    'Was der Testanrufer bei jedem Testanruf prüft. Halten Sie zu jedem Ergebnis das Szenario, Datum und Uhrzeit, ' +
    'den Kanal, wer angenommen hat (falls bekannt) und die Belege (Aufnahme, Notizen) fest.',
  sections: { 'call-handling': 'Gesprächsführung', 'sales-and-close': 'Verkauf und Abschluss' },
  items: {
    'answered-quickly': {
      title: 'Innerhalb von 3 Klingeltönen (15 Sekunden) angenommen',
      guidance:
        'Eine Person nimmt innerhalb von drei Klingeltönen bzw. 15 Sekunden nach dem ersten Klingeln ab; Ansagen ' +
        'und Warteschleifenmusik zählen nicht. Passen Sie die Grenze in einer Kopie dieser Checkliste an Ihren ' +
        'Servicelevel an.',
      examples: ['Beim zweiten Klingeln von einer Person angenommen.'],
    },
    greeting: {
      title: 'Begrüßung und Name',
      guidance: 'Begrüßt den Anrufer und nennt den Firmennamen und den eigenen Namen.',
      examples: ['„Northwind, guten Tag, Sie sprechen mit Jonas Weber.“'],
    },
    'need-asked': {
      title: 'Nach dem Bedarf gefragt',
      guidance:
        'Fragt nach, was der Anrufer braucht, bevor ein Produkt empfohlen oder eine Antwort gegeben wird.',
      examples: ['„Wofür möchten Sie das Gerät hauptsächlich nutzen?“'],
    },
    'product-knowledge': {
      title: 'Produktkenntnis',
      guidance:
        '2: beantwortet die Fragen aus dem Szenario richtig und sicher. 1: weitgehend richtig, aber vage oder musste ' +
        'mehrfach nachschauen. 0: falsche Antworten, oder konnte nicht antworten und hat nicht angeboten, es ' +
        'herauszufinden.',
      examples: ['Erklärt den Unterschied zwischen den beiden Tarifen richtig, ohne nachzuschlagen.'],
    },
    'provocative-question': {
      title: 'Umgang mit der provokanten Frage',
      guidance:
        'Der Testanrufer stellt die im Szenario vorbereitete provokante Frage (zum Beispiel „Warum sind Sie so viel ' +
        'teurer als die Konkurrenz?“). Bewerten Sie die Reaktion: ruhig und ehrlich, ruhig, aber ausweichend, ' +
        'oder gereizt, abwehrend bzw. unehrlich.',
      examples: [
        '„In unserem Preis sind Installation und Vor-Ort-Service enthalten. Wenn Sie beides nicht brauchen, ' +
          'ist das Basispaket für Sie vielleicht die bessere Wahl.“',
      ],
    },
    'options-offered': {
      title: 'Möglichkeiten angeboten',
      guidance:
        'Stellt mehr als eine passende Möglichkeit vor, wo es eine Wahl gibt. Nicht zutreffend, wenn das Szenario ' +
        'nur eine mögliche Antwort hat.',
      examples: [
        '„Es gibt eine Prepaid-Variante und einen Vertrag mit monatlicher Zahlung. Soll ich Ihnen beide erklären?“',
      ],
    },
    'next-step': {
      title: 'Nach dem Abschluss oder einem nächsten Schritt gefragt',
      guidance:
        'Fragt nach dem Auftrag oder schlägt einen konkreten nächsten Schritt vor (Angebot per E-Mail, Rückruf, ' +
        'Termin) oder nennt zumindest Kontaktdaten, damit der Anrufer sich wieder melden kann.',
      examples: [
        '„Darf ich Ihnen das Angebot heute noch per E-Mail schicken? Meine Durchwahl steht darauf.“',
      ],
    },
    closing: {
      title: 'Gesprächsabschluss',
      guidance:
        'Fasst das Vereinbarte zusammen, bedankt sich für den Anruf und verabschiedet sich freundlich.',
      examples: [
        '„Dann schicke ich Ihnen das Angebot heute noch zu. Vielen Dank für Ihren Anruf und einen schönen Tag!“',
      ],
    },
  },
  options: {
    'provocative-question.calm-honest': 'Ruhig und ehrlich',
    'provocative-question.evasive': 'Ruhig, aber ausweichend',
    'provocative-question.irritated-or-dishonest': 'Gereizt, abwehrend oder unehrlich',
  },
};
