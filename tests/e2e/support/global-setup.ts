import { ensureAddinBuilt } from './stack';

/**
 * Builds the add-in before any test of the run starts when dist/addin is missing, a development
 * build or older than its sources: other tests serve dist/addin too, and webpack empties it
 * while it builds.
 */
export default function globalSetup(): void {
  ensureAddinBuilt();
}
