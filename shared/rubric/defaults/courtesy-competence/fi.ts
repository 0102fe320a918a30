import type { RubricTexts } from '../build';
import type { CourtesyCompetenceShape } from './shape';

export const courtesyCompetenceFi: RubricTexts<CourtesyCompetenceShape> = {
  name: 'Kohteliaisuus ja osaaminen',
  description:
    'Vakioarviointilomake puheluille ja chateille: kahdeksan kohteliaisuuden ja kahdeksan osaamisen kriteeriä. ' +
    'Jos kriittinen kohta (kohtelias sävy, seurauksia aiheuttanut virheellinen tieto, rehellisyys) ei täyty, ' +
    'koko arviointi hylätään.',
  sections: { courtesy: 'Kohteliaisuus', competence: 'Osaaminen' },
  items: {
    greeting: {
      title: 'Tervehdys ja oma nimi',
      guidance:
        'Agentti tervehtii ensimmäisten sekuntien aikana ja kertoo oman nimensä (sekä yrityksen tai tiimin ' +
        'nimen, jos se on käytäntö). Valitse ”ei”, jos nimi puuttuu, jää epäselväksi tai tulee vasta myöhemmin.',
      examples: [
        '”Hyvää huomenta, Northwindin asiakaspalvelu, Anna Virtanen puhelimessa. Kuinka voin auttaa?”',
      ],
    },
    'customer-name': {
      title: 'Käyttää asiakkaan nimeä',
      guidance:
        'Puhuttelee asiakasta nimeltä vähintään kerran, oikein ja siinä muodossa kuin asiakas sen itse kertoi. ' +
        'Ei sovellu, jos nimi ei ole tiedossa (anonyymi chat, asiakas ei kertonut nimeään).',
      examples: ['”Kiitos, Matti Korhonen, löysin tilauksesi tiedot.”'],
    },
    'polite-tone': {
      title: 'Kohtelias sävy koko keskustelun ajan',
      guidance:
        'Ystävällinen ja asiallinen alusta loppuun, myös hankalan asiakkaan kanssa. Kriittinen: yksikin ' +
        'epäkohtelias, loukkaava, sarkastinen tai syyllistävä huomautus hylkää koko arvioinnin. Lainaa huomautus ' +
        'kommenttiin ja merkitse kohta tallenteeseen.',
      examples: [
        'Ei täyty: ”Kuten olen jo kahteen kertaan sanonut…”',
        'Ei täyty: ”No, ehdot olisi kannattanut lukea.”',
      ],
    },
    listening: {
      title: 'Kuuntelee keskeyttämättä',
      guidance:
        '2: antaa asiakkaan puhua loppuun ja varmistaa ymmärtäneensä. 1: keskeyttää tai puhuu päälle joskus, mutta ' +
        'korjaa tilanteen. 0: keskeyttää toistuvasti, puhuu asiakkaan päälle tai sivuuttaa sanotun.',
      examples: ['”Varmistan vielä, että ymmärsin oikein: lasku tuli kahdesti ja molemmat veloitettiin?”'],
    },
    empathy: {
      title: 'Osoittaa empatiaa',
      guidance:
        'Tunnistaa ongelman asiakkaan omin sanoin ja sen, mitä se asiakkaalle merkitsee. 2: konkreettinen ja aito. ' +
        '1: pelkkä vakiofraasi. 0: ei lainkaan tai vähättelevä.',
      examples: ['”Ymmärrän, että se on turhauttavaa, kun olet odottanut toimitusta koko viikon.”'],
    },
    apology: {
      title: 'Pahoittelee, kun virhe on yrityksen',
      guidance:
        'Kun virhe on yrityksen (viivästys, virheellinen lasku, pettänyt lupaus), agentti pahoittelee ' +
        'selkeästi yrityksen puolesta syyttämättä kollegoita tai järjestelmiä. Ei sovellu, jos virhe ei ole yrityksen.',
      examples: ['”Pahoittelen, laskua ei olisi pitänyt lähettää kahteen kertaan.”'],
    },
    'hold-etiquette': {
      title: 'Pito- ja odotuskäytännöt',
      guidance:
        'Kysyy luvan ennen kuin asettaa puhelun pitoon, kertoo syyn ja arvion kestosta ja kiittää odottamisesta; ' +
        'ei pitkiä selittämättömiä hiljaisuuksia (chatissa: kertoo, kun tarkistaa jotakin). Ei sovellu, jos pitoa ' +
        'tai odotusta ei ollut.',
      examples: [
        '”Saanko laittaa puhelun hetkeksi pitoon? Tarkistan asian laskutuksesta, siihen menee noin kaksi minuuttia.”',
        '”Kiitos odottamisesta.”',
      ],
    },
    closing: {
      title: 'Keskustelun lopetus',
      guidance:
        'Varmistaa ennen lopetusta, että asia on hoidettu tai asiakas tietää, miten asia etenee, ja kiittää asiakasta.',
      examples: ['”Voinko auttaa vielä jossakin muussa? Kiitos soitostasi ja mukavaa päivänjatkoa.”'],
    },
    'needs-clarification': {
      title: 'Selvittää asiakkaan tarpeen',
      guidance:
        'Kysyy tarkentavia kysymyksiä ymmärtääkseen varsinaisen tarpeen ennen kuin vastaa. 2: kohdennetut ' +
        'kysymykset ja yhteenveto tarpeesta. 1: joitakin kysymyksiä, mutta hyppää nopeasti ratkaisuun. ' +
        '0: vastaa selvittämättä tarvetta.',
      examples: ['”Mihin käytät liittymää eniten: etätöihin vai suoratoistoon?”'],
    },
    'product-knowledge': {
      title: 'Oikeat tiedot tuotteista ja käytännöistä',
      guidance:
        'Tuotteita, hintoja, ehtoja ja käytäntöjä koskevat tiedot ovat oikeita ja riittäviä. Kriittinen: virheellinen ' +
        'tieto, josta aiheutuu asiakkaalle seurauksia (rahanmenetys, myöhästynyt määräaika, sopimus, jota hän ei ' +
        'muuten olisi tehnyt), hylkää koko arvioinnin. Kirjaa kommenttiin, mikä tieto oli väärin.',
      examples: [
        'Ei täyty: kertoo irtisanomisajaksi 14 päivää, vaikka se on 30, ja asiakas myöhästyy määräajasta.',
      ],
    },
    options: {
      title: 'Tarjoaa useita vaihtoehtoja',
      guidance:
        'Kun tarpeeseen on useampi ratkaisu, esittelee sopivat vaihtoehdot hyvine ja huonoine puolineen ja antaa ' +
        'asiakkaan valita. Ei sovellu, jos ratkaisuja on vain yksi.',
      examples: [
        '”Voimme lähettää korvaavan laitteen vielä tänään tai palauttaa rahat viiden päivän kuluessa. ' +
          'Kumpi sopii sinulle paremmin?”',
      ],
    },
    objections: {
      title: 'Käsittelee vastaväitteet asiallisesti',
      guidance:
        'Vastaa epäilyihin, valituksiin ja vastaväitteisiin tosiasioilla ja kärsivällisesti, ei koskaan ärtyneesti ' +
        'tai kostaen. 2: rauhallinen, asiallinen, tarttuu todelliseen huoleen. 1: asiallinen, mutta puolustautuva ' +
        'tai puutteellinen. 0: väittelee, tunteilee tai antaa periksi ilman syytä. Ei sovellu, jos vastaväitteitä ei ollut.',
      examples: [
        '”Ymmärrän, että hinta tuntuu korkealta. Siihen sisältyvät asennus ja kahden vuoden takuu. ' +
          'Haluatko, että vertaan sitä perusmalliin?”',
      ],
    },
    honesty: {
      title: 'Rehellisyys: ei manipulointia eikä katteettomia lupauksia',
      guidance:
        'Kertoo vain sen, mikä pitää paikkansa, ja lupaa vain sen, minkä yritys pystyy täyttämään: ei painostusta, ' +
        'piilotettuja ehtoja tai keksittyjä määräaikoja. Kriittinen: manipulointi tai katteeton lupaus hylkää koko ' +
        'arvioinnin.',
      examples: [
        'Ei täyty: ”Jos et allekirjoita tänään, tarjous menee ohi.” (vaikka ei mene)',
        'Ei täyty: ”Asentaja tulee huomenna ihan varmasti.” ilman varattua aikaa.',
      ],
    },
    ownership: {
      title: 'Ottaa asian omakseen',
      guidance:
        'Ratkaisee ongelman tai ottaa vastuun sen ratkaisemisesta sen sijaan, että siirtäisi asiakkaan eteenpäin tai ' +
        'tarjoaisi pikaisen kiertotien. 2: ratkaistu tai selkeä vastuunotto ja seuranta. 1: osittain. ' +
        '0: siirtää eteenpäin, väistää tai jättää asiakkaan kiertotien varaan.',
      examples: ['”Korjaan osoitteen nyt itse ja lähetän sinulle vahvistuksen sähköpostiin.”'],
    },
    escalation: {
      title: 'Eskaloi oikein',
      guidance:
        'Kun asia vaatii asiantuntijaa tai esihenkilöä, eskaloi oikeaa kanavaa pitkin kattavin tiedoin ja kertoo ' +
        'asiakkaalle, miten asia etenee. Ei sovellu, jos eskalointia ei tarvittu.',
      examples: [
        '”Välitän asian kaikkine tietoineen laskutustiimille. He soittavat sinulle torstaihin mennessä.”',
      ],
    },
    documentation: {
      title: 'Kirjaa asian ja jatkotoimet',
      guidance:
        'Kirjauksesta käyvät ilmi yhteydenoton syy, tehdyt toimet ja sovitut jatkotoimet niin selkeästi, että ' +
        'kollega voi jatkaa kysymättä asiakkaalta uudelleen.',
      examples: [
        '”Lasku 4711 veloitettu kahdesti. Hyvitys pyydetty laskutukselta. Asiakas informoitu, soitto viim. to.”',
      ],
    },
  },
  options: {
    'product-knowledge.correct': 'Oikein ja kattavasti',
    'product-knowledge.minor-gaps': 'Pääosin oikein, pieniä puutteita',
    'product-knowledge.wrong': 'Väärin, mutta korjattu tai ilman seurauksia',
    'product-knowledge.wrong-with-consequences': 'Väärin, ja asiakkaalle aiheutui seurauksia',
  },
};
