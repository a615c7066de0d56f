/**
 * Development only (`npm run dev`, webpack `--env reload`): reloads the page after webpack has
 * rebuilt the add-in. It asks the API's own origin for build.json, so it works wherever the page
 * runs — the dev host, Outlook on the web, Outlook on Windows — without another port or socket
 * (the pages' Content-Security-Policy allows connections to their own origin only).
 */
const everyMs = 1_000;

async function buildHash(): Promise<string | null> {
  try {
    const response = await fetch(new URL('build.json', document.baseURI), { cache: 'no-store' });
    return response.ok ? ((await response.json()) as { hash: string }).hash : null;
  } catch {
    return null; // the server restarts or is rebuilding: ask again later
  }
}

void (async () => {
  const loaded = await buildHash();
  const check = async () => {
    if (document.visibilityState === 'visible') {
      const now = await buildHash();
      if (loaded && now && now !== loaded) {
        window.location.reload();
        return;
      }
    }
    setTimeout(() => void check(), everyMs);
  };
  setTimeout(() => void check(), everyMs);
})();
