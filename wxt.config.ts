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
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    browser_specific_settings: {
      gecko: { id: 'leadcard@leadcard.dev', strict_min_version: '115.0' },
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
