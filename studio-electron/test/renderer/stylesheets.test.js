'use strict';

/*
 * The style sheets: one per part of the window plus a shared palette; no colour anywhere but in
 * the palette; every rule inside a cascade layer whose order the palette declares (so no rule
 * depends on which file loads first); and the page links every sheet, the palette first.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const RENDERER = path.join(__dirname, '..', '..', 'src', 'renderer');
const STYLES = path.join(RENDERER, 'styles');
const PALETTE = 'palette.css';

/** CSS named colours a rule could use instead of the palette (all of them but transparent and currentColor). */
const NAMED = ['aliceblue', 'antiquewhite', 'aqua', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanchedalmond',
  'blue', 'blueviolet', 'brown', 'burlywood', 'cadetblue', 'chartreuse', 'chocolate', 'coral', 'cornflowerblue',
  'cornsilk', 'crimson', 'cyan', 'darkblue', 'darkcyan', 'darkgoldenrod', 'darkgray', 'darkgreen', 'darkgrey',
  'darkkhaki', 'darkmagenta', 'darkolivegreen', 'darkorange', 'darkorchid', 'darkred', 'darksalmon', 'darkseagreen',
  'darkslateblue', 'darkslategray', 'darkturquoise', 'darkviolet', 'deeppink', 'deepskyblue', 'dimgray', 'dodgerblue',
  'firebrick', 'floralwhite', 'forestgreen', 'fuchsia', 'gainsboro', 'ghostwhite', 'gold', 'goldenrod', 'gray', 'grey',
  'green', 'greenyellow', 'honeydew', 'hotpink', 'indianred', 'indigo', 'ivory', 'khaki', 'lavender', 'lawngreen',
  'lemonchiffon', 'lightblue', 'lightcoral', 'lightcyan', 'lightgray', 'lightgreen', 'lightpink', 'lightsalmon',
  'lightseagreen', 'lightskyblue', 'lightslategray', 'lightsteelblue', 'lightyellow', 'lime', 'limegreen', 'linen',
  'magenta', 'maroon', 'mediumblue', 'mediumorchid', 'mediumpurple', 'mediumseagreen', 'mintcream', 'mistyrose',
  'moccasin', 'navajowhite', 'navy', 'oldlace', 'olive', 'olivedrab', 'orange', 'orangered', 'orchid', 'palegreen',
  'paleturquoise', 'palevioletred', 'papayawhip', 'peachpuff', 'peru', 'pink', 'plum', 'powderblue', 'purple', 'red',
  'rosybrown', 'royalblue', 'salmon', 'sandybrown', 'seagreen', 'seashell', 'sienna', 'silver', 'skyblue', 'slateblue',
  'slategray', 'snow', 'springgreen', 'steelblue', 'tan', 'teal', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat',
  'white', 'whitesmoke', 'yellow', 'yellowgreen'];
const COLOUR_FUNCTION = /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
const HEX = /#[0-9a-f]{3,8}\b/i;

function sheets() {
  return fs.readdirSync(STYLES).filter((name) => name.endsWith('.css')).sort();
}

/** The sheet without comments and without quoted strings (a content: "…" may hold anything). */
function code(name) {
  return fs.readFileSync(path.join(STYLES, name), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** Each declaration's value, with the property it belongs to. */
function declarations(css) {
  return [...css.matchAll(/([-\w]+)\s*:\s*([^;{}]+);/g)].map((m) => ({ property: m[1], value: m[2].trim() }));
}

/** The top-level blocks of a sheet: [{prelude, body}]. */
function topLevel(css) {
  const blocks = [];
  let depth = 0;
  let start = 0;
  let prelude = '';
  for (let i = 0; i < css.length; i += 1) {
    if (css[i] === '{') {
      if (depth === 0) {
        prelude = css.slice(start, i).trim();
        start = i + 1;
      }
      depth += 1;
    } else if (css[i] === '}') {
      depth -= 1;
      if (depth === 0) {
        blocks.push({ prelude, body: css.slice(start, i) });
        start = i + 1;
      }
    } else if (css[i] === ';' && depth === 0) {
      blocks.push({ prelude: css.slice(start, i).trim(), body: null });
      start = i + 1;
    }
  }
  assert.equal(css.slice(start).trim(), '', 'nothing after the last block');
  return blocks;
}

test('no style sheet but the palette holds a colour', () => {
  const found = [];
  for (const name of sheets().filter((sheet) => sheet !== PALETTE)) {
    for (const { property, value } of declarations(code(name))) {
      const words = value.toLowerCase().split(/[^a-z-]+/);
      const named = words.find((word) => NAMED.includes(word));
      if (HEX.test(value) || COLOUR_FUNCTION.test(value) || (named && property !== 'animation' && property !== 'animation-name')) {
        found.push(`${name}: ${property}: ${value}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('the palette holds only custom properties, and declares the order of the layers', () => {
  const blocks = topLevel(code(PALETTE));
  assert.deepEqual(blocks.map((block) => block.prelude), ['@layer base, views, layout', ':root']);
  const custom = declarations(blocks[1].body);
  assert.ok(custom.length > 40);
  assert.deepEqual(custom.filter((d) => !d.property.startsWith('--')).map((d) => d.property), []);
  const names = custom.map((d) => d.property);
  assert.equal(new Set(names).size, names.length, 'each colour is named once');
});

test('every rule of the other sheets is inside a layer the palette orders', () => {
  for (const name of sheets().filter((sheet) => sheet !== PALETTE)) {
    const layered = topLevel(code(name)).filter((block) => !(name === 'base.css' && block.prelude === '[hidden]'));
    assert.ok(layered.length >= 1, name);
    for (const block of layered) {
      assert.match(block.prelude, /^@layer (base|views|layout)$/, `${name}: ${block.prelude}`);
    }
  }
});

test('every custom property a sheet uses is defined in the palette', () => {
  const defined = new Set(declarations(topLevel(code(PALETTE))[1].body).map((d) => d.property));
  for (const name of sheets()) {
    for (const [, used] of code(name).matchAll(/var\((--[\w-]+)\)/g)) {
      assert.ok(defined.has(used), `${name} uses ${used}`);
    }
  }
});

test('the page links every style sheet, the palette first, and nothing inline', () => {
  const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const linked = [...html.matchAll(/<link rel="stylesheet" href="styles\/([\w-]+\.css)">/g)].map((m) => m[1]);
  assert.equal(linked[0], PALETTE);
  assert.deepEqual([...linked].sort(), sheets());
  assert.doesNotMatch(html, /<style|\sstyle="/);
});
