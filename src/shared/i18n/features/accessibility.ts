/**
 * The accessibility statement (tillgänglighetsredogörelse) that lagen (2018:1937) om tillgänglighet
 * till digital offentlig service asks for, shown at #/tillganglighet and kept in step with
 * docs/accessibility.md. Keep it true: change it when a known gap is fixed or a new one is found.
 */
const sv = {
  title: 'Tillgänglighet',
  lead: 'Tillgänglighetsredogörelse för Pulstavlan',
  intro:
    'Pulstavlan används av regionens vårdenheter för dagliga pulsmöten. Regionen som driver tjänsten vill att så många som möjligt ska kunna använda den. Här beskriver vi hur Pulstavlan uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem.',
  statusTitle: 'Hur tillgänglig är tjänsten?',
  status:
    'Pulstavlan uppfyller delvis kraven i standarden EN 301 549 (version 3.2.1), som motsvarar WCAG 2.1 nivå AA. Bristerna nedan är kända.',
  gapsTitle: 'Kända brister',
  gap1: 'Trenddiagrammen är bilder. Samma värden, mål och signaler finns i tabellen och texten under varje diagram.',
  gap2: 'Utskriftsvyn för Mål och resultat är gjord för papper och kan kräva sidledes scrollning på en smal skärm.',
  reportTitle: 'Rapportera brister',
  report:
    'Om du stöter på något som hindrar dig: berätta för din chef eller kontakta regionens IT-servicedesk. Ange vilken skärm det gäller, vilken enhet (telefon, surfplatta, dator) och vad som hände. Vi svarar inom två veckor.',
  diggTitle: 'Tillsyn',
  digg:
    'Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till DIGG:',
  diggLink: 'Anmäl bristande tillgänglighet till DIGG',
  testedTitle: 'Hur vi testat',
  tested:
    'Varje skärm testas automatiskt vid varje ändring med axe-core 4 (WCAG 2.0 och 2.1, nivå A och AA) för personal, chef och administratör i 320, 390, 640, 1280 och 1920 pixlars bredd, med mätta tryckytor (minst 44 × 44 pixlar på telefon och surfplatta), utan sidledes scrollning vid 320 pixlar och med tangentbordet (hygienobservation, grön dag, fall, bemanning och åtgärd). Väggskärmen, även när den växlar mellan enheter och tavlor, ryms utan scrollning på 1280 × 800 och 1920 × 1080 pixlar och har inga knappar. Tavlorna, pulsmötet, väggskärmen och Mål och resultat visar samma mål för samma siffra.',
  reviewed: 'Redogörelsen granskades senast den 4 december 2026.',
  back: 'Tillbaka',
};
const en: typeof sv = {
  title: 'Accessibility',
  lead: 'Accessibility statement for Pulstavlan',
  intro:
    "Pulstavlan is used by the region's care units for daily pulse meetings. The region that runs it wants as many people as possible to be able to use it. This page describes how Pulstavlan meets the Swedish act on accessibility of digital public services, the known gaps and how to report a problem.",
  statusTitle: 'How accessible is the service?',
  status: 'Pulstavlan partly meets EN 301 549 (version 3.2.1), which corresponds to WCAG 2.1 level AA. The gaps below are known.',
  gapsTitle: 'Known gaps',
  gap1: 'The trend charts are images. The same values, targets and signals are in the table and text below each chart.',
  gap2: 'The print view of Goals and results is made for paper and may need sideways scrolling on a narrow screen.',
  reportTitle: 'Report a problem',
  report:
    "If something stops you: tell your manager or contact the region's IT service desk. Say which screen, which device (phone, tablet, computer) and what happened. We answer within two weeks.",
  diggTitle: 'Supervision',
  digg: 'The Agency for Digital Government (DIGG) supervises the act. If you are not satisfied with how we handle your feedback, you can report it to DIGG:',
  diggLink: 'Report lack of accessibility to DIGG',
  testedTitle: 'How we tested',
  tested:
    'Every screen is tested automatically on every change with axe-core 4 (WCAG 2.0 and 2.1, level A and AA) for staff, manager and administrator at 320, 390, 640, 1280 and 1920 pixels wide, with measured touch targets (at least 44 × 44 pixels on phone and tablet), no sideways scrolling at 320 pixels, and with the keyboard. The wall screen, also while it rotates between units and boards, fits 1280 × 800 and 1920 × 1080 pixels without scrolling and has no controls. The boards, the pulse meeting, the wall screen and Goals and results show the same target for the same figure.',
  reviewed: 'This statement was last reviewed on 4 December 2026.',
  back: 'Back',
};
export const accessibilityTexts = { sv, en };
/** DIGG's form for reporting a lack of accessibility in a public service. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';
