import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { goAvailable } from './embedded-db';
import { binDir, projectRoot } from './paths';

/**
 * Development and CI tools built from the Go module proxy with the machine's Go, like the embedded
 * database: each has a folder under scripts/ whose go.mod pins the version (a `tool` directive)
 * and whose go.sum pins the checksums. Built into .local/bin once; rebuilt when the pin changes.
 */
export interface GoTool {
  name: string;
  /** Folder under scripts/ with the pinning go.mod and go.sum. */
  folder: string;
  /** The package to build. */
  pkg: string;
  what: string;
}

export const mailpitTool: GoTool = {
  name: 'mailpit',
  folder: 'mailpit',
  pkg: 'github.com/axllent/mailpit',
  what: 'Mailpit, the development mail server',
};

export const helmTool: GoTool = {
  name: 'helm',
  folder: 'helm',
  pkg: 'helm.sh/helm/v3/cmd/helm',
  what: 'Helm, to lint and render the Kubernetes chart',
};

export const toolBinary = (tool: GoTool) => path.join(binDir, tool.name);

export function goToolIsBuilt(tool: GoTool): boolean {
  const binary = toolBinary(tool);
  if (!existsSync(binary)) return false;
  const built = statSync(binary).mtimeMs;
  return ['go.mod', 'go.sum'].every(
    (f) => statSync(path.join(projectRoot, 'scripts', tool.folder, f)).mtimeMs <= built,
  );
}

/** Builds the tool with Go (the first build downloads its modules; Helm's takes several minutes). */
export function buildGoTool(tool: GoTool, progress: (line: string) => void = console.log): void {
  if (!goAvailable())
    throw new Error(`Go is not installed, so ${tool.what} cannot be built (install Go 1.24+).`);
  progress(`Building ${tool.what} with Go; the first build downloads its modules…`);
  const started = Date.now();
  const result = spawnSync('go', ['build', '-trimpath', '-o', toolBinary(tool), tool.pkg], {
    cwd: path.join(projectRoot, 'scripts', tool.folder),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (result.status !== 0)
    throw new Error(`Building ${tool.name} failed (go build exited ${result.status}).`);
  progress(
    `${tool.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(projectRoot, toolBinary(tool))}`,
  );
}
