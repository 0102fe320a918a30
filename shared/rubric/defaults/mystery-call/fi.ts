import type { RubricTexts } from '../build';
import type { MysteryCallShape } from './shape';

export const mysteryCallFi: RubricTexts<MysteryCallShape> = {
  name: 'Haamusoiton tarkistuslista',
  description:
    'Mitä haamuasiakas tarkistaa jokaisessa testipuhelussa. Kirjaa jokaisen tuloksen yhteyteen skenaario, ' +
    'päivämäärä ja kellonaika, kanava, kuka vastasi (jos tiedossa) sekä aineisto (tallenne, muistiinpanot).',
  sections: { 'call-handling': 'Puhelun hoito', 'sales-and-close': 'Myynti ja lopetus' },
  items: {
    'answered-quickly': {
      title: 'Vastattu kolmen hälytyksen (15 sekunnin) kuluessa',
      guidance:
        'Henkilö vastaa kolmen hälytyksen tai 15 sekunnin kuluessa ensimmäisestä hälytyksestä; valikkotiedotteet ja ' +
        'jonotusmusiikki eivät ole vastaamista. Muuta rajaa tämän listan kopiossa oman palvelutasonne mukaiseksi.',
      examples: ['Henkilö vastasi toisella hälytyksellä.'],
    },
    greeting: {
      title: 'Tervehdys ja nimi',
      guidance: 'Tervehtii soittajaa ja kertoo yrityksen nimen ja oman nimensä.',
      examples: ['”Northwind, hyvää iltapäivää, Jonas Lindholm puhelimessa.”'],
    },
    'need-asked': {
      title: 'Kysyi tarpeesta',
      guidance:
        'Selvittää kysymyksillä, mitä soittaja tarvitsee, ennen kuin suosittelee tuotetta tai vastaa.',
      examples: ['”Mihin aiot käyttää laitetta eniten?”'],
    },
    'product-knowledge': {
      title: 'Tuotetuntemus',
      guidance:
        '2: vastaa skenaarion kysymyksiin oikein ja varmasti. 1: pääosin oikein, mutta epämääräisesti tai joutui ' +
        'tarkistamaan useasti. 0: vastasi väärin tai ei osannut vastata eikä tarjoutunut selvittämään asiaa.',
      examples: ['Selittää kahden sopimuksen eron oikein tarkistamatta.'],
    },
    'provocative-question': {
      title: 'Provosoivan kysymyksen käsittely',
      guidance:
        'Haamuasiakas esittää skenaarioon valmistellun provosoivan kysymyksen (esimerkiksi ”Miksi olette niin ' +
        'paljon kilpailijoita kalliimpia?”). Arvioi, miten siihen vastattiin: rauhallisesti ja rehellisesti, ' +
        'rauhallisesti mutta kiertäen vai ärtyneesti, puolustautuen tai epärehellisesti.',
      examples: [
        '”Hintaan sisältyvät asennus ja huolto paikan päällä. Jos et tarvitse niitä, peruspaketti voi olla ' +
          'sinulle parempi valinta.”',
      ],
    },
    'options-offered': {
      title: 'Tarjosi vaihtoehtoja',
      guidance:
        'Esittelee useamman sopivan vaihtoehdon, kun valinnanvaraa on. Ei sovellu, jos skenaariossa on vain yksi ' +
        'mahdollinen vastaus.',
      examples: ['”Meillä on prepaid-vaihtoehto ja kuukausimaksullinen sopimus. Kerronko molemmista?”'],
    },
    'next-step': {
      title: 'Pyysi kauppaa tai sopi jatkosta',
      guidance:
        'Pyytää tilausta tai ehdottaa konkreettista jatkoa (tarjous sähköpostiin, takaisinsoitto, tapaaminen) tai ' +
        'antaa vähintään yhteystietonsa, jotta soittaja voi palata asiaan.',
      examples: ['”Lähetänkö tarjouksen sähköpostiisi vielä tänään? Suora numeroni on tarjouksessa.”'],
    },
    closing: {
      title: 'Puhelun lopetus',
      guidance: 'Kertaa sovitut asiat, kiittää soitosta ja hyvästelee ystävällisesti.',
      examples: ['”Lähetän siis tarjouksen tänään. Kiitos soitosta ja hyvää päivänjatkoa!”'],
    },
  },
  options: {
    'provocative-question.calm-honest': 'Rauhallisesti ja rehellisesti',
    'provocative-question.evasive': 'Rauhallisesti, mutta kiertäen',
    'provocative-question.irritated-or-dishonest': 'Ärtyneesti, puolustautuen tai epärehellisesti',
  },
};
