import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildMailroomSchema } from './schema.js';
import { SCHEMA_FILE, schemaText } from './schemaText.js';

const schema = await buildMailroomSchema();
mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
writeFileSync(SCHEMA_FILE, schemaText(schema));
console.log(`wrote ${SCHEMA_FILE}`);
