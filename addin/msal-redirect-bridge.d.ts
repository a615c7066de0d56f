/**
 * msal-browser v5 publishes its redirect bridge as a package subpath export, which the
 * project's `moduleResolution: node10` does not read; webpack resolves it normally.
 */
declare module '@azure/msal-browser/redirect-bridge' {
  export function broadcastResponseToMainFrame(navigationClient?: unknown): Promise<void>;
}
