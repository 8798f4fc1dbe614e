// The course samples check cleanly, and the JSON Schema agrees with the layer catalog.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { checkModel, COMMON_PARAMS, LAYER_CATALOG, LAYER_TYPES } from '../../../runtime/language/index';
import { MapReader } from '../../../runtime/language/map-reader';
import { SourceContext } from '../../../runtime/language/source';

const SAMPLES = readdirSync('samples').filter((f) => f.endsWith('.model.yaml'));

test('there is a sample for each network of the course', () => {
  for (const name of ['linear-regression', 'mlp-xor', 'lenet', 'vgg', 'resnet-block', 'densenet-block', 'se-block', 'unet']) {
    assert.ok(SAMPLES.includes(`${name}.model.yaml`), name);
  }
});

for (const file of SAMPLES) {
  test(`sample ${file} checks with zero diagnostics and says what it teaches`, () => {
    const text = readFileSync(join('samples', file), 'utf8');
    assert.match(text.split('\n')[0] ?? '', /^# Teaches: \S/);
    const check = checkModel(text, file);
    assert.deepEqual(check.diagnostics, []);
    assert.ok(check.spec, 'a valid sample yields a spec');
    assert.ok(check.layers.every((l) => l.outputShape !== null));
    assert.ok(check.totals.params > 0);
  });
}

test('the samples as JSON check the same as YAML', () => {
  for (const file of SAMPLES) {
    const text = readFileSync(join('samples', file), 'utf8');
    const json = JSON.stringify(parseDocument(text).toJS(), null, 2);
    const fromJson = checkModel(json, file.replace('.yaml', '.json'));
    const fromYaml = checkModel(text, file);
    assert.deepEqual(fromJson.diagnostics, []);
    assert.deepEqual(fromJson.layers.map((l) => [l.id, l.outputShape, l.params]), fromYaml.layers.map((l) => [l.id, l.outputShape, l.params]));
  }
});

interface SchemaNode {
  readonly properties?: Record<string, unknown>;
  readonly required?: string[];
  readonly oneOf?: SchemaNode[];
  readonly enum?: string[];
}

test('schema: one definition per layer type with exactly the catalog parameters', () => {
  const schema = JSON.parse(readFileSync('schemas/model.schema.json', 'utf8')) as { $schema: string; definitions: Record<string, SchemaNode> };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const variants = schema.definitions.layer?.oneOf ?? [];
  const objectTypes = variants.flatMap((v) => Object.keys(v.properties ?? {}));
  assert.deepEqual([...objectTypes].sort(), [...LAYER_TYPES].sort());
  for (const type of LAYER_TYPES) {
    const definition = schema.definitions[`layer.${type}`];
    const documented = [...LAYER_CATALOG[type].params, ...COMMON_PARAMS].map((p) => p.name);
    assert.deepEqual(Object.keys(definition?.properties ?? {}).sort(), documented.sort(), type);
  }
});

test('catalog: each layer reads exactly its documented parameters', () => {
  const doc = parseDocument('');
  for (const type of LAYER_TYPES) {
    const ctx = new SourceContext('', doc);
    const reader = new MapReader(ctx, undefined, { start: { line: 0, col: 0 }, end: { line: 0, col: 0 } }, type);
    LAYER_CATALOG[type].build(reader);
    assert.deepEqual(reader.requestedKeys().sort(), LAYER_CATALOG[type].params.map((p) => p.name).sort(), type);
  }
});
