/**
 * Administration → API-nycklar (issue 16): read-only keys for BI tools. Loaded with the admin
 * screen's lazy chunk, not in the first load.
 */
const sv = {
  tab: 'API-nycklar',
  intro:
    'En API-nyckel låter Power BI, Excel eller Qlik läsa mått och tabeller för en del av organisationen. Nyckeln kan bara läsa, aldrig ändra, och ser fritext bara om en administratör tillåter det.',
  create: 'Skapa API-nyckel',
  name: 'Namn (t.ex. "Power BI Medicin")',
  scope: 'Gäller för',
  expires: 'Sista giltighetsdag (valfritt)',
  secretOnce: 'Kopiera nyckeln nu. Den visas bara den här gången.',
  secretFor: 'Nyckel för {name}',
  basicHint: 'I Excel eller Power BI: välj Grundläggande (Basic), valfritt användarnamn, nyckeln som lösenord.',
  list: 'Nycklar',
  none: 'Inga API-nycklar.',
  createdBy: 'skapad {date} av {who}',
  lastUsed: 'senast använd {time}',
  neverUsed: 'aldrig använd',
  expiresOn: 'gäller till och med {date}',
  revoked: 'återkallad',
  revoke: 'Återkalla',
  revokeConfirm: 'Återkalla {name}? Det som använder nyckeln slutar få data direkt.',
  freeText: 'Får läsa fritext (åtgärdernas rubriker och anteckningar)',
  freeTextTag: 'läser fritext',
};
const en: typeof sv = {
  tab: 'API keys',
  intro:
    'An API key lets Power BI, Excel or Qlik read figures and tables of part of the organisation. The key only reads, never changes anything, and sees free text only if an administrator allows it.',
  create: 'Create API key',
  name: 'Name (e.g. "Power BI Medicine")',
  scope: 'Covers',
  expires: 'Last valid day (optional)',
  secretOnce: 'Copy the key now. It is shown only this once.',
  secretFor: 'Key for {name}',
  basicHint: 'In Excel or Power BI: choose Basic, any user name, the key as password.',
  list: 'Keys',
  none: 'No API keys.',
  createdBy: 'created {date} by {who}',
  lastUsed: 'last used {time}',
  neverUsed: 'never used',
  expiresOn: 'valid up to and including {date}',
  revoked: 'revoked',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke {name}? Whatever uses the key stops getting data at once.',
  freeText: 'May read free text (action titles and notes)',
  freeTextTag: 'reads free text',
};
export const adminApiKeyTexts = { sv, en };
