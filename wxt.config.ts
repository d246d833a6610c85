import { defineConfig } from 'wxt';

// The extension's code lives in extension/ while this config stays at the root (DESIGN §2).
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  outDir: '.output',
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `tabs`: the caller-ID badge reads each tab's URL (DESIGN §7); no content script is injected for it.
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms', 'tabs'],
    // The rep's own sync server, asked for at sign-in (options page) for just that host: none at install.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Except loopback: a server on the rep's own machine (a one-person team, the end-to-end tests), where
    // Chromium's permission prompt cannot be answered headless. Loopback reaches no one else's data.
    host_permissions: [
      'http://127.0.0.1/*',
      'http://localhost/*',
      // The mail adapters' sites (DESIGN §7): the only web sites the extension asks for at install.
      'https://mail.google.com/*',
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
    ],
    // The clip shortcut (DESIGN §7: capture on the rep's action); it grants `activeTab` like the toolbar button.
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_clipPageCommand__',
      },
    },
    // Firefox reads `optional_host_permissions` only from version 128 (older ones ignore the key, so the sign-in's
    // request for the rep's server could never be granted): 128 is the first release that keeps this manifest's word.
    browser_specific_settings: {
      gecko: { id: 'leadcard@leadcard.dev', strict_min_version: '128.0' },
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
