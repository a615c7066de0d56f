/**
 * Imported first by each process entry point, before Express, the MongoDB driver or the Graph
 * client are loaded: stack traces of the production build point at the TypeScript sources, and
 * OpenTelemetry can instrument those modules when tracing is configured.
 */
import { startTracing } from './tracing';

process.setSourceMapsEnabled(true);

export const tracing = startTracing(process.argv[1]?.includes('worker') ? 'worker' : 'api');
