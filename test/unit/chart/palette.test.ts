import assert from 'node:assert/strict';
import { test } from 'node:test';
import { derivedPalette, mixColours, parseColour, seriesStyle, withAlpha } from '../../../webviews/training/chart/palette';

const base = ['#3794ff', '#f14c4c', '#89d185', '#d18616', '#b180d7', '#cca700'];

test('parses the colour forms canvas normalises to', () => {
  assert.deepEqual(parseColour('#ff0080'), { r: 255, g: 0, b: 128, a: 1 });
  assert.deepEqual(parseColour('#f08'), { r: 255, g: 0, b: 136, a: 1 });
  assert.deepEqual(parseColour('rgba(1, 2, 3, 0.5)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.deepEqual(parseColour(' rgb(10 20 30 / 50%) '), { r: 10, g: 20, b: 30, a: 0.5 });
  assert.equal(parseColour('var(--x)'), undefined);
});

test('palette: the six theme colours first, then mixes of pairs, then dashed repeats', () => {
  const palette = derivedPalette(base);
  assert.equal(palette.length, 6 + 15);
  assert.deepEqual(palette.slice(0, 6), base);
  assert.equal(palette[6], mixColours('#3794ff', '#f14c4c'));
  assert.equal(mixColours('#000000', '#ffffff'), 'rgba(128, 128, 128, 1)');
  assert.deepEqual(seriesStyle(base, 0), { stroke: '#3794ff', dash: [] });
  assert.equal(seriesStyle(base, 21).stroke, '#3794ff');
  assert.notDeepEqual(seriesStyle(base, 21).dash, []);
});

test('unparsable theme colours are reused, never replaced by invented ones', () => {
  const odd = ['red', 'blue'];
  assert.deepEqual(derivedPalette(odd), odd);
  assert.equal(withAlpha('red', 0.3), 'red');
  assert.equal(withAlpha('#ff0000', 0.3), 'rgba(255, 0, 0, 0.3)');
});
