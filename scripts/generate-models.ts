// Writes the ONNX graphs of src/main/ml/onnx/models.ts to resources/models (npm run models).
// A unit test checks that the committed files equal what this writes today.
import fs from 'node:fs';
import path from 'node:path';
import { MODELS } from '../src/main/ml/onnx/models';

const dir = path.resolve('resources/models');
fs.mkdirSync(dir, { recursive: true });
for (const [name, build] of Object.entries(MODELS)) {
  const bytes = build();
  fs.writeFileSync(path.join(dir, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
