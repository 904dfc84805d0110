// Copy-ready settings for the usual clients, pointing at this server's origin with a freshly created key.
import { h, copyButton } from '../dom.js';

export function snippets(origin, key) {
  return [
    {
      id: 'claude', label: 'Claude Code', platform: 'anthropic',
      note: 'Shell, or the "env" block of ~/.claude/settings.json:',
      text: `export ANTHROPIC_BASE_URL="${origin}"\nexport ANTHROPIC_AUTH_TOKEN="${key}"\nclaude`,
    },
    {
      id: 'codex', label: 'Codex CLI', platform: 'openai',
      note: 'Add to ~/.codex/config.toml, then export the key:',
      text: `model_provider = "relaypool"\n\n[model_providers.relaypool]\nname = "Relaypool"\nbase_url = "${origin}/v1"\nwire_api = "responses"\nenv_key = "RELAYPOOL_API_KEY"\n\n# shell:\nexport RELAYPOOL_API_KEY="${key}"`,
    },
    {
      id: 'gemini', label: 'Gemini CLI', platform: 'gemini',
      note: 'Shell:',
      text: `export GOOGLE_GEMINI_BASE_URL="${origin}"\nexport GEMINI_API_KEY="${key}"\ngemini`,
    },
  ];
}

/** One collapsible block per client; the one matching the key's platform starts open. */
export function settingsBlocks(origin, key, platform) {
  return h('div', { class: 'client-settings' }, snippets(origin, key).map(s =>
    h('details', { open: s.platform === platform || (!platform && s.id === 'claude'), 'data-client': s.id },
      h('summary', {}, s.label),
      h('p', { class: 'muted' }, s.note),
      h('div', { class: 'snippet' }, h('pre', {}, h('code', {}, s.text)), copyButton(s.text)))));
}
