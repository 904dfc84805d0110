// Every REST call the dashboard makes, in one place (paths below /api/v1/; bodies are the shared-model records).
import { get, post, patch, put, del } from './http.js';

const id = value => encodeURIComponent(value);

export const member = {
  me: () => get('me'),
  balance: () => get('balance'),                               // BalanceView
  keys: () => get('keys'),                                     // [KeyView]
  groups: () => get('groups'),                                 // [GroupView] the member may use
  createKey: body => post('keys', body),                       // KeyCreateRequest → KeyCreated
  setKeyStatus: (keyId, status) => patch(`keys/${id(keyId)}`, { status }),
  deleteKey: keyId => del(`keys/${id(keyId)}`),
  usage: query => get('usage', query),                         // Page<UsageRecordView>
  usageDaily: query => get('usage/daily', query),              // [UsageDay]
  usageModels: query => get('usage/models', query),            // [ModelUsage]
  redeem: code => post('redeem', { code }),                    // RedeemResult
};

export const admin = {
  accounts: () => get('admin/accounts'),                       // [AccountView] or Page
  setSchedulable: (accountId, schedulable) => patch(`admin/accounts/${id(accountId)}`, { schedulable }),
  clearCooldown: accountId => del(`admin/accounts/${id(accountId)}/cooldown`),
  testPath: accountId => `admin/accounts/${id(accountId)}/test`, // SSE of AccountTestEvent
  users: query => get('admin/users', query),                   // Page<AdminUser>
  updateUser: (userId, body) => patch(`admin/users/${id(userId)}`, body),
  adjustBalance: (userId, amount, reason) => post(`admin/users/${id(userId)}/balance`, { amount, reason }),
  keys: query => get('admin/keys', query),                     // Page<KeyView>
  setKeyStatus: (keyId, status) => patch(`admin/keys/${id(keyId)}`, { status }),
  groups: () => get('admin/groups'),                           // [GroupView]
  redeemCodes: query => get('admin/redeem-codes', query),      // Page<RedeemCodeView>
  generateCodes: body => post('admin/redeem-codes', body),     // RedeemGenerateRequest → RedeemBatch
  series: query => get('admin/usage/series', query),           // [DashboardBucket]
  models: query => get('admin/usage/models', query),           // [ModelUsage]
  usage: query => get('admin/usage', query),                   // Page<UsageRecordView>
  settings: () => get('admin/settings'),
  saveSettings: body => put('admin/settings', body),
  eventsPath: 'admin/events',
};

/** Lists may come bare or as a Page; views want the items either way. */
export function items(answer) {
  return Array.isArray(answer) ? answer : (answer?.items ?? []);
}
