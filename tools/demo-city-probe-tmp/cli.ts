import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
async function main(): Promise<void> {
  const { tsImport } = await import('tsx/esm/api');
  const mod = (await tsImport('./gen.ts', { parentURL: pathToFileURL(__filename).href, tsconfig: join(__dirname, 'tsconfig.json') })) as { f: () => string };
  console.log(mod.f());
}
void main();
