import type { RubricTexts } from '../build';
import type { CourtesyCompetenceShape } from './shape';

export const courtesyCompetenceDe: RubricTexts<CourtesyCompetenceShape> = {
  name: 'Freundlichkeit und Kompetenz',
  description:
    'Der Standard-Bewertungsbogen für Anrufe und Chats: acht Kriterien zur Freundlichkeit und acht zur Kompetenz. ' +
    'Ein nicht erfülltes K.-o.-Kriterium (höflicher Ton, falsche Auskunft mit Folgen, Ehrlichkeit) lässt die ' +
    'gesamte Bewertung durchfallen.',
  sections: { courtesy: 'Freundlichkeit', competence: 'Kompetenz' },
  items: {
    greeting: {
      title: 'Begrüßung mit eigenem Namen',
      guidance:
        'Begrüßt den Kunden in den ersten Sekunden und nennt den eigenen Namen (und, wo üblich, Firma oder Team). ' +
        'Wählen Sie „Nein“, wenn der Name fehlt, verschluckt wird oder erst später im Gespräch fällt.',
      examples: [
        '„Guten Morgen, Northwind Kundenservice, Sie sprechen mit Anna Berger. Was kann ich für Sie tun?“',
      ],
    },
    'customer-name': {
      title: 'Spricht den Kunden mit Namen an',
      guidance:
        'Spricht den Kunden mindestens einmal mit Namen an, richtig und in der Form, die er selbst verwendet hat. ' +
        'Nicht zutreffend, wenn der Name nicht bekannt ist (anonymer Chat, der Kunde hat ihn nicht genannt).',
      examples: ['„Vielen Dank, Herr Schneider, ich sehe Ihre Bestellung hier vor mir.“'],
    },
    'polite-tone': {
      title: 'Durchgehend höflicher Ton',
      guidance:
        'Freundlich und respektvoll vom ersten bis zum letzten Satz, auch bei schwierigen Kunden. K.-o.-Kriterium: ' +
        'Schon eine einzige unhöfliche, beleidigende, sarkastische oder vorwurfsvolle Bemerkung lässt die gesamte ' +
        'Bewertung durchfallen. Zitieren Sie die Bemerkung im Kommentar und markieren Sie die Stelle in der Aufnahme.',
      examples: [
        'Nicht erfüllt: „Wie ich Ihnen schon zweimal gesagt habe …“',
        'Nicht erfüllt: „Tja, dann hätten Sie mal die AGB lesen sollen.“',
      ],
    },
    listening: {
      title: 'Hört zu, ohne zu unterbrechen',
      guidance:
        '2: lässt den Kunden ausreden und bestätigt, was er gesagt hat. 1: unterbricht gelegentlich oder redet ' +
        'dazwischen, fängt sich aber. 0: unterbricht immer wieder, redet über den Kunden hinweg oder übergeht das Gesagte.',
      examples: [
        '„Damit ich Sie richtig verstehe: Die Rechnung kam zweimal, und beide Beträge wurden abgebucht?“',
      ],
    },
    empathy: {
      title: 'Zeigt Empathie',
      guidance:
        'Greift das Problem mit den Worten des Kunden auf und erkennt an, was es für ihn bedeutet. ' +
        '2: konkret und aufrichtig. 1: nur eine Standardfloskel. 0: keine Anerkennung oder abwertend.',
      examples: ['„Das ist wirklich ärgerlich, wenn Sie die ganze Woche auf die Lieferung gewartet haben.“'],
    },
    apology: {
      title: 'Entschuldigt sich, wenn der Fehler beim Unternehmen liegt',
      guidance:
        'Liegt der Fehler beim Unternehmen (Verzögerung, falsche Rechnung, nicht eingehaltene Zusage), entschuldigt ' +
        'sich der Agent klar im Namen des Unternehmens, ohne Kollegen oder Systeme verantwortlich zu machen. ' +
        'Nicht zutreffend, wenn das Unternehmen keinen Fehler gemacht hat.',
      examples: ['„Das tut mir leid, diese Rechnung hätte nicht doppelt verschickt werden dürfen.“'],
    },
    'hold-etiquette': {
      title: 'Umgang mit Halte- und Wartezeiten',
      guidance:
        'Fragt, bevor der Kunde in die Warteschleife kommt, sagt warum und ungefähr wie lange und bedankt sich fürs ' +
        'Warten; keine langen, unerklärten Pausen (im Chat: kündigt an, wenn etwas nachgeschaut wird). ' +
        'Nicht zutreffend, wenn es keine Halte- oder Wartezeit gab.',
      examples: [
        '„Darf ich Sie für etwa zwei Minuten in die Warteschleife legen? Ich kläre das kurz mit der Buchhaltung.“',
        '„Vielen Dank für Ihre Geduld.“',
      ],
    },
    closing: {
      title: 'Gesprächsabschluss',
      guidance:
        'Vergewissert sich vor dem Ende, dass alles geklärt ist oder der Kunde weiß, wie es weitergeht, ' +
        'und bedankt sich beim Kunden.',
      examples: [
        '„Kann ich sonst noch etwas für Sie tun? Vielen Dank für Ihren Anruf und einen schönen Tag.“',
      ],
    },
    'needs-clarification': {
      title: 'Klärt den Bedarf des Kunden',
      guidance:
        'Stellt Fragen, um das eigentliche Anliegen zu verstehen, bevor er antwortet. 2: gezielte Fragen und eine ' +
        'Zusammenfassung des Bedarfs. 1: einige Fragen, springt aber schnell zur Lösung. 0: antwortet, ohne den ' +
        'Bedarf zu klären.',
      examples: ['„Wofür nutzen Sie den Anschluss hauptsächlich – fürs Homeoffice oder zum Streamen?“'],
    },
    'product-knowledge': {
      title: 'Korrekte Auskunft zu Produkten und Regelungen',
      guidance:
        'Angaben zu Produkten, Preisen, Bedingungen und Regelungen sind richtig und vollständig. K.-o.-Kriterium: ' +
        'Eine falsche Auskunft mit Folgen für den Kunden (Geld, eine verpasste Frist, ein Vertrag, den er sonst nicht ' +
        'abgeschlossen hätte) lässt die gesamte Bewertung durchfallen. Halten Sie im Kommentar fest, was falsch war.',
      examples: [
        'Nicht erfüllt: nennt eine Kündigungsfrist von 14 statt 30 Tagen, und der Kunde verpasst dadurch die Frist.',
      ],
    },
    options: {
      title: 'Bietet mehrere Möglichkeiten an',
      guidance:
        'Gibt es mehr als einen Weg, stellt er die passenden Möglichkeiten mit ihren Vor- und Nachteilen vor und ' +
        'lässt den Kunden entscheiden. Nicht zutreffend, wenn es nur einen Weg gibt.',
      examples: [
        '„Wir können Ihnen heute noch ein Ersatzgerät schicken oder den Betrag innerhalb von fünf Tagen erstatten. ' +
          'Was ist Ihnen lieber?“',
      ],
    },
    objections: {
      title: 'Begegnet Einwänden sachlich',
      guidance:
        'Reagiert auf Zweifel, Beschwerden und Widerspruch mit Fakten und Geduld, nie gereizt oder mit Gegenangriffen. ' +
        '2: ruhig, sachlich, geht auf das eigentliche Anliegen ein. 1: sachlich, aber defensiv oder unvollständig. ' +
        '0: diskutiert, wird emotional oder gibt ohne Grund nach. Nicht zutreffend, wenn es keine Einwände gab.',
      examples: [
        '„Ich verstehe, dass Ihnen der Preis hoch erscheint. Darin sind die Installation und zwei Jahre Garantie ' +
          'enthalten. Soll ich Ihnen den Vergleich zum Basismodell zeigen?“',
      ],
    },
    honesty: {
      title: 'Ehrlich: keine Manipulation, keine falschen Versprechen',
      guidance:
        'Sagt nur, was stimmt, und verspricht nur, was das Unternehmen halten kann: kein Druck, keine versteckten ' +
        'Bedingungen, keine erfundenen Fristen. K.-o.-Kriterium: Manipulation oder ein falsches Versprechen lässt die ' +
        'gesamte Bewertung durchfallen.',
      examples: [
        'Nicht erfüllt: „Wenn Sie heute nicht unterschreiben, ist das Angebot weg.“ (obwohl das nicht stimmt)',
        'Nicht erfüllt: „Der Techniker kommt morgen ganz sicher.“ – ohne gebuchten Termin.',
      ],
    },
    ownership: {
      title: 'Übernimmt Verantwortung für das Anliegen',
      guidance:
        'Löst das Problem oder sorgt verbindlich dafür, dass es gelöst wird, statt den Kunden weiterzuverbinden oder ' +
        'ihm eine Notlösung mitzugeben. 2: gelöst oder klar übernommen, mit Nachverfolgung. 1: teilweise. ' +
        '0: verbindet weiter, schiebt ab oder lässt den Kunden mit einer Notlösung zurück.',
      examples: ['„Ich ändere die Adresse jetzt selbst und schicke Ihnen eine Bestätigung per E-Mail.“'],
    },
    escalation: {
      title: 'Eskaliert richtig',
      guidance:
        'Braucht der Fall eine Fachabteilung oder eine Führungskraft, eskaliert er über den richtigen Weg mit ' +
        'vollständiger Übergabe und sagt dem Kunden, wie es weitergeht. Nicht zutreffend, wenn keine Eskalation nötig war.',
      examples: [
        '„Ich gebe das mit allen Details an unsere Buchhaltung weiter. Sie ruft Sie bis Donnerstag zurück.“',
      ],
    },
    documentation: {
      title: 'Dokumentiert Fall und nächste Schritte',
      guidance:
        'Die Notiz nennt den Anlass des Kontakts, was getan wurde und die vereinbarten nächsten Schritte – so klar, ' +
        'dass Kolleginnen und Kollegen weitermachen können, ohne den Kunden erneut zu fragen.',
      examples: [
        '„Rechnung 4711 doppelt abgebucht. Erstattung bei Buchhaltung beantragt. Kunde informiert, Rückruf bis Do.“',
      ],
    },
  },
  options: {
    'product-knowledge.correct': 'Richtig und vollständig',
    'product-knowledge.minor-gaps': 'Weitgehend richtig, kleine Lücken',
    'product-knowledge.wrong': 'Falsch, aber korrigiert oder ohne Folgen',
    'product-knowledge.wrong-with-consequences': 'Falsch, mit Folgen für den Kunden',
  },
};
