import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs one of scripts/ (`npm run <name> -- …`) as an operator would, in a process of its own with
 * `env` over this one's, and gives back its exit status and output.
 */
export function runScript(
  name: string,
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', path.join('scripts', `${name}.ts`), ...args],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
