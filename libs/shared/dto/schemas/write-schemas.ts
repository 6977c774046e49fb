import { writeFileSync } from 'node:fs';
import { contractSchemas, formatSchemas, SCHEMAS_FILE } from './contract-schemas';

/** `npx nx run shared-dto:schemas`: regenerates schemas.json from the package's types. */
writeFileSync(SCHEMAS_FILE, formatSchemas(contractSchemas()));
console.log(`wrote ${SCHEMAS_FILE}`);
