/** Every `barometer` command. Add a new one by writing src/commands/NAME.ts and listing it here. */
import type { Command } from './types.js';
import { serveCommand } from './serve.js';
import { migrateCommand } from './migrate.js';
import { demoGenerateCommand, demoServeCommand } from './demo.js';
import { importCommand } from './import.js';
import { ingestCommand } from './ingest.js';
import { rollupsRebuildCommand } from './rollups.js';
import { sourcesAddCommand, sourcesDisableCommand, sourcesEnableCommand, sourcesListCommand } from './sources.js';
import { classifyCommand } from './classify.js';
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from './keys.js';
import { signalsEvaluateCommand } from './signals.js';
import { digestPreviewCommand, digestSendCommand } from './digest.js';

export const commands: Command[] = [serveCommand, migrateCommand, demoGenerateCommand, demoServeCommand, keysCreateCommand, keysListCommand, keysRevokeCommand, classifyCommand, importCommand, ingestCommand, rollupsRebuildCommand, sourcesAddCommand, sourcesListCommand, sourcesDisableCommand, sourcesEnableCommand, signalsEvaluateCommand, digestPreviewCommand, digestSendCommand];
