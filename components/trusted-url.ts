/**
 * Script URLs under Trusted Types (`require-trusted-types-for 'script'`, site/lib/csp.ts): each named policy
 * passes exactly one URL, fixed when the policy is made (the engine worker's, the service worker's). Browsers
 * without Trusted Types (Firefox, Safari) get the plain string.
 */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

const policies = new Map<string, ScriptUrlPolicy>();

/** `url` (resolved against the page) as a TrustedScriptURL from the policy `name`, which refuses any other URL. */
export function trustedScriptUrl(name: string, url: string): string {
  const expected = new URL(url, location.href).href;
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return expected;
  let policy = policies.get(name);
  if (!policy) {
    policy = tt.createPolicy(name, {
      createScriptURL(u) {
        if (new URL(u, location.href).href !== expected) throw new TypeError(`Refusing to load a script from ${u}.`);
        return u;
      },
    });
    policies.set(name, policy);
  }
  // A TrustedScriptURL is what Worker() and serviceWorker.register() accept; TypeScript's DOM lib does not know the type.
  return policy.createScriptURL(expected) as string;
}
