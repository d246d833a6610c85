import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The built Firefox manifest (`npm run build:firefox` → .output/firefox-mv3). It runs in the e2e project because
 * it reads the build's output, like the Chromium specs read .output/chrome-mv3.
 */
const manifestPath = new URL('../../.output/firefox-mv3/manifest.json', import.meta.url);

interface FirefoxManifest {
  manifest_version: number;
  optional_host_permissions?: string[];
  host_permissions?: string[];
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
}

/** `128.0` → [128, 0]: Firefox compares versions part by part as numbers. */
const versionParts = (version: string) => version.split('.').map(Number);

/** The first Firefox that reads `optional_host_permissions` (MDN, manifest.json/optional_host_permissions). */
const FIRST_FIREFOX_WITH_OPTIONAL_HOSTS = 128;

describe('the built Firefox manifest', () => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as FirefoxManifest;
  const gecko = manifest.browser_specific_settings?.gecko;

  it('is Manifest V3 with the add-on id Firefox needs to keep the rep’s storage across updates', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(gecko?.id).toBe('leadcard@leadcard.dev');
  });

  it('asks for the rep’s server as an optional host only of Firefox versions that read that key', () => {
    // The sign-in asks for the server's origin at run time (DESIGN §7); a Firefox that ignores the key could
    // never grant it, so the minimum version must be one that reads it.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    const [major] = versionParts(gecko?.strict_min_version ?? '0');
    expect(major).toBeGreaterThanOrEqual(FIRST_FIREFOX_WITH_OPTIONAL_HOSTS);
  });

  it('grants loopback and the mail sites at install, and no other web site', () => {
    expect(manifest.host_permissions).toEqual([
      'http://127.0.0.1/*',
      'http://localhost/*',
      'https://mail.google.com/*',
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
    ]);
  });
});
