// Every REST call the dashboard makes, in one place (paths below /api/v1/; bodies are the shared-model records).
import { get, post, patch, put, del } from './http.js';

const id = value => encodeURIComponent(value);

export const member = {
  me: () => get('me'),
  balance: () => get('balance'),                               // BalanceView
  keys: () => get('keys'),                                     // [KeyView]
  groups: () => get('groups'),                                 // [GroupView] the member may use
  createKey: body => post('keys', body),                       // KeyCreateRequest → KeyCreated
  setKeyStatus: (keyId, status) => post(`keys/${id(keyId)}/${status === 'active' ? 'enable' : 'disable'}`),
  deleteKey: keyId => del(`keys/${id(keyId)}`),
  usage: query => get('usage', range(query)),                  // Page<UsageRecordView>
  usageDaily: query => get('usage/daily', range(query)),       // [UsageDay]
  usageModels: query => get('usage/models', range(query)),     // [ModelUsage]
  redeem: code => post('redeem', { code }),                    // RedeemResult
};

export const admin = {
  accounts: () => get('admin/accounts'),                       // [AccountView] or Page
  setAccountEnabled: (accountId, enabled) => post(`admin/accounts/${id(accountId)}/${enabled ? 'enable' : 'disable'}`),
  clearCooldown: accountId => del(`admin/accounts/${id(accountId)}/cooldown`),
  testPath: accountId => `admin/accounts/${id(accountId)}/test`, // SSE of AccountTestEvent
  users: query => get('admin/users', query),                   // Page<AdminUser>
  updateUser: (userId, body) => patch(`admin/users/${id(userId)}`, body),
  setUserEnabled: (userId, enabled) => post(`admin/users/${id(userId)}/${enabled ? 'enable' : 'disable'}`),
  adjustBalance: (userId, amount, reason) => post(`admin/users/${id(userId)}/balance`, { amount, reason }),
  userKeys: userId => get(`admin/users/${id(userId)}/keys`),    // [KeyView]
  setKeyStatus: (userId, keyId, status) =>
    post(`admin/users/${id(userId)}/keys/${id(keyId)}/${status === 'active' ? 'enable' : 'disable'}`),
  groups: () => get('admin/groups', { size: 500 }),            // Page<GroupView>, all of them (500 is the page limit)
  redeemCodes: query => get('admin/redeem-codes', query),      // Page<RedeemCodeView>
  generateCodes: body => post('admin/redeem-codes', body),     // RedeemGenerateRequest → RedeemBatch
  series: query => get('admin/usage/series', query),           // [DashboardBucket]
  models: query => get('admin/usage/models', query),           // [ModelUsage]
  usage: query => get('admin/usage', range(query)),            // Page<UsageRecordView>
  settings: () => get('admin/settings'),
  saveSettings: body => put('admin/settings', body),
  eventsPath: 'admin/events',
};

/** The API takes instants; the filters hold UTC days (yyyy-mm-dd), "to" inclusive. */
export function range(query = {}) {
  const out = { ...query };
  if (/^\d{4}-\d{2}-\d{2}$/.test(out.from ?? '')) out.from = `${out.from}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(out.to ?? '')) {
    out.to = new Date(Date.parse(`${out.to}T00:00:00Z`) + 86400000).toISOString().replace('.000Z', 'Z');
  }
  return out;
}

/** Lists may come bare or as a Page; views want the items either way. */
export function items(answer) {
  return Array.isArray(answer) ? answer : (answer?.items ?? []);
}
