/*
 * Crafty and the icons, drawn as pixel art: each picture is a grid of letters, one letter per
 * pixel, turned into SVG rectangles (runs of one colour merged). Colours live in the style
 * sheet (.px-<letter>), and the avatar's face parts are groups the style sheet animates:
 * blinking eyes, pupils that look up while he thinks, a mouth that moves while he talks.
 */
(function (root) {
  'use strict';

  const { svg } = root.CraftyUi.dom;

  // O outline, G/g/L grass, S/s face, W eye white, P cheeks
  const HEAD = [
    'OOOOOOOOOOOOOOOO',
    'OLLGLLGGLGGLLGGO',
    'OGGGgGGLGGgGGGLO',
    'OGgGGGgGGGGGgGgO',
    'OSGSSgSSGSSSGSgO',
    'OSSSSSSSSSSSSSSO',
    'OSWWWWSSSSWWWWSO',
    'OSWWWWSSSSWWWWSO',
    'OSSSSSSSSSSSSSSO',
    'OSPPSSSSSSSSPPSO',
    'OSSSSSSSSSSSSSSO',
    'OSSSSSSSSSSSSSSO',
    'OSSSSSSSSSSSSSSO',
    'OsSSSSSSSSSSSSsO',
    'OssssssssssssssO',
    'OOOOOOOOOOOOOOOO',
  ];
  const PARTS = {
    pupils: ['', '', '', '', '', '', '...KK......KK...', '...KK......KK...'],
    lids: ['', '', '', '', '', '', '..SSSS....SSSS..', '..ssss....ssss..'],
    smile: ['', '', '', '', '', '', '', '', '', '', '.....M....M.....', '......MMMM......'],
    talk: ['', '', '', '', '', '', '', '', '', '', '.....MMMMMM.....', '.....MTTTTM.....', '......MMMM......'],
  };

  const ICONS = {
    mic: ['...XXXX...', '..XXXXXX..', '..XXXXXX..', '..XXXXXX..', '..XXXXXX..', 'X.XXXXXX.X', 'X..XXXX..X',
      '.XX....XX.', '....XX....', '..XXXXXX..'],
    stop: ['', '.XXXXXXXX.', '.XXXXXXXX.', '.XXXXXXXX.', '.XXXXXXXX.', '.XXXXXXXX.', '.XXXXXXXX.', '.XXXXXXXX.',
      '.XXXXXXXX.'],
    pause: ['', '.XXX..XXX.', '.XXX..XXX.', '.XXX..XXX.', '.XXX..XXX.', '.XXX..XXX.', '.XXX..XXX.', '.XXX..XXX.',
      '.XXX..XXX.'],
    play: ['.XX.......', '.XXXX.....', '.XXXXXX...', '.XXXXXXXX.', '.XXXXXXXXX', '.XXXXXXXXX', '.XXXXXXXX.',
      '.XXXXXX...', '.XXXX.....', '.XX.......'],
    send: ['', '.....XX...', '.....XXX..', 'XXXXXXXXX.', 'XXXXXXXXXX', 'XXXXXXXXXX', 'XXXXXXXXX.', '.....XXX..',
      '.....XX...'],
    retry: ['...XXXX.X.', '..XX..XXX.', '.XX...XXX.', '.X...XXXX.', '.X........', '.X......X.', '.XX....XX.',
      '..XX..XX..', '...XXXX...'],
    llm: ['...XXXX...', '..X....X..', '.X..XX..X.', '.X.X..X.X.', '.X...X..X.', '..X..X.X..', '...X..X...',
      '...XXXX...', '...XXXX...', '....XX....'],
    stt: ['...XXXX...', '..XXXXXX..', '..XXXXXX..', '..XXXXXX..', '..XXXXXX..', 'X.XXXXXX.X', 'X..XXXX..X',
      '.XX....XX.', '....XX....', '..XXXXXX..'],
    tts: ['....X.....', '...XX...X.', 'XXXXX..X..', 'XXXXX.X..X', 'XXXXX.X..X', 'XXXXX..X..', '...XX...X.',
      '....X.....'],
    warn: ['....XX....', '....XX....', '...XXXX...', '...X..X...', '..XX..XX..', '..XX..XX..', '.XXXXXXXX.',
      '.XXX..XXX.', 'XXXXXXXXXX'],
    chats: ['XXXXXXX...', 'X.....X...', 'X.XXX.X...', 'X.....XXXX', 'XXX.XXX..X', '.XX.X.XX.X', '.X..X....X',
      '....XXX.XX', '......XX..', '.......X..'],
    plus: ['', '....XX....', '....XX....', '....XX....', '.XXXXXXXX.', '.XXXXXXXX.', '....XX....', '....XX....',
      '....XX....'],
    pencil: ['.......XX.', '......XXXX', '.....XXXX.', '....XXXX..', '...XXXX...', '..XXXX....', '.XXXX.....',
      '.XXX......', 'XX........', 'X.........'],
    trash: ['...XXXX...', 'XXXXXXXXXX', '', '.XXXXXXXX.', '.X.X..X.X.', '.X.X..X.X.', '.X.X..X.X.', '.X.X..X.X.',
      '.X.X..X.X.', '.XXXXXXXX.'],
    close: ['XX......XX', 'XXX....XXX', '.XXX..XXX.', '..XXXXXX..', '...XXXX...', '...XXXX...', '..XXXXXX..',
      '.XXX..XXX.', 'XXX....XXX', 'XX......XX'],
    older: ['....XX....', '...XXXX...', '..XXXXXX..', '.XXXXXXXX.', '....XX....', '....XX....', '....XX....',
      '....XX....', '....XX....', '....XX....'],
  };

  /** SVG rects for a pixel grid, merging horizontal runs of the same letter. */
  function rects(rows) {
    const out = [];
    rows.forEach((row, y) => {
      let x = 0;
      while (x < row.length) {
        const letter = row[x];
        let end = x + 1;
        while (end < row.length && row[end] === letter) {
          end += 1;
        }
        if (letter !== '.' && letter !== ' ') {
          out.push(svg('rect', { x, y, width: end - x, height: 1, class: `px-${letter}` }));
        }
        x = end;
      }
    });
    return out;
  }

  function picture(rows, size, className, extra = []) {
    const width = Math.max(...rows.map((row) => row.length), size);
    return svg('svg', { viewBox: `0 0 ${width} ${size}`, class: className, 'shape-rendering': 'crispEdges',
      'aria-hidden': 'true', focusable: 'false' }, [...rects(rows), ...extra]);
  }

  /** Crafty's head; `mood` is set on the wrapper with data-mood by the app. */
  function avatar(className = 'avatar-svg') {
    const group = (name) => svg('g', { class: `part part-${name}` }, rects(PARTS[name]));
    return picture(HEAD, 16, className, [group('pupils'), group('lids'), group('smile'), group('talk')]);
  }

  function icon(name, className = 'icon') {
    return picture(ICONS[name], 10, `${className} icon-${name}`);
  }

  root.CraftyUi.pixelArt = { avatar, icon, ICON_NAMES: Object.keys(ICONS) };
}(window));
