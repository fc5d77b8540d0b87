/** `npm run wasm`: regenerates engine/wasm/gemm.wat and engine/wasm/gemm-bytes.ts (see assemble.ts). */
import { writeFileSync } from 'node:fs';
import { BYTES_PATH, WAT_PATH, assemble } from './assemble.ts';

const { wat, bytesTs, size } = await assemble();
writeFileSync(WAT_PATH, wat);
writeFileSync(BYTES_PATH, bytesTs);
console.log(`${WAT_PATH}, ${BYTES_PATH}: ${size} bytes of wasm`);
