'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Oldest Java release the sidecar runs on (it is compiled with --release 21). */
const MINIMUM_JAVA = 21;

/** How the sidecar could not be found; `code` names the supervisor state it leads to. */
class SidecarNotFoundError extends Error {
  /**
   * @param {'no-java'|'no-sidecar'} code what is missing
   * @param {string} message a sentence a person can act on
   */
  constructor(code, message) {
    super(message);
    this.name = 'SidecarNotFoundError';
    this.code = code;
  }
}

/**
 * Reads the major version from the first line of `java -version`, like the root ./studio
 * script: `openjdk version "21.0.5" 2024-10-15` is 21, `java version "1.8.0_392"` is 8,
 * `openjdk version "26-ea"` is 26.
 *
 * @param {string} output what `java -version` printed (on stderr)
 * @returns {number|undefined} the major version, or undefined when the text has none
 */
function javaMajor(output) {
  const match = /version "([^"]+)"/.exec(output.split('\n')[0] ?? '');
  if (!match) {
    return undefined;
  }
  const version = match[1].replace(/^1\./, '');
  const major = Number.parseInt(version, 10);
  return Number.isInteger(major) ? major : undefined;
}

/** Runs `<java> -version` and resolves with its major version, or undefined if it fails. */
function probeJava(javaBin) {
  return new Promise((resolve) => {
    execFile(javaBin, ['-version'], { timeout: 10_000, windowsHide: true }, (error, stdout, stderr) => {
      resolve(error ? undefined : javaMajor(`${stderr}${stdout}`));
    });
  });
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Java home of the first `java` on PATH (following symlinks, like `readlink -f`). */
function javaHomeOnPath(env, exe) {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) {
      return path.dirname(path.dirname(fs.realpathSync(candidate)));
    }
  }
  return undefined;
}

function directoriesIn(root) {
  try {
    return fs.readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
      .map((entry) => path.join(root, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Finds a Java runtime of release 21 or newer the way ./studio does: JAVA_HOME, then `java` on
 * the PATH, then every directory under /usr/lib/jvm, taking the first whose `bin/java -version`
 * says 21 or more. (./studio also wants javac because it builds; running the jar does not.)
 *
 * @param {object} [options]
 * @param {Record<string, string|undefined>} [options.env] where JAVA_HOME and PATH come from
 * @param {string} [options.jvmRoot] directory of installed JVMs
 * @param {string} [options.platform] process.platform value
 * @returns {Promise<{javaHome: string, java: string, major: number}>}
 * @throws {SidecarNotFoundError} code 'no-java' when there is none
 */
async function findJava({ env = process.env, jvmRoot = '/usr/lib/jvm', platform = process.platform } = {}) {
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  const candidates = [env.JAVA_HOME, javaHomeOnPath(env, exe), ...directoriesIn(jvmRoot)].filter(Boolean);
  const seen = new Set();
  for (const javaHome of candidates) {
    const java = path.join(javaHome, 'bin', exe);
    if (seen.has(java) || !isExecutable(java)) {
      continue;
    }
    seen.add(java);
    const major = await probeJava(java);
    if (major !== undefined && major >= MINIMUM_JAVA) {
      return { javaHome, java, major };
    }
  }
  throw new SidecarNotFoundError('no-java',
    `No Java ${MINIMUM_JAVA} or newer found (looked at JAVA_HOME, java on the PATH and ${jvmRoot}/*). `
    + `Install one, e.g. 'apt-get install openjdk-21-jre', or point JAVA_HOME at it.`);
}

/** Path of the packaged sidecar runtime's launcher under the app's resources directory. */
function packagedLauncherPath(resourcesPath, platform = process.platform) {
  return path.join(resourcesPath, 'sidecar', 'bin', platform === 'win32' ? 'crafty-sidecar.bat' : 'crafty-sidecar');
}

/**
 * Decides how to start the sidecar: the packaged runtime's launcher when the app ships one,
 * else `java -jar <jarPath>` with a Java found by {@link findJava}.
 *
 * @param {object} options
 * @param {string} [options.resourcesPath] the app's resources directory (process.resourcesPath)
 * @param {string} options.jarPath the voice-server jar for development runs
 * @param {Record<string, string|undefined>} [options.env]
 * @param {string} [options.jvmRoot]
 * @param {string} [options.platform]
 * @returns {Promise<{kind: 'packaged'|'jar', command: string, args: string[], javaMajor?: number}>}
 * @throws {SidecarNotFoundError} 'no-java' or 'no-sidecar'
 */
async function findSidecarLauncher({ resourcesPath, jarPath, env = process.env, jvmRoot, platform = process.platform }) {
  if (resourcesPath) {
    const launcher = packagedLauncherPath(resourcesPath, platform);
    if (fs.existsSync(launcher)) {
      return { kind: 'packaged', command: launcher, args: [] };
    }
  }
  if (!jarPath || !fs.existsSync(jarPath)) {
    throw new SidecarNotFoundError('no-sidecar',
      `The voice server is not built: ${jarPath} is missing. Build it with './studio run' or 'mvn -DskipTests package'.`);
  }
  const { java, major } = await findJava({ env, jvmRoot, platform });
  return { kind: 'jar', command: java, args: ['-jar', jarPath], javaMajor: major };
}

module.exports = {
  findSidecarLauncher, findJava, javaMajor, packagedLauncherPath, SidecarNotFoundError, MINIMUM_JAVA,
};
